/**
 * Opening a spreadsheet file for import: recognize what it really is (by its bytes, not only its
 * name), then stream its rows — CSV through our RFC 4180 parser, .xlsx through exceljs's streaming
 * WorkbookReader — so a 100,000-row roster never sits in memory as a whole.
 */
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CsvFormatError, CsvParser } from './csv';
import { examineFile, textDecoder, type FileFacts, type TextEncoding } from './encoding';
import type { Cell } from './cells';
import { MergedRanges, readMergedRanges } from './merged-cells';
import { readWorkbookSheets } from './workbook-sheets';
import type { ValidationCode } from '../../../shared/i18n';

/** A problem with the file as a whole; the import stops before anything is written. */
export class ImportFileError extends Error {
  constructor(
    readonly code: ValidationCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'ImportFileError';
  }
}

export interface SheetRow {
  /** The row number a clerk sees in Excel (1-based). */
  row: number;
  cells: Cell[];
}

export interface OpenedSource {
  format: 'xlsx' | 'csv';
  encoding: TextEncoding | null;
  facts: FileFacts;
  /**
   * Rows in order, each cell as stored; blank rows may be left out (xlsx does not store them).
   * A merged cell's value is in its range's top-left cell only: see `merges()`.
   */
  rows(): AsyncGenerator<SheetRow>;
  /** The sheet's merged ranges (none for CSV), known once the first row has come. */
  merges(): MergedRanges;
  /** Known once reading has started (xlsx: the workbook part precedes the sheets). */
  sheet(): string | null;
  sheets(): string[];
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const CHUNK = 1 << 16;

export async function openSource(file: string, sheetName?: string): Promise<OpenedSource> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ImportFileError('imports.file_missing', { file: path.basename(file) });
  }
  if (!stat.isFile()) throw new ImportFileError('imports.file_missing', { file: path.basename(file) });
  if (stat.size === 0) throw new ImportFileError('imports.file_empty');
  const facts = await examineFile(file);
  const ext = path.extname(file).toLowerCase();
  if (facts.head.subarray(0, 4).equals(OLE) || ext === '.xls' || ext === '.et') throw new ImportFileError('imports.file_xls');
  if (facts.head.subarray(0, 4).equals(ZIP)) return xlsxSource(file, facts, sheetName);
  if (ext === '.xlsx' || ext === '.xlsm') throw new ImportFileError('imports.file_not_xlsx');
  if (facts.binary) throw new ImportFileError('imports.file_binary');
  return csvSource(file, facts);
}

function csvSource(file: string, facts: FileFacts): OpenedSource {
  let consumed = 0;
  return {
    format: 'csv',
    encoding: facts.encoding,
    facts,
    sheet: () => null,
    sheets: () => [],
    merges: () => MergedRanges.none(),
    bytesRead: () => consumed,
    async *rows() {
      const decode = textDecoder(facts.encoding);
      const parser = new CsvParser();
      let row = 1;
      try {
        for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) {
          const buf = chunk as Buffer;
          consumed += buf.length;
          for (const cells of parser.push(decode.write(buf))) yield { row: row++, cells };
        }
        for (const cells of [...parser.push(decode.end()), ...parser.end()]) yield { row: row++, cells };
      } catch (error) {
        if (error instanceof CsvFormatError) throw new ImportFileError(`imports.${error.code}`, { row: error.row });
        throw error;
      }
    },
  };
}

/** exceljs keeps these on the reader at run time without declaring them. */
interface ReaderFacts {
  model?: { sheets?: { name: string; state?: string }[] };
}
interface SheetFacts {
  name?: string;
  /** The N of xl/worksheets/sheetN.xml. */
  id?: number | string;
}

function xlsxSource(file: string, facts: FileFacts, wanted?: string): OpenedSource {
  let consumed = 0;
  let sheetName: string | null = null;
  let names: string[] = [];
  let merges = MergedRanges.none();
  return {
    format: 'xlsx',
    encoding: null,
    facts,
    sheet: () => sheetName,
    sheets: () => names,
    merges: () => merges,
    bytesRead: () => consumed,
    async *rows() {
      // The sheets' real names, which exceljs misses in workbooks other writers made (workbook-sheets.ts).
      const listed = await readWorkbookSheets(file);
      const nameOfPart = new Map((listed ?? []).flatMap((s) => (s.part === null ? [] : [[s.part, s.name] as const])));
      // Not before: its 'data' listener starts the flow, and bytes read while we waited would be lost to exceljs.
      const input = fs.createReadStream(file, { highWaterMark: CHUNK });
      input.on('data', (chunk) => {
        consumed += chunk.length;
      });
      // unzipper reports a damaged archive as an 'error' on its own stream; without a listener on
      // ours too, a read error would be thrown at the process rather than at this import.
      const failed = new Promise<never>((_resolve, reject) => input.on('error', reject));
      failed.catch(() => undefined);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        hyperlinks: 'ignore',
        styles: 'ignore',
        // Only to learn each worksheet's part: its 'worksheet' entry is emitted just before it is handed over.
        entries: 'emit',
      });
      let part: number | null = null;
      // exceljs's reader is an EventEmitter at run time; its typings leave that out.
      (reader as unknown as EventEmitter).on('entry', (entry: { type?: string; id?: unknown }) => {
        if (entry.type === 'worksheet') part = Number(entry.id);
      });
      let found = false;
      try {
        for await (const worksheet of reader) {
          names = listed?.length ? listed.map((s) => s.name) : ((reader as unknown as ReaderFacts).model?.sheets ?? []).map((s) => s.name);
          const sheetPart: number | null = part;
          const name = (sheetPart !== null ? nameOfPart.get(sheetPart) : undefined) ?? (worksheet as unknown as SheetFacts).name ?? null;
          if (found || (wanted !== undefined && name !== wanted)) {
            // Read a skipped sheet to its end: exceljs buffers a sheet that comes before the shared
            // strings in a temp file and deletes it as soon as we ask for the next sheet. Skipping
            // without reading left its lazily opened stream to fail with ENOENT outside any handler
            // (an uncaught exception in the core).
            for await (const _row of worksheet) void _row;
            continue;
          }
          found = true;
          sheetName = name;
          // Before the first row: the ranges are listed after the last one (see merged-cells.ts).
          const id = sheetPart ?? Number((worksheet as unknown as SheetFacts).id);
          if (Number.isInteger(id)) merges = await readMergedRanges(file, id);
          for await (const row of worksheet) {
            yield { row: row.number, cells: rowCells(row.values) };
          }
        }
      } catch (error) {
        if (error instanceof ImportFileError) throw error;
        throw new ImportFileError('imports.file_unreadable', { detail: error instanceof Error ? error.message.slice(0, 200) : String(error) });
      } finally {
        input.destroy();
      }
      if (!found) {
        if (names.length === 0) throw new ImportFileError('imports.file_not_xlsx');
        throw new ImportFileError('imports.sheet_missing', { sheet: wanted ?? '', sheets: names.join('、') });
      }
    },
  };
}

/** exceljs row values (1-based, sparse) → our cells (0-based). */
function rowCells(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): Cell[] {
  const list = Array.isArray(values) ? values : [];
  const cells: Cell[] = [];
  for (let i = 1; i < list.length; i++) cells.push(cellOf(list[i]));
  return cells;
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      return typeof result === 'string' || typeof result === 'number' ? result : null;
    }
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return String(value.error);
  }
  return null;
}
