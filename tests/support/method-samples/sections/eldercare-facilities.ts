/** Sample inputs for elderly care's facilities part: compounds, places, facilities, licences, inspections, scan, import. */
import { type SectionSamples, NO_SUCH } from '../shared';

const NO_SUCH_FACILITY = '0195a1b2-3c4d-7e5f-8a9b-0000000000f1';
const NO_SUCH_RECORD = '0195a1b2-3c4d-7e5f-8a9b-0000000000f2';

export const samples: SectionSamples = () => ({
  'eldercare.compounds.list': {},
  'eldercare.compounds.save': { name: '星海湾小区', address: '大武口区朝阳西街 12 号', position: { lng: 106.3825, lat: 39.0153, crs: 'gcj02' } },
  'eldercare.places.get': { residentId: NO_SUCH.resident },
  'eldercare.places.set': { residentId: NO_SUCH.resident, version: null, position: { lng: 106.3825, lat: 39.0153, crs: 'wgs84' } },
  'eldercare.facilities.list': {},
  'eldercare.facilities.get': { id: NO_SUCH_FACILITY },
  'eldercare.facilities.save': {
    name: '朝阳街道日间照料中心',
    kind: 'day_care',
    operator: 'public_private',
    operatorName: '石嘴山市颐康养老服务有限公司',
    address: '大武口区朝阳西街 8 号',
    position: { lng: 106.3831, lat: 39.0148, crs: 'gcj02' },
    beds: 10,
    places: { day_care: 30, meal_seats: 60 },
    staff: { manager: 1, caregiver: 6, cook: 2 },
    services: [
      { code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] },
      { code: 'bath', days: [6] },
    ],
    openingHours: '08:00–18:00',
  },
  'eldercare.facilities.setStatus': { id: NO_SUCH_FACILITY, version: 1, status: 'closed', on: '2026-12-01' },
  'eldercare.licences.save': { facilityId: NO_SUCH_FACILITY, kind: 'filing', title: '养老机构备案回执', number: '宁石民养备〔2025〕12号', expiresOn: '2027-06-30' },
  'eldercare.licences.remove': { id: NO_SUCH_RECORD, version: 1 },
  'eldercare.inspections.save': {
    facilityId: NO_SUCH_FACILITY,
    inspectedOn: '2026-11-20',
    inspector: '王建国',
    findings: '消防通道堆放杂物',
    rectificationDue: '2026-12-05',
  },
  'eldercare.inspections.remove': { id: NO_SUCH_RECORD, version: 1 },
  // A file that does not exist: the import answers INVALID_INPUT on `file`, which proves it ran.
  'eldercare.import.facilities': { file: '/nonexistent/养老设施.xlsx' },
  'eldercare.import.compounds': { file: '/nonexistent/小区.csv', commit: true },
});
