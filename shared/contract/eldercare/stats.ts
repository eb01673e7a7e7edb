/** 养老服务 — stats (to be filled by its part). */
export const statsContract = {};
