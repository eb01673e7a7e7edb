/** Waiting on the background database check (core/system/database-check.ts) in tests. */
import fs from 'node:fs';
import type { DatabaseCheck } from '../../shared/contract';
import { createTestHost, type TestHost } from './test-host';
import { ADMIN_PASSWORD, newConnection } from './office';

/** Poll `probe` until it returns a value (timers run meanwhile: the check's thread reports through them). */
export async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The `database.check` events a host has sent so far (to every connection). */
export const checkEvents = (t: TestHost): DatabaseCheck[] => t.events.filter((e) => e.event === 'database.check').map((e) => e.payload as DatabaseCheck);

/** The first outcome of the check: passed or damaged. */
export const checkOutcome = (t: TestHost): Promise<DatabaseCheck> =>
  until('the database check to finish', () => checkEvents(t).find((s) => s.state === 'passed' || s.state === 'damaged'));

/**
 * Sign in to a damaged office as the app does (background check on, no delay) and wait until the
 * damage is found — by the check, or by the sign-in itself when it reads the damaged page — and the
 * file is marked; then close, as the clerk quitting to restore would.
 */
export async function findDamageAfterSignIn(dir: string, dbPath: string): Promise<void> {
  const h = createTestHost({ dir, dbPath, extra: { databaseCheck: { delayMs: 0 } } });
  await h.call(newConnection(), 'accounts.login', { username: 'admin', password: ADMIN_PASSWORD });
  await until('the damage marker', () => (fs.existsSync(`${dbPath}.damaged`) ? true : undefined));
  await h.close();
}
