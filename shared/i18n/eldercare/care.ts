/** 养老服务 — care: its texts (to be filled by its part). */
import { defineMessages } from '../messages';

export const careMessages = defineMessages({ 'zh-CN': {}, en: {} });
