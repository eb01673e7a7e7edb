import fs from 'node:fs';
import path from 'node:path';
import { setupInputSchema, toContractIssues } from '../../../shared/contract';
import { CoreHost } from '../../core/host';
import { keyFilePath } from '../../core/db/keystore';
import { appVersion, EXIT_OK, RejectedError } from '../cli-context';
import { requireOption, type Command } from '../command';

/** Setup field paths, named the way the CLI user typed them. */
const OPTION_FOR_PATH: Record<string, string> = {
  'office.code': '--office-code',
  'office.name': '--office-name',
  'office.divisionCode': '--division',
  'admin.username': '--admin',
  'admin.displayName': '--admin-display-name',
  'admin.password': 'CIVICDESK_PASSWORD',
};

export const initCommand: Command = {
  name: 'init',
  summaryKey: 'init',
  usage: 'civicdesk init --db FILE --office-code CODE --office-name NAME --division CODE --admin NAME [--admin-display-name NAME]',
  options: {
    db: { type: 'string' },
    'office-code': { type: 'string' },
    'office-name': { type: 'string' },
    division: { type: 'string' },
    admin: { type: 'string' },
    'admin-display-name': { type: 'string' },
  },
  async run(cli, values) {
    const file = path.resolve(requireOption(cli, values, 'db'));
    const input = {
      office: { code: requireOption(cli, values, 'office-code'), name: requireOption(cli, values, 'office-name'), divisionCode: requireOption(cli, values, 'division') },
      admin: {
        username: requireOption(cli, values, 'admin'),
        displayName: (values['admin-display-name'] as string | undefined) ?? requireOption(cli, values, 'admin'),
        password: await cli.password(),
      },
    };
    if (fs.existsSync(file) && !fs.statSync(file).isFile()) throw cli.refusal('not_a_file', file);
    if (!fs.existsSync(path.dirname(file)) || !fs.statSync(path.dirname(file)).isDirectory()) {
      throw new RejectedError(cli.t('cli.folderMissing', { folder: path.dirname(file) }), undefined, 'FOLDER_MISSING');
    }
    if (fs.existsSync(file) && fs.statSync(file).size > 0) throw new RejectedError(cli.t('cli.dbExists', { file }), undefined, 'DB_EXISTS');
    // Only a slot file: name it, since the database named in the command does not exist.
    if (fs.existsSync(keyFilePath(file))) throw new RejectedError(cli.t('cli.keysExist', { file, keys: keyFilePath(file) }), undefined, 'DB_EXISTS');
    // Validate before creating anything, so a typo leaves no half-made database behind.
    const parsed = setupInputSchema.safeParse(input);
    if (!parsed.success) {
      const issues = toContractIssues(parsed.error).map((i) => ({ ...i, path: [OPTION_FOR_PATH[i.path.join('.')] ?? i.path.join('.')] }));
      const error = { code: 'INVALID_INPUT' as const, message: 'invalid input', issues };
      throw new RejectedError(cli.describe(error), error);
    }
    // A failed setup leaves no file: the core removes the database it made (Vault.discardNew).
    const host = new CoreHost({ dbPath: file, create: true, appVersion: appVersion(), log: cli.log });
    const result = await host.dispatch('cli', 'office.setup', parsed.data);
    await host.close();
    if (!result.ok) {
      throw new RejectedError(cli.describe(result.error), result.error);
    }
    const office = parsed.data.office;
    const { recoveryKey } = result.value as { recoveryKey: string | null };
    const human = [cli.t('cli.initDone', { name: office.name, code: office.code, admin: parsed.data.admin.username, file })];
    if (recoveryKey) human.push('', cli.t('cli.recoveryKey'), '', `    ${recoveryKey}`, '');
    cli.result({ office: { code: office.code, name: office.name, division: office.divisionCode }, admin: parsed.data.admin.username, db: file, recoveryKey }, human.join('\n'));
    return EXIT_OK;
  },
};

