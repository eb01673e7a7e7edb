/**
 * `civicdesk db rekey`: change the database key (更换数据库密钥) — an administrator's job, as in
 * Settings. Prints the new recovery key once, like `init`. Run it with the app closed.
 */
import path from 'node:path';
import { EXIT_OK, OfficeSession } from '../cli-context';
import { requireOption, type Command } from '../command';

export const dbRekeyCommand: Command = {
  name: 'db rekey',
  summaryKey: 'dbRekey',
  usage: 'civicdesk db rekey --db FILE --user NAME [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' } },
  async run(cli, values) {
    const file = path.resolve(requireOption(cli, values, 'db'));
    const session = await OfficeSession.open(cli, file, requireOption(cli, values, 'user'));
    try {
      const changed = await session.job('accounts.databaseKey.change', { password: await cli.password() });
      const human = [cli.t('cli.rekeyDone', { file }), '', cli.t('cli.recoveryKey'), '', `    ${changed.recoveryKey}`, ''];
      if (changed.needPassword.length > 0) human.push(cli.t('cli.rekeyNeedPassword', { users: changed.needPassword.join(', ') }));
      cli.result({ db: file, ...changed }, human.join('\n'));
      return EXIT_OK;
    } finally {
      await session.close();
    }
  },
};
