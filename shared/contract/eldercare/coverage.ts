/** 养老服务 — coverage (to be filled by its part). */
export const coverageContract = {};
