/**
 * Resident lists out: .xlsx with Chinese headers (exceljs's streaming writer) or CSV in UTF-8 with
 * a BOM (without it Excel reads UTF-8 as GBK and shows mojibake) or in GBK. ID numbers are written
 * as text — a text cell in .xlsx, `="…"` in CSV — because Excel turns an 18-digit number into
 * 6.40202E+17 and the tail is gone. The file is written beside its name and renamed when complete,
 * so a cancelled or failed export leaves no half file.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ResidentFilters } from '../../../shared/contract/residents';
import { maskIdNumberStrict, ageOn } from '../../../shared/domain/id-number';
import { roleHas } from '../../../shared/domain/roles';
import { translate, type Language, type ValidationCode } from '../../../shared/i18n';
import type { Ctx, JobControl } from '../context';
import { invalidInput } from '../errors';
import type { ResidentRow } from '../residents';
import { filterSql } from '../residents';
import { csvRecord } from './csv';
import { exportCount, exportPage, logExport } from './repository';
import { recordAudit, toAuditValue } from '../audit';
import { OWNER_ONLY, writableFile } from '../files';

const PAGE = 2000;

export interface ExportInput {
  file: string;
  format?: 'xlsx' | 'csv';
  encoding: 'gbk' | 'utf8';
  filters: ResidentFilters;
  maskIds: boolean;
  language: Language;
}

/** `text`: long digit strings that Excel would turn into numbers (ID, phone) — guarded in CSV. */
type Column = { key: string; width: number; text?: boolean; value: (r: ResidentRow, ctx: RowCtx) => string | number | null };
interface RowCtx {
  household: number | null;
  idsFull: boolean;
  today: Date;
  label: (table: string, code: string | null) => string | null;
  flag: (v: number) => string;
}

/** Columns in the order offices' rosters use; the header texts are `imports.columns.*`. */
const COLUMNS: Column[] = [
  { key: 'householdKey', width: 8, value: (_r, c) => c.household },
  { key: 'name', width: 10, value: (r) => r.name },
  // Masked in a file means the strict mask: the file also carries the birth date, and leaves the app.
  { key: 'idNumber', width: 21, text: true, value: (r, c) => (c.idsFull ? r.id_number : maskIdNumberStrict(r.id_number)) },
  { key: 'relation', width: 10, value: (r, c) => c.label('relation', r.relation) },
  { key: 'sex', width: 6, value: (r, c) => c.label('sex', r.sex) },
  { key: 'birthDate', width: 12, value: (r) => r.birth_date },
  { key: 'age', width: 6, value: (r, c) => ageOn(r.birth_date, c.today) },
  { key: 'ethnicity', width: 8, value: (r) => r.ethnicity },
  { key: 'phone', width: 14, text: true, value: (r) => r.phone },
  { key: 'phone2', width: 14, text: true, value: (r) => r.phone2 },
  { key: 'address', width: 30, value: (r) => r.address },
  { key: 'grid', width: 12, value: (r) => r.grid_name ?? null },
  { key: 'maritalStatus', width: 10, value: (r, c) => c.label('maritalStatus', r.marital_status) },
  { key: 'hukouType', width: 10, value: (r, c) => c.label('hukouType', r.hukou_type) },
  { key: 'employment', width: 10, value: (r, c) => c.label('employment', r.employment) },
  { key: 'healthStatus', width: 10, value: (r, c) => c.label('healthStatus', r.health_status) },
  { key: 'livingAlone', width: 6, value: (r, c) => c.flag(r.living_alone) },
  { key: 'emptyNest', width: 6, value: (r, c) => c.flag(r.empty_nest) },
  { key: 'leftBehind', width: 6, value: (r, c) => c.flag(r.left_behind) },
  { key: 'seriousIllness', width: 6, value: (r, c) => c.flag(r.serious_illness) },
  {
    key: 'disabilityCert',
    width: 23,
    text: true,
    value: (r, c) => (r.disability_cert ? (c.idsFull ? r.disability_cert : maskIdNumberStrict(r.disability_cert.slice(0, 18)) + r.disability_cert.slice(18)) : null),
  },
  { key: 'lowIncomeCategory', width: 16, value: (r, c) => c.label('lowIncomeCategory', r.low_income_category) },
  { key: 'status', width: 8, value: (r, c) => c.label('status', r.status) },
  { key: 'notes', width: 30, value: (r) => r.notes },
];

export function exportFormat(file: string, format: 'xlsx' | 'csv' | undefined, language: Language): 'xlsx' | 'csv' {
  const ext = path.extname(file).toLowerCase();
  const byName = ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : undefined;
  const chosen = format ?? byName;
  if (!chosen || (byName && byName !== chosen)) {
    throw invalidInput(['file'], 'imports.export_format', {}, { language });
  }
  return chosen;
}

export async function exportResidents(ctx: Ctx, input: ExportInput, job: JobControl): Promise<{ file: string; format: 'xlsx' | 'csv'; rows: number; idsMasked: boolean; ms: number }> {
  const started = performance.now();
  // The file the clerk chose (a handle from the window; a path from the CLI), never over the database's own files.
  const target = writableFile(ctx, input.file, ['file'], input.language).path;
  const format = exportFormat(target, input.format, input.language);
  const idsFull = !input.maskIds && ctx.actor !== null && roleHas(ctx.actor.role, 'records.revealId');
  const filters = filterSql(input.filters, ctx.now);
  const total = exportCount(ctx.db, filters);
  const t = (key: string) => translate(input.language, key);
  const headers = COLUMNS.map((c) => t(`imports.columns.${c.key}`));
  const households = new Map<string, number>();
  // Labels looked up once each: a catalog walk per cell would cost seconds over 100,000 rows.
  const labels = new Map<string, string>();
  const yes = t('imports.values.flag.yes');
  const no = t('imports.values.flag.no');
  const rowCtx: RowCtx = {
    household: null,
    idsFull,
    today: ctx.now,
    label: (table, code) => {
      if (code === null) return null;
      const key = `${table}.${code}`;
      let label = labels.get(key);
      if (label === undefined) labels.set(key, (label = t(`imports.values.${key}`)));
      return label;
    },
    flag: (v) => (v ? yes : no),
  };
  const partial = `${target}.part`;
  assertWritable(target, input.language);
  const sink = format === 'xlsx' ? xlsxSink(partial, t('imports.exportSheet'), headers) : csvSink(partial, input.encoding, headers);
  let rows = 0;
  try {
    let after = 0;
    for (;;) {
      const page = exportPage(ctx.db, filters, after, PAGE);
      if (page.length === 0) break;
      for (const r of page) {
        let household: number | null = null;
        if (r.household_id) {
          household = households.get(r.household_id) ?? households.size + 1;
          households.set(r.household_id, household);
        }
        rowCtx.household = household;
        await sink.row(COLUMNS.map((c) => c.value(r, rowCtx)));
        rows += 1;
      }
      after = page[page.length - 1].n;
      // No statement stays open across this yield: paging by `n` re-queries each time.
      await job.checkpoint(rows, Math.max(rows, total));
    }
    await sink.close();
    fs.renameSync(partial, target);
  } catch (error) {
    await sink.abort();
    fs.rmSync(partial, { force: true });
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code)) {
      const params = { file: target, detail: error.code };
      throw invalidInput(['file'], 'imports.export_unwritable', params, { language: input.language });
    }
    throw error;
  }
  ctx.db.transaction(() => {
    logExport(ctx.db, { userId: ctx.actor?.userId ?? null, at: ctx.now.toISOString(), fileName: path.basename(target), format, rows, idsFull, filters: input.filters });
    // Who took which rows out, and whether with full ID numbers: the filters name the rows (sanitized).
    recordAudit(ctx, 'export', { file: path.basename(target), format, rows, idsFull, filters: toAuditValue(input.filters) });
  })();
  return { file: target, format, rows, idsMasked: !idsFull, ms: Math.round(performance.now() - started) };
}

/** Fail before any work when the folder is missing or read-only, naming the file and the reason. */
export function assertWritable(file: string, language: Language, code: ValidationCode = 'imports.export_unwritable', field = 'file'): void {
  try {
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
  } catch (error) {
    const params = { file, detail: error instanceof Error && 'code' in error ? String(error.code) : 'EACCES' };
    throw invalidInput([field], code, params, { language });
  }
}

interface Sink {
  row(values: (string | number | null)[]): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

function xlsxSink(file: string, sheetName: string, headers: string[]): Sink {
  const out = outputStream(file);
  // No styles: exceljs serializes a style per cell, a quarter of the export's time at 100,000 rows.
  // IDs stay intact without them, being written as text cells (a string, never a number).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out.stream, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c, i) => ({ header: headers[i], key: c.key, width: c.width }));
  return {
    row: async (values) => {
      out.check();
      sheet.addRow(values).commit();
    },
    close: async () => {
      sheet.commit();
      await Promise.race([workbook.commit(), out.failed]);
    },
    abort: async () => {
      out.stream.destroy();
    },
  };
}

/**
 * A file stream whose failure (a folder that vanished, a full disk) is remembered and raced
 * against, since exceljs waits for 'finish' and would never hear of an error that came earlier.
 */
export function outputStream(file: string): { stream: fs.WriteStream; failed: Promise<never>; check(): void } {
  // Owner-only, and a new file: a leftover `.part` (or a link planted in its place) is removed, not written through.
  fs.rmSync(file, { force: true });
  const stream = fs.createWriteStream(file, { flags: 'wx', mode: OWNER_ONLY });
  let failure: Error | null = null;
  const failed = new Promise<never>((_resolve, reject) =>
    stream.on('error', (e) => {
      failure = e;
      reject(e);
    }),
  );
  failed.catch(() => undefined);
  return {
    stream,
    failed,
    check: () => {
      if (failure) throw failure;
    },
  };
}

function csvSink(file: string, encoding: 'gbk' | 'utf8', headers: string[]): Sink {
  const out = outputStream(file);
  const textColumns = COLUMNS.map((c) => c.text === true);
  // GB18030 rather than plain GBK: identical bytes for every GBK character, and a rare name
  // character outside GBK survives instead of turning into "?".
  const encode = (text: string) => (encoding === 'gbk' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8'));
  let buffered: string[] = [];
  const flush = async () => {
    out.check();
    const ok = out.stream.write(encode(buffered.join('')));
    buffered = [];
    if (!ok) await Promise.race([new Promise<void>((resolve) => out.stream.once('drain', resolve)), out.failed]);
  };
  if (encoding === 'utf8') out.stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
  buffered.push(csvRecord(headers));
  return {
    row: async (values) => {
      buffered.push(csvRecord(values.map((v, i) => csvCell(v, textColumns[i]))));
      if (buffered.length >= 500) await flush();
    },
    close: async () => {
      await flush();
      await Promise.race([new Promise<void>((resolve) => out.stream.end(resolve)), out.failed]);
      out.check();
    },
    abort: async () => {
      out.stream.destroy();
    },
  };
}

/**
 * Text Excel (and LibreOffice) would take as a formula or a DDE call: `=`, `+`, `-` and `@` start
 * one, and a leading tab or carriage return is skipped before looking (OWASP's CSV injection list).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: long digit strings wrapped as ="…" so Excel keeps them as text; formula-like text
 * guarded with a leading apostrophe (the import takes it off again). Numbers (household number, age)
 * are written as they are: a negative number is a number, not a formula.
 */
function csvCell(value: string | number | null, text: boolean): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (text && /^\d[\dX]*$/.test(value)) return `="${value}"`;
  return FORMULA_START.test(value) ? `'${value}` : value;
}
