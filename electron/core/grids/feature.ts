/** 网格 grids: the office's grid-governance areas. */
import { defineFeature } from '../feature';
import { gridsHandlers } from './service';

export const gridsFeature = defineFeature({
  folder: 'grids',
  handlers: gridsHandlers,
  recordTables: ['grids'],
  counts: { grids: 'grids' },
});
