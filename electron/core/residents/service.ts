/** 居民 residents: register, find, edit, reveal, merge. */
import type { SectionHandlers } from '../handlers';
import type { Ctx } from '../context';
import { ContractFailure, invalidInput } from '../errors';
import { uuidv7 } from '../ids';
import { expectVersion } from '../db/writes';
import { checkIdNumber, maskIdNumber } from '../../../shared/domain/id-number';
import { roleHas } from '../../../shared/domain/roles';
import { checkDisabilityCertificate } from '../../../shared/domain/residents';
import type { ContractIssue } from '../../../shared/contract';
import type { SearchHit } from '../../../shared/contract/residents';
import {
  findLikelyDuplicates,
  findResident,
  findResidentByIdNumber,
  insertResident,
  tombstoneResident,
  updateResident,
  type ResidentRow,
} from './repository';
import { filterSql, listResidents, matchResidents, residentsByExactName, residentsByIdNumber } from './search/repository';
import { planSearch } from './search/plan';
import { toResident } from './mapping';
import { closeMembership, currentMembers, findHousehold, insertHousehold, openMembership, tombstoneHousehold } from '../households';
import { recordAudit } from '../audit';
import { gridExists } from '../grids';

type Fields = Partial<{
  name: string;
  phone: string | null;
  phone2: string | null;
  address: string | null;
  gridId: string | null;
  ethnicity: string | null;
  maritalStatus: string | null;
  hukouType: string | null;
  employment: string | null;
  healthStatus: string | null;
  livingAlone: boolean;
  emptyNest: boolean;
  leftBehind: boolean;
  seriousIllness: boolean;
  disabilityCert: string | null;
  disabilityCategory: number | null;
  disabilityGrade: number | null;
  lowIncomeCategory: string | null;
  notes: string | null;
}>;

const COLUMNS: Record<keyof Fields, string> = {
  name: 'name',
  phone: 'phone',
  phone2: 'phone2',
  address: 'address',
  gridId: 'grid_id',
  ethnicity: 'ethnicity',
  maritalStatus: 'marital_status',
  hukouType: 'hukou_type',
  employment: 'employment',
  healthStatus: 'health_status',
  livingAlone: 'living_alone',
  emptyNest: 'empty_nest',
  leftBehind: 'left_behind',
  seriousIllness: 'serious_illness',
  disabilityCert: 'disability_cert',
  disabilityCategory: 'disability_category',
  disabilityGrade: 'disability_grade',
  lowIncomeCategory: 'low_income_category',
  notes: 'notes',
};

/** Contract fields → storage columns, only those given; empty strings become NULL. */
function toColumns(fields: Fields): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [key, column] of Object.entries(COLUMNS) as [keyof Fields, string][]) {
    const value = fields[key];
    if (value === undefined) continue;
    out[column] = typeof value === 'boolean' ? (value ? 1 : 0) : value === '' ? null : value;
  }
  return out;
}

/** ID-derived columns: the birth date, sex and division are never typed, always read from the ID. */
function idColumns(idNumber: string): Record<string, string | number> {
  const check = checkIdNumber(idNumber);
  if (!check.valid) throw invalidInput(['idNumber'], `residents.id_${check.error.code}`, check.error.params);
  return { id_number: check.normalized, id_legacy: check.legacy ? 1 : 0, birth_date: check.birthDate, sex: check.sex, division_code: check.divisionCode };
}

function duplicateIdFailure(existing: ResidentRow): ContractFailure {
  const params = { existing: `${existing.name} ${maskIdNumber(existing.id_number)}`, existingId: existing.id, existingName: existing.name };
  const issue: ContractIssue = { path: ['idNumber'], code: 'residents.duplicate_id', message: `Already registered as ${existing.name}`, params };
  return new ContractFailure('DUPLICATE_ID', params, [issue]);
}

/** Certificate must begin with the holder's own ID; category and grade are read from it. */
function disabilityColumns(fields: Fields, idNumber: string, current?: ResidentRow): Record<string, string | number | null> {
  const cert = fields.disabilityCert !== undefined ? fields.disabilityCert : current?.disability_cert;
  if (!cert) return fields.disabilityCert === null || fields.disabilityCert === '' ? { disability_cert: null } : {};
  const normalized = cert.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const problem = checkDisabilityCertificate(normalized, idNumber, fields.disabilityCategory, fields.disabilityGrade);
  if (problem) throw invalidInput(['disabilityCert'], problem);
  return { disability_cert: normalized, disability_category: Number(normalized[18]), disability_grade: Number(normalized[19]) };
}

function requireResident(ctx: Ctx, id: string): ResidentRow {
  const row = findResident(ctx.db, id);
  if (!row) throw new ContractFailure('NOT_FOUND');
  return row;
}

function requireGrid(ctx: Ctx, gridId: string | null | undefined, path: string[]): void {
  if (gridId && !gridExists(ctx.db, gridId)) throw invalidInput(path, 'not_found');
}

/** Two writers racing past the pre-check still meet the unique index; answer them the same way. */
function onUniqueId<T>(ctx: Ctx, idNumber: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      const existing = findResidentByIdNumber(ctx.db, idNumber);
      if (existing) throw duplicateIdFailure(existing);
    }
    throw error;
  }
}

/** A caller who may not reveal full IDs gets the strict mask (see maskIdNumberStrict). */
function strictMask(ctx: Pick<Ctx, 'actor'>): boolean {
  return !ctx.actor || !roleHas(ctx.actor.role, 'records.revealId');
}

export const residentsHandlers: SectionHandlers<'residents'> = {
  'residents.search': (input, ctx) => {
    const filters = filterSql(input.filters, ctx.now);
    const strict = strictMask(ctx);
    const items: SearchHit[] = [];
    const seen = new Set<number>();
    const take = (rows: ResidentRow[], match: SearchHit['match']) => {
      for (const row of rows) {
        if (items.length >= input.limit || seen.has(row.n)) continue;
        seen.add(row.n);
        items.push({ ...toResident(row, ctx.now, strict), match });
      }
    };
    // An ID (or its tail) is a question only a role that may see IDs can ask: for anyone else each
    // answer would confirm or narrow a guessed number.
    const steps = planSearch(input.query).filter((step) => !strict || (step.kind !== 'id_exact' && step.kind !== 'id_suffix'));
    for (const step of steps) {
      const room = input.limit - items.length;
      if (room <= 0) break;
      if (step.kind === 'id_exact') take(residentsByIdNumber(ctx.db, step.idNumber, filters), 'id_exact');
      else if (step.kind === 'name_exact') take(residentsByExactName(ctx.db, step.name, filters, room), 'name_exact');
      // Ask for a few more than the room left: rows already shown under a better match are skipped.
      else take(matchResidents(ctx.db, step.index, step.match, filters, room, [...seen].slice(0, 200)), step.kind);
    }
    return { items };
  },

  'residents.list': (input, ctx) => {
    const { rows, total } = listResidents(ctx.db, filterSql(input.filters, ctx.now), input.sort, input.descending, input.offset, input.limit, input.withTotal);
    const strict = strictMask(ctx);
    return { items: rows.map((r) => toResident(r, ctx.now, strict)), total };
  },

  'residents.get': (input, ctx) => toResident(requireResident(ctx, input.id), ctx.now, strictMask(ctx)),

  'residents.checkDuplicates': (input, ctx) => {
    const check = input.idNumber ? checkIdNumber(input.idNumber) : undefined;
    const phone = input.phone?.normalize('NFKC').replace(/[\s-]/g, '');
    const name = input.name.normalize('NFKC').trim().replace(/\s+/g, ' ');
    const rows = findLikelyDuplicates(ctx.db, { name, birthDate: check?.valid ? check.birthDate : undefined, phone: phone || undefined, excludeId: input.excludeId });
    const sameId = check?.valid ? check.normalized : undefined;
    return rows
      .filter((r) => r.id_number !== sameId) // an identical ID is DUPLICATE_ID, reported on save
      .map((r) => ({ id: r.id, name: r.name, idNumberMasked: maskIdNumber(r.id_number), reason: r.reason }));
  },

  'residents.create': (input, ctx) => {
    const existing = findResidentByIdNumber(ctx.db, input.idNumber);
    if (existing) throw duplicateIdFailure(existing);
    const { idNumber, household, ...fields } = input;
    requireGrid(ctx, fields.gridId, ['gridId']);
    const w = ctx.write();
    const id = uuidv7();
    let householdId: string;
    let relation: string;
    let address = fields.address ?? null;
    let gridId = fields.gridId ?? null;
    if (household.mode === 'new') {
      requireGrid(ctx, household.gridId, ['household', 'gridId']);
      householdId = uuidv7();
      relation = 'head';
      address ??= household.address ?? null;
      gridId ??= household.gridId ?? null;
      insertHousehold(w, householdId, { address: household.address ?? address, gridId: household.gridId ?? gridId, headResidentId: id });
    } else {
      const target = findHousehold(ctx.db, household.householdId);
      if (!target) throw invalidInput(['household', 'householdId'], 'not_found');
      householdId = target.id;
      relation = household.relation;
      address ??= target.address;
      gridId ??= target.grid_id;
    }
    const values = {
      ...toColumns(fields),
      ...idColumns(idNumber),
      ...disabilityColumns(fields, idNumber),
      household_id: householdId,
      relation,
      address,
      grid_id: gridId,
    };
    onUniqueId(ctx, idNumber, () => insertResident(w, id, values));
    openMembership(w, { householdId, residentId: id, relation });
    return toResident(requireResident(ctx, id), ctx.now, strictMask(ctx));
  },

  'residents.update': (input, ctx) => {
    const current = requireResident(ctx, input.id);
    const { id, version, idNumber, ...fields } = input;
    requireGrid(ctx, fields.gridId, ['gridId']);
    const finalId = idNumber ?? current.id_number;
    if (idNumber && idNumber !== current.id_number) {
      const other = findResidentByIdNumber(ctx.db, idNumber);
      if (other && other.id !== id) throw duplicateIdFailure(other);
    }
    const patch = {
      ...toColumns(fields),
      ...(idNumber && idNumber !== current.id_number ? idColumns(idNumber) : {}),
      ...disabilityColumns(fields, finalId, current),
    };
    onUniqueId(ctx, finalId, () => updateResident(ctx.write(), id, version, patch));
    return toResident(requireResident(ctx, id), ctx.now, strictMask(ctx));
  },

  'residents.setStatus': (input, ctx) => {
    requireResident(ctx, input.id);
    updateResident(ctx.write(), input.id, input.version, { status: input.status, status_date: input.status === 'active' ? null : input.date });
    return toResident(requireResident(ctx, input.id), ctx.now, strictMask(ctx));
  },

  'residents.revealId': (input, ctx) => {
    const row = requireResident(ctx, input.id);
    // The audit entry is the one record of who saw whose number, why and when; it names the resident
    // and the purpose given, and the number itself never enters the trail.
    recordAudit(ctx, 'id.reveal', { purpose: input.purpose, disabilityCert: row.disability_cert !== null }, { entity: 'residents', entityId: row.id, fields: ['id_number'] });
    return { idNumber: row.id_number, disabilityCert: row.disability_cert };
  },

  'residents.merge': (input, ctx) => {
    if (input.keepId === input.mergeId) throw invalidInput(['mergeId'], 'residents.merge_self');
    const keep = requireResident(ctx, input.keepId);
    const merge = requireResident(ctx, input.mergeId);
    expectVersion(keep.version, input.keepVersion);
    expectVersion(merge.version, input.mergeVersion);
    const w = ctx.write();
    // The kept record takes whatever it lacks from the other one; nothing it has is overwritten.
    const fill: Record<string, string | number | null> = {};
    for (const column of Object.values(COLUMNS)) {
      const k = column as keyof ResidentRow;
      if ((keep[k] === null || keep[k] === 0) && merge[k] !== null && merge[k] !== 0) fill[column] = merge[k] as string | number;
    }
    // A certificate number begins with its holder's ID: the other record's is not one of the kept
    // record (taking it would make every later edit fail disability_cert_id). Category and grade stay.
    if (fill.disability_cert != null && checkDisabilityCertificate(String(fill.disability_cert), keep.id_number) !== null) delete fill.disability_cert;
    if (merge.household_id && merge.relation === 'head') {
      const others = currentMembers(ctx.db, merge.household_id).filter((m) => m.resident_id !== merge.id);
      if (others.length > 0) {
        throw invalidInput(['mergeId'], 'residents.merge_head');
      }
    }
    if (Object.keys(fill).length) updateResident(w, keep.id, keep.version, fill);
    closeMembership(w, merge.id);
    updateResident(w, merge.id, merge.version, { merged_into: keep.id, household_id: null });
    tombstoneResident(w, merge.id, null);
    if (merge.household_id && merge.relation === 'head') {
      const emptied = findHousehold(ctx.db, merge.household_id);
      if (emptied) tombstoneHousehold(w, emptied.id, null);
    }
    return toResident(requireResident(ctx, keep.id), ctx.now, strictMask(ctx));
  },
};
