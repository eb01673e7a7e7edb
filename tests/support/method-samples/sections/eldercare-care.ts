/** Sample inputs for elderly care's older residents, profiles, assessments, worklist and eligibility. */
import { NO_SUCH, type SectionSamples } from '../shared';

export const samples: SectionSamples = () => ({
  'eldercare.older.list': { living: 'alone', ageFrom: 80, offset: 0, limit: 50 },
  'eldercare.worklist': {},
  'eldercare.profile.get': { residentId: NO_SUCH.resident },
  'eldercare.profile.save': {
    residentId: NO_SUCH.resident,
    living: 'alone',
    careNeeds: ['meal', 'clean'],
    emergencyContacts: [{ name: '王芳', relation: 'child', phone: '13895012345' }],
    notes: '行动不便，需送餐上门',
  },
  'eldercare.assessments.add': {
    residentId: NO_SUCH.resident,
    assessedOn: '2026-03-02',
    assessor: '李评估',
    scores: { selfCare: 24, motor: 12, mental: 20, perception: 10 },
  },
  'eldercare.assessments.delete': { id: NO_SUCH.resident2, version: 1 },
  'eldercare.eligibility': { kind: 'allowance', month: '2026-03' },
});
