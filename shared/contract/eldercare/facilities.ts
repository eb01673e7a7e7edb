/** 养老服务 — facilities (to be filled by its part). */
export const facilitiesContract = {};
