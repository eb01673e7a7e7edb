/**
 * Child process for the "backup killed midway" test: signs in and writes one backup into a folder,
 * printing `ready`, its progress and `done`. The parent kills it with SIGKILL while it works.
 *
 *   node -e "require('tsx/cjs/api').register(); require('…/backup-writer.ts')" <dbPath> <folder> <username> <password>
 */
import fs from 'node:fs';
import { CoreHost } from '../../electron/core/host';
import { silentLogger } from '../../electron/core/log';

const [dbPath, folder, username, password] = process.argv.slice(-4);
const say = (line: string) => fs.writeSync(1, `${line}\n`);

async function main(): Promise<void> {
  const host = new CoreHost({ dbPath, appVersion: 'backup-test', passwordCostLog2: 10, log: silentLogger, filePaths: 'terminal' });
  const login = await host.dispatch('child', 'accounts.login', { username, password });
  if (!login.ok) throw new Error(`login failed: ${login.error.code}`);
  say('ready');
  const made = await host.runJob('child', 'backup.create', { folder }, (done, total) => say(`progress ${done} ${total}`));
  say(made.ok ? 'done' : `failed ${made.error.code}`);
  await host.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`backup-writer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
