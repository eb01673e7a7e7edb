/** 养老服务 — care (to be filled by its part). */
export const careContract = {};
