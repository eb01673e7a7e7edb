/** 户 households: members and relations, moves, splits and merges, with history. */
import { defineFeature } from '../feature';
import { householdsHandlers } from './service';

export const householdsFeature = defineFeature({
  folder: 'households',
  handlers: householdsHandlers,
  recordTables: ['households', 'household_members'],
  counts: { households: 'households' },
});
