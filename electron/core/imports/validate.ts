/**
 * One row, checked with the same rules as the registration form: the cells become the form's input
 * and go through the contract's `residentCreateSchema` (ID check digit, phone, lengths …), then the
 * service's own checks (disability certificate), then what only a spreadsheet can get wrong: a
 * mangled ID, a birth date or sex that disagrees with the ID, a value that is no known code.
 */
import { createHash } from 'node:crypto';
import { residentCreateSchema } from '../../../shared/contract/residents';
import { toContractIssues } from '../../../shared/contract/issues';
import type { ImportField } from '../../../shared/contract/imports';
import { checkIdNumber } from '../../../shared/domain/id-number';
import type { CodeTable } from '../../../shared/domain/import-issues';
import { checkDisabilityCertificate, type Relation } from '../../../shared/domain/residents';
import type { Row } from '../db/writes';
import { cellText, isMangledNumber, parseDate, type Cell } from './cells';
import { isNone, readCode, readFlag } from './values';
import type { ExistingResident } from './repository';

export type FieldColumns = Partial<Record<ImportField, number>>;

export interface RowIssue {
  field: ImportField | 'household';
  code: string;
  params: Record<string, string | number>;
}

/** A non-blank row after its own checks (household checks come later, over all rows). */
export interface CheckedRow {
  row: number;
  issues: RowIssue[];
  /** Normalized ID number; '' when it did not pass. */
  idNumber: string;
  name: string;
  relation: Relation | null;
  householdKey: string;
  headIdNumber: string;
  headName: string;
  /** Storage columns the row gives (only those it has values for). */
  values: Row;
  existing: ExistingResident | null;
  /** For a registered resident: the columns whose values the row changes. */
  patch: Row | null;
  /** The row's content, for telling an exact repeat from a conflicting one. */
  signature: string;
}

export interface RowContext {
  today: Date;
  /** Grid code or name (as typed, normalized) → grid id. */
  grids: Map<string, string>;
  findExisting(idNumber: string): ExistingResident | undefined;
}

/** Contract field → import field, for issues the form's schema reports. */
const SCHEMA_FIELD: Record<string, ImportField> = { gridId: 'grid', household: 'relation' };

const FLAG_FIELDS = [
  ['livingAlone', 'living_alone'],
  ['emptyNest', 'empty_nest'],
  ['leftBehind', 'left_behind'],
  ['seriousIllness', 'serious_illness'],
] as const;

const CODED_FIELDS = [
  ['maritalStatus', 'marital_status'],
  ['hukouType', 'hukou_type'],
  ['employment', 'employment'],
  ['healthStatus', 'health_status'],
] as const;

/** `null` for a blank row (every mapped cell empty). */
export function checkRow(row: number, cells: Cell[], columns: FieldColumns, ctx: RowContext): CheckedRow | null {
  const text: Partial<Record<ImportField, string>> = {};
  let blank = true;
  for (const [field, column] of Object.entries(columns) as [ImportField, number][]) {
    const t = cellText(cells[column] ?? null);
    if (t) blank = false;
    text[field] = t;
  }
  if (blank) return null;
  const get = (f: ImportField) => text[f] ?? '';
  const issues: RowIssue[] = [];
  const issue = (field: RowIssue['field'], code: string, params: RowIssue['params'] = {}) => issues.push({ field, code, params });

  // The form's input, built from the cells; blank cells are left out so they never erase anything.
  const input: Record<string, unknown> = { name: get('name'), idNumber: get('idNumber'), household: { mode: 'new' } };
  const optional = (key: string, field: ImportField) => {
    if (get(field)) input[key] = get(field);
  };
  optional('phone', 'phone');
  optional('phone2', 'phone2');
  optional('address', 'address');
  optional('ethnicity', 'ethnicity');
  optional('notes', 'notes');
  optional('disabilityCert', 'disabilityCert');
  if (get('grid')) {
    const gridId = ctx.grids.get(get('grid'));
    if (gridId) input.gridId = gridId;
    else issue('grid', 'imports.grid_unknown', { value: get('grid') });
  }
  for (const [field] of CODED_FIELDS) codedInput(field, field);
  if (get('lowIncomeCategory')) {
    if (isNone(get('lowIncomeCategory'))) input.lowIncomeCategory = null;
    else codedInput('lowIncomeCategory', 'lowIncomeCategory');
  }
  for (const [field] of FLAG_FIELDS) {
    if (!get(field)) continue;
    const flag = readFlag(get(field));
    if (flag === undefined) issue(field, 'imports.unknown_value', { value: get(field), table: 'flag' });
    else input[field] = flag;
  }
  function codedInput(key: string, field: ImportField & CodeTable) {
    if (!get(field)) return;
    const code = readCode(field, get(field));
    if (code === undefined) issue(field, 'imports.unknown_value', { value: get(field), table: field });
    else input[key] = code;
  }

  // Excel keeps 15 significant digits: a numeric ID cell has lost its tail whatever it shows.
  const mangled = columns.idNumber !== undefined && isMangledNumber(cells[columns.idNumber] ?? null);
  if (mangled) issue('idNumber', 'residents.id_excel_mangled');
  const parsed = residentCreateSchema.safeParse(input);
  if (!parsed.success) {
    for (const i of toContractIssues(parsed.error)) {
      const field = (SCHEMA_FIELD[String(i.path[0])] ?? String(i.path[0])) as ImportField;
      if (mangled && field === 'idNumber') continue;
      issue(field, i.code, i.params ?? {});
    }
  }

  const check = mangled ? null : checkIdNumber(get('idNumber'), ctx.today);
  const idNumber = check?.valid ? check.normalized : '';
  const values: Row = {};
  if (parsed.success) {
    const f = parsed.data;
    values.name = f.name;
    for (const [key, column] of [['phone', 'phone'], ['phone2', 'phone2'], ['address', 'address'], ['ethnicity', 'ethnicity'], ['notes', 'notes'], ['gridId', 'grid_id']] as const) {
      const v = f[key];
      if (v !== undefined && v !== null && v !== '') values[column] = v;
    }
    for (const [key, column] of CODED_FIELDS) if (f[key]) values[column] = f[key];
    if (f.lowIncomeCategory !== undefined) values.low_income_category = f.lowIncomeCategory;
    for (const [key, column] of FLAG_FIELDS) if (f[key] !== undefined) values[column] = f[key] ? 1 : 0;
    if (f.disabilityCert) {
      const cert = f.disabilityCert.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
      const problem = checkDisabilityCertificate(cert, idNumber, null, null);
      if (problem) issue('disabilityCert', problem);
      else Object.assign(values, { disability_cert: cert, disability_category: Number(cert[18]), disability_grade: Number(cert[19]) });
    }
  }
  if (check?.valid) {
    Object.assign(values, { id_number: check.normalized, id_legacy: check.legacy ? 1 : 0, birth_date: check.birthDate, sex: check.sex, division_code: check.divisionCode });
    // The ID is the source of truth; a birth date or sex column only has to agree with it.
    if (get('birthDate')) {
      const date = parseDate(cells[columns.birthDate!] ?? null);
      if (!date) issue('birthDate', 'imports.birth_date_invalid', { value: get('birthDate') });
      else if (date !== check.birthDate) issue('birthDate', 'imports.birth_date_mismatch', { date, idDate: check.birthDate });
    }
    if (get('sex')) {
      const sex = readCode('sex', get('sex'));
      if (sex === undefined) issue('sex', 'imports.unknown_value', { value: get('sex'), table: 'sex' });
      else if (sex !== check.sex) issue('sex', 'imports.sex_mismatch', { value: get('sex'), idSex: check.sex });
    }
  }

  let relation: Relation | null = null;
  if (get('relation')) {
    const code = readCode('relation', get('relation'));
    // An unknown word still says "not the head": the row stays with the household above it.
    if (code === undefined) issue('relation', 'imports.unknown_value', { value: get('relation'), table: 'relation' });
    relation = code ?? 'other';
  }

  const existing = idNumber ? (ctx.findExisting(idNumber) ?? null) : null;
  let patch: Row | null = null;
  if (existing && parsed.success) {
    if (existing.name !== values.name) issue('name', 'imports.id_name_mismatch', { name: existing.name });
    patch = {};
    for (const [column, value] of Object.entries(values)) {
      if (column === 'id_number' || column === 'id_legacy' || column === 'birth_date' || column === 'sex' || column === 'division_code') continue;
      if (existing.row[column] !== value) patch[column] = value;
    }
  }

  const headId = get('headIdNumber') ? checkIdNumber(get('headIdNumber'), ctx.today) : null;
  return {
    row,
    issues,
    idNumber,
    name: typeof values.name === 'string' ? values.name : get('name'),
    relation,
    householdKey: get('householdKey'),
    headIdNumber: headId ? headId.normalized : '',
    headName: get('headName'),
    values,
    existing,
    patch,
    // What the row means rather than how it is typed: 1952/3/15 and 1952年3月15日 repeat each other.
    // Kept as a digest: 100,000 rows' worth of JSON would cost tens of megabytes until the end.
    signature: createHash('sha1').update(JSON.stringify([values, relation, get('householdKey'), get('headIdNumber'), get('headName'), issues.length])).digest('base64'),
  };
}
