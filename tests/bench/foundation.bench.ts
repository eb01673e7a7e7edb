/**
 * Foundation figures: what the dispatcher (validation, session, permission, output parsing) adds to
 * a call over the bare SQLite statement it reduces to, how long opening a database takes, and the
 * cost of a password check (scrypt, deliberately slow).
 */
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { CoreHost } from '../../electron/core/host';
import { percentile, round, sample, type Bench } from './harness';

export const foundationBench: Bench = async ({ dir }) => {
  const dbPath = path.join(dir, 'foundation.db');
  // Plain file: these figures are the dispatcher's own cost; encryption is measured in the residents bench.
  const host = new CoreHost({ dbPath, create: true, appVersion: 'bench', encryption: false });
  await host.dispatch('bench', 'office.setup', {
    office: { code: 'BENCH-01', name: '基准测试社区', divisionCode: '640202' },
    admin: { username: 'admin', displayName: '管理员', password: 'secret1234' },
  });
  const login = await sample(5, () => host.dispatch('bench', 'accounts.login', { username: 'admin', password: 'secret1234' }), 1);
  const dispatch = await sample(2000, () => host.dispatch('bench', 'office.settings.get', {}));
  await host.close();

  const bare = new Database(dbPath);
  const stmt = bare.prepare('SELECT idle_lock_minutes, lockout_threshold, lockout_minutes, version FROM settings WHERE deleted_at IS NULL');
  const baseline = await sample(2000, () => stmt.get());
  bare.close();

  const open = await sample(10, async () => {
    const h = new CoreHost({ dbPath, appVersion: 'bench' });
    await h.dispatch('bench', 'office.status', {});
    await h.close();
  }, 1);

  // A sign-in as every app start and CLI call does it: the database sealed, the password unwrapping
  // the key slot at the app's cost (KEY_SLOT_COST_LOG2, 2^17), the database opening, the session.
  const sealedPath = path.join(dir, 'foundation-encrypted.db');
  const setup = new CoreHost({ dbPath: sealedPath, create: true, appVersion: 'bench' });
  await setup.dispatch('bench', 'office.setup', {
    office: { code: 'BENCH-02', name: '基准测试社区', divisionCode: '640202' },
    admin: { username: 'admin', displayName: '管理员', password: 'secret1234' },
  });
  await setup.close();
  const sealedLogin = await sample(7, async () => {
    const h = new CoreHost({ dbPath: sealedPath, appVersion: 'bench' });
    const result = await h.dispatch('bench', 'accounts.login', { username: 'admin', password: 'secret1234' });
    if (!result.ok) throw new Error(`sealed sign-in failed: ${result.error.code}`);
    await h.close();
  }, 1);

  return [
    { name: 'dispatch.settings_get.p50_ms', value: round(percentile(dispatch, 50)), baseline: round(percentile(baseline, 50)) },
    { name: 'dispatch.settings_get.p95_ms', value: round(percentile(dispatch, 95)), baseline: round(percentile(baseline, 95)) },
    { name: 'core.open_and_status.p50_ms', value: round(percentile(open, 50)) },
    { name: 'accounts.login.p50_ms', value: round(percentile(login, 50)) },
    { name: 'accounts.sealed_login.p50_ms', value: round(percentile(sealedLogin, 50)) },
    { name: 'accounts.sealed_login.max_ms', value: round(Math.max(...sealedLogin)) },
  ];
};
