/**
 * `civicdesk bureau import FILE... --db BUREAU --user U [--receipts DIR]`: the bureau takes in
 * bundle files (a USB stick's, or the upload folder's) in the order given, each applied, held,
 * recognised as a duplicate or rejected, one line per file. Exit 1 when any file was rejected (a
 * script must notice a refused bundle); held ones are not a failure — they apply by themselves once
 * the missing one comes.
 */
import path from 'node:path';
import { EXIT_OK, EXIT_REJECTED, OfficeSession, UsageError, type Cli } from '../cli-context';
import { requireOption, type Command } from '../command';
import type { IntakeResult } from '../../../shared/contract';

function line(cli: Cli, r: IntakeResult): string {
  const status = cli.t(`sync.statuses.${r.status}`);
  let text =
    r.office !== null && r.sequence !== null
      ? cli.t('sync.intake.line', { file: r.file, office: r.office, sequence: r.sequence, status })
      : cli.t('sync.intake.lineUnread', { file: r.file, status });
  if (r.reason) text += cli.t('sync.intake.reason', { reason: cli.t(`sync.reasons.${r.reason}`, r.params) });
  if (r.status === 'applied' && r.rows !== undefined) text += cli.t('sync.intake.rows', { rows: r.rows });
  return text;
}

export const bureauImportCommand: Command = {
  name: 'bureau import',
  summaryKey: 'bureauImport',
  usage: 'civicdesk bureau import FILE... --db BUREAU --user NAME [--receipts DIR] [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, receipts: { type: 'string' } },
  allowPositionals: true,
  async run(cli, values, positionals) {
    if (positionals.length === 0) throw new UsageError(cli.t('cli.badOption', { detail: 'FILE...' }));
    const files = positionals.map((f) => path.resolve(f));
    const receipts = typeof values.receipts === 'string' ? path.resolve(values.receipts) : undefined;
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    let outcome;
    try {
      outcome = await session.job('bureau.import', { files, ...(receipts ? { receipts } : {}) });
    } finally {
      await session.close();
    }
    const count = (status: IntakeResult['status']) => outcome.results.filter((r) => r.status === status).length;
    const lines = outcome.results.map((r) => line(cli, r));
    for (const r of outcome.receipts) lines.push(cli.t('cli.sync.receiptFile', { office: r.office, file: r.file }));
    lines.push(cli.t('sync.intake.summary', { files: outcome.results.length, applied: count('applied'), duplicate: count('duplicate'), held: count('held'), rejected: count('rejected') }));
    cli.result(outcome, lines.join('\n'));
    return count('rejected') > 0 ? EXIT_REJECTED : EXIT_OK;
  },
};
