/**
 * What the CLI says when the file named by --db is not what it should be: a folder, a damaged or
 * missing key slot file, a slot file left where `init` would create a database, a damaged database
 * with no backup to offer. Each is exit 1 with a message naming the file — never exit 3 with a
 * stack trace, never "not a CivicDesk database" for a database that only lost its slots, never an
 * offer to restore the backup "—" — and the files are left as they were.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { civicdeskCli, initArgs, newOffice } from './support/cli';
import { tempDir } from './support/preview';

const civicdesk = civicdeskCli({ password: 'Refusal-pass-2025', timeout: 60_000 });
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const dbInfo = (db: string, ...extra: string[]) => civicdesk(['db', 'info', '--db', db, '--user', 'admin', ...extra]);

/** Exit 1 with the message on stderr, no stack trace, and the code in the JSON answer. */
function expectRefused(run: ReturnType<typeof civicdesk>, code: string): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(JSON.parse(run.stdout)).toMatchObject({ error: { code } });
}

describe('civicdesk refuses a wrong --db with a clear message', () => {
  it('a folder given as --db: exit 1 saying it is a folder (init too)', () => {
    const dir = tempDir();
    const run = dbInfo(dir, '--json');
    expectRefused(run, 'NOT_A_FILE');
    expect(run.stderr).toContain(dir);
    expect(run.stderr).toContain('文件夹');
    const init = civicdesk([...initArgs(dir), '--lang', 'en']);
    expect(init.code, init.stderr).toBe(1);
    expect(init.stderr).toContain('is a folder');
  });

  it('an unparsable key slot file: exit 1 naming it, both files unchanged', () => {
    const { db } = newOffice(civicdesk);
    const keys = `${db}.keys`;
    fs.writeFileSync(keys, '{"format": 1, "slots": [');
    const before = [sha(db), sha(keys)];
    const run = dbInfo(db, '--json');
    expectRefused(run, 'KEYS_UNREADABLE');
    expect(run.stderr).toContain(keys);
    expect(run.stderr).toContain('密钥槽文件');
    expect([sha(db), sha(keys)]).toEqual(before);
  });

  it('an encrypted database whose key slot file is gone: reported as the missing slot file, not as "not a database"', () => {
    const { db } = newOffice(civicdesk);
    const keys = `${db}.keys`;
    fs.rmSync(keys);
    const before = sha(db);
    const run = dbInfo(db, '--json');
    expectRefused(run, 'KEYS_MISSING');
    expect(run.stderr).toContain(keys);
    expect(run.stderr).not.toContain('不是 CivicDesk 数据库');
    const english = dbInfo(db, '--lang', 'en');
    expect(english.stderr).toContain(`key slot file ${keys} is missing`);
    expect(sha(db)).toBe(before);
  });

  it('init where only a key slot file exists names that file and creates nothing', () => {
    const { db } = newOffice(civicdesk);
    const other = path.join(path.dirname(db), 'moved.db');
    fs.renameSync(`${db}.keys`, `${other}.keys`);
    const run = civicdesk(initArgs(other));
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`${other}.keys`);
    expect(fs.existsSync(other)).toBe(false);
  });

  it('a damaged database with no backup says there is none, instead of offering the backup "—"', () => {
    const { db } = newOffice(civicdesk);
    const demo = civicdesk(['demo', '--db', db, '--user', 'admin', '--residents', '150']);
    expect(demo.code, demo.stderr).toBe(0);
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, 9 * 4096);
    fs.closeSync(fd);
    // Found at sign-in (the key is needed to check an encrypted file) …
    const first = dbInfo(db, '--json');
    expectRefused(first, 'DB_DAMAGED_NO_BACKUP');
    expect(first.stderr).not.toContain('—');
    expect(first.stderr).toContain('没有找到自动备份');
    // … and at once from then on.
    const second = dbInfo(db, '--lang', 'en');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('no automatic backup was found');
    expect(second.stderr).not.toContain('—');
  });
});

describe('civicdesk writes its own reports under the same rules as every file a call writes', () => {
  it('residents import --report: never over .keys or the database (nor through a link), an existing file only with --overwrite, owner-only', () => {
    const { db } = newOffice(civicdesk);
    const dir = path.dirname(db);
    const roster = path.join(dir, 'roster.csv');
    fs.writeFileSync(roster, '姓名,公民身份号码\n张三,123\n');
    const keys = `${db}.keys`;
    const keysBefore = sha(keys);
    const importWith = (...extra: string[]) => civicdesk(['residents', 'import', roster, '--db', db, '--user', 'admin', '--dry-run', '--json', ...extra]);
    for (const target of [keys, db]) {
      const run = importWith('--report', target, '--overwrite');
      expect(run.code, run.stderr).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    }
    if (process.platform !== 'win32') {
      fs.symlinkSync(keys, path.join(dir, 'innocent.json'));
      expect(importWith('--report', path.join(dir, 'innocent.json'), '--overwrite').code).toBe(1);
    }
    // (Each run signs in, which writes its audit entry to the database: what matters is that it still opens.)
    expect(sha(keys)).toBe(keysBefore);
    expect(dbInfo(db, '--json').code).toBe(0);
    const existing = path.join(dir, 'earlier.json');
    fs.writeFileSync(existing, 'earlier work');
    expect(importWith('--report', existing).code).toBe(1);
    expect(fs.readFileSync(existing, 'utf8')).toBe('earlier work');
    const fresh = path.join(dir, 'report.json');
    importWith('--report', fresh);
    expect(JSON.parse(fs.readFileSync(fresh, 'utf8'))).toMatchObject({ total: 1, invalid: 1 });
    if (process.platform !== 'win32') expect((fs.statSync(fresh).mode & 0o777).toString(8)).toBe('600');
    importWith('--report', existing, '--overwrite');
    expect(JSON.parse(fs.readFileSync(existing, 'utf8'))).toMatchObject({ total: 1 });
  });
});
