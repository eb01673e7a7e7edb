/** 提醒 alerts: the shared inbox (to be filled). */
import { defineMessages } from './messages';

export const alertsMessages = defineMessages({ 'zh-CN': {}, en: {} });
