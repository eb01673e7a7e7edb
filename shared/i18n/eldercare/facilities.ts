/** 养老服务 — facilities: its texts (to be filled by its part). */
import { defineMessages } from '../messages';

export const facilitiesMessages = defineMessages({ 'zh-CN': {}, en: {} });
