/** 居民 residents: the register, search, duplicates, status, ID reveals and merges. */
import { defineFeature } from '../feature';
import { residentsHandlers } from './service';
import { keepSearchInStep } from './repository';

export const residentsFeature = defineFeature({
  folder: 'residents',
  handlers: residentsHandlers,
  recordTables: ['residents'],
  counts: { residents: 'residents' },
  auditActions: ['id.reveal'],
  onRecordChange: keepSearchInStep,
});
