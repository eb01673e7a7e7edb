/**
 * Statistics for any period: the period's delivered services (the person-time rule) pre-grouped by
 * month, service, facility, grid and person — whole months from the roll-up person_time_months
 * (./rollup.ts keeps it in step), the days of a month the period covers only in part from the
 * orders themselves — aggregated here by service, facility, grid and month; capacity use;
 * assessments. The `eldercare stats` command calls the same method.
 */
import type { PartHandlers } from '../../handlers';
import type { Ctx } from '../../context';
import type { EldercareStats, statsContract } from '../../../../shared/contract';
import { invalidInput } from '../../errors';
import { addDays, monthRange } from '../../../../shared/domain/eldercare/care';
import { capacityOf } from '../../../../shared/domain/eldercare/facilities';
import { callerMask, personRef, todayOf } from '../care/people';
import { orderViewContext } from '../orders/service';
import { toOrder } from '../orders/views';
import { activeFacilities, assessmentFigureRows, assessmentsDone, assessmentsDueCounts, drillOrders, facilityNames, gridNames, personTimeGroups, personTimeMonthBundles, type DrillColumn } from './repository';

/**
 * Person-times and distinct people of one figure. People are small integers (one per resident, given
 * in order of appearance) marked in a growing byte map: at a year of 600,000 person-times each of
 * ~150,000 person marks lands in five figures, and string sets cost twice as much.
 */
class Tally {
  personTimes = 0;
  people = 0;
  private seen = new Uint8Array(1024);
  add(person: number, n: number): void {
    this.personTimes += n;
    this.mark(person);
  }
  mark(person: number): void {
    if (person >= this.seen.length) {
      const grown = new Uint8Array(Math.max(person + 1, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    if (this.seen[person] === 0) {
      this.seen[person] = 1;
      this.people += 1;
    }
  }
}

function tallyOf<K>(map: Map<K, Tally>, key: K): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = new Tally()));
  return t;
}

/** The months a period touches, 'YYYY-MM', in order. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}


/**
 * How a period is read: the whole months it covers (from the roll-up; null when it covers none) and
 * the days before and after them, each within one month (from the orders) — or, when it covers no
 * whole month, the period itself (under two months) from the orders. Disjoint; together exactly [from, to].
 */
export function periodParts(from: string, to: string): { wholeMonths: [string, string] | null; edges: [string, string][] } {
  if (from > to) return { wholeMonths: null, edges: [] };
  const whole = monthsOf(from, to).filter((m) => {
    const r = monthRange(m);
    return r.first >= from && r.last <= to;
  });
  if (whole.length === 0) return { wholeMonths: null, edges: [[from, to]] };
  const first = monthRange(whole[0]).first;
  const last = monthRange(whole[whole.length - 1]).last;
  const edges: [string, string][] = [];
  if (from < first) edges.push([from, addDays(first, -1)]);
  if (to > last) edges.push([addDays(last, 1), to]);
  return { wholeMonths: [whole[0], whole[whole.length - 1]], edges };
}

export function computeStats(ctx: Ctx, from: string, to: string): EldercareStats {
  const all = new Tally();
  const byService = new Map<string, Tally>();
  const byFacility = new Map<string | null, Tally>();
  const byGrid = new Map<string | null, Tally>();
  const byMonth = new Map<string, Tally>();
  const personOf = new Map<string, number>();
  const personNumber = (residentId: string) => {
    let person = personOf.get(residentId);
    if (person === undefined) personOf.set(residentId, (person = personOf.size));
    return person;
  };
  const { wholeMonths, edges } = periodParts(from, to);
  // Whole months: the roll-up, one row per month, service, facility and grid with its people.
  if (wholeMonths) {
    for (const [month, service, facilityId, gridId, personTimes, residentIds] of personTimeMonthBundles(ctx.db, wholeMonths[0], wholeMonths[1])) {
      const tallies = [all, tallyOf(byService, service), tallyOf(byFacility, facilityId), tallyOf(byGrid, gridId), tallyOf(byMonth, month)];
      for (const t of tallies) t.personTimes += personTimes;
      for (const residentId of residentIds.split(',')) {
        const person = personNumber(residentId);
        for (const t of tallies) t.mark(person);
      }
    }
  }
  // The days of a month the period covers only in part: the orders, grouped down to the person.
  for (const [f, t] of edges) {
    for (const [month, service, facilityId, gridId, residentId, n] of personTimeGroups(ctx.db, f, t)) {
      const person = personNumber(residentId);
      all.add(person, n);
      tallyOf(byService, service).add(person, n);
      tallyOf(byFacility, facilityId).add(person, n);
      tallyOf(byGrid, gridId).add(person, n);
      tallyOf(byMonth, month).add(person, n);
    }
  }
  const facilities = facilityNames(ctx.db);
  const grids = gridNames(ctx.db);
  const desc = <K>(m: Map<K, Tally>) => [...m.entries()].sort((a, b) => b[1].personTimes - a[1].personTimes || String(a[0]).localeCompare(String(b[0])));
  const today = todayOf(ctx);
  const assessments = assessmentsDueCounts(ctx.db, from, to, today);
  return {
    from,
    to,
    personTimes: all.personTimes,
    peopleServed: all.people,
    byService: desc(byService).map(([code, t]) => ({ code, personTimes: t.personTimes, people: t.people })),
    byFacility: desc(byFacility).map(([id, t]) => ({ facilityId: id, name: id === null ? null : (facilities.get(id) ?? null), personTimes: t.personTimes, people: t.people })),
    byGrid: desc(byGrid).map(([id, t]) => ({ gridId: id, name: id === null ? null : (grids.get(id) ?? null), personTimes: t.personTimes, people: t.people })),
    byMonth: monthsOf(from, to).map((month) => ({ month, personTimes: byMonth.get(month)?.personTimes ?? 0, people: byMonth.get(month)?.people ?? 0 })),
    capacity: activeFacilities(ctx.db).map((f) => {
      // The facility page's own capacity rule (stored places are checked counts by kind).
      const places = capacityOf(f.beds, JSON.parse(f.places) as Record<string, number>);
      const served = byFacility.get(f.id)?.people ?? 0;
      return { facilityId: f.id, name: f.name, places, served, use: places > 0 ? served / places : null };
    }),
    assessments: { done: assessmentsDone(ctx.db, from, to), due: assessments.due, overdue: assessments.overdue },
    coverageShare: null,
  };
}

const DRILL_COLUMN: Record<'all' | 'service' | 'facility' | 'grid' | 'people', DrillColumn> = {
  all: null,
  service: 'service',
  facility: 'facility_id',
  grid: 'grid_id',
  people: 'resident_id',
};

export const statsHandlers: PartHandlers<typeof statsContract> = {
  'eldercare.stats': (input, ctx) => computeStats(ctx, input.from, input.to),
  'eldercare.stats.drill': (input, ctx) => {
    let { from, to } = input;
    let column: DrillColumn;
    let key = input.key;
    if (input.dimension === 'month') {
      if (key === null || !/^\d{4}-\d{2}$/.test(key)) throw invalidInput(['key'], 'eldercare.month');
      const m = monthRange(key);
      from = m.first > from ? m.first : from;
      to = m.last < to ? m.last : to;
      column = null;
      key = null;
    } else column = DRILL_COLUMN[input.dimension];
    const v = orderViewContext(ctx);
    if (from > to) return { items: [], total: 0 };
    const { rows, total } = drillOrders(ctx.db, { from, to, column, key }, input.offset, input.limit);
    return { items: rows.map((r) => toOrder(r, v)), total };
  },
  'eldercare.stats.drillAssessments': (input, ctx) => {
    const mask = callerMask(ctx);
    const { rows, total } = assessmentFigureRows(ctx.db, input.figure, { from: input.from, to: input.to, before: todayOf(ctx) }, input.offset, input.limit);
    return { items: rows.map((r) => ({ person: personRef(r, mask), assessmentId: r.assessment_id, assessedOn: r.assessed_on, level: r.level, nextDue: r.next_due })), total };
  },
};
