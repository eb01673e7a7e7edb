/**
 * audit.verify on a real (encrypted) office database that someone edited behind the app's back:
 * each kind of tampering is reported at the first entry it touched. Also: what the office secret
 * cannot protect against (someone holding the open database), which the bureau's anchor does, and
 * how long a walk over 100,000 entries takes.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../electron/core/audit/chain';
import { toStored } from '../../electron/core/audit/repository';
import { appendAudit } from '../../electron/core/audit/service';
import { insertRecord } from '../../electron/core/db/writes';
import { callWriteContext } from '../../electron/core/write-context';
import { uuidv7 } from '../../electron/core/ids';
import type { Db } from '../../electron/core/db/connection';
import { USER_PASSWORD, login, newConnection } from '../support/office';
import { expectOk } from '../support/results';
import { register, setupRegistry, type RegistryOffice } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { auditRows, lastAuditSeq, verifyAudit, withoutAppendOnly, type AuditRow } from '../support/audit';

afterEach(disposeTestResources);

/** An office with a few days' work: residents registered, edited and revealed; ends on a record write. */
async function officeWithHistory(): Promise<{ t: TestHost; office: RegistryOffice; db: Db }> {
  const t = createTestHost();
  const office = await setupRegistry(t);
  for (const name of ['陈德明', '高桂兰', '马建国']) {
    const r = await register(t, office.clerk.conn, { name });
    expectOk(await t.call(office.clerk.conn, 'residents.revealId', { id: r.id, purpose: 'view' }));
    expectOk(await t.call(office.clerk.conn, 'residents.update', { id: r.id, version: r.version, phone: '13995120001' }));
  }
  const verified = await verifyAudit(t, office.supervisor.conn);
  expect(verified).toMatchObject({ ok: true, entries: lastAuditSeq(t.host.db) });
  expect(verified.entries).toBeGreaterThan(25);
  return { t, office, db: t.host.db };
}

const row = (db: Db, seq: number) => db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow;

/** Rewrite entries from `from` on with hashes made with `secret`, as a forger would. */
function rehashFrom(db: Db, from: number, secret: Buffer): void {
  withoutAppendOnly(db, () => {
    let prev = row(db, from - 1).hash;
    const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
    for (const r of auditRows(db, from - 1)) {
      const hash = entryHash(secret, prev, toStored(r));
      update.run(prev, hash, r.seq);
      prev = hash;
    }
  });
}

/** The seq of a middle entry of the given action, so tampering is never at either end by accident. */
function middle(db: Db, action: string): number {
  const seqs = auditRows(db)
    .filter((r) => r.action === action)
    .map((r) => r.seq);
  return seqs[Math.floor(seqs.length / 2)];
}

describe('audit.verify finds tampering at the right entry', () => {
  it('an edited entry → hash_mismatch there (a reveal made to name someone else, a record entry hiding a field)', async () => {
    const { t, office, db } = await officeWithHistory();
    const reveal = middle(db, 'id.reveal');
    withoutAppendOnly(db, () => db.prepare("UPDATE audit_log SET username = 'someone.else' WHERE seq = ?").run(reveal));
    expect(await verifyAudit(t, office.supervisor.conn)).toMatchObject({ ok: false, firstBadEntry: { seq: reveal, reason: 'hash_mismatch' }, head: { seq: reveal - 1 } });

    const { t: t2, office: o2, db: db2 } = await officeWithHistory();
    const update = middle(db2, 'record.update');
    withoutAppendOnly(db2, () => db2.prepare("UPDATE audit_log SET fields = '[]' WHERE seq = ?").run(update));
    expect((await verifyAudit(t2, o2.supervisor.conn)).firstBadEntry).toEqual({ seq: update, reason: 'hash_mismatch' });
  });

  it('a deleted entry → missing at its number', async () => {
    const { t, office, db } = await officeWithHistory();
    const reveal = middle(db, 'id.reveal');
    withoutAppendOnly(db, () => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(reveal));
    expect((await verifyAudit(t, office.supervisor.conn)).firstBadEntry).toEqual({ seq: reveal, reason: 'missing' });
  });

  it('two entries swapped (each row given the other one’s content) → broken_link at the first', async () => {
    const { t, office, db } = await officeWithHistory();
    const a = middle(db, 'login');
    const [ra, rb] = [row(db, a), row(db, a + 1)];
    const columns = ['at', 'user_id', 'username', 'action', 'entity', 'entity_id', 'fields', 'detail', 'prev_hash', 'hash'] as const;
    const set = db.prepare(`UPDATE audit_log SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`);
    withoutAppendOnly(db, () => {
      set.run({ ...rb, seq: a });
      set.run({ ...ra, seq: a + 1 });
    });
    expect((await verifyAudit(t, office.supervisor.conn)).firstBadEntry).toEqual({ seq: a, reason: 'broken_link' });
  });

  it('the newest entries deleted → truncated (the numbers were issued); hidden from sqlite_sequence → the change log or the anchor still tells', async () => {
    const { t, office, db } = await officeWithHistory();
    const last = lastAuditSeq(db);
    withoutAppendOnly(db, () => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 3));
    expect((await verifyAudit(t, office.supervisor.conn)).firstBadEntry).toEqual({ seq: last - 2, reason: 'truncated' });
    // A careful editor also lowers the sequence: the change-log rows of the deleted record entries are left unaudited.
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(last - 3);
    expect((await verifyAudit(t, office.supervisor.conn)).firstBadEntry).toEqual({ seq: last - 2, reason: 'change_log_unaudited' });

    // Cutting off only entries that name no change-log row (sign-ins) and fixing the sequence:
    // nothing inside the file shows it, the anchor a bundle took to the bureau does.
    const { t: t2, office: o2, db: db2 } = await officeWithHistory();
    const kept = lastAuditSeq(db2);
    const earlier = expectOk(await t2.call(o2.supervisor.conn, 'audit.head', {})).head!;
    for (let i = 0; i < 3; i++) await login(t2, newConnection(), o2.clerk.user.username, USER_PASSWORD);
    const anchor = expectOk(await t2.call(o2.supervisor.conn, 'audit.head', {})).head!;
    expect(anchor.seq).toBe(kept + 3);
    withoutAppendOnly(db2, () => db2.prepare('DELETE FROM audit_log WHERE seq > ?').run(kept));
    db2.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(kept);
    expect((await verifyAudit(t2, o2.supervisor.conn)).ok).toBe(true);
    expect((await verifyAudit(t2, o2.supervisor.conn, { anchor: { seq: earlier.seq, hash: earlier.hash } })).ok).toBe(true);
    expect((await verifyAudit(t2, o2.supervisor.conn, { anchor: { seq: anchor.seq, hash: anchor.hash } })).firstBadEntry).toEqual({ seq: kept + 1, reason: 'truncated' });
  });

  it('a chain recomputed without the office secret (a guessed key) → hash_mismatch at the first rewritten entry', async () => {
    const { t, office, db } = await officeWithHistory();
    const reveal = middle(db, 'id.reveal');
    withoutAppendOnly(db, () => db.prepare("UPDATE audit_log SET detail = '{\"purpose\":\"print\"}' WHERE seq = ?").run(reveal));
    rehashFrom(db, reveal, randomBytes(32));
    // Every link is consistent again: only the key gives it away.
    const rows = auditRows(db);
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i].hash));
    expect((await verifyAudit(t, office.supervisor.conn)).firstBadEntry).toEqual({ seq: reveal, reason: 'hash_mismatch' });
  });

  it('someone holding the open database (and so the secret) can rebuild the chain; the bureau’s anchor catches it', async () => {
    const { t, office, db } = await officeWithHistory();
    const { head } = expectOk(await t.call(office.supervisor.conn, 'audit.head', {}));
    const reveal = middle(db, 'id.reveal');
    const secret = db.prepare("SELECT value FROM office_secrets WHERE name = 'audit'").pluck().get() as Buffer;
    withoutAppendOnly(db, () => db.prepare("UPDATE audit_log SET username = 'someone.else' WHERE seq = ?").run(reveal));
    rehashFrom(db, reveal, secret);
    expect((await verifyAudit(t, office.supervisor.conn)).ok).toBe(true);
    expect((await verifyAudit(t, office.supervisor.conn, { anchor: { seq: head!.seq, hash: head!.hash } })).firstBadEntry).toEqual({
      seq: head!.seq,
      reason: 'anchor_mismatch',
    });
  });

  it('a change-log row rewritten → change_log_mismatch at the entry that names it', async () => {
    const { t, office, db } = await officeWithHistory();
    const update = middle(db, 'record.update');
    const changeSeq = (JSON.parse(row(db, update).detail) as { changeSeq: number }).changeSeq;
    db.prepare("UPDATE change_log SET fields = '[\"notes\"]' WHERE seq = ?").run(changeSeq);
    expect((await verifyAudit(t, office.supervisor.conn)).firstBadEntry).toEqual({ seq: update, reason: 'change_log_mismatch' });
  });

  it('an emptied trail is itself a break: the chain always starts with audit.start', async () => {
    const { t, office, db } = await officeWithHistory();
    const last = lastAuditSeq(db);
    withoutAppendOnly(db, () => db.exec('DELETE FROM audit_log'));
    // Writing goes on after the gap, which stays visible.
    expectOk(await t.call(office.supervisor.conn, 'accounts.logout', {}));
    expect(auditRows(db).map((r) => r.seq)).toEqual([last + 1]);
    expect((await verifyAudit(t, office.adminConn)).firstBadEntry).toEqual({ seq: 1, reason: 'missing' });
  });
});

describe('verify at scale', () => {
  it('walks 100,000 entries (a fifth of them record writes checked against the change log) in a few seconds', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    const db = t.host.db;
    const officeId = db.prepare('SELECT id FROM office').pluck().get() as string;
    const start = performance.now();
    const base = lastAuditSeq(db);
    db.transaction(() => {
      const now = new Date().toISOString();
      const w = callWriteContext(db, { userId: office.clerk.user.id, username: office.clerk.user.username }, new Date(now));
      // Each step adds exactly one entry: a record write's, or an explicit one.
      for (let i = 0; i < 100_000 - base; i++) {
        if (i % 5 === 0) insertRecord(w, 'grids', uuidv7(), { office_id: officeId, code: `B${i}`, name: `网格${i}`, worker: null });
        else appendAudit(db, { at: now, userId: office.clerk.user.id, username: office.clerk.user.username, action: 'id.reveal', entity: 'residents', entityId: uuidv7(), fields: ['id_number'], detail: { purpose: 'view' } });
      }
    })();
    const appendMs = performance.now() - start;
    const entries = lastAuditSeq(db);
    expect(entries).toBeGreaterThanOrEqual(100_000);

    const verifyStart = performance.now();
    const verified = await verifyAudit(t, office.supervisor.conn);
    const verifyMs = performance.now() - verifyStart;
    expect(verified).toMatchObject({ ok: true, entries });
    console.info(`audit: ${entries} entries appended in ${Math.round(appendMs)} ms (${((appendMs * 1000) / entries).toFixed(1)} µs each), verified in ${Math.round(verifyMs)} ms`);
    // About a second on the development machine; the bound leaves room for a busy CI runner.
    expect(verifyMs).toBeLessThan(20_000);
  });
});
