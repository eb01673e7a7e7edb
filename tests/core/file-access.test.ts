/**
 * A file in a call is one the clerk chose (issue 12, point 1). From the window and the preview a call
 * names a file only by a handle the core issued after a dialog; the CLI may name paths. Either way the
 * core never writes over the database, its companions, a backup, or an unconfirmed existing file, and
 * what it writes is owner-only. The attacks below are the ones found on the old main.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUser, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost } from '../support/test-host';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { HEADER, family, inDir, jobOk, personRow, runJob, writeCsv } from './imports-fixtures';
import { backupNow } from '../support/backups';

afterEach(disposeTestResources);

/** A host as the window and the preview see it: files by handle only. */
async function windowOffice() {
  const t = createTestHost({ extra: { filePaths: 'handles' } });
  const o = await setupOffice(t);
  const roster = writeCsv(inDir(t.dir, '花名册.csv'), [HEADER, ...family().map(personRow)], 'gbk');
  const read = t.host.grantFile(o.adminConn, { path: roster, use: 'read' });
  await jobOk(t, o.adminConn, 'imports.commit', { file: read.handle });
  return { t, o };
}

async function cliOffice() {
  const t = createTestHost();
  const o = await setupOffice(t);
  await jobOk(t, o.adminConn, 'imports.commit', { file: writeCsv(inDir(t.dir, '花名册.csv'), [HEADER, ...family().map(personRow)], 'gbk') });
  return { t, o };
}

function issueCode(result: Awaited<ReturnType<typeof runJob>>): string | undefined {
  return expectFailure(result, 'INVALID_INPUT').issues?.[0]?.code;
}

const bytes = (file: string) => fs.readFileSync(file);

describe('from the window: handles only', () => {
  it('a viewer cannot export over the key file by naming its path (the office stayed openable)', async () => {
    const { t, o } = await windowOffice();
    const viewer = await createUser(t, o, 'viewer');
    const keys = `${t.dbPath}.keys`;
    const before = bytes(keys);
    const result = await runJob(t, viewer.conn, 'exports.residents', { file: keys, format: 'csv' });
    expect(issueCode(result)).toBe('files.not_chosen');
    expect(bytes(keys).equals(before)).toBe(true);
    // And a path anywhere else is refused the same way: nothing is written.
    const elsewhere = path.join(makeTempDir(), 'out.csv');
    expect(issueCode(await runJob(t, viewer.conn, 'exports.residents', { file: elsewhere, format: 'csv' }))).toBe('files.not_chosen');
    expect(fs.existsSync(elsewhere)).toBe(false);
  });

  it('a clerk cannot read an arbitrary file as a roster (/etc/passwd came back line by line)', async () => {
    const { t, o } = await windowOffice();
    const secret = path.join(makeTempDir(), 'passwd');
    fs.writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n');
    const result = await runJob(t, o.adminConn, 'imports.preview', { file: secret, mapping: [{ column: 0, field: 'name' }] });
    expect(issueCode(result)).toBe('files.not_chosen');
    expect(JSON.stringify(result)).not.toContain('root:x');
  });

  it('backups are inspected and restored only by handle', async () => {
    const { t, o } = await windowOffice();
    const made = expectOk(await t.host.runJob(o.adminConn, 'backup.create', {})) as { file: string; handle: string };
    expect(issueCode(await runJob(t, o.adminConn, 'backup.restore', { file: made.file }))).toBe('files.not_chosen');
    expect(expectFailure(await t.call(o.adminConn, 'backup.inspect', { file: made.file }), 'INVALID_INPUT').issues?.[0]?.code).toBe('files.not_chosen');
    // The handle the call answered with works, for this window only.
    expect(expectOk(await t.call(o.adminConn, 'backup.inspect', { file: made.handle })).intact).toBe(true);
    const other = await createUser(t, o, 'admin');
    expect(expectFailure(await t.call(other.conn, 'backup.inspect', { file: made.handle }), 'INVALID_INPUT').issues?.[0]?.code).toBe('files.not_chosen');
  });

  it('a write handle writes once, only for its window, and a read handle does not write', async () => {
    const { t, o } = await windowOffice();
    const dir = makeTempDir();
    const out = path.join(dir, '居民名单.csv');
    const write = t.host.grantFile(o.adminConn, { path: out, use: 'write' });
    const viewer = await createUser(t, o, 'viewer');
    expect(issueCode(await runJob(t, viewer.conn, 'exports.residents', { file: write.handle, format: 'csv' }))).toBe('files.not_chosen');
    const read = t.host.grantFile(o.adminConn, { path: out, use: 'read' });
    expect(issueCode(await runJob(t, o.adminConn, 'exports.residents', { file: read.handle, format: 'csv' }))).toBe('files.wrong_use');
    const done = await jobOk(t, o.adminConn, 'exports.residents', { file: write.handle, format: 'csv' });
    expect(done.file).toBe(out);
    expect(done.rows).toBe(4);
    expect(issueCode(await runJob(t, o.adminConn, 'exports.residents', { file: write.handle, format: 'csv' }))).toBe('files.not_chosen');
  });

  it('a handle expires 30 minutes after its last use; signing out forgets the window’s handles', async () => {
    const { t, o } = await windowOffice();
    const out = path.join(makeTempDir(), 'a.csv');
    const write = t.host.grantFile(o.adminConn, { path: out, use: 'write' });
    t.clock.advanceMinutes(31);
    // The idle lock came first; the clerk unlocks, and the choice made half an hour ago is gone.
    expectOk(await t.call(o.adminConn, 'accounts.unlock', { password: o.admin.password }));
    expect(issueCode(await runJob(t, o.adminConn, 'exports.residents', { file: write.handle, format: 'csv' }))).toBe('files.expired');
    const again = t.host.grantFile(o.adminConn, { path: out, use: 'write' });
    expectOk(await t.call(o.adminConn, 'accounts.logout', {}));
    await t.call(o.adminConn, 'accounts.login', { username: o.admin.username, password: o.admin.password });
    expect(issueCode(await runJob(t, o.adminConn, 'exports.residents', { file: again.handle, format: 'csv' }))).toBe('files.not_chosen');
  });

  it('an existing file is replaced only when the save dialog confirmed it', async () => {
    const { t, o } = await windowOffice();
    const out = path.join(makeTempDir(), '名单.csv');
    fs.writeFileSync(out, 'keep me');
    const unconfirmed = t.host.grantFile(o.adminConn, { path: out, use: 'write' });
    expect(issueCode(await runJob(t, o.adminConn, 'exports.residents', { file: unconfirmed.handle, format: 'csv' }))).toBe('files.exists');
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    const confirmed = t.host.grantFile(o.adminConn, { path: out, use: 'write', overwrite: true });
    expect((await jobOk(t, o.adminConn, 'exports.residents', { file: confirmed.handle, format: 'csv' })).rows).toBe(4);
    expect(fs.readFileSync(out, 'utf8')).toContain('马建国');
  });

  it('a listed folder’s backups come with handles the window inspects them by', async () => {
    const { t, o } = await windowOffice();
    const usb = makeTempDir();
    const folder = t.host.grantFile(o.adminConn, { path: usb, use: 'folder' });
    expectOk(await t.host.runJob(o.adminConn, 'backup.create', { folder: folder.handle }));
    const listed = expectOk(await t.call(o.adminConn, 'backup.list', { folder: folder.handle }));
    expect(listed.items).toHaveLength(1);
    expect(expectOk(await t.call(o.adminConn, 'backup.inspect', { file: listed.items[0].handle })).sameOffice).toBe(true);
    // A folder handle does not read a file, and a file handle is no folder.
    expect(expectFailure(await t.call(o.adminConn, 'backup.list', { folder: listed.items[0].handle }), 'INVALID_INPUT').issues?.[0]?.code).toBe('files.wrong_use');
  });
});

describe('from anywhere, the CLI included: the database’s files, backups and existing files are safe', () => {
  it('never writes over the database, its -wal/-shm, .keys or a backup', async () => {
    const { t, o } = await cliOffice();
    const backup = await backupNow(t, o.adminConn, { folder: makeTempDir() });
    for (const target of [t.dbPath, `${t.dbPath}-wal`, `${t.dbPath}-shm`, `${t.dbPath}.keys`, backup.file]) {
      const before = fs.existsSync(target) ? bytes(target) : null;
      expect(issueCode(await runJob(t, o.adminConn, 'exports.residents', { file: target, format: 'csv' })), path.basename(target)).toBe('files.protected');
      expect(fs.existsSync(target) ? bytes(target).equals(before ?? Buffer.alloc(0)) : before === null, path.basename(target)).toBe(true);
    }
    // Named with the right extension, through a symbolic link, still the key file.
    if (process.platform !== 'win32') {
      const link = path.join(makeTempDir(), 'innocent.csv');
      fs.symlinkSync(`${t.dbPath}.keys`, link);
      expect(issueCode(await runJob(t, o.adminConn, 'exports.residents', { file: link, format: 'csv' }))).toBe('files.protected');
    }
    const keysAsCsv = `${t.dbPath}.keys.csv`;
    expect(issueCode(await runJob(t, o.adminConn, 'exports.residents', { file: keysAsCsv, format: 'csv' }))).toBe('files.protected');
  });

  it('never writes over an existing file it was not told to replace, nor into the automatic backup folder', async () => {
    const { t, o } = await cliOffice();
    const existing = path.join(makeTempDir(), 'report.csv');
    fs.writeFileSync(existing, 'earlier work');
    expect(issueCode(await runJob(t, o.adminConn, 'exports.residents', { file: existing, format: 'csv' }))).toBe('files.exists');
    expect(fs.readFileSync(existing, 'utf8')).toBe('earlier work');
    await backupNow(t, o.adminConn);
    const target = path.join(path.dirname(t.dbPath), 'backups', 'list.csv');
    expect(fs.existsSync(path.dirname(target))).toBe(true);
    expect(issueCode(await runJob(t, o.adminConn, 'exports.residents', { file: target, format: 'csv' }))).toBe('files.protected');
  });

  it('does not read the key file as a roster', async () => {
    const { t, o } = await cliOffice();
    expect(issueCode(await runJob(t, o.adminConn, 'imports.preview', { file: `${t.dbPath}.keys` }))).toBe('files.protected');
  });

  it.skipIf(process.platform === 'win32')('writes exports and error reports owner-only (0600)', async () => {
    const { t, o } = await cliOffice();
    const dir = makeTempDir();
    const csv = path.join(dir, 'out.csv');
    const xlsx = path.join(dir, 'out.xlsx');
    await jobOk(t, o.adminConn, 'exports.residents', { file: csv, format: 'csv' });
    await jobOk(t, o.adminConn, 'exports.residents', { file: xlsx, format: 'xlsx' });
    const bad = writeCsv(path.join(dir, 'bad.csv'), [HEADER, ['1', '某人', '123', '男', '1990-01-01', '户主', '', '']], 'gbk');
    const report = path.join(dir, 'errors.xlsx');
    expect((await jobOk(t, o.adminConn, 'imports.preview', { file: bad, reportFile: report })).reportFile).toBe(report);
    for (const file of [csv, xlsx, report]) expect((fs.statSync(file).mode & 0o777).toString(8), path.basename(file)).toBe('600');
  });
});
