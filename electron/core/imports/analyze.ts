/**
 * The read-and-check pass shared by preview and import: open the file, find the header and the
 * mapping, check every row, find repeats and households. Reads the database, never writes it.
 */
import path from 'node:path';
import type { ColumnMapping, ImportSource } from '../../../shared/contract/imports';
import { translate, type Language } from '../../../shared/i18n';
import type { Ctx, JobControl } from '../context';
import { invalidInput } from '../errors';
import { HEADER_SCAN_ROWS, detectHeader, headerFromRows, layoutOf, mappingOf, type HeaderBlock } from './headers';
import { groupingMode, planHouseholds, type HouseholdPlan } from './households';
import { existingResidentFinder, existingResidentsAmong, findMapping, gridLookup, type ExistingResident } from './repository';
import { cellText } from './cells';
import { normalizeIdNumber } from '../../../shared/domain/id-number';
import { ImportFileError, openSource, type OpenedSource, type SheetRow } from './source';
import { checkRow, type CheckedRow, type FieldColumns } from './validate';

export interface Analysis {
  source: OpenedSource;
  header: HeaderBlock;
  mapping: ColumnMapping[];
  mappingSource: 'input' | 'remembered' | 'recognized';
  layout: string;
  columns: FieldColumns;
  /** Non-blank rows that are not exact repeats, in file order, each with its issues. */
  rows: CheckedRow[];
  plans: HouseholdPlan[];
  blank: number;
  duplicates: number;
}

/** Rows between progress reports (each report also yields to other work). */
const CHECKPOINT_ROWS = 1000;

/**
 * Progress is in rows, the total estimated from the bytes read so far; `share` is the part of the
 * job this pass is (an import also writes every row, so it reads as half), so the bar moves evenly.
 */
export async function analyze(input: ImportSource, ctx: Ctx, job: JobControl, share = 1): Promise<Analysis> {
  let source: OpenedSource;
  try {
    source = await openSource(input.file, input.sheet);
  } catch (error) {
    throw fileFailure(error, input.language);
  }
  try {
    return await analyzeSource(source, input, ctx, job, share);
  } catch (error) {
    // Workbooks often open with a cover or notes sheet: unless a sheet was named, take the first
    // sheet whose header can be found.
    if (!(error instanceof ImportFileError && error.code === 'imports.no_header') || input.sheet !== undefined || source.format !== 'xlsx') {
      throw fileFailure(error, input.language);
    }
    for (const sheet of source.sheets().slice(1)) {
      try {
        return await analyzeSource(await openSource(input.file, sheet), { ...input, sheet }, ctx, job, share);
      } catch (next) {
        if (!(next instanceof ImportFileError && next.code === 'imports.no_header')) throw fileFailure(next, input.language);
      }
    }
    throw fileFailure(error, input.language);
  }
}

async function analyzeSource(source: OpenedSource, input: ImportSource, ctx: Ctx, job: JobControl, share: number): Promise<Analysis> {
  const iterator = source.rows();
  const head: SheetRow[] = [];
  const scanUntil = Math.max(HEADER_SCAN_ROWS, input.header?.last ?? 0);
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    if (next.value.row >= scanUntil) break;
  }
  let header: HeaderBlock | null;
  if (input.header) {
    if (input.header.first > input.header.last || !head.some((r) => r.row >= input.header!.first && r.row <= input.header!.last)) {
      throw new ImportFileError('imports.header_rows', { first: input.header.first, last: input.header.last });
    }
    header = headerFromRows(head, input.header.first, input.header.last);
  } else {
    header = detectHeader(head);
  }
  if (!header) {
    if (!input.mapping) throw new ImportFileError('imports.no_header', { rows: HEADER_SCAN_ROWS });
    // The clerk said what each column is: without a recognizable header, data starts at row 1.
    header = { first: 0, last: 0, columns: [] };
  }
  const layout = layoutOf(header);
  const remembered = input.mapping ? undefined : findMapping(ctx.db, layout);
  const mapping: ColumnMapping[] = input.mapping ?? (remembered?.mapping as ColumnMapping[] | undefined) ?? mappingOf(header);
  const mappingSource = input.mapping ? 'input' : remembered ? 'remembered' : 'recognized';
  const columns = columnsOf(mapping, input.language);

  const findExisting = existingResidentFinder(ctx.db);
  let known = new Map<string, ExistingResident>();
  const rowCtx = { today: ctx.now, grids: gridLookup(ctx.db), findExisting: (idNumber: string) => known.get(idNumber) };
  const rows: CheckedRow[] = [];
  const seen = new Map<string, { row: number; signature: string }>();
  let blank = 0;
  let duplicates = 0;
  let count = 0;
  const size = source.facts.size;
  const take = (r: SheetRow) => {
    count += 1;
    const checked = checkRow(r.row, r.cells, columns, rowCtx);
    if (!checked) {
      blank += 1;
      return;
    }
    if (checked.idNumber) {
      const first = seen.get(checked.idNumber);
      if (first && first.signature === checked.signature) {
        duplicates += 1;
        return;
      }
      if (first) checked.issues.push({ field: 'idNumber', code: 'imports.duplicate_in_file', params: { row: first.row } });
      else seen.set(checked.idNumber, { row: checked.row, signature: checked.signature });
    }
    checked.signature = ''; // only needed for the repeat check above
    rows.push(checked);
  };
  const progress = async () => {
    const read = source.bytesRead();
    const estimate = read > 0 ? Math.max(count, Math.round((count * size) / read)) : count;
    await job.checkpoint(count, Math.max(count, Math.round(estimate / share)));
  };
  // Rows are checked a batch at a time, so the registered residents among them come in one query.
  let batch: SheetRow[] = [];
  const flush = () => {
    const idColumn = columns.idNumber!;
    known = existingResidentsAmong(
      ctx.db,
      batch.map((r) => normalizeIdNumber(cellText(r.cells[idColumn] ?? null))),
    );
    for (const r of batch) take(r);
    batch = [];
  };
  // Merged cells give their value to every row and column of their range, as the clerk reads
  // them (户号, 户主姓名, 家庭住址 merged down over a household); the header is found without this.
  const fill = source.merges().filler(header.last + 1, Math.max(header.columns.length, ...mapping.map((m) => m.column + 1)));
  for (const r of head) if (r.row > header.last) batch.push({ row: r.row, cells: fill(r.row, r.cells) });
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    batch.push({ row: next.value.row, cells: fill(next.value.row, next.value.cells) });
    if (batch.length >= CHECKPOINT_ROWS) {
      flush();
      await progress();
    }
  }
  flush();
  const plans = planHouseholds(rows, groupingMode(columns), (idNumber) => findExisting(idNumber)?.household_id ?? null);
  return { source, header, mapping, mappingSource, layout, columns, rows, plans, blank, duplicates };
}

/** Mapping → field columns; name and ID number are required, each field at most once. */
function columnsOf(mapping: ColumnMapping[], language: Language): FieldColumns {
  const columns: FieldColumns = {};
  for (const m of mapping) {
    if (!m.field) continue;
    if (columns[m.field] !== undefined) {
      throw invalidInput(['mapping'], 'imports.mapping_duplicate', { field: translate(language, `imports.columns.${m.field}`) }, { language });
    }
    columns[m.field] = m.column;
  }
  if (columns.name === undefined || columns.idNumber === undefined) throw invalidInput(['mapping'], 'imports.mapping_required', {}, { language });
  return columns;
}

/** A problem with the file as a whole → INVALID_INPUT on `file`, with a message saying what to do. */
export function fileFailure(error: unknown, language: Language): unknown {
  if (!(error instanceof ImportFileError)) return error;
  return invalidInput(['file'], error.code, error.params, { language });
}

export interface Counts {
  total: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  blank: number;
  duplicates: number;
  households: number;
}

export function countsOf(a: Analysis): Counts {
  let invalid = 0;
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const r of a.rows) {
    if (r.issues.length) invalid += 1;
    else if (!r.existing) created += 1;
    else if (r.patch && Object.keys(r.patch).length) updated += 1;
    else unchanged += 1;
  }
  const households = a.plans.filter((p) => p.existingHouseholdId === null && p.head && p.head.issues.length === 0).length;
  return { total: a.rows.length, valid: a.rows.length - invalid, invalid, created, updated, unchanged, blank: a.blank, duplicates: a.duplicates, households };
}

/** The header texts of the mapped file, for remembering a mapping. */
export function headerTexts(a: Analysis): string[] {
  return a.header.columns.map((c) => c.header);
}

export function fileName(file: string): string {
  return path.basename(file);
}
