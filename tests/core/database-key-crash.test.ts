/**
 * A key change killed at any moment leaves a database that opens — with the old key and slots, or
 * the new ones — holding exactly what it held, and every user still signs in. The swap's two steps
 * (the database file, then the slot file) are bridged by `<db>.keys.next`, which the next start
 * completes or discards.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestHost, type TestHost } from '../support/test-host';
import { ADMIN_PASSWORD, USER_PASSWORD, login, newConnection } from '../support/office';
import { expectOk } from '../support/results';
import { disposeTestResources } from '../support/temp-dir';
import { dataHash, officeWithHouseholds } from '../support/backups';

afterEach(disposeTestResources);

const WRITER = path.resolve(__dirname, '..', 'support', 'rekey-writer.ts');

/** Run a key change in a child; kill it `afterMs` after it is ready (or let it crash itself at `crashAt`). */
function changeKeyAndKill(dbPath: string, crashAt: 'none' | 'before-swap' | 'after-swap', afterMs?: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', "require('tsx/cjs/api').register(); require(process.argv[1])", WRITER, dbPath, 'admin', ADMIN_PASSWORD, crashAt], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
      if (afterMs !== undefined && output.includes('ready')) setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('exit', () => resolve(output));
  });
}

async function expectIntact(t: TestHost, clerk: string, before: string): Promise<void> {
  const again = createTestHost({ dir: t.dir, dbPath: t.dbPath });
  await login(again, newConnection(), 'admin', ADMIN_PASSWORD);
  expect(dataHash(again.host.db)).toBe(before);
  expect(again.host.db.pragma('integrity_check', { simple: true })).toBe('ok');
  await again.close();
  const other = createTestHost({ dir: t.dir, dbPath: t.dbPath });
  expectOk(await other.call(newConnection(), 'accounts.login', { username: clerk, password: USER_PASSWORD }));
  await other.close();
  const left = fs.readdirSync(t.dir).filter((n) => n.includes('.rekey-') || n.endsWith('.keys.next'));
  expect(left).toEqual([]);
}

describe('a key change killed midway', () => {
  it('just before or just after the rekeyed copy replaces the database, or at random moments, leaves it openable with the same data', async () => {
    const t = createTestHost();
    const office = await officeWithHouseholds(t, 20);
    const clerk = office.clerk.user.username;
    const before = dataHash(t.host.db);
    await t.close(); // the child is the only one with the database open, as the app would be

    const beforeSwap = await changeKeyAndKill(t.dbPath, 'before-swap');
    expect(beforeSwap).not.toContain('done');
    expect(fs.existsSync(`${t.dbPath}.keys.next`)).toBe(true);
    await expectIntact(t, clerk, before);

    const afterSwap = await changeKeyAndKill(t.dbPath, 'after-swap');
    expect(afterSwap).not.toContain('done');
    expect(fs.existsSync(`${t.dbPath}.keys.next`)).toBe(true);
    await expectIntact(t, clerk, before);

    for (const ms of [0, 5, 15, 40]) {
      await changeKeyAndKill(t.dbPath, 'none', ms);
      await expectIntact(t, clerk, before);
    }
  }, 120_000);
});
