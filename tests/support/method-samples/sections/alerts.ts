/** Sample inputs for the shared alert inbox. */
import { type SectionSamples } from '../shared';

const NO_SUCH_ALERT = '0195a1b2-3c4d-7e5f-8a9b-0000000000a1';

export const samples: SectionSamples = () => ({
  'alerts.list': { status: 'active', source: 'eldercare.licence_expiring' },
  'alerts.acknowledge': { id: NO_SUCH_ALERT, version: 1 },
  'alerts.resolve': { id: NO_SUCH_ALERT, version: 1, note: '已续期' },
  'alerts.counts': {},
  'alerts.refresh': {},
});
