/** 养老服务 — orders: its texts (to be filled by its part). */
import { defineMessages } from '../messages';

export const ordersMessages = defineMessages({ 'zh-CN': {}, en: {} });
