/** 机构 office: first-run setup, identity and settings. */
import { defineFeature } from '../feature';
import { officeHandlers } from './service';

export const officeFeature = defineFeature({
  folder: 'office',
  handlers: officeHandlers,
  recordTables: ['office', 'settings'],
  auditActions: ['office.setup'],
});
