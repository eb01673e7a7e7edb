import path from 'node:path';
import { EXIT_OK, EXIT_REJECTED, OfficeSession, UsageError } from '../cli-context';
import { requireOption, type Command } from '../command';

/** `--anchor SEQ:HASH`: a chain head held elsewhere (the bureau's receipt), checked as well. */
function parseAnchor(value: string | boolean | undefined): { seq: number; hash: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value.trim());
  if (!match) throw new UsageError(`--anchor ${value}`);
  return { seq: Number(match[1]), hash: match[2] };
}

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summaryKey: 'auditVerify',
  usage: 'civicdesk audit verify --db FILE --user NAME [--anchor SEQ:HASH] [--json]',
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
      const result = await session.job('audit.verify', anchor ? { anchor } : {});
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
