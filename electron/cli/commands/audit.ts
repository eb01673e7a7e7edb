import path from 'node:path';
import { EXIT_OK, EXIT_REJECTED, OfficeSession, RejectedError, UsageError } from '../cli-context';
import { requireOption, type Command } from '../command';
import { parseAuditAnchor } from '../../../shared/domain/sync';

/**
 * `--anchor`: a chain head held elsewhere, checked as well — `receipt` (the head the bureau
 * acknowledged in the last receipt, as this database stored it when the receipt's signature was checked —
 * someone who can rewrite the database can rewrite that too; the paper code and the bureau's own copy cannot be), `SEQ:HASH`, or the short code
 * from a signed monthly report (`1234-3F9C-8A1B-77D0-5E21`).
 */
function parseAnchor(value: string | boolean | undefined): { seq: number; hash: string } | 'receipt' | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.trim() === 'receipt') return 'receipt';
  const anchor = parseAuditAnchor(value);
  if (!anchor) throw new UsageError(`--anchor ${value}`);
  return anchor;
}

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summaryKey: 'auditVerify',
  usage: 'civicdesk audit verify --db FILE --user NAME [--anchor receipt|SEQ:HASH|CODE] [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, anchor: { type: 'string' } },
  async run(cli, values) {
    const file = path.resolve(requireOption(cli, values, 'db'));
    let anchor;
    try {
      anchor = parseAnchor(values.anchor);
    } catch (error) {
      throw new UsageError(cli.t('cli.badOption', { detail: error instanceof Error ? error.message : String(error) }));
    }
    // Signing in appends its own entry first; the walk still names the first entry that does not verify.
    const session = await OfficeSession.open(cli, file, requireOption(cli, values, 'user'));
    try {
      let held = anchor;
      if (held === 'receipt') {
        const status = await session.call('sync.status', {});
        if (!status.anchoredHead) throw new RejectedError(cli.t('cli.sync.noAnchor'), undefined, 'NO_ANCHOR');
        held = status.anchoredHead;
      }
      const result = await session.job('audit.verify', held ? { anchor: held } : {});
      const out = { entries: result.entries, ok: result.ok, ...(result.firstBadEntry ? { firstBadEntry: result.firstBadEntry } : {}), head: result.head };
      const human = result.firstBadEntry
        ? cli.t('cli.auditBroken', { seq: result.firstBadEntry.seq, reason: cli.t(`audit.reasons.${result.firstBadEntry.reason}`) })
        : cli.t('cli.auditOk', { entries: result.entries, seq: result.head?.seq ?? 0, hash: result.head?.hash ?? '-' });
      cli.result(out, human);
      return result.ok ? EXIT_OK : EXIT_REJECTED;
    } finally {
      await session.close();
    }
  },
};
