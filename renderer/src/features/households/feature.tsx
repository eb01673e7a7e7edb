import { defineFeature } from '../../app/registry/feature';

const HOUSEHOLD_ENTITIES = ['households', 'household_members', 'residents'] as const;

/**
 * 户: the household card and its dialogs (move, set head, split, merge) on the resident page, which
 * places them itself. No pages of its own; the grids (网格) a household sits in are listed here too.
 */
export const householdsFeature = defineFeature({
  id: 'households',
  folder: 'households',
  queries: {
    'households.get': HOUSEHOLD_ENTITIES,
    'households.periodsOf': HOUSEHOLD_ENTITIES,
    'grids.list': ['grids'],
  },
});
