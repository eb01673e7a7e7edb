/**
 * `civicdesk residents import` and `civicdesk residents export`: the same jobs the window runs,
 * for moving an office's rosters in from the command line and scripting exports for the bureau.
 */
import path from 'node:path';
import { EXIT_OK, EXIT_REJECTED, OfficeSession, RejectedError, UsageError, type Cli } from '../cli-context';
import { requireOption, type Command } from '../command';
import { RESIDENT_TAGS, type ResidentTag } from '../../../shared/domain/residents';
import type { MethodOutput } from '../../../shared/contract';

/** Rows listed in human output; --json and --report always carry all of them. */
const HUMAN_ROWS = 50;

function progressPrinter(cli: Cli): ((done: number, total: number) => void) | undefined {
  if (cli.json || cli.io.stderr !== process.stderr || !process.stderr.isTTY) return undefined;
  return (done, total) => process.stderr.write(`\r${done.toLocaleString()} / ${total.toLocaleString()}   `);
}

/** File problems carry their own message (in the chosen language); show those rather than the generic line. */
function plainRejection(error: unknown): never {
  if (error instanceof RejectedError && error.error?.issues?.length && error.error.code === 'INVALID_INPUT') {
    throw new RejectedError(error.error.issues.map((i) => i.message).join('\n'), error.error);
  }
  throw error;
}

type ImportOutcome = MethodOutput<'imports.commit'>;

export const residentsImportCommand: Command = {
  name: 'residents import',
  summaryKey: 'residentsImport',
  usage: 'civicdesk residents import FILE --db FILE --user NAME [--sheet NAME] [--dry-run] [--skip-invalid] [--report OUT.json] [--errors OUT.xlsx] [--overwrite] [--json]',
  options: {
    db: { type: 'string' },
    user: { type: 'string' },
    sheet: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'skip-invalid': { type: 'boolean' },
    report: { type: 'string' },
    errors: { type: 'string' },
    overwrite: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(cli, values, positionals) {
    if (positionals.length !== 1) throw new UsageError(cli.t('cli.badOption', { detail: 'FILE' }));
    const file = path.resolve(positionals[0]);
    const dryRun = values['dry-run'] === true;
    const skipInvalid = values['skip-invalid'] === true;
    const report = typeof values.report === 'string' ? path.resolve(values.report) : undefined;
    const errors = typeof values.errors === 'string' ? path.resolve(values.errors) : undefined;
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    const source = {
      file,
      sheet: typeof values.sheet === 'string' ? values.sheet : undefined,
      language: cli.language,
      maxRows: 1_000_000,
      // An existing error report is replaced only with --overwrite (as a save dialog asks first).
      reportFile: errors !== undefined && values.overwrite === true ? session.replacing(errors) : errors,
    };
    // The JSON report obeys the rules of every file a call writes, and is refused before the import runs.
    const reportOut = report === undefined ? undefined : session.ownFile(report, values.overwrite === true);
    try {
      reportOut?.check();
    } catch (error) {
      await session.close();
      throw error;
    }
    let outcome: ImportOutcome;
    try {
      outcome = dryRun
        ? { ...(await session.job('imports.preview', source, progressPrinter(cli)).catch(plainRejection)), written: false, importId: null }
        : await session.job('imports.commit', { ...source, skipInvalid }, progressPrinter(cli)).catch(plainRejection);
    } finally {
      if (progressPrinter(cli)) process.stderr.write('\n');
      await session.close();
    }
    const answer = {
      total: outcome.total,
      valid: outcome.valid,
      invalid: outcome.invalid,
      created: outcome.created,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      blank: outcome.blank,
      duplicates: outcome.duplicates,
      households: outcome.households,
      written: outcome.written,
      importId: outcome.importId,
      format: outcome.format,
      encoding: outcome.encoding,
      sheet: outcome.sheet,
      errorReport: outcome.reportFile,
      rows: outcome.rows,
    };
    reportOut?.write(JSON.stringify(answer, null, 2) + '\n');
    const { total, valid, invalid, created, updated, unchanged, blank, duplicates, households } = answer;
    const lines = [cli.t('cli.importSummary', { total, valid, invalid, created, updated, unchanged, blank, duplicates, households })];
    for (const r of outcome.rows.slice(0, HUMAN_ROWS)) {
      for (const e of r.errors) lines.push('  ' + cli.t('cli.importRow', { row: r.row, field: cli.t(`imports.columns.${e.field === 'household' ? 'householdKey' : e.field}`), message: e.message }));
    }
    if (outcome.rows.length > HUMAN_ROWS) lines.push('  ' + cli.t('cli.importMoreRows', { count: outcome.rows.length - HUMAN_ROWS }));
    if (dryRun) lines.push(cli.t('cli.importDryRun'));
    else if (outcome.written) lines.push(cli.t('cli.importWritten', { id: outcome.importId ?? '-', created: outcome.created, updated: outcome.updated, skipped: outcome.invalid }));
    else lines.push(cli.t('cli.importNotWritten', { invalid: outcome.invalid }));
    if (report) lines.push(cli.t('cli.importReportWritten', { file: report }));
    if (outcome.reportFile) lines.push(cli.t('cli.importReportWritten', { file: outcome.reportFile }));
    cli.result(answer, lines.join('\n'));
    // Invalid rows without --skip-invalid: nothing was (or would be) written, and scripts must notice.
    return outcome.invalid > 0 && !(skipInvalid && outcome.written) ? EXIT_REJECTED : EXIT_OK;
  },
};

export const residentsExportCommand: Command = {
  name: 'residents export',
  summaryKey: 'residentsExport',
  usage: 'civicdesk residents export --db FILE --user NAME --out FILE.xlsx|FILE.csv [--encoding gbk|utf8] [--tag TAG] [--mask-ids] [--overwrite] [--json]',
  options: {
    db: { type: 'string' },
    user: { type: 'string' },
    out: { type: 'string' },
    encoding: { type: 'string' },
    tag: { type: 'string' },
    'mask-ids': { type: 'boolean' },
    overwrite: { type: 'boolean' },
  },
  async run(cli, values) {
    const out = path.resolve(requireOption(cli, values, 'out'));
    const encoding = values.encoding === undefined ? 'utf8' : values.encoding;
    if (encoding !== 'gbk' && encoding !== 'utf8') throw new UsageError(cli.t('cli.badOption', { detail: `--encoding ${String(values.encoding)}` }));
    const ext = path.extname(out).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv') throw new UsageError(cli.t('cli.badOption', { detail: `--out ${out} (.xlsx | .csv)` }));
    const tag = values.tag;
    if (tag !== undefined && !RESIDENT_TAGS.includes(tag as ResidentTag)) {
      throw new UsageError(cli.t('cli.badOption', { detail: `--tag ${String(tag)} (${RESIDENT_TAGS.join(' | ')})` }));
    }
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const result = await session
        .job(
          'exports.residents',
          { file: values.overwrite === true ? session.replacing(out) : out, encoding, maskIds: values['mask-ids'] === true, language: cli.language, filters: tag ? { tag: tag as ResidentTag } : {} },
          progressPrinter(cli),
        )
        .catch(plainRejection);
      const lines = [cli.t('cli.exportDone', { rows: result.rows, file: result.file })];
      if (result.idsMasked) lines.push(cli.t('cli.exportMasked'));
      cli.result(result, lines.join('\n'));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};
