/** Sample inputs for the 15-minute service circle: coverage, walks, grid areas, the map's data. */
import { type SectionSamples } from '../shared';

const COMPOUND = '0195a1b2-3c4d-7e5f-8a9b-0000000000c1';
const FACILITY = '0195a1b2-3c4d-7e5f-8a9b-0000000000f1';

export const samples: SectionSamples = () => ({
  'eldercare.coverage.compute': {
    minutes: 15,
    service: 'meal',
    whatIf: {
      add: [{ key: 'plan-1', name: '规划助餐点', position: { lng: 106.3842, lat: 39.0151, crs: 'gcj02' }, services: [{ code: 'meal', days: [1, 2, 3, 4, 5] }] }],
      close: [FACILITY],
    },
    list: 'uncovered',
    listOffset: 0,
    listLimit: 50,
  },
  'eldercare.walks.list': { compoundId: COMPOUND },
  'eldercare.walks.save': { compoundId: COMPOUND, facilityId: FACILITY, meters: 850, note: '过天桥', version: null },
  'eldercare.areas.list': {},
  'eldercare.areas.import': { file: '/no/such/areas.geojson', crs: 'gcj02', gridProperty: 'code', dryRun: true },
  'eldercare.areas.remove': { id: '0195a1b2-3c4d-7e5f-8a9b-0000000000a1', version: 1 },
  'eldercare.map.data': {},
});
