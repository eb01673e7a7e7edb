/** 表格导入导出: preview, import, undo and list imports; remembered mappings; resident exports. */
import type { SectionHandlers } from '../handlers';
import type { Ctx, JobControl } from '../context';
import { ContractFailure, invalidInput } from '../errors';
import type { ColumnMapping, ImportPreview, ImportSource } from '../../../shared/contract/imports';
import { issueMessage } from '../../../shared/domain/import-issues';
import { translate } from '../../../shared/i18n';
import { analyze, countsOf, fileFailure, fileName, headerTexts, type Analysis, type Counts } from './analyze';
import { undoImport, writeImport } from './commit';
import { exportResidents } from './export';
import { deleteMapping, listImports, listMappings } from './repository';
import { reportPath, writeErrorReport } from './report';
import { withBulkWrites } from '../db/connection';
import { checkWrite, readableFile, type ResolvedFile } from '../files';

/*
 * Field names in row issues are the import's own (idNumber, phone …), plus `household` for problems
 * with the household a row belongs to.
 */

function invalidRows(a: Analysis, input: ImportSource): { rows: ImportPreview['rows']; reasons: Map<number, string[]> } {
  const rows: ImportPreview['rows'] = [];
  const reasons = new Map<number, string[]>();
  for (const r of a.rows) {
    if (r.issues.length === 0) continue;
    const errors = r.issues.map((i) => ({ field: i.field, code: i.code, params: i.params, message: issueMessage(input.language, i.code, i.params) }));
    if (rows.length < input.maxRows) rows.push({ row: r.row, errors });
    if (input.reportFile) {
      reasons.set(
        r.row,
        errors.map((e) =>
          translate(input.language, 'cli.fieldError', {
            field: translate(input.language, e.field === 'household' ? 'imports.columns.householdKey' : `imports.columns.${e.field}`),
            message: e.message,
          }),
        ),
      );
    }
  }
  return { rows, reasons };
}

async function previewOf(a: Analysis, counts: Counts, input: ImportSource, job: JobControl, started: number, report?: ResolvedFile): Promise<ImportPreview> {
  const { rows, reasons } = invalidRows(a, input);
  let reportFile: string | null = null;
  if (report && reasons.size > 0) {
    reportFile = report.path;
    try {
      await writeErrorReport(reportFile, { file: input.file, sheet: a.source.sheet() ?? undefined, language: input.language, headerLast: a.header.last, headers: headerTexts(a), reasons }, job);
    } catch (error) {
      if (error instanceof ContractFailure) throw error;
      const params = { file: reportFile, detail: error instanceof Error ? error.message.slice(0, 200) : String(error) };
      throw invalidInput(['reportFile'], 'imports.report_unwritable', params, { language: input.language });
    }
  }
  return {
    ...counts,
    format: a.source.format,
    encoding: a.source.encoding,
    sheet: a.source.sheet(),
    sheets: a.source.sheets(),
    header: { first: a.header.first, last: a.header.last },
    columns: a.header.columns.map((c) => ({ column: c.column, header: c.header, field: fieldAt(a.mapping, c.column) })),
    mappingSource: a.mappingSource,
    layout: a.layout,
    fileSha256: a.source.facts.sha256,
    rows,
    truncated: counts.invalid > rows.length,
    reportFile,
    ms: Math.round(performance.now() - started),
  };
}

function fieldAt(mapping: ColumnMapping[], column: number): ColumnMapping['field'] {
  return mapping.find((m) => m.column === column)?.field ?? null;
}

async function runAnalysis(input: ImportSource, ctx: Ctx, job: JobControl, share: number): Promise<Analysis> {
  try {
    return await analyze(input, ctx, job, share);
  } catch (error) {
    throw fileFailure(error, input.language);
  }
}

/**
 * The roster the clerk chose (a handle; a path from the CLI), and where its error report goes: a file
 * the clerk chose, or (CLI) a folder it is named into. Checked before any reading starts.
 */
function chosenFiles<I extends ImportSource>(input: I, ctx: Ctx): { input: I; report?: ResolvedFile } {
  const file = readableFile(ctx, input.file, ['file'], input.language);
  if (!input.reportFile) return { input: { ...input, file } };
  const chosen = ctx.services.files.resolve(ctx.connectionId, input.reportFile, 'write', ['reportFile'], input.language);
  const report = { path: reportPath(chosen.path, file), overwrite: chosen.overwrite };
  checkWrite(report, { access: ctx.services.files, automaticBackups: ctx.services.files.automaticBackups, field: ['reportFile'], language: input.language });
  return { input: { ...input, file }, report };
}

export const importsHandlers: SectionHandlers<'imports'> = {
  'imports.preview': async (raw, ctx, job) => {
    const started = performance.now();
    const { input, report } = chosenFiles(raw, ctx);
    const a = await runAnalysis(input, ctx, job, 1);
    return previewOf(a, countsOf(a), input, job, started, report);
  },

  'imports.commit': async (raw, ctx, job) => {
    const started = performance.now();
    const { input, report } = chosenFiles(raw, ctx);
    const a = await runAnalysis(input, ctx, job, 0.5);
    if (input.expectSha256 && input.expectSha256 !== a.source.facts.sha256) {
      throw invalidInput(['file'], 'imports.file_changed', {}, { language: input.language });
    }
    const counts = countsOf(a);
    const writable = counts.invalid === 0 || input.skipInvalid;
    let importId: string | null = null;
    if (writable) {
      const options = { fileName: fileName(input.file), counts, rememberMapping: input.rememberMapping, headers: headerTexts(a) };
      importId = await withBulkWrites(ctx.db, () => writeImport(ctx, a, job, options));
    }
    const preview = await previewOf(a, counts, input, job, started, report);
    return { ...preview, written: writable, importId, ms: Math.round(performance.now() - started) };
  },

  'imports.undo': (input, ctx) => undoImport(ctx, input.importId, input.language),

  'imports.list': (input, ctx) =>
    listImports(ctx.db, input.limit).map((r) => ({
      id: r.id,
      fileName: r.file_name,
      format: r.file_format,
      total: r.total,
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      skipped: r.skipped,
      households: r.households,
      userId: r.user_id,
      userName: r.user_name,
      at: r.at,
      undoneAt: r.undone_at,
    })),

  'imports.mappings.list': (_input, ctx) =>
    listMappings(ctx.db).map((m) => ({ layout: m.layout, headers: JSON.parse(m.headers) as string[], mapping: JSON.parse(m.mapping) as ColumnMapping[], updatedAt: m.updated_at })),

  'imports.mappings.forget': (input, ctx) => ({ forgotten: deleteMapping(ctx.db, input.layout) }),
};

export const exportsHandlers: SectionHandlers<'exports'> = {
  'exports.residents': (input, ctx, job) => exportResidents(ctx, input, job),
};
