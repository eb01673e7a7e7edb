import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { civicdeskCli, initArgs } from './support/cli';
import { tempDir } from './support/preview';

const PASSWORD = 'secret1234';

const civicdesk = civicdeskCli({ password: PASSWORD, timeout: 60_000 });

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('civicdesk CLI (the real binary, a real database file)', () => {
  it('init creates an encrypted office database, prints its recovery key once, and db info reports it as JSON only', () => {
    const db = path.join(tempDir(), '办公室.db');
    const init = civicdesk([...initArgs(db), '--json']);
    expect(init.code, init.stderr).toBe(0);
    const created = JSON.parse(init.stdout) as { recoveryKey: string };
    expect(created).toMatchObject({ office: { code: 'DWK-CYJ', name: '朝阳街社区', division: '640202' } });
    expect(created.recoveryKey).toMatch(/^([0-9A-Z]{6}-){7}[0-9A-Z]{6}$/);
    expect(fs.readFileSync(db).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    const info = civicdesk(['db', 'info', '--db', db, '--user', 'admin', '--json']);
    expect(info.code, info.stderr).toBe(0);
    const parsed = JSON.parse(info.stdout) as { schemaVersion: number; office: unknown; counts: Record<string, number> };
    expect(parsed.schemaVersion).toBeGreaterThanOrEqual(2);
    expect(parsed.office).toEqual({ code: 'DWK-CYJ', name: '朝阳街社区', division: '640202' });
    expect(parsed.counts.users).toBe(1);
    // Every feature's record counts, as a backup's header shows them.
    expect(parsed.counts).toMatchObject({ residents: 0, households: 0, grids: 0, users: 1 });
    expect(parsed.counts.changeLog).toBeGreaterThan(0);
  });

  it('init refuses a file that already holds a database, exit 1, file untouched', () => {
    const db = path.join(tempDir(), 'office.db');
    expect(civicdesk(initArgs(db)).code).toBe(0);
    const before = sha(db);
    const again = civicdesk(initArgs(db));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(db);
    expect(again.stderr).toContain('已存在');
    expect(sha(db)).toBe(before);
  });

  it('init with invalid options names each bad option and creates no file', () => {
    const db = path.join(tempDir(), 'office.db');
    const bad = civicdesk(['init', '--db', db, '--office-code', '!', '--office-name', '朝阳街社区', '--division', '64020', '--admin', 'admin', '--lang', 'en']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--division');
    expect(bad.stderr).toContain('--office-code');
    expect(bad.stderr).toContain('6 digits');
    expect(fs.existsSync(db)).toBe(false);
  });

  it('a corrupted or non-SQLite file is refused with its name, exit 1, and left byte-identical', () => {
    const dir = tempDir();
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, '这不是数据库 / not a database\n');
    for (const file of [junk, text]) {
      const before = sha(file);
      const run = civicdesk(['db', 'info', '--db', file, '--user', 'admin', '--json']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(file);
      expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'NOT_A_DATABASE' } });
      expect(sha(file)).toBe(before);
    }
  });

  it('a database from a newer app is refused with both versions named', () => {
    const db = path.join(tempDir(), 'office.db');
    // A plain SQLite file claiming schema 999 (an encrypted one cannot be edited from outside).
    const raw = new Database(db);
    raw.exec('CREATE TABLE future (x INTEGER) STRICT');
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha(db);
    const run = civicdesk(['db', 'info', '--db', db, '--user', 'admin', '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('999');
    expect(run.stderr).toMatch(/supports up to \d+/);
    expect(sha(db)).toBe(before);
  });

  it('a wrong password is rejected with exit 1; usage errors exit 2', () => {
    const db = path.join(tempDir(), 'office.db');
    expect(civicdesk(initArgs(db)).code).toBe(0);
    const wrong = civicdesk(['db', 'info', '--db', db, '--user', 'admin', '--json'], { CIVICDESK_PASSWORD: 'wrong-password1' });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
    expect(wrong.stderr).toContain('用户名或密码错误');
    expect(civicdesk(['no-such-command']).code).toBe(2);
    expect(civicdesk(['db', 'info', '--user', 'admin']).code).toBe(2);
    expect(civicdesk(['db', 'info', '--db', db, '--user', 'admin', '--bogus']).code).toBe(2);
  });

  it('wrong passwords over separate runs lock the account, and then the right one gets the same refusal; the file beside the database keeps no typed text', () => {
    const db = path.join(tempDir(), 'office.db');
    expect(civicdesk(initArgs(db)).code).toBe(0);
    const info = (password: string, user = 'admin') => civicdesk(['db', 'info', '--db', db, '--user', user, '--json'], { CIVICDESK_PASSWORD: password });
    const codes = [1, 2, 3, 4, 5].map((i) => {
      const run = info(`Guess-pass-${i}`);
      expect(run.code).toBe(1);
      return (JSON.parse(run.stdout) as { error: { code: string } }).error.code;
    });
    expect(codes).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'ACCOUNT_LOCKED']);
    const right = info(PASSWORD);
    expect(right.code).toBe(1);
    expect(JSON.parse(right.stdout)).toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
    expect(right.stderr).toContain('账户已锁定');
    expect(info('Guess-pass-6').stderr).toBe(right.stderr);
    // A password typed as the user name, and an over-long name, leave nothing of themselves.
    expect(info(PASSWORD, 'Typed-as-name-77').code).toBe(1);
    const long = info(PASSWORD, 'x'.repeat(65));
    expect(long.code).toBe(1);
    expect(long.stderr).toContain('64');
    const held = fs.readFileSync(`${db}.sealed-failures`, 'utf8');
    for (const typed of ['Guess-pass', 'Typed-as', 'xxxxxxxx', PASSWORD]) expect(held).not.toContain(typed);
  });

  it('init refuses an administrator password shorter than 10 characters, and creates nothing', () => {
    const db = path.join(tempDir(), 'office.db');
    const short = civicdesk([...initArgs(db), '--lang', 'en'], { CIVICDESK_PASSWORD: 'Abcdefg12' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 10 characters');
    expect(fs.existsSync(db)).toBe(false);
    expect(fs.existsSync(`${db}.keys`)).toBe(false);
  });
});
