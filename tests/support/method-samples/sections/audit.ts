/** Sample inputs for the audit section's methods. */
import { type SectionSamples } from '../shared';

export const samples: SectionSamples = () => ({
  'audit.list': { action: 'login', limit: 10 },
  'audit.facets': {},
  'audit.head': {},
  'audit.verify': {},
});
