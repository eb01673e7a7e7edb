/** 审计日志 audit: the tamper-evident trail — every record change, and the actions features record. */
import { defineFeature } from '../feature';
import { auditHandlers } from './service';

export const auditFeature = defineFeature({
  folder: 'audit',
  handlers: auditHandlers,
  auditActions: ['audit.start', 'record.insert', 'record.update', 'record.delete', 'records.batch'],
});
