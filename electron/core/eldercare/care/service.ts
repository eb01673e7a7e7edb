import type { PartHandlers } from '../../handlers';
import type { careContract } from '../../../../shared/contract';
import { ContractFailure } from '../../errors';

/** Care profiles, assessments, eligibility, the worklist. */
export const CARE_TABLES = ['care_profiles', 'care_assessments'] as const;
const notYet = (): never => {
  throw new ContractFailure('NOT_FOUND');
};
export const careHandlers: PartHandlers<typeof careContract> = {
  'eldercare.older.list': notYet,
  'eldercare.worklist': notYet,
  'eldercare.profile.get': notYet,
  'eldercare.profile.save': notYet,
  'eldercare.assessments.add': notYet,
  'eldercare.assessments.delete': notYet,
  'eldercare.eligibility': notYet,
};
