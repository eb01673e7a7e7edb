/**
 * `civicdesk bureau …`: the city bureau's side of sync — make its database, enroll offices, write
 * receipts, see where each office stands, and hand the decryption key to the standard `age` tool.
 * (`bureau import` and `bureau serve` have their own files.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { setupInputSchema, toContractIssues } from '../../../shared/contract';
import { CoreHost } from '../../core/host';
import { keyFilePath } from '../../core/db/keystore';
import { appVersion, EXIT_OK, OfficeSession, RejectedError } from '../cli-context';
import { requireOption, type Command } from '../command';

export const bureauInitCommand: Command = {
  name: 'bureau init',
  summaryKey: 'bureauInit',
  usage: 'civicdesk bureau init --db FILE --name NAME --admin USER [--code CODE] [--division CODE] [--json]',
  options: { db: { type: 'string' }, name: { type: 'string' }, admin: { type: 'string' }, code: { type: 'string' }, division: { type: 'string' } },
  async run(cli, values) {
    const file = path.resolve(requireOption(cli, values, 'db'));
    const name = requireOption(cli, values, 'name');
    const admin = requireOption(cli, values, 'admin');
    const input = {
      // A bureau holds no residents of its own: its code and division only name it.
      office: { code: (values.code as string | undefined) ?? 'BUREAU', name, divisionCode: (values.division as string | undefined) ?? '100000' },
      admin: { username: admin, displayName: admin, password: await cli.password() },
    };
    if (fs.existsSync(file) && fs.statSync(file).size > 0) throw new RejectedError(cli.t('cli.dbExists', { file }), undefined, 'DB_EXISTS');
    if (fs.existsSync(keyFilePath(file))) throw new RejectedError(cli.t('cli.keysExist', { file, keys: keyFilePath(file) }), undefined, 'DB_EXISTS');
    if (!fs.existsSync(path.dirname(file))) throw new RejectedError(cli.t('cli.folderMissing', { folder: path.dirname(file) }), undefined, 'FOLDER_MISSING');
    const parsed = setupInputSchema.safeParse(input);
    if (!parsed.success) {
      const error = { code: 'INVALID_INPUT' as const, message: 'invalid input', issues: toContractIssues(parsed.error) };
      throw new RejectedError(cli.describe(error), error);
    }
    const host = new CoreHost({ dbPath: file, create: true, appVersion: appVersion(), log: cli.log });
    const setup = await host.dispatch('cli', 'office.setup', parsed.data);
    await host.close();
    if (!setup.ok) throw new RejectedError(cli.describe(setup.error), setup.error);
    const { recoveryKey } = setup.value as { recoveryKey: string | null };
    const session = await OfficeSession.open(cli, file, admin);
    try {
      const made = await session.job('bureau.init', { name });
      const human = [cli.t('cli.sync.bureauInitDone', { name, file, recipient: made.recipient })];
      if (recoveryKey) human.push('', cli.t('cli.recoveryKey'), '', `    ${recoveryKey}`, '');
      cli.result({ db: file, ...made, admin, recoveryKey }, human.join('\n'));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};

export const bureauEnrollCommand: Command = {
  name: 'bureau enroll',
  summaryKey: 'bureauEnroll',
  usage: 'civicdesk bureau enroll --db BUREAU --user NAME --office-code CODE --office-name NAME --out FILE [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, 'office-code': { type: 'string' }, 'office-name': { type: 'string' }, out: { type: 'string' } },
  async run(cli, values) {
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const made = await session.call('bureau.enroll', {
        officeCode: requireOption(cli, values, 'office-code'),
        officeName: requireOption(cli, values, 'office-name'),
        out: path.resolve(requireOption(cli, values, 'out')),
      });
      cli.result({ file: made.file, oneTimeCode: made.oneTimeCode }, cli.t('cli.sync.enrollDone', { file: made.file, code: made.oneTimeCode }));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};

export const bureauReceiptCommand: Command = {
  name: 'bureau receipt',
  summaryKey: 'bureauReceipt',
  usage: 'civicdesk bureau receipt --db BUREAU --user NAME --office-code CODE --out FOLDER [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, 'office-code': { type: 'string' }, out: { type: 'string' } },
  async run(cli, values) {
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const made = await session.call('bureau.receipt', { officeCode: requireOption(cli, values, 'office-code'), folder: path.resolve(requireOption(cli, values, 'out')) });
      cli.result(made, cli.t('cli.sync.receiptWritten', { office: made.office, file: made.file, seq: made.receiptSeq }));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};

export const bureauStatusCommand: Command = {
  name: 'bureau status',
  summaryKey: 'bureauStatus',
  usage: 'civicdesk bureau status --db BUREAU --user NAME [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' } },
  async run(cli, values) {
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const view = await session.call('bureau.offices', {});
      const alarms = await session.call('bureau.alarms', { open: true });
      const duplicates = await session.call('bureau.duplicates', { limit: 20 });
      const human = [
        cli.t('cli.sync.bureauHeading', { name: view.bureau.name, offices: view.offices.length, alarms: alarms.items.length, duplicates: duplicates.total }),
        ...view.offices.map((o) =>
          cli.t('cli.sync.officeLine', {
            code: o.code,
            name: o.name,
            applied: o.appliedSequence,
            last: o.lastBundleAt ? o.lastBundleAt.slice(0, 16).replace('T', ' ') : '-',
            held: o.held.join(',') || '-',
            missing: o.missing.join(',') || '-',
            alarms: o.openAlarms,
          }),
        ),
        ...Object.entries(view.totals).map(([k, v]) => `  ${k}: ${v.toLocaleString(cli.language)}`),
        ...alarms.items.map((a) => `  ! ${a.at.slice(0, 16).replace('T', ' ')} ${a.office ?? '-'} ${cli.t(`sync.alarms.${a.kind}`)}`),
      ];
      cli.result({ ...view, alarms: alarms.items, duplicates }, human.join('\n'));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};

export const bureauIdentityCommand: Command = {
  name: 'bureau identity',
  summaryKey: 'bureauIdentity',
  usage: 'civicdesk bureau identity --db BUREAU --user NAME --out FILE [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' } },
  async run(cli, values) {
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const made = await session.call('bureau.identity.export', { out: path.resolve(requireOption(cli, values, 'out')) });
      cli.result(made, cli.t('cli.sync.identityWritten', { file: made.file, recipient: made.recipient }));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};

export const bureauPublishCommand: Command = {
  name: 'bureau publish',
  summaryKey: 'bureauPublish',
  usage: 'civicdesk bureau publish --db BUREAU --user NAME --kind KIND --file FILE.json [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, kind: { type: 'string' }, file: { type: 'string' } },
  async run(cli, values) {
    const session = await OfficeSession.open(cli, path.resolve(requireOption(cli, values, 'db')), requireOption(cli, values, 'user'));
    try {
      const made = await session.call('bureau.publish', { kind: requireOption(cli, values, 'kind'), file: path.resolve(requireOption(cli, values, 'file')) });
      cli.result(made, cli.t('cli.sync.published', { kind: made.kind, version: made.version }));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};
