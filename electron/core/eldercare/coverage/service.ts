import type { PartHandlers } from '../../handlers';
import type { coverageContract } from '../../../../shared/contract';

/** The 15-minute service circle, walks, grid areas (to be filled by its part). */
export const COVERAGE_TABLES = ['compound_walks', 'grid_areas'] as const;
export const coverageHandlers: PartHandlers<typeof coverageContract> = {};
