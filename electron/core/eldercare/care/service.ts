import type { PartHandlers } from '../../handlers';
import type { careContract } from '../../../../shared/contract';

/** Care profiles, assessments, eligibility, the worklist (to be filled by its part). */
export const CARE_TABLES = ['care_profiles', 'care_assessments'] as const;
export const careHandlers: PartHandlers<typeof careContract> = {};
