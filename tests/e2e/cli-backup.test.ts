/**
 * civicdesk backup / restore / verify: the real binary on real encrypted database files. A backup is
 * an encrypted file; verify checks integrity, the change log and the key slots (exit 1 on any
 * problem); restore shows what the backup holds, wants --yes, gives back identical data, keeps the
 * replaced database aside; a wrong password changes nothing; a damaged database is refused with the
 * backup to restore named, and restored offline.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCopy } from '../../electron/core/db/connection';
import { readKeyFile, unwrapKey, normalizeRecoveryKey } from '../../electron/core/db/keystore';
import { dataHash, tableCounts, SQLITE_HEADER } from '../support/backups';
import { civicdeskCli, initArgs } from './support/cli';
import { tempDir as makeDir } from './support/preview';

const PASSWORD = 'Backup-pass-2025';

const civicdesk = civicdeskCli({ password: PASSWORD, timeout: 90_000 });

const dirs: string[] = [];
const tempDir = () => {
  const dir = makeDir('civicdesk-e2e-backup-');
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A new office with 150 demo residents; returns its file and the recovery key (to read it in the test). */
function office(dir: string): { db: string; recoveryKey: string } {
  const db = path.join(dir, 'office.db');
  const init = civicdesk([...initArgs(db), '--json']);
  expect(init.code, init.stderr).toBe(0);
  const demo = civicdesk(['demo', '--db', db, '--user', 'admin', '--residents', '150']);
  expect(demo.code, demo.stderr).toBe(0);
  return { db, recoveryKey: (JSON.parse(init.stdout) as { recoveryKey: string }).recoveryKey };
}

/** Read the database behind the app's back, with the key the recovery key unwraps. */
function withDatabase<T>(db: string, recoveryKey: string, read: (d: ReturnType<typeof openCopy>) => T, readonly = true): T {
  const slot = readKeyFile(db)!.slots.find((s) => s.kind === 'recovery')!;
  const key = unwrapKey(slot, normalizeRecoveryKey(recoveryKey))!;
  const d = openCopy(db, { key, readonly });
  try {
    return read(d);
  } finally {
    d.close();
  }
}

describe('civicdesk backup, verify and restore', () => {
  it('backup writes an encrypted file; restore shows it, wants --yes, and gives back identical data, keeping the current database aside', () => {
    const dir = tempDir();
    const { db, recoveryKey } = office(dir);
    const atBackup = withDatabase(db, recoveryKey, (d) => ({ hash: dataHash(d), counts: tableCounts(d) }));

    const backupFile = path.join(dir, 'U盘', '月底备份.cdbak');
    fs.mkdirSync(path.dirname(backupFile));
    const made = civicdesk(['backup', '--db', db, '--user', 'admin', '--out', backupFile, '--json']);
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ file: backupFile, office: { code: 'DWK-CYJ' }, counts: { residents: 150 }, encrypted: true });
    expect(fs.readFileSync(backupFile).subarray(0, 16).equals(SQLITE_HEADER)).toBe(false);

    const verify = civicdesk(['verify', '--db', db, '--user', 'admin', '--json']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, integrity: { ok: true }, changeLog: { ok: true }, keySlots: { ok: true, encrypted: true, cipher: 'aegis-256', slots: 2 } });

    expect(civicdesk(['demo', '--db', db, '--user', 'admin', '--residents', '40', '--seed', '2']).code).toBe(0);
    const changed = sha(db);

    // Without --yes (and no terminal to ask on) nothing happens, but the contents are shown first.
    const unconfirmed = civicdesk(['restore', backupFile, '--db', db, '--user', 'admin', '--lang', 'en']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('office 朝阳街社区 (DWK-CYJ)');
    expect(unconfirmed.stderr).toMatch(/residents: 150/);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(sha(db)).toBe(changed);

    const restored = civicdesk(['restore', backupFile, '--db', db, '--user', 'admin', '--yes', '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    const outcome = JSON.parse(restored.stdout) as { setAside: string; restored: { name: string } };
    expect(outcome.restored.name).toBe('月底备份.cdbak');
    expect(withDatabase(db, recoveryKey, (d) => ({ hash: dataHash(d), counts: tableCounts(d) }))).toEqual(atBackup);
    expect(withDatabase(outcome.setAside, recoveryKey, (d) => tableCounts(d).residents)).toBe(190);

    const info = civicdesk(['db', 'info', '--db', db, '--user', 'admin', '--json']);
    expect(info.code, info.stderr).toBe(0);
    for (const file of fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isFile())) {
      expect(fs.readFileSync(path.join(dir, file)).subarray(0, 16).equals(SQLITE_HEADER), file).toBe(false);
    }
  });

  it('a wrong password restores nothing: the backup stays byte-identical and no database is set aside', () => {
    const dir = tempDir();
    const { db } = office(dir);
    const backupFile = path.join(dir, 'b.cdbak');
    expect(civicdesk(['backup', '--db', db, '--user', 'admin', '--out', backupFile]).code).toBe(0);
    const before = { backup: sha(backupFile) };
    const wrong = civicdesk(['restore', backupFile, '--db', db, '--user', 'admin', '--yes', '--json'], { CIVICDESK_PASSWORD: 'Wrong-pass-2025' });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
    expect(sha(backupFile)).toBe(before.backup);
    // (the failed sign-in itself is counted in the database; the data is not touched)
    expect(fs.readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
  });

  it('verify exits 1 naming a change-log gap and a key slot file without a recovery slot', () => {
    const dir = tempDir();
    const { db, recoveryKey } = office(dir);
    withDatabase(db, recoveryKey, (d) => d.prepare('DELETE FROM change_log WHERE seq = 7').run(), false);
    const keys = readKeyFile(db)!;
    fs.writeFileSync(`${db}.keys`, JSON.stringify({ ...keys, slots: keys.slots.filter((s) => s.kind !== 'recovery') }));
    const verify = civicdesk(['verify', '--db', db, '--user', 'admin', '--json']);
    expect(verify.code).toBe(1);
    const report = JSON.parse(verify.stdout) as { ok: boolean; changeLog: { problems: string[] }; keySlots: { problems: string[] } };
    expect(report.ok).toBe(false);
    expect(report.changeLog.problems).toEqual(['change log gap: expected 7, found 8']);
    expect(report.keySlots.problems).toEqual(['0 recovery key slots (expected exactly 1)']);
    const human = civicdesk(['verify', '--db', db, '--user', 'admin', '--lang', 'en']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('[changeLog] change log gap');
  });

  it('a damaged database is refused naming the automatic backup to restore, and restore brings it back offline', () => {
    const dir = tempDir();
    const { db, recoveryKey } = office(dir);
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    const made = civicdesk(['backup', '--db', db, '--user', 'admin', '--out', backups, '--json']);
    expect(made.code, made.stderr).toBe(0);
    const backupFile = (JSON.parse(made.stdout) as { file: string }).file;
    const atBackup = withDatabase(db, recoveryKey, (d) => dataHash(d));

    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, 9 * 4096);
    fs.closeSync(fd);
    const damaged = sha(db);

    // Found as soon as a command reads the damaged page (its AEGIS tag fails; the CLI runs no whole-file check at sign-in) …
    const first = civicdesk(['db', 'info', '--db', db, '--user', 'admin', '--json']);
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({ error: { code: 'DB_DAMAGED', params: { backup: backupFile } } });
    // … and refused at once from then on, with the command to run.
    const second = civicdesk(['db', 'info', '--db', db, '--user', 'admin', '--lang', 'en']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`civicdesk restore ${backupFile} --db ${db}`);
    expect(sha(db)).toBe(damaged);

    const wrong = civicdesk(['restore', backupFile, '--db', db, '--user', 'admin', '--yes'], { CIVICDESK_PASSWORD: 'Wrong-pass-2025' });
    expect(wrong.code).toBe(1);
    expect(sha(db)).toBe(damaged);

    const restored = civicdesk(['restore', backupFile, '--db', db, '--user', 'admin', '--yes', '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(withDatabase(db, recoveryKey, (d) => dataHash(d))).toBe(atBackup);
    const verified = civicdesk(['verify', '--db', db, '--user', 'admin']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('页面加密：AEGIS-256。');
    const aside = (JSON.parse(restored.stdout) as { setAside: string }).setAside;
    expect(sha(aside)).toBe(damaged);
  });

  it('a forged, empty damage marker does not send restore down the offline path: it is removed and the restore goes through the sound database', () => {
    const dir = tempDir();
    const { db, recoveryKey } = office(dir);
    const backupFile = path.join(dir, 'b.cdbak');
    expect(civicdesk(['backup', '--db', db, '--user', 'admin', '--out', backupFile]).code).toBe(0);
    const atBackup = withDatabase(db, recoveryKey, (d) => dataHash(d));
    expect(civicdesk(['demo', '--db', db, '--user', 'admin', '--residents', '10', '--seed', '3']).code).toBe(0);
    fs.writeFileSync(`${db}.damaged`, '');
    const restored = civicdesk(['restore', backupFile, '--db', db, '--user', 'admin', '--yes', '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stderr).toContain('没有损坏');
    expect(fs.existsSync(`${db}.damaged`)).toBe(false);
    expect(withDatabase(db, recoveryKey, (d) => dataHash(d))).toBe(atBackup);
  });
});

describe('civicdesk db rekey', () => {
  it('prints the new recovery key once; the old key and recovery key no longer open the file, the password still signs in', () => {
    const dir = tempDir();
    const { db, recoveryKey } = office(dir);
    const before = withDatabase(db, recoveryKey, (d) => dataHash(d));
    const rekeyed = civicdesk(['db', 'rekey', '--db', db, '--user', 'admin', '--json']);
    expect(rekeyed.code, rekeyed.stderr).toBe(0);
    const out = JSON.parse(rekeyed.stdout) as { recoveryKey: string; needPassword: string[] };
    expect(out.recoveryKey).toMatch(/^([0-9A-Z]{6}-){7}[0-9A-Z]{6}$/);
    expect(out.needPassword).toEqual([]);
    expect(() => withDatabase(db, recoveryKey, (d) => dataHash(d))).toThrow();
    expect(withDatabase(db, out.recoveryKey, (d) => dataHash(d))).toBe(before);
    expect(civicdesk(['db', 'info', '--db', db, '--user', 'admin']).code).toBe(0);
  });
});
