/**
 * `civicdesk eldercare import-facilities FILE` and `civicdesk eldercare import-compounds FILE`: the
 * same jobs the window runs. Without --commit every row is checked and nothing is written; with it,
 * every row is written in one transaction — or nothing, when any row has a problem.
 */
import path from 'node:path';
import { EXIT_OK, EXIT_REJECTED, OfficeSession, RejectedError, UsageError, type Cli } from '../cli-context';
import { requireOption, type Command, type OptionValues } from '../command';

/** Rows listed in human output; --json always carries all of them. */
const HUMAN_ROWS = 50;

/** File problems carry their own message (in the chosen language); show those rather than the generic line. */
function plainRejection(error: unknown): never {
  if (error instanceof RejectedError && error.error?.issues?.length && error.error.code === 'INVALID_INPUT') {
    throw new RejectedError(error.error.issues.map((i) => i.message).join('\n'), error.error);
  }
  throw error;
}

function importCommand(what: 'facilities' | 'compounds'): Command {
  const method = what === 'facilities' ? 'eldercare.import.facilities' : 'eldercare.import.compounds';
  const name = what === 'facilities' ? 'eldercare import-facilities' : 'eldercare import-compounds';
  return {
    name,
    summaryKey: what === 'facilities' ? 'eldercareImportFacilities' : 'eldercareImportCompounds',
    usage: `civicdesk ${name} FILE.xlsx|FILE.csv --db FILE --user NAME [--sheet NAME] [--commit] [--json]`,
    options: { db: { type: 'string' }, user: { type: 'string' }, sheet: { type: 'string' }, commit: { type: 'boolean' } },
    allowPositionals: true,
    async run(cli: Cli, values: OptionValues, positionals: string[]) {
      if (positionals.length !== 1) throw new UsageError(cli.t('cli.badOption', { detail: 'FILE' }));
      const commit = values.commit === true;
      const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
      let outcome;
      try {
        outcome = await session
          .job(method, {
            file: path.resolve(positionals[0]),
            sheet: typeof values.sheet === 'string' ? values.sheet : undefined,
            commit,
            language: cli.language,
            maxRows: 100_000,
          })
          .catch(plainRejection);
      } finally {
        await session.close();
      }
      const { total, valid, invalid, created, updated, unchanged, blank } = outcome;
      const lines = [cli.t('eldercare.import.summary', { total, valid, invalid, created, updated, unchanged, blank })];
      const bad = outcome.rows.filter((r) => r.status === 'invalid');
      for (const r of bad.slice(0, HUMAN_ROWS)) for (const e of r.errors) lines.push('  ' + cli.t('eldercare.import.row', { row: r.row, column: e.column, message: e.message }));
      if (bad.length > HUMAN_ROWS) lines.push('  ' + cli.t('cli.importMoreRows', { count: bad.length - HUMAN_ROWS }));
      if (outcome.committed) lines.push(cli.t('eldercare.import.committed', { created, updated }));
      else if (invalid > 0) lines.push(cli.t('eldercare.import.notCommitted', { invalid }));
      else lines.push(cli.t('eldercare.import.dryRun'));
      cli.result(outcome, lines.join('\n'));
      // A file with problems: nothing was (or would be) written, and scripts must notice.
      return invalid > 0 ? EXIT_REJECTED : EXIT_OK;
    },
  };
}

export const eldercareImportFacilitiesCommand = importCommand('facilities');
export const eldercareImportCompoundsCommand = importCommand('compounds');
