/**
 * The office's audit chain anchored at the bureau. Someone holding the office's open database can
 * rewrite an entry and recompute the chain with the office's own secret, and the office's `audit
 * verify` still says ok; the bureau, holding the head of the last bundle, sees the next bundle's
 * entries no longer start from it: `audit_fork`, an alarm, the rows still applied, the held head kept.
 * Also the anchor check's arithmetic on its own: extension, fork, gap, rewritten link, cut-off head.
 */
import { createHash } from 'node:crypto';
import { expectOk } from '../support/results';
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../electron/core/audit/chain';
import { toStored } from '../../electron/core/audit/repository';
import { checkAuditExtension, checkAuditShape, GENESIS_HASH } from '../../electron/core/sync/bureau/audit-anchor';
import { SyncFileError, type WireAuditEntry } from '../../electron/core/sync/format';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { enrolledOffice, exportBundle, setupBureau } from '../support/sync';
import { register } from '../support/residents-registry';
import { auditRows, verifyAudit, withoutAppendOnly, type AuditRow } from '../support/audit';
import { alarms, bureauRows, importFiles, openOfficeFile } from './sync-intake-fixtures';

afterEach(disposeTestResources);

const TIMEOUT_MS = 60_000;

describe('the audit anchor at the bureau', () => {
  it(
    'a trail rewritten and rehashed with the office’s own secret passes the office’s verify, and the next bundle raises audit_fork',
    async () => {
      const bureau = await setupBureau();
      const office = await enrolledOffice(bureau);
      const conn = office.office.adminConn;
      for (const name of ['陈德明', '高桂兰', '马建国']) await register(office.t, conn, { name });
      const usb = makeTempDir('civicdesk-usb-');
      const first = await exportBundle(office, usb);
      expect((await importFiles(bureau, [first.file!]))[0]).toMatchObject({ status: 'applied' });
      const anchored = bureau.t.host.db.prepare('SELECT audit_head_seq AS seq, audit_head_hash AS hash FROM bureau_offices').get() as { seq: number; hash: string };
      expect(anchored.seq).toBeGreaterThan(10);

      // Behind the app's back: the file opened with its key, the append-only triggers dropped, an
      // entry the bureau already holds rewritten, and every hash after it recomputed with the secret.
      const db = openOfficeFile(office);
      const secret = db.prepare("SELECT value FROM office_secrets WHERE name = 'audit'").pluck().get() as Buffer;
      const victim = (db.prepare("SELECT seq FROM audit_log WHERE action = 'record.insert' AND entity = 'residents' AND seq < ? ORDER BY seq LIMIT 1").pluck().get(anchored.seq) as number);
      withoutAppendOnly(db, () => {
        db.prepare("UPDATE audit_log SET username = 'someone.else' WHERE seq = ?").run(victim);
        let prev = (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(victim - 1) as string) ?? GENESIS_HASH;
        const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
        for (const r of db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(victim) as AuditRow[]) {
          const hash = entryHash(secret, prev, toStored(r));
          update.run(prev, hash, r.seq);
          prev = hash;
        }
      });
      db.close();
      // The office cannot tell: its chain verifies with its own secret. The anchored head can.
      expect(await verifyAudit(office.t, conn)).toMatchObject({ ok: true });
      expect(await verifyAudit(office.t, conn, { anchor: anchored })).toMatchObject({ ok: false });

      // The next bundle: its rows are the office's records and go in; its trail does not extend the held head.
      const newcomer = await register(office.t, conn, { name: '李秀英' });
      const second = await exportBundle(office, usb);
      const [two] = await importFiles(bureau, [second.file!]);
      expect(two).toMatchObject({ sequence: 2, status: 'applied', reason: 'audit_fork' });
      expect(bureauRows(bureau, office.code).get(`residents/${newcomer.id}`)).toBeDefined();
      const raised = alarms(bureau);
      expect(raised.map((a) => [a.office_code, a.kind])).toEqual([[office.code, 'audit_fork']]);
      expect(JSON.parse(raised[0].detail)).toMatchObject({ heldSeq: anchored.seq, atSeq: anchored.seq, sequence: 2, heldHash: anchored.hash });
      const held = () => bureau.t.host.db.prepare('SELECT applied_sequence, audit_head_seq AS seq, audit_head_hash AS hash FROM bureau_offices').get();
      expect(held()).toEqual({ applied_sequence: 2, ...anchored });
      expect(bureau.t.host.db.prepare("SELECT status, reason FROM bureau_intake_log WHERE sequence = 2").get()).toEqual({ status: 'applied', reason: 'audit_fork' });

      // Every later bundle says so too, under the one open alarm; the head stays where it last linked up.
      await register(office.t, conn, { name: '赵丽华' });
      const third = await exportBundle(office, usb);
      expect((await importFiles(bureau, [third.file!]))[0]).toMatchObject({ sequence: 3, status: 'applied', reason: 'audit_fork' });
      expect(alarms(bureau)).toHaveLength(1);
      expect(held()).toEqual({ applied_sequence: 3, ...anchored });

      // A person looks into it and resolves the alarm: the chain is watched again from where the office
      // now stands — the next bundle extends that head with no alarm, and a new rewrite is caught again.
      expectOk(await bureau.t.call(bureau.conn, 'bureau.alarms.resolve', { id: alarms(bureau)[0].id }));
      expect((held() as { seq: number }).seq).toBeGreaterThan(anchored.seq);
      await register(office.t, conn, { name: '孙志强' });
      const fourth = await exportBundle(office, usb);
      const [four] = await importFiles(bureau, [fourth.file!]);
      expect(four).toMatchObject({ sequence: 4, status: 'applied' });
      expect(four.reason).toBeUndefined();
    },
    TIMEOUT_MS,
  );

  it(
    'an untouched trail extends the held head bundle after bundle, and the office’s verify agrees with it as anchor',
    async () => {
      const bureau = await setupBureau();
      const office = await enrolledOffice(bureau);
      const usb = makeTempDir('civicdesk-usb-');
      const heads: number[] = [];
      for (const name of ['陈德明', '高桂兰']) {
        await register(office.t, office.office.adminConn, { name });
        const made = await exportBundle(office, usb);
        const [result] = await importFiles(bureau, [made.file!]);
        expect(result).toMatchObject({ status: 'applied' });
        expect(result.reason).toBeUndefined();
        const head = bureau.t.host.db.prepare('SELECT audit_head_seq AS seq, audit_head_hash AS hash FROM bureau_offices').get() as { seq: number; hash: string };
        const mine = auditRows(office.t.host.db).find((r) => r.seq === head.seq)!;
        expect(mine.hash).toBe(head.hash);
        heads.push(head.seq);
      }
      expect(heads[1]).toBeGreaterThan(heads[0]);
      expect(alarms(bureau)).toEqual([]);
      // The office's own verify with the bureau's head as anchor agrees.
      const anchor = bureau.t.host.db.prepare('SELECT audit_head_seq AS seq, audit_head_hash AS hash FROM bureau_offices').get() as { seq: number; hash: string };
      expect(await verifyAudit(office.t, office.office.adminConn, { anchor })).toMatchObject({ ok: true });
    },
    TIMEOUT_MS,
  );
});

describe('the anchor check on its own', () => {
  const h = (label: string) => createHash('sha256').update(label).digest('hex');
  const entry = (seq: number, prev: string, hash = h(`e${seq}`)): WireAuditEntry => [seq, '2026-01-01T00:00:00Z', null, null, 'x', null, null, '[]', '{}', prev, hash];
  /** Entries from..to, linked from `prev`. */
  const chain = (from: number, to: number, prev: string): WireAuditEntry[] => {
    const out: WireAuditEntry[] = [];
    for (let s = from; s <= to; s++) {
      out.push(entry(s, prev));
      prev = h(`e${s}`);
    }
    return out;
  };
  const head = (seq: number) => ({ seq, hash: h(`e${seq}`) });

  it('accepts the first entries from the genesis hash and any later ones from the held head', () => {
    expect(checkAuditExtension({ seq: 0, hash: null }, chain(1, 3, GENESIS_HASH), head(3))).toEqual({ ok: true, head: head(3) });
    expect(checkAuditExtension(head(3), chain(4, 9, h('e3')), head(9))).toEqual({ ok: true, head: head(9) });
    // Nothing new: the header's head is the held one.
    expect(checkAuditExtension(head(9), [], head(9))).toEqual({ ok: true, head: head(9) });
    expect(checkAuditExtension({ seq: 0, hash: null }, [], null)).toEqual({ ok: true, head: null });
  });

  it('names a fork at the held head, a gap, and a link broken inside the bundle', () => {
    const kind = (r: ReturnType<typeof checkAuditExtension>) => (r.ok ? 'ok' : r.kind);
    // The entry the bureau holds was rewritten: the next one names another predecessor.
    expect(kind(checkAuditExtension(head(3), chain(4, 6, h('rewritten')), head(6)))).toBe('audit_fork');
    expect(kind(checkAuditExtension({ seq: 0, hash: null }, chain(1, 2, h('x')), head(2)))).toBe('audit_fork');
    // Renumbered back onto entries the bureau already holds.
    expect(kind(checkAuditExtension(head(3), chain(3, 5, h('e2')), head(5)))).toBe('audit_fork');
    // The trail is now shorter than what the bureau holds, or gone.
    expect(kind(checkAuditExtension(head(3), [], head(2)))).toBe('audit_fork');
    expect(kind(checkAuditExtension(head(3), [], { seq: 3, hash: h('other') }))).toBe('audit_fork');
    expect(kind(checkAuditExtension(head(3), [], null))).toBe('audit_fork');
    // Entries missing between the held head and the bundle's, or inside it, or after it.
    expect(kind(checkAuditExtension(head(3), chain(5, 6, h('e4')), head(6)))).toBe('audit_gap');
    expect(kind(checkAuditExtension(head(3), [...chain(4, 5, h('e3')), ...chain(7, 8, h('e6'))], head(8)))).toBe('audit_gap');
    expect(kind(checkAuditExtension(head(3), chain(4, 5, h('e3')), head(7)))).toBe('audit_gap');
    expect(kind(checkAuditExtension(head(3), [], head(5)))).toBe('audit_gap');
    // A link inside the bundle does not hold, or the header's head is not its last entry.
    const broken = chain(4, 7, h('e3'));
    broken[2] = entry(6, h('elsewhere'));
    expect(kind(checkAuditExtension(head(3), broken, head(7)))).toBe('audit_rewritten');
    expect(kind(checkAuditExtension(head(3), chain(4, 7, h('e3')), { seq: 7, hash: h('other') }))).toBe('audit_rewritten');
    expect(kind(checkAuditExtension(head(3), chain(4, 7, h('e3')), null))).toBe('audit_rewritten');
  });

  it('refuses entries that are not audit entries as an unreadable payload', () => {
    expect(checkAuditShape(chain(1, 2, GENESIS_HASH))).toHaveLength(2);
    for (const bad of [[1, 2, 3], ['1', ...entry(1, GENESIS_HASH).slice(1)], [...entry(1, GENESIS_HASH).slice(0, 10), 'not-a-hash'], null]) {
      expect(() => checkAuditShape([bad])).toThrow(SyncFileError);
    }
  });
});
