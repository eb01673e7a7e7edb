/**
 * Older residents (60+, from the register): the list, the worklist, care profiles, capability
 * assessments (GB/T 42195-2022) and eligibility (高龄津贴, the home-care service subsidy).
 */
import type { PartHandlers } from '../../handlers';
import type { Ctx } from '../../context';
import type { CareAssessment, CareProfile, CareView, OlderResident, careContract } from '../../../../shared/contract';
import { ContractFailure, invalidInput } from '../../errors';
import { expectVersion } from '../../db/writes';
import { uuidv7 } from '../../ids';
import { levelFromScores, totalScore, type AssessmentLevel } from '../../../../shared/domain/eldercare/assessment';
import {
  CONTACT_RELATIONS,
  ADVANCED_AGE,
  OLDER_AGE,
  addDays,
  addMonths,
  ageOnDate,
  allowanceBandFor,
  bornBy,
  eligibilityDate,
  homeCareSubsidyFor,
  monthRange,
  turningInMonth,
  type LivingSituation,
} from '../../../../shared/domain/eldercare/care';
import type { EldercareSettings } from '../../../../shared/domain/eldercare/settings';
import { activeCodes, readSettings } from '../settings/service';
import { recentOrdersOf } from '../orders/repository';
import { toOrder } from '../orders/views';
import { orderViewContext } from '../orders/service';
import { callerMask, personRef, todayOf } from './people';
import {
  aloneNoContact,
  assessmentsDue,
  assessmentsOf,
  bornBetween,
  deleteAssessment,
  facilityExists,
  findAssessment,
  findOlderRow,
  findProfile,
  insertAssessment,
  insertProfile,
  listOlder,
  olderAsOf,
  updateProfile,
  type AssessmentRow,
  type OlderRow,
  type WorklistRow,
} from './repository';

export const CARE_TABLES = ['care_profiles', 'care_assessments'] as const;

function toOlder(row: OlderRow, mask: (id: string) => string, today: string): OlderResident {
  return {
    person: personRef(row, mask),
    age: ageOnDate(row.birth_date, today),
    gridId: row.grid_id,
    gridName: row.grid_name,
    living: row.living,
    registerLivingAlone: row.register_living_alone === 1,
    hasProfile: row.profile_id !== null,
    level: row.level,
    lastAssessedOn: row.assessed_on,
    nextAssessmentDue: row.next_due,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
  };
}

function toAssessment(row: AssessmentRow): CareAssessment {
  const scored = row.self_care !== null && row.motor !== null && row.mental !== null && row.perception !== null;
  const scores = scored ? { selfCare: row.self_care!, motor: row.motor!, mental: row.mental!, perception: row.perception! } : null;
  return {
    id: row.id,
    version: row.version,
    residentId: row.resident_id,
    assessedOn: row.assessed_on,
    assessor: row.assessor,
    scores,
    total: scores ? totalScore(scores) : null,
    level: row.level,
    nextDue: row.next_due,
    notes: row.notes,
    createdAt: row.created_at,
  };
}

/** What a resident is eligible for in a month, given their age and latest level then. */
function eligibilityOf(age: number, level: AssessmentLevel | null, settings: EldercareSettings): CareView['eligibility'] {
  const out: CareView['eligibility'] = [];
  const band = allowanceBandFor(age, settings.allowanceBands);
  if (band) out.push({ kind: 'allowance', monthlyCents: band.monthlyCents, fromAge: band.fromAge, toAge: band.toAge, level: null });
  const subsidy = homeCareSubsidyFor(age, level, settings);
  if (subsidy !== null) out.push({ kind: 'homeCareSubsidy', monthlyCents: subsidy, fromAge: null, toAge: null, level });
  return out;
}

export function careView(ctx: Ctx, residentId: string): CareView {
  const row = findOlderRow(ctx.db, residentId);
  if (!row) throw new ContractFailure('NOT_FOUND');
  const mask = callerMask(ctx);
  const today = todayOf(ctx);
  const settings = readSettings(ctx.db);
  const age = ageOnDate(row.birth_date, today);
  const profile = findProfile(ctx.db, residentId);
  const assessments = assessmentsOf(ctx.db, residentId).map(toAssessment);
  const monthEnd = eligibilityDate(today.slice(0, 7));
  const levelThen = assessments.find((a) => a.assessedOn <= monthEnd)?.level ?? null;
  const v = orderViewContext(ctx);
  return {
    person: personRef(row, mask),
    age,
    residentStatus: row.status,
    isOlder: age >= OLDER_AGE,
    registerLivingAlone: row.register_living_alone === 1,
    profile: profile
      ? {
          id: profile.id,
          version: profile.version,
          residentId: profile.resident_id,
          living: profile.living,
          careNeeds: JSON.parse(profile.care_needs) as string[],
          emergencyContacts: readContacts(profile.emergency_contacts),
          facilityId: profile.facility_id,
          facilityName: profile.facility_name,
          notes: profile.notes,
          createdAt: profile.created_at,
          updatedAt: profile.updated_at,
        }
      : null,
    assessments,
    eligibility: row.status === 'active' ? eligibilityOf(ageOnDate(row.birth_date, monthEnd), levelThen, settings) : [],
    recentOrders: recentOrdersOf(ctx.db, residentId, todayOf(ctx), 20).map((o) => toOrder(o, v)),
  };
}

/** Profiles and assessments are kept only for active residents of 60 or over (on the day in question). */
function requireOlder(ctx: Ctx, residentId: string, on: string): void {
  const row = findOlderRow(ctx.db, residentId);
  if (!row) throw new ContractFailure('NOT_FOUND');
  if (row.status !== 'active') throw invalidInput(['residentId'], 'eldercare.resident_inactive');
  const age = ageOnDate(row.birth_date, on);
  if (age < OLDER_AGE) throw invalidInput(['residentId'], 'eldercare.not_older', { age });
}

type Group = { total: number; items: (OlderResident & { lastContactOn: string | null; birthdayOn: string })[] };

function group(rows: { rows: WorklistRow[]; total: number }, mask: (id: string) => string, today: string): Group {
  return {
    total: rows.total,
    items: rows.rows.map((r) => ({
      ...toOlder(r, mask, today),
      lastContactOn: r.last_contact,
      birthdayOn: `${today.slice(0, 4)}${r.birth_date.slice(4)}`,
    })),
  };
}

export const careHandlers: PartHandlers<typeof careContract> = {
  'eldercare.older.list': (input, ctx) => {
    const today = todayOf(ctx);
    const mask = callerMask(ctx);
    const from = Math.max(OLDER_AGE, input.ageFrom ?? OLDER_AGE);
    const { rows, total } = listOlder(
      ctx.db,
      {
        bornBy: bornBy(today, from),
        bornAfter: input.ageTo !== undefined ? bornBy(today, input.ageTo + 1) : undefined,
        namePrefix: input.query || undefined,
        living: input.living,
        level: input.level,
        gridId: input.gridId,
        facilityId: input.facilityId,
      },
      input.offset,
      input.limit,
    );
    return { items: rows.map((r) => toOlder(r, mask, today)), total };
  },
  'eldercare.worklist': (input, ctx) => {
    const today = todayOf(ctx);
    const mask = callerMask(ctx);
    const settings = readSettings(ctx.db);
    const base = { bornBy: bornBy(today, OLDER_AGE), gridId: input.gridId ?? null };
    const month = monthRange(today.slice(0, 7));
    const t60 = turningInMonth(today, OLDER_AGE);
    const t80 = turningInMonth(today, ADVANCED_AGE);
    return {
      today,
      assessmentsDue: group(assessmentsDue(ctx.db, { ...base, dueBy: month.last }, input.limit), mask, today),
      aloneNoContact: group(aloneNoContact(ctx.db, { ...base, since: addDays(today, -settings.aloneNoContactDays) }, input.limit), mask, today),
      // Those turning 60 are not yet 60 before their birthday: the month's last day is the bound.
      turning60ThisMonth: group(bornBetween(ctx.db, { ...base, bornBy: t60.to, ...t60 }, input.limit), mask, today),
      turning80ThisMonth: group(bornBetween(ctx.db, { ...base, ...t80 }, input.limit), mask, today),
    };
  },
  'eldercare.profile.get': (input, ctx) => careView(ctx, input.residentId),
  'eldercare.profile.save': (input, ctx) => {
    requireOlder(ctx, input.residentId, todayOf(ctx));
    const codes = activeCodes(ctx.db, 'service');
    input.careNeeds.forEach((code, i) => {
      if (!codes.has(code)) throw invalidInput(['careNeeds', i], 'eldercare.unknown_service', { code });
    });
    if (input.facilityId && !facilityExists(ctx.db, input.facilityId)) throw invalidInput(['facilityId'], 'eldercare.unknown_facility');
    const values = {
      living: input.living satisfies LivingSituation,
      care_needs: JSON.stringify([...new Set(input.careNeeds)]),
      emergency_contacts: JSON.stringify(input.emergencyContacts),
      facility_id: input.facilityId ?? null,
      notes: input.notes ?? null,
    };
    const existing = findProfile(ctx.db, input.residentId);
    if (existing) {
      // Saving over a profile needs the version the clerk saw (a new-profile form racing another is stale too).
      expectVersion(existing.version, input.version ?? 0);
      updateProfile(ctx.write(), existing.id, existing.version, values);
    } else {
      if (input.version != null) throw new ContractFailure('STALE_VERSION', { current: 0, expected: input.version });
      insertProfile(ctx.write(), uuidv7(), { resident_id: input.residentId, ...values });
    }
    return careView(ctx, input.residentId);
  },
  'eldercare.assessments.add': (input, ctx) => {
    const today = todayOf(ctx);
    if (input.assessedOn > today) throw invalidInput(['assessedOn'], 'eldercare.assessed_in_future');
    requireOlder(ctx, input.residentId, input.assessedOn);
    // Scores decide the level; a level alone (the standard's overriding findings) is taken as given.
    const level = input.scores ? levelFromScores(input.scores) : input.level!;
    const id = uuidv7();
    insertAssessment(ctx.write(), id, {
      resident_id: input.residentId,
      assessed_on: input.assessedOn,
      assessor: input.assessor,
      self_care: input.scores?.selfCare ?? null,
      motor: input.scores?.motor ?? null,
      mental: input.scores?.mental ?? null,
      perception: input.scores?.perception ?? null,
      level,
      next_due: addMonths(input.assessedOn, readSettings(ctx.db).assessmentIntervalMonths),
      notes: input.notes ?? null,
    });
    return toAssessment(findAssessment(ctx.db, id)!);
  },
  'eldercare.assessments.delete': (input, ctx) => {
    const row = findAssessment(ctx.db, input.id);
    if (!row) throw new ContractFailure('NOT_FOUND');
    deleteAssessment(ctx.write(), input.id, input.version);
    return { id: input.id };
  },
  'eldercare.eligibility': (input, ctx) => {
    const settings = readSettings(ctx.db);
    const on = eligibilityDate(input.month);
    const mask = callerMask(ctx);
    const allowance = input.kind === 'allowance';
    const enabled = allowance ? settings.allowanceBands.length > 0 : settings.homeCareSubsidy.enabled;
    const minAge = allowance ? Math.min(...settings.allowanceBands.map((b) => b.fromAge)) : settings.homeCareSubsidy.minAge;
    const rows = enabled ? olderAsOf(ctx.db, { bornBy: bornBy(on, Math.max(OLDER_AGE, minAge)), asOf: on, gridId: input.gridId ?? null }) : [];
    const eligible = rows.flatMap((r) => {
      const age = ageOnDate(r.birth_date, on);
      const entry = eligibilityOf(age, r.level, settings).find((e) => e.kind === input.kind);
      return entry ? [{ person: personRef(r, mask), age, gridId: r.grid_id, gridName: r.grid_name, fromAge: entry.fromAge, toAge: entry.toAge, level: entry.level, monthlyCents: entry.monthlyCents }] : [];
    });
    const groups = new Map<string, { fromAge: number | null; toAge: number | null; level: AssessmentLevel | null; people: number; cents: number }>();
    for (const e of eligible) {
      const key = `${e.fromAge}:${e.toAge}:${e.level}`;
      const g = groups.get(key) ?? { fromAge: e.fromAge, toAge: e.toAge, level: e.level, people: 0, cents: 0 };
      g.people += 1;
      g.cents += e.monthlyCents;
      groups.set(key, g);
    }
    return {
      kind: input.kind,
      month: input.month,
      enabled,
      items: eligible.slice(input.offset, input.offset + input.limit),
      total: eligible.length,
      totalCents: eligible.reduce((s, e) => s + e.monthlyCents, 0),
      groups: [...groups.values()].sort((a, b) => (a.fromAge ?? 0) - (b.fromAge ?? 0) || String(a.level).localeCompare(String(b.level))),
    };
  },
};

/**
 * Stored emergency contacts as the contract shows them. A relation this version does not know (synced
 * from a newer one, written by an older demo) reads as 'other' rather than failing the whole profile.
 */
function readContacts(json: string): CareProfile['emergencyContacts'] {
  const known = new Set<string>(CONTACT_RELATIONS);
  const stored = JSON.parse(json) as Array<{ name?: unknown; relation?: unknown; phone?: unknown }>;
  return stored.map((c) => ({
    name: String(c.name ?? ''),
    relation: typeof c.relation === 'string' && known.has(c.relation) ? (c.relation as CareProfile['emergencyContacts'][number]['relation']) : 'other',
    phone: String(c.phone ?? ''),
  }));
}
