/**
 * The background database check in the header: after sign-in the core checks the whole file in its
 * own thread and the header shows where it stands — 数据库检查中… then 检查通过, or 发现损坏 with what
 * to do (restart and restore the named backup).
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey } from '../../electron/core/db/connection';
import { readKeyFile, unwrapKey } from '../../electron/core/db/keystore';
import { ADMIN, startCore, type CoreHarness } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

let core: CoreHarness | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/** Flip one bit in the residents table's root page of the closed file: its AEGIS tag fails. */
function damageResidents(dbPath: string): void {
  const key = unwrapKey(readKeyFile(dbPath)!.slots.find((s) => s.username === ADMIN.username)!, ADMIN.password)!;
  const raw = new Database(dbPath, { readonly: true });
  applyKey(raw, key);
  const root = raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'residents'").pluck().get() as number;
  raw.close();
  const fd = fs.openSync(dbPath, 'r+');
  const byte = Buffer.alloc(1);
  fs.readSync(fd, byte, 0, 1, (root - 1) * 4096 + 1000);
  byte[0] ^= 0x04;
  fs.writeSync(fd, byte, 0, 1, (root - 1) * 4096 + 1000);
  fs.closeSync(fd);
}

/** An office set up in an earlier run; the app starts again on it (the check runs after each open). */
async function officeOpenedAgain(before?: (dbPath: string) => void): Promise<CoreHarness> {
  core = startCore({ databaseCheck: { delayMs: 0 } });
  await core.seedOffice();
  await core.host.close();
  before?.(core.host.services.vault.dbPath);
  await core.restart();
  return core;
}

describe('the database check in the header', () => {
  it('shows 检查通过 once the background check has read the whole file, and says when and how long', async () => {
    await officeOpenedAgain();
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    const badge = within(shell).getByTestId('database-check');
    await waitFor(() => expect(badge.getAttribute('data-state')).toBe('passed'));
    expect(badge.textContent).toBe('检查通过');
    await user.click(badge);
    expect((await screen.findByTestId('database-check-detail')).textContent).toMatch(/数据库检查通过：.*检查了整个文件，用时 [\d.]+ 秒。/);
  });

  it('shows 发现损坏 when the check finds a damaged page, and tells the clerk what to do (here: no backup to restore, call support)', async () => {
    await officeOpenedAgain((dbPath) => {
      damageResidents(dbPath);
    });
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    const badge = within(shell).getByTestId('database-check');
    await waitFor(() => expect(badge.getAttribute('data-state')).toBe('damaged'));
    expect(badge.textContent).toBe('发现损坏');
    await user.click(badge);
    expect((await screen.findByTestId('database-check-detail')).textContent).toContain('数据库检查发现文件已损坏，并且没有可用的自动备份');
  });
});
