/**
 * `civicdesk office enroll`, `bundle export`, `bundle inspect`, `receipt import`, `audit head`: the
 * office's side of sync from the command line. (`bundle upload` has its own file.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { openBundle, SyncFileError } from '../../core/sync';
import { EXIT_OK, OfficeSession, RejectedError, UsageError } from '../cli-context';
import { requireOption, type Command } from '../command';

export const officeEnrollCommand: Command = {
  name: 'office enroll',
  summaryKey: 'officeEnroll',
  usage: 'civicdesk office enroll FILE --db OFFICE --user NAME [--code CODE] [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, code: { type: 'string' } },
  allowPositionals: true,
  async run(cli, values, positionals) {
    if (positionals.length !== 1) throw new UsageError(cli.t('cli.badOption', { detail: 'FILE' }));
    const file = path.resolve(positionals[0]);
    // The one-time code: --code, CIVICDESK_ENROLL_CODE, or asked for (hidden, like a password).
    const code = (values.code as string | undefined) ?? cli.io.env.CIVICDESK_ENROLL_CODE ?? (await askCode(cli));
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const enrolled = await session.call('sync.enroll', { file, code });
      cli.result(enrolled, cli.t('cli.sync.officeEnrolled', { bureau: enrolled.bureauName, office: enrolled.officeCode }));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};

async function askCode(cli: Parameters<Command['run']>[0]): Promise<string> {
  if (!cli.io.stdin.isTTY) throw new UsageError(cli.t('cli.missingOption', { option: 'code' }));
  const readline = await import('node:readline');
  const rl = readline.createInterface({ input: cli.io.stdin, output: cli.io.stderr });
  return new Promise((resolve) =>
    rl.question(cli.t('cli.sync.codePrompt'), (answer) => {
      rl.close();
      resolve(answer);
    }),
  );
}

export const bundleExportCommand: Command = {
  name: 'bundle export',
  summaryKey: 'bundleExport',
  usage: 'civicdesk bundle export --db OFFICE --user NAME --out FOLDER [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' } },
  async run(cli, values) {
    const folder = path.resolve(requireOption(cli, values, 'out'));
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const made = await session.job('sync.export', { folder });
      const human = [
        made.file
          ? cli.t('cli.sync.bundleWritten', { file: made.file, sequence: made.sequence ?? 0, changes: made.changes.toLocaleString(cli.language), size: kb(made.bytes) })
          : cli.t('cli.sync.noChanges'),
        ...made.resent.map((r) => cli.t('cli.sync.bundleResent', { file: r.file, sequence: r.sequence })),
      ];
      cli.result(made, human.join('\n'));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KB`;

export const bundleInspectCommand: Command = {
  name: 'bundle inspect',
  summaryKey: 'bundleInspect',
  usage: 'civicdesk bundle inspect FILE [--payload-out FILE.age] [--json]',
  options: { 'payload-out': { type: 'string' } },
  allowPositionals: true,
  async run(cli, values, positionals) {
    if (positionals.length !== 1) throw new UsageError(cli.t('cli.badOption', { detail: 'FILE' }));
    const file = path.resolve(positionals[0]);
    let bundle;
    try {
      bundle = openBundle(fs.readFileSync(file));
    } catch (error) {
      if (error instanceof SyncFileError) throw new RejectedError(cli.t(`sync.reasons.${error.problem}`), undefined, error.problem.toUpperCase());
      throw error;
    }
    const out = values['payload-out'] as string | undefined;
    if (out) fs.writeFileSync(path.resolve(out), bundle.cipher, { flag: 'wx', mode: 0o600 });
    const h = bundle.header;
    cli.result(
      { file, sha256: bundle.sha256, header: h, ...(out ? { payloadOut: path.resolve(out) } : {}) },
      cli.t('cli.sync.inspect', { office: h.office, sequence: h.sequence, created: h.createdAt, bytes: h.payloadBytes, sha: bundle.sha256, auditSeq: h.auditHead?.seq ?? 0 }),
    );
    return EXIT_OK;
  },
};

export const receiptImportCommand: Command = {
  name: 'receipt import',
  summaryKey: 'receiptImport',
  usage: 'civicdesk receipt import FILE --db OFFICE --user NAME [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' } },
  allowPositionals: true,
  async run(cli, values, positionals) {
    if (positionals.length !== 1) throw new UsageError(cli.t('cli.badOption', { detail: 'FILE' }));
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const taken = await session.call('sync.receipt.import', { file: path.resolve(positionals[0]) });
      const human = [
        cli.t('cli.sync.receiptTaken', { seq: taken.receiptSeq, acknowledged: taken.acknowledgedSequence, alerts: taken.alertsRaised }),
        ...taken.bundles.map((b) => `  #${b.sequence} ${cli.t(`sync.statuses.${b.status}`)}${b.reason ? `：${cli.t(`sync.reasons.${b.reason}`)}` : ''}`),
      ];
      cli.result(taken, human.join('\n'));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};

export const auditHeadCommand: Command = {
  name: 'audit head',
  summaryKey: 'auditHead',
  usage: 'civicdesk audit head --db OFFICE --user NAME [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' } },
  async run(cli, values) {
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const status = await session.call('sync.status', {});
      const head = status.auditHead;
      cli.result({ head, anchoredHead: status.anchoredHead }, cli.t('cli.sync.auditHead', { code: head?.code ?? '-', seq: head?.seq ?? 0 }));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};
