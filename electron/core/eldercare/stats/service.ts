import type { PartHandlers } from '../../handlers';
import type { statsContract } from '../../../../shared/contract';
import { ContractFailure } from '../../errors';

/** Statistics. */
const notYet = (): never => {
  throw new ContractFailure('NOT_FOUND');
};
export const statsHandlers: PartHandlers<typeof statsContract> = {
  'eldercare.stats': notYet,
  'eldercare.stats.drill': notYet,
  'eldercare.stats.drillAssessments': notYet,
};
