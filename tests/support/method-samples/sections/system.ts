/** Sample inputs for the system section's methods. */
import { type SectionSamples, NO_SUCH } from '../shared';

export const samples: SectionSamples = () => ({
  'system.info': {},
  'system.changes.list': {},
  'system.databaseCheck': {},
  'system.checkIntegrity': {},
  'system.verify': {},
  'jobs.cancel': { jobId: NO_SUCH.job },
});
