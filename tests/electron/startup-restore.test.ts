/**
 * A damaged database at start: main offers the latest good backup (a message box, the dialog
 * substituted here), restores it — the damaged file kept aside — and starts the real core again.
 * Declining changes nothing; with no backup the clerk is told so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { startCoreWorker, type CoreClient } from '../../electron/core/worker-client';
import { silentLogger } from '../../electron/core/log';
import { mainMessages } from '../../electron/main/messages';
import { startCore, type RestoreQuestion, type StartCoreDeps } from '../../electron/main/startup';
import { createTestHost } from '../support/test-host';
import { ADMIN_PASSWORD, SETUP_INPUT, newConnection } from '../support/office';
import { expectOk } from '../support/results';
import { findDamageAfterSignIn } from '../support/database-check';
import { disposeTestResources, makeTempDir, onDispose, sha256 } from '../support/temp-dir';
import { backupNow, officeWithHouseholds } from '../support/backups';
import type { BackupSummary } from '../../shared/contract';

afterEach(disposeTestResources);

const workerEntry = path.resolve('electron', 'core', 'worker-dev-entry.cjs');

type Ask = (question: RestoreQuestion) => Promise<boolean>;

function deps(dbPath: string, answer: boolean): StartCoreDeps & { showErrorBox: Mock; askRestore: Mock<Ask> } {
  return {
    start: startCoreWorker,
    workerEntry,
    dbPath,
    appVersion: '0.1.0',
    log: silentLogger,
    coreLog: silentLogger,
    messages: mainMessages('zh-CN'),
    logDir: path.join(path.dirname(dbPath), 'logs'),
    showErrorBox: vi.fn(),
    askRestore: vi.fn<Ask>(async () => answer),
  };
}

function keep(core: CoreClient | null): CoreClient | null {
  if (core) onDispose(() => core.close());
  return core;
}

/** userData with civicdesk.db (encrypted, 4 households), its automatic backup, then damage found after a sign-in. */
async function damagedWithBackup(): Promise<{ dbPath: string; backup: BackupSummary | undefined; damagedHash: string }> {
  const dir = makeTempDir('civicdesk-userdata-');
  const dbPath = path.join(dir, 'civicdesk.db');
  const t = createTestHost({ dir, dbPath });
  const office = await officeWithHouseholds(t, 4);
  const backup = await backupNow(t, office.adminConn);
  await t.close();
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, 5 * 4096);
  fs.closeSync(fd);
  await findDamageAfterSignIn(dir, dbPath);
  return { dbPath, backup, damagedHash: sha256(dbPath) };
}

describe('a damaged database at start', () => {
  it('offers the latest good backup; restoring it keeps the damaged file aside and the core starts on the backup', async () => {
    const { dbPath, backup, damagedHash } = await damagedWithBackup();
    const d = deps(dbPath, true);
    const core = keep(await startCore(d));
    expect(core).not.toBeNull();
    expect(d.showErrorBox).not.toHaveBeenCalled();
    expect(d.askRestore).toHaveBeenCalledTimes(1);
    const question = d.askRestore.mock.calls[0][0];
    expect(question).toMatchObject({ title: '数据库已损坏', restore: '用备份恢复', quit: '退出' });
    expect(question.message).toContain(dbPath);
    expect(question.detail).toContain(backup!.file);
    expect(question.detail).toContain('居民 12 人，4 户');
    expect(question.detail).toContain(backup!.local.replace('T', ' '));

    const aside = fs.readdirSync(path.dirname(dbPath)).filter((n) => n.startsWith('civicdesk.db.before-restore-') && !n.includes('.keys') && !n.endsWith('-wal'));
    expect(aside).toHaveLength(1);
    expect(sha256(path.join(path.dirname(dbPath), aside[0]))).toBe(damagedHash);
    expect(fs.existsSync(`${dbPath}.damaged`)).toBe(false);
    const login = await core!.dispatch('ipc:1', 'accounts.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.ok).toBe(true);
    const list = (await core!.dispatch('ipc:1', 'residents.list', {})) as { ok: true; value: { total: number } };
    expect(list.value.total).toBe(12);
  }, 60_000);

  it('declining the offer quits with nothing changed', async () => {
    const { dbPath, damagedHash } = await damagedWithBackup();
    const before = fs.readdirSync(path.dirname(dbPath)).sort();
    const d = deps(dbPath, false);
    expect(keep(await startCore(d))).toBeNull();
    expect(d.askRestore).toHaveBeenCalledTimes(1);
    expect(d.showErrorBox).not.toHaveBeenCalled();
    expect(sha256(dbPath)).toBe(damagedHash);
    expect(fs.readdirSync(path.dirname(dbPath)).sort()).toEqual(before);
  }, 60_000);

  it('with no backup to offer, the clerk is told so and the file is left as it is', async () => {
    const { dbPath, backup, damagedHash } = await damagedWithBackup();
    fs.rmSync(backup!.file);
    const d = deps(dbPath, true);
    expect(keep(await startCore(d))).toBeNull();
    expect(d.askRestore).not.toHaveBeenCalled();
    const [title, body] = d.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('数据库已损坏');
    expect(body).toContain(dbPath);
    expect(body).toContain('没有找到自动备份');
    expect(sha256(dbPath)).toBe(damagedHash);
  }, 60_000);
});

describe('the start-up offer checks the backup before offering it', () => {
  it('refuses a backup of another office (not offered, nothing changed)', async () => {
    const { dbPath, backup } = await damagedWithBackup();
    // Another office's backup, made newer, is the only one left beside the database.
    const otherDir = makeTempDir('civicdesk-other-office-');
    const other = createTestHost({ dir: otherDir, dbPath: path.join(otherDir, 'civicdesk.db') });
    expectOk(await other.call(newConnection(), 'office.setup', { ...SETUP_INPUT, office: { ...SETUP_INPUT.office, code: 'DWK-XYZ', name: '别的社区' } }));
    const otherConn = newConnection();
    expectOk(await other.call(otherConn, 'accounts.login', { username: 'admin', password: ADMIN_PASSWORD }));
    const foreign = await backupNow(other, otherConn);
    await other.close();
    fs.rmSync(backup!.file);
    fs.rmSync(`${dbPath}.damaged`);
    fs.copyFileSync(foreign.file, path.join(path.dirname(backup!.file), foreign.name));
    // The damage is found again after a sign-in: the key verifies no backup, so the marker names none.
    await findDamageAfterSignIn(path.dirname(dbPath), dbPath);
    // That sign-in wrote (its audit entry) before the check found the damage: this is the file now.
    const markedHash = sha256(dbPath);

    const d = deps(dbPath, true);
    expect(keep(await startCore(d))).toBeNull();
    expect(d.askRestore).not.toHaveBeenCalled();
    const [title, body] = d.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('数据库已损坏');
    expect(body).toContain('另一个机构');
    expect(sha256(dbPath)).toBe(markedHash);
  }, 60_000);

  it('refuses a backup whose header was edited after its MAC was checked, and a forged marker naming none', async () => {
    const { dbPath, backup, damagedHash } = await damagedWithBackup();
    // Edit the clear header (the counts) without the key: same length, payload untouched.
    const bytes = fs.readFileSync(backup!.file);
    const at = bytes.indexOf(Buffer.from('"residents":12'));
    expect(at).toBeGreaterThan(0);
    bytes.write('"residents":99', at, 'latin1');
    fs.writeFileSync(backup!.file, bytes);
    const d = deps(dbPath, true);
    expect(keep(await startCore(d))).toBeNull();
    expect(d.askRestore).not.toHaveBeenCalled();
    expect((d.showErrorBox.mock.calls[0] as [string, string])[1]).toContain('civicdesk restore');
    expect(sha256(dbPath)).toBe(damagedHash);

    // An empty marker over the same database: nothing verified, nothing offered.
    fs.writeFileSync(`${dbPath}.damaged`, '');
    const again = deps(dbPath, true);
    expect(keep(await startCore(again))).toBeNull();
    expect(again.askRestore).not.toHaveBeenCalled();
    expect(sha256(dbPath)).toBe(damagedHash);
  }, 60_000);
});
