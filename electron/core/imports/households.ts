/**
 * Households from a roster. Offices mark them in one of a few ways, tried in this order:
 * a household number column (户编号), the head's ID number on every member's row (户主身份证号),
 * the head's name (户主姓名, taken together with the address), or only a relation column where a
 * 户主/本人 row starts a household and the rows under it are its members. Without any of these,
 * every new person heads a household of their own.
 *
 * Registered residents are never moved between households by an import; a new member whose head
 * is already registered joins the head's household.
 */
import { maskIdNumber } from '../../../shared/domain/id-number';
import type { Relation } from '../../../shared/domain/residents';
import type { FieldColumns, CheckedRow, RowIssue } from './validate';

export type GroupingMode = 'key' | 'headId' | 'headName' | 'sequential' | 'single';

export interface HouseholdPlan {
  /** The registered household new members join, or null when the import creates one. */
  existingHouseholdId: string | null;
  /** The new head (null when joining a registered household). */
  head: CheckedRow | null;
  members: { row: CheckedRow; relation: Relation }[];
  address: string | null;
  gridId: string | null;
}

export function groupingMode(columns: FieldColumns): GroupingMode {
  if (columns.householdKey !== undefined) return 'key';
  if (columns.headIdNumber !== undefined) return 'headId';
  if (columns.headName !== undefined) return 'headName';
  if (columns.relation !== undefined) return 'sequential';
  return 'single';
}

/**
 * Put the rows into households; rows whose household cannot be formed get an issue. Only rows that
 * would create a resident take part: a registered resident stays where they are.
 * `findHeadHousehold` finds the household of a registered head by ID number (headId mode).
 */
export function planHouseholds(rows: CheckedRow[], mode: GroupingMode, findHeadHousehold: (idNumber: string) => string | null): HouseholdPlan[] {
  const groups: CheckedRow[][] = [];
  const addIssue = (r: CheckedRow, code: string, params: RowIssue['params'] = {}) => r.issues.push({ field: 'household', code, params });
  if (mode === 'single') {
    for (const r of rows) groups.push([r]);
  } else if (mode === 'sequential') {
    let current: CheckedRow[] | null = null;
    for (const r of rows) {
      // A blank relation is read as a person on their own: the usual way single-person households appear.
      if (r.relation === 'head' || r.relation === null) {
        current = [r];
        groups.push(current);
      } else if (current) {
        current.push(r);
      } else {
        groups.push([r]); // a member before any head: reported below as having no head
      }
    }
  } else {
    const byKey = new Map<string, CheckedRow[]>();
    for (const r of rows) {
      const key = mode === 'key' ? r.householdKey : mode === 'headId' ? r.headIdNumber : r.headName ? `${r.headName}\u0001${String(r.values.address ?? '')}` : '';
      if (!key) {
        groups.push([r]);
        continue;
      }
      let group = byKey.get(key);
      if (!group) {
        byKey.set(key, (group = []));
        groups.push(group);
      }
      group.push(r);
    }
  }

  const plans: HouseholdPlan[] = [];
  for (const group of groups) {
    const head = chooseHead(group, mode);
    for (const extra of group.filter((r) => r.relation === 'head' && r !== head)) addIssue(extra, 'imports.household_two_heads', { row: head?.row ?? 0 });
    const creating = group.filter((r) => !r.existing);
    if (creating.length === 0) continue;
    if (head && head.issues.length > 0) {
      for (const r of creating) if (r !== head) addIssue(r, 'imports.household_head_invalid', { row: head.row });
      continue;
    }
    if (!head) {
      // The head may be registered already (only the head-ID layout can name them).
      const registered = mode === 'headId' && group[0].headIdNumber ? findHeadHousehold(group[0].headIdNumber) : null;
      if (registered) {
        plans.push({ existingHouseholdId: registered, head: null, members: creating.map((r) => ({ row: r, relation: memberRelation(r) })), address: null, gridId: null });
      } else {
        // The head's number goes into the message masked, like every ID number that leaves the core.
        const headId = mode === 'headId' ? group[0].headIdNumber : '';
        for (const r of creating) addIssue(r, headId ? 'imports.head_not_in_file' : 'imports.household_no_head', headId ? { value: maskIdNumber(headId) } : {});
      }
      continue;
    }
    const members = creating.filter((r) => r !== head && !(r.relation === 'head')).map((r) => ({ row: r, relation: memberRelation(r) }));
    if (head.existing) {
      if (!head.existing.household_id) {
        for (const m of members) addIssue(m.row, 'imports.household_head_invalid', { row: head.row });
        continue;
      }
      if (members.length) plans.push({ existingHouseholdId: head.existing.household_id, head: null, members, address: null, gridId: null });
      continue;
    }
    plans.push({
      existingHouseholdId: null,
      head,
      members,
      address: typeof head.values.address === 'string' ? head.values.address : null,
      gridId: typeof head.values.grid_id === 'string' ? head.values.grid_id : null,
    });
  }
  return plans;
}

function chooseHead(group: CheckedRow[], mode: GroupingMode): CheckedRow | null {
  const marked = group.find((r) => r.relation === 'head');
  if (marked) return marked;
  if (mode === 'headId') return group.find((r) => r.idNumber && r.idNumber === r.headIdNumber) ?? null;
  if (mode === 'headName') return group.find((r) => r.name === r.headName) ?? null;
  if (mode === 'single') return group[0];
  if (mode === 'sequential') return group[0].relation === null ? group[0] : null;
  // Household numbers without a relation column: the first row of each household is its head.
  return group.every((r) => r.relation === null) ? group[0] : null;
}

function memberRelation(r: CheckedRow): Exclude<Relation, 'head'> {
  return r.relation && r.relation !== 'head' ? r.relation : 'other';
}
