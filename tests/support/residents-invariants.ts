/**
 * Household invariants read straight from the database file, so a test can check them after any
 * sequence of operations: every live household has members and exactly one head among them, every
 * live resident is in a live household, and the open membership period agrees with the resident row.
 */
import type { Db } from '../../electron/core/db/connection';

interface HouseholdFact {
  id: string;
  head_resident_id: string | null;
}
interface MemberFact {
  id: string;
  household_id: string | null;
  relation: string | null;
}
interface PeriodFact {
  resident_id: string;
  household_id: string;
  relation: string;
}

/** Every broken rule, described; an empty list means the registry is consistent. */
export function householdProblems(db: Db): string[] {
  const problems: string[] = [];
  const households = db.prepare('SELECT id, head_resident_id FROM households WHERE deleted_at IS NULL').all() as HouseholdFact[];
  const residents = db.prepare('SELECT id, household_id, relation FROM residents WHERE deleted_at IS NULL').all() as MemberFact[];
  const open = db
    .prepare('SELECT resident_id, household_id, relation FROM household_members WHERE to_at IS NULL AND deleted_at IS NULL')
    .all() as PeriodFact[];
  const live = new Set(households.map((h) => h.id));

  for (const h of households) {
    const members = residents.filter((r) => r.household_id === h.id);
    if (members.length === 0) problems.push(`household ${h.id} is open but has nobody in it`);
    const heads = members.filter((m) => m.relation === 'head');
    if (members.length > 0 && (heads.length !== 1 || heads[0].id !== h.head_resident_id)) {
      problems.push(`household ${h.id} has head ${h.head_resident_id} but members marked head: [${heads.map((m) => m.id).join(', ')}]`);
    }
  }
  for (const r of residents) {
    if (r.household_id === null || !live.has(r.household_id)) problems.push(`resident ${r.id} is in no open household (${r.household_id})`);
    const periods = open.filter((p) => p.resident_id === r.id);
    if (periods.length !== 1) problems.push(`resident ${r.id} has ${periods.length} open membership periods`);
    else if (periods[0].household_id !== r.household_id || periods[0].relation !== r.relation) {
      problems.push(`resident ${r.id} is ${r.relation} of ${r.household_id} but the open period says ${periods[0].relation} of ${periods[0].household_id}`);
    }
  }
  const liveResidents = new Set(residents.map((r) => r.id));
  for (const p of open) if (!liveResidents.has(p.resident_id)) problems.push(`removed resident ${p.resident_id} still has an open period in ${p.household_id}`);
  return problems;
}
