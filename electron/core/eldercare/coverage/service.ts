import type { PartHandlers } from '../../handlers';
import type { coverageContract } from '../../../../shared/contract';

/** The 15-minute service circle, walks, grid areas (being built: the contract is settled first). */
export const COVERAGE_TABLES = ['compound_walks', 'grid_areas'] as const;

const notYet = (): never => {
  throw new Error('eldercare coverage: not built yet');
};

export const coverageHandlers: PartHandlers<typeof coverageContract> = {
  'eldercare.coverage.compute': notYet,
  'eldercare.walks.list': notYet,
  'eldercare.walks.save': notYet,
  'eldercare.areas.list': notYet,
  'eldercare.areas.import': notYet,
  'eldercare.areas.remove': notYet,
  'eldercare.map.data': notYet,
};
