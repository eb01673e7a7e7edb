/** Sample inputs for the grids section's methods. */
import { type SectionSamples } from '../shared';

export const samples: SectionSamples = () => ({
  'grids.list': {},
  'grids.create': { code: 'G01', name: '第一网格', worker: '刘红' },
});
