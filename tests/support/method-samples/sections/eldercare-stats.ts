/** Sample inputs for elderly care's statistics. */
import { type SectionSamples } from '../shared';

export const samples: SectionSamples = () => ({
  'eldercare.stats': { from: '2026-01-01', to: '2026-03-31' },
  'eldercare.stats.drill': { from: '2026-01-01', to: '2026-03-31', dimension: 'service', key: 'meal', offset: 0, limit: 50 },
  'eldercare.stats.drillAssessments': { from: '2026-01-01', to: '2026-03-31', figure: 'due' },
});
