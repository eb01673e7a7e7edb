/**
 * `civicdesk audit verify` — the real binary on a real encrypted office database: exit 0 with the
 * entry count when the chain is intact, exit 1 naming the first bad entry once someone with the key
 * edits or cuts the trail behind the app's back.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyKey } from '../../electron/core/db/connection';
import { readKeyFile, unwrapKey } from '../../electron/core/db/keystore';
import { civicdeskCli, newOffice as newOfficeIn } from './support/cli';

const PASSWORD = 'secret1234';

const civicdesk = civicdeskCli({ password: PASSWORD, timeout: 60_000 });

const newOffice = () => newOfficeIn(civicdesk).db;

/** Open the encrypted file as someone holding the administrator's password would, outside the app. */
function tamper(db: string, sql: string): void {
  const slot = readKeyFile(db)!.slots.find((s) => s.username === 'admin')!;
  const raw = new Database(db);
  try {
    applyKey(raw, unwrapKey(slot, PASSWORD)!);
    raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    raw.exec(sql);
  } finally {
    raw.close();
  }
}

interface VerifyJson {
  entries: number;
  ok: boolean;
  firstBadEntry?: { seq: number; reason: string };
  head: { seq: number; hash: string } | null;
}

describe('civicdesk audit verify', () => {
  it('an intact chain: exit 0, {entries, ok: true} and no firstBadEntry; the human answer names the count', () => {
    const db = newOffice();
    const run = civicdesk(['audit', 'verify', '--db', db, '--user', 'admin', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as VerifyJson;
    expect(out.ok).toBe(true);
    expect(out.firstBadEntry).toBeUndefined();
    // audit.start, the office, its settings and administrator, office.setup, and this sign-in at least.
    expect(out.entries).toBeGreaterThanOrEqual(6);
    expect(out.head?.hash).toMatch(/^[0-9a-f]{64}$/);

    const human = civicdesk(['audit', 'verify', '--db', db, '--user', 'admin']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('审计日志链完整');
    // Each run signs in and out (two entries), and the head the first run saw still matches as an anchor.
    const anchored = civicdesk(['audit', 'verify', '--db', db, '--user', 'admin', '--json', '--anchor', `${out.head!.seq}:${out.head!.hash}`]);
    expect(anchored.code, anchored.stdout).toBe(0);
    expect((JSON.parse(anchored.stdout) as VerifyJson).entries).toBe(out.entries + 4);
  });

  it('an edited entry: exit 1 and firstBadEntry names it; the newest entries deleted: the first of them is missing', () => {
    const db = newOffice();
    tamper(db, "UPDATE audit_log SET username = 'someone.else' WHERE seq = 3");
    const edited = civicdesk(['audit', 'verify', '--db', db, '--user', 'admin', '--json']);
    expect(edited.code).toBe(1);
    expect(JSON.parse(edited.stdout)).toMatchObject({ ok: false, firstBadEntry: { seq: 3, reason: 'hash_mismatch' } });
    const human = civicdesk(['audit', 'verify', '--db', db, '--user', 'admin', '--lang', 'en']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('breaks at entry 3: an entry was edited');

    const cut = newOffice();
    const before = JSON.parse(civicdesk(['audit', 'verify', '--db', cut, '--user', 'admin', '--json']).stdout) as VerifyJson;
    tamper(cut, `DELETE FROM audit_log WHERE seq > ${before.entries - 2}`);
    // The sign-in of the next run is numbered after every number ever issued, so the cut shows as a gap.
    const truncated = civicdesk(['audit', 'verify', '--db', cut, '--user', 'admin', '--json']);
    expect(truncated.code).toBe(1);
    expect(JSON.parse(truncated.stdout)).toMatchObject({ ok: false, firstBadEntry: { seq: before.entries - 1, reason: 'missing' } });
  });

  it('a malformed --anchor is a usage error (exit 2); a wrong password is exit 1 as for every command', () => {
    const db = newOffice();
    expect(civicdesk(['audit', 'verify', '--db', db, '--user', 'admin', '--anchor', 'not-an-anchor']).code).toBe(2);
    expect(civicdesk(['audit', 'verify', '--user', 'admin']).code).toBe(2);
    expect(civicdesk(['audit', 'verify', '--db', db, '--user', 'admin', '--json'], { CIVICDESK_PASSWORD: 'wrong-password1' }).code).toBe(1);
  });
});
