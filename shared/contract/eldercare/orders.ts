/** 养老服务 — orders (to be filled by its part). */
export const ordersContract = {};
