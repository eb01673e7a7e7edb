/** Sample inputs for the residents section's methods. */
import { type SectionSamples, NO_SUCH, SAMPLE_ID_NUMBER } from '../shared';

export const samples: SectionSamples = () => ({
  'residents.search': { query: '张' },
  'residents.list': {},
  'residents.get': { id: NO_SUCH.resident },
  'residents.checkDuplicates': { name: '张建国', idNumber: SAMPLE_ID_NUMBER },
  'residents.create': { name: '张建国', idNumber: SAMPLE_ID_NUMBER, household: { mode: 'new', address: '朝阳街3号楼2单元' } },
  'residents.update': { id: NO_SUCH.resident, version: 1, phone: '13995123456' },
  'residents.setStatus': { id: NO_SUCH.resident, version: 1, status: 'moved_out', date: '2025-03-01' },
  'residents.revealId': { id: NO_SUCH.resident },
  'residents.merge': { keepId: NO_SUCH.resident, keepVersion: 1, mergeId: NO_SUCH.resident2, mergeVersion: 1 },
});
