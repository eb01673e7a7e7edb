/** Sample inputs for the households section's methods. */
import { type SectionSamples, NO_SUCH } from '../shared';

export const samples: SectionSamples = () => ({
  'households.get': { id: NO_SUCH.household },
  'households.periodsOf': { residentId: NO_SUCH.resident },
  'households.update': { id: NO_SUCH.household, version: 1, address: '朝阳街5号' },
  'households.moveMember': { residentId: NO_SUCH.resident, to: { mode: 'new', address: '朝阳街7号' } },
  'households.setHead': { id: NO_SUCH.household, version: 1, headResidentId: NO_SUCH.resident },
  'households.split': { id: NO_SUCH.household, version: 1, memberIds: [NO_SUCH.resident2], newHeadId: NO_SUCH.resident2 },
  'households.merge': { keepId: NO_SUCH.household, keepVersion: 1, mergeId: NO_SUCH.household2, mergeVersion: 1 },
});
