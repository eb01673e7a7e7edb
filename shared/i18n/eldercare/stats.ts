/** 养老服务 — stats: its texts (to be filled by its part). */
import { defineMessages } from '../messages';

export const statsMessages = defineMessages({ 'zh-CN': {}, en: {} });
