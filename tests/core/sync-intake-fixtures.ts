/**
 * What the intake tests share: importing files at a real bureau, reading both sides' rows as the
 * bundle carries them, and making the bundles an attacker or a broken office would make — sealed
 * with the office's real key (read from its database, as someone holding it could) or a forged one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { IntakeResult, MethodOutput } from '../../shared/contract';
import type { Db } from '../../electron/core/db/connection';
import { openCopy } from '../../electron/core/db/connection';
import { readKeyFile, unwrapKey } from '../../electron/core/db/keystore';
import { SYNC_TABLES } from '../../electron/core/registry';
import { openBundle, readBundlePayload, sealBundle, toWire, type BundleHeader, type BundlePayload, type WireValue } from '../../electron/core/sync/format';
import { readSecret, SECRET } from '../../electron/core/sync/secrets';
import { ADMIN_PASSWORD } from '../support/office';
import { expectOk } from '../support/results';
import { onDispose } from '../support/temp-dir';
import type { TestBureau, TestSyncOffice } from '../support/sync';

export async function importFiles(bureau: TestBureau, files: string[]): Promise<IntakeResult[]> {
  const out = expectOk(await bureau.t.host.runJob(bureau.conn, 'bureau.import', { files })) as MethodOutput<'bureau.import'>;
  expect(out.results).toHaveLength(files.length);
  return out.results;
}

export interface StoredRow {
  version: number;
  deleted: boolean;
  data: Record<string, WireValue>;
}

/** The bureau's merged rows of one office, by `entity/id`. */
export function bureauRows(bureau: TestBureau, office: string): Map<string, StoredRow> {
  const rows = bureau.t.host.db.prepare('SELECT entity, entity_id, version, deleted, data FROM bureau_rows WHERE office_code = ? ORDER BY entity, entity_id').all(office) as {
    entity: string;
    entity_id: string;
    version: number;
    deleted: number;
    data: string;
  }[];
  return new Map(rows.map((r) => [`${r.entity}/${r.entity_id}`, { version: r.version, deleted: r.deleted === 1, data: JSON.parse(r.data) as Record<string, WireValue> }]));
}

/** Every row of every record table in the office, as a bundle carries it (withheld columns left out). */
export function officeRows(db: Db): Map<string, StoredRow> {
  const out = new Map<string, StoredRow>();
  for (const { table, withheld } of SYNC_TABLES) {
    const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).filter((c) => !withheld.has(c));
    for (const raw of db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).raw(true).all() as unknown[][]) {
      const data = Object.fromEntries(columns.map((c, i) => [c, toWire(raw[i])]));
      out.set(`${table}/${String(data.id)}`, { version: Number(data.version), deleted: data.deleted_at !== null, data });
    }
  }
  return out;
}

/** Row counts by table, for messages that say which table differs. */
export function tableCounts(rows: Map<string, StoredRow>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of rows.keys()) {
    const table = key.slice(0, key.indexOf('/'));
    counts[table] = (counts[table] ?? 0) + 1;
  }
  return counts;
}

export function expectSameRows(office: TestSyncOffice, bureau: TestBureau): Map<string, StoredRow> {
  const mine = officeRows(office.t.host.db);
  const theirs = bureauRows(bureau, office.code);
  expect(tableCounts(theirs)).toEqual(tableCounts(mine));
  for (const [key, row] of mine) expect(theirs.get(key), key).toEqual(row);
  return theirs;
}

/** The bureau's rows, alarms and bundles for a whole-state comparison. */
export function bureauState(bureau: TestBureau) {
  const db = bureau.t.host.db;
  return {
    rows: db.prepare('SELECT * FROM bureau_rows ORDER BY office_code, entity, entity_id').all(),
    persons: db.prepare('SELECT * FROM bureau_person_ids ORDER BY office_code, resident_id').all(),
    offices: db.prepare('SELECT office_code, verify_key, applied_sequence, applied_hash, audit_head_seq, audit_head_hash FROM bureau_offices ORDER BY office_code').all(),
    bundles: db.prepare('SELECT office_code, sequence, bundle_id, sha256, status FROM bureau_bundles ORDER BY office_code, sequence').all(),
  };
}

export const alarms = (bureau: TestBureau) =>
  bureau.t.host.db.prepare('SELECT id, office_code, kind, detail FROM bureau_alarms ORDER BY id').all() as { id: number; office_code: string | null; kind: string; detail: string }[];

export const intakeLog = (bureau: TestBureau) =>
  bureau.t.host.db.prepare('SELECT file_name, office_code, sequence, status, reason, reported FROM bureau_intake_log ORDER BY seq').all() as {
    file_name: string;
    office_code: string | null;
    sequence: number | null;
    status: string;
    reason: string | null;
    reported: number;
  }[];

/**
 * Forget everything the bureau took in from `office` (its rows, bundles, log, alarms, pinned key):
 * as if it had just been enrolled. Lets one bureau take the same office's bundles in many orders.
 */
export function forgetIntake(bureau: TestBureau, office: string): void {
  const db = bureau.t.host.db;
  db.transaction(() => {
    for (const table of ['bureau_rows', 'bureau_person_ids', 'bureau_bundles', 'bureau_intake_log', 'bureau_alarms']) db.prepare(`DELETE FROM ${table} WHERE office_code = ?`).run(office);
    db.prepare('UPDATE bureau_offices SET verify_key = NULL, applied_sequence = 0, applied_hash = NULL, last_bundle_at = NULL, audit_head_seq = 0, audit_head_hash = NULL WHERE office_code = ?').run(office);
  })();
}

export function bureauIdentity(bureau: TestBureau): string {
  return readSecret(bureau.t.host.db, SECRET.bureauIdentity)!.toString('utf8');
}

export function bureauRecipient(bureau: TestBureau): string {
  return bureau.t.host.db.prepare('SELECT recipient FROM bureau_identity').pluck().get() as string;
}

export async function payloadOf(bureau: TestBureau, file: Buffer): Promise<BundlePayload> {
  return readBundlePayload(openBundle(file), bureauIdentity(bureau));
}

type SealHeader = Omit<BundleHeader, 'format' | 'payloadBytes' | 'payloadSha256'>;

/**
 * A bundle made from `original` with its header and payload changed, sealed to `recipient` (the
 * bureau's by default) and signed with `signingKey` (the office's own by default).
 */
export async function reseal(
  bureau: TestBureau,
  office: TestSyncOffice,
  original: Buffer,
  change: { header?: Partial<SealHeader>; payload?: (p: BundlePayload) => BundlePayload; recipient?: string; signingKey?: Buffer } = {},
): Promise<Buffer> {
  const opened = openBundle(original);
  const { format: _f, payloadBytes: _b, payloadSha256: _s, ...header } = opened.header;
  const payload = await payloadOf(bureau, original);
  const next: SealHeader = { ...header, ...change.header };
  const body = change.payload ? change.payload(payload) : payload;
  return sealBundle(
    { ...body, office: next.office, bundleId: next.bundleId, sequence: next.sequence },
    next,
    change.recipient ?? bureauRecipient(bureau),
    change.signingKey ?? readSecret(office.t.host.db, SECRET.officeSigningKey)!,
  );
}

export function writeFile(dir: string, name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The office's database file opened a second time with its key (the admin's slot), as someone holding it could. */
export function openOfficeFile(office: TestSyncOffice): Db {
  const slot = readKeyFile(office.t.dbPath)!.slots.find((s) => s.kind === 'user' && s.username === 'admin')!;
  const key = unwrapKey(slot, ADMIN_PASSWORD);
  expect(key).not.toBeNull();
  const db = openCopy(office.t.dbPath, { key: key!, readonly: false });
  onDispose(() => {
    if (db.open) db.close();
  });
  return db;
}
