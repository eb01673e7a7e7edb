/** 养老服务 — coverage: its texts (to be filled by its part). */
import { defineMessages } from '../messages';

export const coverageMessages = defineMessages({ 'zh-CN': {}, en: {} });
