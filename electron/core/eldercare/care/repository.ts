/** Older residents, care profiles, assessments: all their SQL. Who is older comes from residents.birth_date. */
import type { Db } from '../../db/connection';
import { deleteRecord, insertRecord, prepareCached, updateRecord, type Row, type WriteContext } from '../../db/writes';
import { personTimeSql } from '../../../../shared/domain/eldercare/orders';
import type { AssessmentLevel } from '../../../../shared/domain/eldercare/assessment';
import type { LivingSituation } from '../../../../shared/domain/eldercare/care';
import type { PersonColumns } from './people';

export interface OlderRow extends PersonColumns {
  grid_id: string | null;
  grid_name: string | null;
  register_living_alone: number;
  profile_id: string | null;
  living: LivingSituation | null;
  facility_id: string | null;
  facility_name: string | null;
  level: AssessmentLevel | null;
  assessed_on: string | null;
  next_due: string | null;
}

/** The latest live assessment of resident r (by date, then entry). */
const LATEST_ASSESSMENT = `(SELECT a2.id FROM care_assessments a2 WHERE a2.resident_id = r.id AND a2.deleted_at IS NULL ORDER BY a2.assessed_on DESC, a2.created_at DESC, a2.id DESC LIMIT 1)`;

const OLDER_FROM = `FROM residents r
  LEFT JOIN grids g ON g.id = r.grid_id
  LEFT JOIN care_profiles p ON p.resident_id = r.id AND p.deleted_at IS NULL
  LEFT JOIN facilities f ON f.id = p.facility_id
  LEFT JOIN care_assessments a ON a.id = ${LATEST_ASSESSMENT}`;

const OLDER_COLUMNS = `r.id AS resident_id, r.name, r.id_number, r.birth_date, r.sex, r.grid_id, g.name AS grid_name, r.living_alone AS register_living_alone,
  p.id AS profile_id, p.living, p.facility_id, f.name AS facility_name, a.level, a.assessed_on, a.next_due`;

export interface OlderFilter {
  /** Born on or before: age ≥ the lower bound (60 at least). */
  bornBy: string;
  /** Born after: age ≤ the upper bound. */
  bornAfter?: string;
  namePrefix?: string;
  living?: LivingSituation | 'none';
  level?: AssessmentLevel | 'none';
  gridId?: string;
  facilityId?: string;
}

function olderWhere(f: OlderFilter): { where: string; params: Record<string, string> } {
  const where = ["r.deleted_at IS NULL", "r.status = 'active'", 'r.birth_date <= @bornBy'];
  const params: Record<string, string> = { bornBy: f.bornBy };
  if (f.bornAfter) {
    where.push('r.birth_date > @bornAfter');
    params.bornAfter = f.bornAfter;
  }
  if (f.namePrefix) {
    where.push("r.name >= @nameFrom AND r.name < @nameTo");
    params.nameFrom = f.namePrefix;
    params.nameTo = f.namePrefix + '\uffff';
  }
  if (f.gridId) {
    where.push('r.grid_id = @gridId');
    params.gridId = f.gridId;
  }
  if (f.facilityId) {
    where.push('p.facility_id = @facilityId');
    params.facilityId = f.facilityId;
  }
  if (f.living === 'none') where.push('p.id IS NULL');
  else if (f.living) {
    where.push('p.living = @living');
    params.living = f.living;
  }
  if (f.level === 'none') where.push('a.id IS NULL');
  else if (f.level) {
    where.push('a.level = @level');
    params.level = f.level;
  }
  return { where: where.join(' AND '), params };
}

/** A page of older residents, oldest first. */
export function listOlder(db: Db, f: OlderFilter, offset: number, limit: number): { rows: OlderRow[]; total: number } {
  const { where, params } = olderWhere(f);
  const rows = db.prepare(`SELECT ${OLDER_COLUMNS} ${OLDER_FROM} WHERE ${where} ORDER BY r.birth_date, r.id LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as OlderRow[];
  const total = (db.prepare(`SELECT COUNT(*) AS n ${OLDER_FROM} WHERE ${where}`).get(params) as { n: number }).n;
  return { rows, total };
}

export function findOlderRow(db: Db, residentId: string): (OlderRow & { status: 'active' | 'moved_out' | 'deceased' }) | undefined {
  return db.prepare(`SELECT ${OLDER_COLUMNS}, r.status ${OLDER_FROM} WHERE r.id = ? AND r.deleted_at IS NULL`).get(residentId) as
    | (OlderRow & { status: 'active' | 'moved_out' | 'deceased' })
    | undefined;
}

// --- the worklist ------------------------------------------------------------------------------

export interface WorklistRow extends OlderRow {
  last_contact: string | null;
}

const LAST_CONTACT = `(SELECT MAX(o.done_on) FROM service_orders o WHERE o.resident_id = r.id AND ${personTimeSql('o')})`;

function worklist(db: Db, where: string, params: Record<string, string | number | null>, order: string, limit: number): { rows: WorklistRow[]; total: number } {
  const base = `${OLDER_FROM} WHERE r.deleted_at IS NULL AND r.status = 'active' AND r.birth_date <= @bornBy AND (@gridId IS NULL OR r.grid_id = @gridId) AND ${where}`;
  const rows = db.prepare(`SELECT ${OLDER_COLUMNS}, ${LAST_CONTACT} AS last_contact ${base} ORDER BY ${order} LIMIT @limit`).all({ ...params, limit }) as WorklistRow[];
  const total = (db.prepare(`SELECT COUNT(*) AS n ${base}`).get(params) as { n: number }).n;
  return { rows, total };
}

/** With a profile and never assessed, or the next assessment due on or before `dueBy`. */
export function assessmentsDue(db: Db, p: { bornBy: string; gridId: string | null; dueBy: string }, limit: number) {
  return worklist(db, '((a.id IS NULL AND p.id IS NOT NULL) OR a.next_due <= @dueBy)', p, 'a.next_due IS NOT NULL, a.next_due, r.birth_date', limit);
}

/** Living alone (the profile, or the register's flag without one) with no delivered service since `since`. */
export function aloneNoContact(db: Db, p: { bornBy: string; gridId: string | null; since: string }, limit: number) {
  const alone = "(p.living = 'alone' OR (p.id IS NULL AND r.living_alone = 1))";
  const quiet = `NOT EXISTS (SELECT 1 FROM service_orders o WHERE o.resident_id = r.id AND ${personTimeSql('o')} AND o.done_on >= @since)`;
  return worklist(db, `${alone} AND ${quiet}`, p, 'r.birth_date', limit);
}

/** Born within [from, to] (turning an age this month). */
export function bornBetween(db: Db, p: { bornBy: string; gridId: string | null; from: string; to: string }, limit: number) {
  return worklist(db, 'r.birth_date BETWEEN @from AND @to', p, 'substr(r.birth_date, 6), r.name', limit);
}

// --- profiles -------------------------------------------------------------------------------------

export interface ProfileRow {
  id: string;
  version: number;
  resident_id: string;
  living: LivingSituation;
  care_needs: string;
  emergency_contacts: string;
  facility_id: string | null;
  facility_name: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export function findProfile(db: Db, residentId: string): ProfileRow | undefined {
  return db
    .prepare('SELECT p.*, f.name AS facility_name FROM care_profiles p LEFT JOIN facilities f ON f.id = p.facility_id WHERE p.resident_id = ? AND p.deleted_at IS NULL')
    .get(residentId) as ProfileRow | undefined;
}

export function insertProfile(w: WriteContext, id: string, values: Row): void {
  insertRecord(w, 'care_profiles', id, values);
}

export function updateProfile(w: WriteContext, id: string, expectedVersion: number | null, patch: Row): number {
  return updateRecord(w, 'care_profiles', id, expectedVersion, patch);
}

export function facilityExists(db: Db, id: string): boolean {
  return prepareCached(db, 'SELECT 1 FROM facilities WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

// --- assessments ------------------------------------------------------------------------------------

export interface AssessmentRow {
  id: string;
  version: number;
  resident_id: string;
  assessed_on: string;
  assessor: string;
  self_care: number | null;
  motor: number | null;
  mental: number | null;
  perception: number | null;
  level: AssessmentLevel;
  next_due: string;
  notes: string | null;
  created_at: string;
}

export function assessmentsOf(db: Db, residentId: string): AssessmentRow[] {
  return db
    .prepare('SELECT * FROM care_assessments WHERE resident_id = ? AND deleted_at IS NULL ORDER BY assessed_on DESC, created_at DESC, id DESC')
    .all(residentId) as AssessmentRow[];
}

export function findAssessment(db: Db, id: string): AssessmentRow | undefined {
  return db.prepare('SELECT * FROM care_assessments WHERE id = ? AND deleted_at IS NULL').get(id) as AssessmentRow | undefined;
}

export function insertAssessment(w: WriteContext, id: string, values: Row): void {
  insertRecord(w, 'care_assessments', id, values);
}

export function deleteAssessment(w: WriteContext, id: string, expectedVersion: number): void {
  deleteRecord(w, 'care_assessments', id, expectedVersion);
}

// --- eligibility ------------------------------------------------------------------------------------

export interface EligibilityRow extends PersonColumns {
  grid_id: string | null;
  grid_name: string | null;
  level: AssessmentLevel | null;
}

/**
 * Active residents born on or before `bornBy` (and in the grid), with their latest assessment's level
 * as of `asOf` — oldest first.
 */
export function olderAsOf(db: Db, p: { bornBy: string; asOf: string; gridId: string | null }): EligibilityRow[] {
  return db
    .prepare(
      `SELECT r.id AS resident_id, r.name, r.id_number, r.birth_date, r.sex, r.grid_id, g.name AS grid_name,
        (SELECT a2.level FROM care_assessments a2 WHERE a2.resident_id = r.id AND a2.deleted_at IS NULL AND a2.assessed_on <= @asOf
          ORDER BY a2.assessed_on DESC, a2.created_at DESC, a2.id DESC LIMIT 1) AS level
       FROM residents r LEFT JOIN grids g ON g.id = r.grid_id
       WHERE r.deleted_at IS NULL AND r.status = 'active' AND r.birth_date <= @bornBy AND (@gridId IS NULL OR r.grid_id = @gridId)
       ORDER BY r.birth_date, r.id`,
    )
    .all(p) as EligibilityRow[];
}
