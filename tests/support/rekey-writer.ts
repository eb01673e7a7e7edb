/**
 * Child process for the "key change killed midway" test: signs in and changes the database key,
 * printing `ready`, its progress and `done`. The parent kills it with SIGKILL at a random moment; or,
 * with `crashAt`, the child kills itself just before or just after the rekeyed copy is renamed over
 * the database (the one step no timer hits reliably) — Node's fs is wrapped for that, not our code.
 *
 *   node -e "require('tsx/cjs/api').register(); require('…/rekey-writer.ts')" <dbPath> <username> <password> <crashAt>
 */
import fs from 'node:fs';
import { CoreHost } from '../../electron/core/host';
import { silentLogger } from '../../electron/core/log';

const [dbPath, username, password, crashAt] = process.argv.slice(-4);
const say = (line: string) => fs.writeSync(1, `${line}\n`);

if (crashAt === 'before-swap' || crashAt === 'after-swap') {
  const rename = fs.renameSync;
  fs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
    const swap = String(to) === dbPath && String(from).includes('.rekey-');
    if (swap && crashAt === 'before-swap') process.kill(process.pid, 'SIGKILL');
    rename(from, to);
    if (swap && crashAt === 'after-swap') process.kill(process.pid, 'SIGKILL');
  };
}

async function main(): Promise<void> {
  const host = new CoreHost({ dbPath, appVersion: 'rekey-test', passwordCostLog2: 10, log: silentLogger });
  const login = await host.dispatch('child', 'accounts.login', { username, password });
  if (!login.ok) throw new Error(`login failed: ${login.error.code}`);
  say('ready');
  const changed = await host.runJob('child', 'accounts.databaseKey.change', { password }, (done, total) => say(`progress ${done} ${total}`));
  say(changed.ok ? 'done' : `failed ${changed.error.code}`);
  await host.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`rekey-writer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
