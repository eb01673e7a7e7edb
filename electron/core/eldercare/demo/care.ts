/**
 * The care and orders share of the elderly-care demo: a care profile for every older resident (living
 * situation from the register's tags), assessments for most (a few now due), and a year of
 * ten-assistance orders in the article's volume — about 0.8 delivered services per resident a year —
 * each from the facility nearest the resident's compound that offers the service, mostly delivered
 * with feedback, some cancelled, a few still open on the board.
 */
import type { Ctx, JobControl } from '../../context';
import type { WriteContext } from '../../db/writes';
import { uuidv7 } from '../../ids';
import { distanceMeters } from '../../../../shared/domain/eldercare/positions';
import { addDays, addMonths, ageOnDate } from '../../../../shared/domain/eldercare/care';
import { insertAssessment, insertProfile } from '../care/repository';
import { insertOrder } from '../orders/repository';
import type { DemoResident } from './repository';
import { LEVEL_MIX, PERSON_TIMES_PER_RESIDENT_YEAR, pick, SERVICE_MIX } from './plan';

export interface CareDemoInput {
  r: () => number;
  residents: readonly DemoResident[];
  /** Where each resident lives (their compound's WGS-84 point). */
  homeOf: ReadonlyMap<string, { lng: number; lat: number }>;
  facilities: ReadonlyArray<{ id: string; wgs: { lng: number; lat: number }; services: ReadonlyArray<{ code: string; days: number[] }>; beds: number }>;
  today: string;
  inBatches<T>(ctx: Ctx, items: readonly T[], write: (w: WriteContext, item: T) => void, checkpoint: () => Promise<void>): Promise<void>;
}

/** Typical duration (minutes) and price (fen) of one service; the subsidy covers part of it. */
const SERVICE_TERMS: Readonly<Record<string, { minutes: number; cents: number }>> = {
  meal: { minutes: 30, cents: 1200 },
  bath: { minutes: 60, cents: 3000 },
  clean: { minutes: 90, cents: 4000 },
  medical: { minutes: 40, cents: 2000 },
  emergency: { minutes: 30, cents: 0 },
  mobility: { minutes: 60, cents: 2000 },
  shopping: { minutes: 45, cents: 1000 },
  study: { minutes: 90, cents: 0 },
  visit: { minutes: 30, cents: 0 },
  comfort: { minutes: 60, cents: 0 },
};

const CONTACT_NAMES = ['王建华', '李秀英', '张伟', '马小兰', '刘洋', '杨静', '赵军', '周丽'];
const RELATIONS = ['child', 'child', 'relative', 'neighbour'] as const;

export async function writeCareDemo(ctx: Ctx, job: JobControl, input: CareDemoInput): Promise<Record<string, number>> {
  const { r, today } = input;
  const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  const older = input.residents.filter((p) => ageOnDate(p.birth_date, today) >= 60);

  // The facility nearest each home for each service (homes are compounds: few distinct points).
  const nearest = new Map<string, string | null>();
  const nearestFor = (residentId: string, service: string): string | null => {
    const home = input.homeOf.get(residentId);
    if (!home) return null;
    const key = `${home.lng},${home.lat}:${service}`;
    if (!nearest.has(key)) {
      let best: string | null = null;
      let bestDistance = Infinity;
      for (const f of input.facilities) {
        if (!f.services.some((s) => s.code === service)) continue;
        const d = distanceMeters(home, f.wgs);
        if (d < bestDistance) [best, bestDistance] = [f.id, d];
      }
      nearest.set(key, best);
    }
    return nearest.get(key)!;
  };
  const residential = input.facilities.filter((f) => f.beds > 0);

  let profiles = 0;
  let assessments = 0;
  await input.inBatches(
    ctx,
    older,
    (w, p) => {
      const living = p.living_alone ? 'alone' : p.empty_nest ? 'empty_nest' : r() < 0.05 ? 'left_behind' : 'with_family';
      const needs = [...new Set(Array.from({ length: int(0, 2) }, () => pick(r, SERVICE_MIX)))];
      const home = input.homeOf.get(p.id);
      const facility = residential.length && home && r() < 0.15 ? residential[int(0, residential.length - 1)].id : null;
      insertProfile(w, uuidv7(), {
        resident_id: p.id,
        living,
        care_needs: JSON.stringify(needs),
        emergency_contacts: JSON.stringify([{ name: CONTACT_NAMES[int(0, CONTACT_NAMES.length - 1)], relation: RELATIONS[int(0, RELATIONS.length - 1)], phone: `139${String(int(0, 99999999)).padStart(8, '0')}` }]),
        facility_id: facility,
        notes: null,
      });
      profiles += 1;
      if (r() < 0.6) {
        // Assessed within the last 15 months: the ones over 12 are due again.
        const assessedOn = addDays(today, -int(10, 450));
        insertAssessment(w, uuidv7(), { resident_id: p.id, assessed_on: assessedOn, assessor: '石嘴山市养老服务评估中心', level: pick(r, LEVEL_MIX), next_due: addMonths(assessedOn, 12) });
        assessments += 1;
      }
    },
    () => job.checkpoint(0, 1),
  );

  // A year of orders: the office's share of the city's person-times, spread over its older residents.
  const target = Math.round(input.residents.length * PERSON_TIMES_PER_RESIDENT_YEAR);
  const orders: Array<{ resident: DemoResident; service: string; facility: string | null; requested: string }> = [];
  for (let i = 0; older.length && i < target; i++) {
    const resident = older[int(0, older.length - 1)];
    const service = pick(r, SERVICE_MIX);
    orders.push({ resident, service, facility: nearestFor(resident.id, service), requested: addDays(today, -int(0, 364)) });
  }
  let personTimes = 0;
  await input.inBatches(
    ctx,
    orders,
    (w, o) => {
      const terms = SERVICE_TERMS[o.service] ?? { minutes: 30, cents: 0 };
      const dispatched = addDays(o.requested, int(0, 1));
      const done = addDays(dispatched, int(0, 2));
      const recent = done > today;
      const roll = r();
      const status = recent ? (roll < 0.5 ? 'recorded' : 'dispatched') : roll < 0.05 ? 'cancelled' : roll < 0.13 ? 'done' : 'closed';
      const delivered = status === 'done' || status === 'closed';
      if (delivered) personTimes += 1;
      insertOrder(w, uuidv7(), {
        resident_id: o.resident.id,
        service: o.service,
        grid_id: o.resident.grid_id,
        channel: pick(r, [['phone', 5], ['visit', 3], ['desk', 2], ['online', 1]] as const),
        status,
        requested_on: o.requested,
        facility_id: status === 'recorded' ? null : o.facility,
        provider: status === 'recorded' || o.facility ? null : '社区志愿服务队',
        dispatched_on: status === 'recorded' ? null : dispatched,
        due_on: status === 'recorded' ? null : done,
        done_on: delivered ? done : null,
        duration_minutes: delivered ? terms.minutes + int(-10, 20) : null,
        cost_cents: delivered ? terms.cents : null,
        subsidy_cents: delivered ? Math.round(terms.cents / 2) : null,
        satisfaction: status === 'closed' ? pick(r, [[5, 70], [4, 22], [3, 6], [2, 1], [1, 1]] as const) : null,
        feedback_on: status === 'closed' ? addDays(done, int(0, 3)) > today ? today : addDays(done, int(0, 3)) : null,
        cancel_reason: status === 'cancelled' ? pick(r, [['老人住院', 1], ['家属已自行安排', 1], ['临时外出', 1]] as const) : null,
      });
    },
    () => job.checkpoint(0, 1),
  );
  return { careProfiles: profiles, assessments, serviceOrders: orders.length, personTimes };
}
