/**
 * `civicdesk backup`, `civicdesk restore`, `civicdesk verify`: the office's backups and checks from
 * the command line. Restore shows what the backup holds before it replaces anything, and asks (or
 * takes --yes); run it with the app closed.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { PAGE_CIPHERS, type BackupSummary, type MethodOutput, type PageCipher } from '../../../shared/contract';
import { readOrRefuse, summaryOf, restoreOffline } from '../../core/backup';
import { ContractFailure } from '../../core/errors';
import { EXIT_OK, EXIT_REJECTED, OfficeSession, RejectedError, UsageError, type Cli } from '../cli-context';
import { requireOption, type Command } from '../command';

export const backupCommand: Command = {
  name: 'backup',
  summaryKey: 'backup',
  usage: 'civicdesk backup --db FILE --user NAME --out FILE|FOLDER [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' } },
  async run(cli, values) {
    const db = path.resolve(requireOption(cli, values, 'db'));
    const out = path.resolve(requireOption(cli, values, 'out'));
    const target = fs.existsSync(out) && fs.statSync(out).isDirectory() ? { folder: out } : { file: out };
    const session = await OfficeSession.open(cli, db, requireOption(cli, values, 'user'));
    try {
      const made = await session.job('backup.create', target);
      cli.result(made, [cli.t('cli.backupDone', { file: made.file, size: megabytes(made.bytes) }), ...contents(cli, made).slice(1)].join('\n'));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summaryKey: 'restore',
  usage: 'civicdesk restore BACKUP --db FILE --user NAME [--yes] [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, yes: { type: 'boolean' } },
  allowPositionals: true,
  async run(cli, values, positionals) {
    if (positionals.length !== 1) throw new UsageError(cli.t('cli.badOption', { detail: 'BACKUP' }));
    const file = path.resolve(positionals[0]);
    const db = path.resolve(requireOption(cli, values, 'db'));
    const user = requireOption(cli, values, 'user');
    const backup = refuseAsCli(cli, () => summaryOf(file, readOrRefuse(file).header));
    // What it holds comes first, on stderr, so --json output stays clean.
    cli.io.stderr.write(contents(cli, backup).join('\n') + '\n');
    if (!values.yes) {
      if (!cli.io.stdin.isTTY) throw new UsageError(cli.t('cli.restoreNeedsYes'));
      if (!(await confirm(cli, cli.t('cli.restoreConfirm', { db })))) {
        cli.io.stderr.write(cli.t('cli.restoreCancelled') + '\n');
        return EXIT_REJECTED;
      }
    }
    // A database that cannot be signed in to goes offline; if that finds it sound after all (a stale
    // or forged damage marker, now removed), the restore goes through it like any other.
    const outcome = (await restoreThroughSession(cli, db, user, file)) ?? (await restoreWithoutSession(cli, db, user, file)) ?? (await restoreThroughSession(cli, db, user, file));
    if (!outcome) throw new RejectedError(cli.t('cli.dbDamagedNoBackup', { file: db, backup: '' }), undefined, 'DB_DAMAGED');
    cli.result(
      { db, restored: backup, setAside: outcome.setAside ?? null },
      outcome.setAside ? cli.t('cli.restoreDone', { aside: outcome.setAside }) : cli.t('cli.restoreDoneNew', { db }),
    );
    return EXIT_OK;
  },
};

/** The ciphers' own names, the same in every language. */
const CIPHER_NAMES: Record<PageCipher, string> = { 'aegis-256': 'AEGIS-256', 'sqlcipher-4': 'SQLCipher 4' };

export const verifyCommand: Command = {
  name: 'verify',
  summaryKey: 'verify',
  usage: 'civicdesk verify --db FILE --user NAME [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' } },
  async run(cli, values) {
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    let report: MethodOutput<'system.verify'>;
    try {
      report = await session.job('system.verify', {});
    } finally {
      await session.close();
    }
    const problems = [
      ...report.integrity.problems.map((p) => ['integrity', p]),
      ...report.changeLog.problems.map((p) => ['changeLog', p]),
      ...report.keySlots.problems.map((p) => ['keySlots', p]),
    ];
    const { cipher } = report.keySlots;
    const cipherLine = cipher && cli.t(cipher === PAGE_CIPHERS[0] ? 'cli.verifyCipher' : 'cli.verifyOlderCipher', { cipher: CIPHER_NAMES[cipher] });
    const human = [
      ...(report.ok
        ? [cli.t('cli.verifyOk', { entries: report.changeLog.entries, slots: report.keySlots.slots })]
        : [cli.t('cli.verifyProblems'), ...problems.map(([part, problem]) => cli.t('cli.verifyPart', { part, problem }))]),
      ...(cipherLine ? [cipherLine] : []),
    ].join('\n');
    cli.result(report, human);
    return report.ok ? EXIT_OK : EXIT_REJECTED;
  },
};

/**
 * The usual way: sign in to the current database and restore through the host (system.maintain
 * checked there). Undefined when the current database cannot be opened at all — damaged, missing
 * or not a database — which is what the offline restore is for. A wrong password is final: a
 * healthy database is never replaced on the strength of an old password in a backup.
 */
async function restoreThroughSession(cli: Cli, db: string, user: string, file: string): Promise<{ setAside?: string } | undefined> {
  let session: OfficeSession;
  try {
    session = await OfficeSession.open(cli, db, user);
  } catch (error) {
    if (error instanceof RejectedError && ['DB_DAMAGED', 'DB_DAMAGED_NO_BACKUP', 'DB_MISSING', 'NOT_A_DATABASE', 'KEYS_MISSING'].includes(error.code)) return undefined;
    throw error;
  }
  try {
    const { setAside } = await session.job('backup.restore', { file });
    return { setAside };
  } finally {
    // Restoring ended every session; closing still releases the database.
    await session.host.close();
  }
}

/** Undefined when the database proved sound (its marker was stale or forged): the caller restores through it. */
async function restoreWithoutSession(cli: Cli, db: string, user: string, file: string): Promise<{ setAside?: string } | undefined> {
  const password = await cli.password();
  try {
    const { setAside } = await restoreOffline({ dbPath: db, backupFile: file, username: user, password, now: new Date() });
    return { setAside };
  } catch (error) {
    if (error instanceof ContractFailure && error.issues?.some((i) => i.code === 'backup.database_healthy')) {
      cli.io.stderr.write(cli.describe({ code: error.code, message: error.message, params: error.params, issues: error.issues }) + '\n');
      return undefined;
    }
    throw cli.rejection(error);
  }
}

function contents(cli: Cli, b: BackupSummary): string[] {
  return [
    cli.t('cli.backupContents', { file: b.file, office: b.office.name, code: b.office.code, local: b.local.replace('T', ' '), app: b.appVersion, schema: b.schemaVersion }),
    ...Object.entries(b.counts).map(([table, count]) => cli.t('cli.backupCount', { table, count: count.toLocaleString(cli.language) })),
  ];
}

const megabytes = (bytes: number) => `${(bytes / (1 << 20)).toFixed(1)} MB`;

/** A contract failure raised outside a session (reading a backup, the offline restore) as the CLI's refusal. */
function refuseAsCli<T>(cli: Cli, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw cli.rejection(error);
  }
}


function confirm(cli: Cli, question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: cli.io.stdin, output: cli.io.stderr });
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^(y|yes|是)$/i.test(answer.trim()));
    });
  });
}
