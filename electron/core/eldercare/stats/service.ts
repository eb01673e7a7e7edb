import type { PartHandlers } from '../../handlers';
import type { statsContract } from '../../../../shared/contract';

/** Statistics (to be filled by its part). */
export const statsHandlers: PartHandlers<typeof statsContract> = {};
