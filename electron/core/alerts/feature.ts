/** 提醒 alerts: the shared inbox any module raises alerts into. */
import { defineFeature } from '../feature';
import { alertsHandlers } from './service';

export const alertsFeature = defineFeature({
  folder: 'alerts',
  handlers: alertsHandlers,
  recordTables: ['alerts'],
});
