/** Sample inputs for elderly care's service orders and recurring orders. */
import { NO_SUCH, type SectionSamples } from '../shared';

const order = '0195a1b2-3c4d-7e5f-8a9b-0000000000e1';
const series = '0195a1b2-3c4d-7e5f-8a9b-0000000000e2';

export const samples: SectionSamples = () => ({
  'eldercare.orders.list': { column: 'new', overdueFirst: true },
  'eldercare.orders.get': { id: order },
  'eldercare.orders.create': { residentId: NO_SUCH.resident, service: 'meal', channel: 'phone', requestedOn: '2026-03-02', note: '午餐送餐' },
  'eldercare.orders.dispatch': { id: order, version: 1, provider: '石嘴山市惠民家政', dueOn: '2026-03-03' },
  'eldercare.orders.complete': { id: order, version: 2, doneOn: '2026-03-03', durationMinutes: 30, costCents: 1500, subsidyCents: 1000 },
  'eldercare.orders.feedback': { id: order, version: 3, satisfaction: 5, comment: '饭菜可口' },
  'eldercare.orders.cancel': { id: order, version: 1, reason: '本人住院' },
  'eldercare.orders.miss': { id: order, version: 2, reason: '上门无人' },
  'eldercare.series.create': {
    residentId: NO_SUCH.resident,
    service: 'meal',
    provider: '大武口区老年食堂',
    rule: { freq: 'weekly', interval: 1, byWeekday: [1, 2, 3, 4, 5] },
    startsOn: '2026-03-02',
    costCents: 1200,
    subsidyCents: 800,
  },
  'eldercare.series.generate': {},
  'eldercare.series.end': { id: series, version: 1, endsOn: '2026-06-30' },
  'eldercare.series.get': { id: series },
  'eldercare.series.list': { status: 'active' },
});
