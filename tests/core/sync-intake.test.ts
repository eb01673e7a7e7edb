/**
 * The bureau's intake, office → bureau round trip: a demo office (residents, households, grids,
 * alerts, elderly care) is bundled and taken in, and every row of every record table the registry
 * names is at the bureau as the office holds it (withheld columns left out); edits and tombstones
 * made afterwards arrive with the next bundle. The bureau's own bookkeeping follows: gap-free point,
 * pinned key, audit head, person index, intake log, audit trail.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_TABLES } from '../../electron/core/registry';
import { normalizeIdNumber } from '../../shared/domain/id-number';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { expectFailure, expectOk } from '../support/results';
import { enrolledOffice, exportBundle, setupBureau } from '../support/sync';
import { auditRows } from '../support/audit';
import { bureauRows, expectSameRows, importFiles, intakeLog } from './sync-intake-fixtures';

afterEach(disposeTestResources);

/** Demo data at 300 residents and two bundles on a shared two-core machine. */
const TIMEOUT_MS = 60_000;

describe('bureau intake: round trip', () => {
  it(
    'every record table of a demo office arrives as the office holds it; edits and tombstones follow in the next bundle',
    async () => {
      const bureau = await setupBureau();
      const office = await enrolledOffice(bureau);
      const conn = office.office.adminConn;
      expectOk(await office.t.host.runJob(conn, 'demo.generate', { residents: 300, seed: 1 }));
      const usb = makeTempDir('civicdesk-usb-');
      const first = await exportBundle(office, usb);
      // A file that is not there refuses the whole call before anything is taken in; an office database takes no bundles.
      const missing = expectFailure(await bureau.t.host.runJob(bureau.conn, 'bureau.import', { files: [first.file!, path.join(usb, 'gone.cdbundle')] }), 'INVALID_INPUT');
      expect(missing.issues?.[0].path).toEqual(['files', 1]);
      expect(intakeLog(bureau)).toEqual([]);
      const notBureau = expectFailure(await office.t.host.runJob(conn, 'bureau.import', { files: [first.file!] }), 'INVALID_INPUT');
      expect(notBureau.issues?.[0]).toMatchObject({ path: ['files'], code: 'sync.is_office' });

      const [one] = await importFiles(bureau, [first.file!]);
      expect(one).toMatchObject({ file: first.file, office: office.code, sequence: 1, status: 'applied' });
      expect(one.reason).toBeUndefined();

      const rows = expectSameRows(office, bureau);
      expect(one.rows).toBe(rows.size);
      // Every module's records came through the registry, not a hand-kept list.
      const tables = new Set([...rows.keys()].map((k) => k.slice(0, k.indexOf('/'))));
      for (const t of ['residents', 'households', 'household_members', 'grids', 'alerts', 'users', 'office', 'settings']) expect(tables, t).toContain(t);
      expect([...tables].filter((t) => !['residents', 'households', 'household_members', 'grids', 'alerts', 'users', 'office', 'settings'].includes(t)).length).toBeGreaterThan(3);
      for (const t of tables) expect(SYNC_TABLES.map((s) => s.table)).toContain(t);
      // The office's password hashes and lockout counters stay in the office.
      const admin = [...rows.entries()].find(([k]) => k.startsWith('users/'))![1];
      expect(admin.data).not.toHaveProperty('password_hash');
      expect(admin.data).not.toHaveProperty('failed_attempts');

      const bdb = bureau.t.host.db;
      const odb = office.t.host.db;
      const officeRow = bdb.prepare('SELECT * FROM bureau_offices WHERE office_code = ?').get(office.code) as Record<string, unknown>;
      const head1 = auditRows(odb).filter((r) => r.action !== 'sync.bundle' && r.action !== 'sync.export').at(-1)!;
      expect(officeRow).toMatchObject({ applied_sequence: 1, verify_key: expect.any(String), audit_head_seq: head1.seq, audit_head_hash: head1.hash });
      expect(bdb.prepare('SELECT status, content FROM bureau_bundles').all()).toEqual([{ status: 'applied', content: null }]);
      // The person index holds every live resident by normalized ID number.
      const live = odb.prepare('SELECT id, id_number FROM residents WHERE deleted_at IS NULL AND merged_into IS NULL ORDER BY id').all() as { id: string; id_number: string }[];
      expect(bdb.prepare('SELECT resident_id AS id, id_norm FROM bureau_person_ids WHERE office_code = ? ORDER BY resident_id').all(office.code)).toEqual(
        live.map((r) => ({ id: r.id, id_norm: normalizeIdNumber(r.id_number) })),
      );

      // Edits, a merge (a resident tombstone), a household merge (household and membership tombstones), an acknowledged alert.
      const list = expectOk(await office.t.call(conn, 'residents.list', { limit: 20 })).items;
      const edited = expectOk(await office.t.call(conn, 'residents.update', { id: list[0].id, version: list[0].version, phone: '13995120077' }));
      const [keep, drop] = [list[1], list[2]];
      expectOk(await office.t.call(conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: drop.id, mergeVersion: drop.version }));
      const households = odb.prepare('SELECT id, version FROM households WHERE deleted_at IS NULL ORDER BY id LIMIT 2').all() as { id: string; version: number }[];
      expectOk(await office.t.call(conn, 'households.merge', { keepId: households[0].id, keepVersion: households[0].version, mergeId: households[1].id, mergeVersion: households[1].version }));
      const alert = odb.prepare("SELECT id, version FROM alerts WHERE status = 'open' LIMIT 1").get() as { id: string; version: number };
      expectOk(await office.t.call(conn, 'alerts.acknowledge', { id: alert.id, version: alert.version }));

      const second = await exportBundle(office, usb);
      expect(second.sequence).toBe(2);
      const [two] = await importFiles(bureau, [second.file!]);
      expect(two).toMatchObject({ sequence: 2, status: 'applied' });
      expect(two.rows).toBeGreaterThan(3);
      const after = expectSameRows(office, bureau);
      expect(after.get(`residents/${edited.id}`)?.data.phone).toBe('13995120077');
      expect(after.get(`residents/${drop.id}`)?.data.merged_into).toBe(keep.id);
      expect(after.get(`households/${households[1].id}`)).toMatchObject({ deleted: true });
      expect(bdb.prepare('SELECT 1 FROM bureau_person_ids WHERE resident_id = ?').get(drop.id)).toBeUndefined();
      expect(bdb.prepare('SELECT 1 FROM bureau_person_ids WHERE resident_id = ?').get(keep.id)).toBeDefined();
      expect(after.get(`alerts/${alert.id}`)?.data.status).toBe('acknowledged');
      // The audit head moved on to the second bundle's.
      const secondHead = (bdb.prepare('SELECT audit_head_seq FROM bureau_offices').pluck().get() as number);
      expect(secondHead).toBeGreaterThan(head1.seq);

      // Every file is in the intake log (for the receipts) and the bureau's audit trail, without folders.
      expect(intakeLog(bureau)).toEqual([
        { file_name: path.basename(first.file!), office_code: office.code, sequence: 1, status: 'applied', reason: null, reported: 0 },
        { file_name: path.basename(second.file!), office_code: office.code, sequence: 2, status: 'applied', reason: null, reported: 0 },
      ]);
      const audited = auditRows(bdb).filter((r) => r.action === 'bureau.import');
      expect(audited.map((r) => JSON.parse(r.detail))).toEqual([
        { file: path.basename(first.file!), office: office.code, sequence: 1, status: 'applied', reason: null, rows: one.rows },
        { file: path.basename(second.file!), office: office.code, sequence: 2, status: 'applied', reason: null, rows: two.rows },
      ]);

      // The same files again: duplicates, nothing changes.
      const before = bureauRows(bureau, office.code);
      const again = await importFiles(bureau, [first.file!, second.file!]);
      expect(again.map((r) => [r.sequence, r.status])).toEqual([
        [1, 'duplicate'],
        [2, 'duplicate'],
      ]);
      expect(bureauRows(bureau, office.code)).toEqual(before);
    },
    TIMEOUT_MS,
  );
});
