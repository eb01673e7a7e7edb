/** Sample inputs for the drafts section's methods. */
import { type SectionSamples, NO_SUCH } from '../shared';

export const samples: SectionSamples = () => ({
  // Drafts are the caller's own: saving, reading and discarding answer for whoever signs in.
  'drafts.save': { key: 'resident:new', payload: { values: { name: '张建国' } }, baseVersion: null },
  'drafts.get': { key: 'resident:new' },
  'drafts.discard': { key: `resident:${NO_SUCH.resident}` },
  'drafts.list': {},
});
