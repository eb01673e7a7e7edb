/**
 * Making a bundle: every change-log row since the last bundle, as the rows stand now (tombstones
 * included), for every record table the core registry names — no module's own code — plus the audit
 * entries since the last bundle and the chain's head. Read in one transaction (one consistent
 * moment), then compressed, encrypted to the bureau and signed, then kept in the outbox byte for
 * byte: a bundle the bureau has not acknowledged is re-sent as the same file, never made again.
 */
import { gzipSync } from 'node:zlib';
import type { Ctx } from '../../context';
import type { Db } from '../../db/connection';
import type { SyncTable } from '../../feature';
import { uuidv7 } from '../../ids';
import { recordAudit } from '../../audit';
import { BUNDLE_EXTENSION, sealBundle, sha256, toWire, type WireAuditEntry } from '../format';
import { readSecret, SECRET } from '../secrets';
import { auditEntriesAfter, changeCount, changedEntities, changedRows, insertOutboxBundle, lastBundle, maxChangeSeq, type EnrollmentRow, type OutboxRow } from './repository';

/** A bundle's file name: office, sequence, and the start of its id (so two offices' files never collide). */
export function bundleFileName(officeCode: string, sequence: number, bundleId: string): string {
  return `${officeCode}-${String(sequence).padStart(6, '0')}-${bundleId.slice(-8)}${BUNDLE_EXTENSION}`;
}

const CHUNK = 1 << 20;

/**
 * The payload's JSON, compressed as it is made: each megabyte of text becomes one gzip member at once
 * (concatenated members are one valid gzip stream: `gunzip`, Node's zlib and age's pipe read them
 * whole), so a 100,000-row payload never exists uncompressed, as one JS string or one buffer.
 * Level 3: within a few per cent of level 6's size at a fraction of its time.
 */
class JsonChunks {
  private parts: Buffer[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  add(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= CHUNK) this.flush();
  }
  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(gzipSync(Buffer.from(this.pending.join(''), 'utf8'), { level: 3 }));
    this.pending = [];
    this.pendingLength = 0;
  }
  /** The whole payload, gzip'd. */
  finish(): Buffer {
    this.flush();
    const all = Buffer.concat(this.parts);
    this.parts = [];
    return all;
  }
}

interface Snapshot {
  /** The payload's JSON, gzip'd. */
  gzipped: Buffer;
  sequence: number;
  changeFrom: number;
  changeTo: number;
  changes: number;
  records: number;
  auditFrom: number;
  auditTo: number;
  auditHead: { seq: number; hash: string } | null;
  prev: OutboxRow | undefined;
}

/** The columns a bundle carries for a table: all but those its feature withholds. */
function columnsOf(db: Db, { table, withheld }: SyncTable): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).filter((c) => !withheld.has(c));
}

/** Everything the next bundle holds, read in one transaction; undefined when nothing changed since the last one. */
function snapshot(db: Db, tables: readonly SyncTable[], office: string, bundleId: string): Snapshot | undefined {
  return db.transaction(() => {
    const prev = lastBundle(db);
    // Read with everything else in this transaction: the sequence follows the bundle this one chains to.
    const sequence = (prev?.sequence ?? 0) + 1;
    const changeFrom = prev?.change_to ?? 0;
    const changeTo = maxChangeSeq(db);
    if (changeTo <= changeFrom) return undefined;
    const changes = changeCount(db, changeFrom, changeTo);
    const out = new JsonChunks();
    out.add(`{"format":1,"office":${JSON.stringify(office)},"bundleId":"${bundleId}","sequence":${sequence},"changeFrom":${changeFrom},"changeTo":${changeTo},"changes":${changes},"tables":[`);
    // The entities changed in the range, in registry order (a change-log entity no feature names any more is skipped).
    const changed = new Set(changedEntities(db, changeFrom, changeTo));
    let records = 0;
    let firstTable = true;
    for (const sync of tables) {
      const table = sync.table;
      if (!changed.has(table)) continue;
      const columns = columnsOf(db, sync);
      out.add(`${firstTable ? '' : ','}{"entity":${JSON.stringify(table)},"columns":${JSON.stringify(columns)},"rows":[`);
      firstTable = false;
      let firstRow = true;
      // Each row once, with the transaction and change-log row of its last change.
      for (const raw of changedRows(db, table, columns, changeFrom, changeTo)) {
        out.add((firstRow ? '' : ',') + JSON.stringify(raw.map(toWire)));
        firstRow = false;
        records += 1;
      }
      out.add(']}');
    }
    out.add('],"audit":[');
    const auditFrom = prev?.audit_to ?? 0;
    let auditTo = auditFrom;
    let auditHead: Snapshot['auditHead'] = null;
    let firstEntry = true;
    for (const e of auditEntriesAfter<WireAuditEntry>(db, auditFrom)) {
      out.add((firstEntry ? '' : ',') + JSON.stringify(e));
      firstEntry = false;
      auditTo = e[0];
      auditHead = { seq: e[0], hash: e[10] };
    }
    if (!auditHead && prev) auditHead = { seq: prev.audit_to, hash: prev.audit_head_hash };
    out.add(']}');
    return { gzipped: out.finish(), sequence, changeFrom, changeTo, changes, records, auditFrom, auditTo, auditHead, prev };
  })();
}

export interface MadeBundle {
  sequence: number;
  changes: number;
  records: number;
  fileName: string;
}

/**
 * Make the next bundle if anything changed since the last one: sealed and kept in the outbox.
 * Returns undefined when there is nothing new (the caller still re-sends what is unacknowledged).
 */
export async function makeBundle(ctx: Ctx, tables: readonly SyncTable[], enrollment: EnrollmentRow): Promise<MadeBundle | undefined> {
  const signingKey = readSecret(ctx.db, SECRET.officeSigningKey);
  if (!signingKey) throw new Error('enrolled office without its signing key');
  const bundleId = uuidv7();
  const snap = snapshot(ctx.db, tables, enrollment.office_code, bundleId);
  if (!snap) return undefined;
  const sequence = snap.sequence;
  const createdAt = ctx.now.toISOString();
  const file = await sealBundle(
    { gzipped: snap.gzipped },
    {
      office: enrollment.office_code,
      enrollmentId: enrollment.enrollment_id,
      bundleId,
      sequence,
      prevHash: snap.prev?.sha256 ?? null,
      createdAt,
      auditHead: snap.auditHead,
      officeKey: enrollment.office_verify_key,
      keyProof: enrollment.key_proof,
    },
    enrollment.bureau_recipient,
    signingKey,
  );
  const fileName = bundleFileName(enrollment.office_code, sequence, bundleId);
  ctx.db.transaction(() => {
    // Another export that finished while this one was encrypting took the sequence: the PK refuses this one.
    insertOutboxBundle(ctx.db, {
      sequence,
      bundle_id: bundleId,
      change_from: snap.changeFrom,
      change_to: snap.changeTo,
      audit_from: snap.auditFrom,
      audit_to: snap.auditTo,
      audit_head_hash: snap.auditHead?.hash ?? '',
      changes: snap.changes,
      file_name: fileName,
      sha256: sha256(file),
      bytes: file.length,
      content: file,
      created_at: createdAt,
      created_by: ctx.actor?.userId ?? null,
    });
    recordAudit(ctx, 'sync.bundle', { sequence, changes: snap.changes, records: snap.records, bytes: file.length, bundleId });
  })();
  return { sequence, changes: snap.changes, records: snap.records, fileName };
}
