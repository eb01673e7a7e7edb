/**
 * The error report a clerk fixes the file from: every invalid row as it was in the file, with its
 * row number and the reasons beside it, under the file's own header. Written with exceljs's
 * streaming writer in a second pass over the file, so even a file full of errors is never held.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { translate, type Language } from '../../../shared/i18n';
import type { JobControl } from '../context';
import { cellText, type Cell } from './cells';
import { openSource } from './source';
import { assertWritable, outputStream } from './export';

export interface ReportInput {
  file: string;
  sheet: string | undefined;
  language: Language;
  headerLast: number;
  headers: string[];
  /** Row number → its reasons, already in the clerk's language. */
  reasons: Map<number, string[]>;
}

export async function writeErrorReport(out: string, input: ReportInput, job: JobControl): Promise<void> {
  const t = (key: string) => translate(input.language, key);
  const partial = `${out}.part`;
  assertWritable(out, input.language, 'imports.report_unwritable', 'reportFile');
  const output = outputStream(partial);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output.stream, useStyles: true, useSharedStrings: false });
  try {
    const sheet = workbook.addWorksheet(t('imports.report.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: t('imports.report.row'), width: 8 },
      { header: t('imports.report.reasons'), width: 60 },
      // Text format everywhere: an ID typed back into this sheet must stay text.
      ...input.headers.map((h) => ({ header: h, width: 18, style: { numFmt: '@' } })),
    ];
    const source = await openSource(input.file, input.sheet);
    let seen = 0;
    let fill: ((row: number, cells: Cell[]) => Cell[]) | undefined;
    for await (const r of source.rows()) {
      if (r.row <= input.headerLast) continue;
      // The row as it was checked: merged cells (an address merged over a household) on every row.
      fill ??= source.merges().filler(input.headerLast + 1, input.headers.length);
      const cells = fill(r.row, r.cells);
      const reasons = input.reasons.get(r.row);
      if (!reasons) continue;
      sheet.addRow([r.row, reasons.join(t('imports.report.separator')), ...cells.map((c) => (c === null ? null : typeof c === 'number' ? cellText(c) : c))]).commit();
      seen += 1;
      if (seen % 1000 === 0) await job.checkpoint(seen, input.reasons.size);
    }
    sheet.commit();
    await Promise.race([workbook.commit(), output.failed]);
    fs.renameSync(partial, out);
  } catch (error) {
    output.stream.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** Where a report goes when the caller named a folder rather than a file. */
export function reportPath(out: string, sourceFile: string): string {
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) return path.join(out, `${path.parse(sourceFile).name}-errors.xlsx`);
  return out;
}
