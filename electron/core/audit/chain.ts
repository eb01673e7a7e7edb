/**
 * The audit chain's arithmetic, with no database in sight: how an entry is hashed, and how a walk
 * over the stored entries finds the first one that was edited, deleted, reordered or cut off.
 *
 * hash = HMAC-SHA256(office secret, prev_hash + "\n" + canonical JSON of the entry, seq included).
 * - Each entry carries its predecessor's hash, so removing, inserting or swapping entries breaks a
 *   link, and editing one changes its hash, which the next entry no longer names.
 * - seq is inside the hashed text, so entries cannot be renumbered to close a gap.
 * - The HMAC is keyed with a secret kept inside the (encrypted) database, never in the trail: a
 *   plain SHA-256 chain could be recomputed end to end by anyone who edits rows, and the result
 *   would verify. With the key, someone holding only the rows (a copy of the trail, a bundle, a
 *   database stolen without its key) cannot forge a chain that verifies.
 * - The canonical text is a JSON array in a fixed column order over the values exactly as stored
 *   (`fields` and `detail` are hashed as their stored JSON text), so verifying never depends on how a
 *   later version of the app would re-serialize an object.
 */
import { createHmac } from 'node:crypto';
import type { AuditBreakReason } from '../../../shared/domain/audit';

/** The "previous hash" of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one entry, as stored. */
export interface ChainEntry {
  seq: number;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  /** JSON text: the names of the changed fields. */
  fields: string;
  /** JSON text: the sanitized detail object. */
  detail: string;
}

export interface StoredEntry extends ChainEntry {
  prevHash: string;
  hash: string;
}

export function canonicalEntry(e: ChainEntry): string {
  return JSON.stringify([e.seq, e.at, e.userId, e.username, e.action, e.entity, e.entityId, e.fields, e.detail]);
}

export function entryHash(secret: Buffer, prevHash: string, e: ChainEntry): string {
  return createHmac('sha256', secret).update(prevHash).update('\n').update(canonicalEntry(e)).digest('hex');
}

/** A change-log row as the audit cross-check sees it. */
export interface ChangeRef {
  seq: number;
  entity: string;
  entityId: string;
  op: string;
  version: number;
  /** JSON text, as stored. */
  fields: string;
}

/**
 * A hash over a range of change-log rows, for the one entry a bulk job may write instead of one per
 * row: the same keyed construction, so the rows cannot be rewritten to match a recomputed value.
 */
export function changeRangeHash(secret: Buffer, rows: readonly ChangeRef[]): string {
  const h = createHmac('sha256', secret);
  for (const r of rows) h.update(JSON.stringify([r.seq, r.entity, r.entityId, r.op, r.version, r.fields])).update('\n');
  return h.digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: AuditBreakReason;
}

export interface ChangeLogAccess {
  row(seq: number): ChangeRef | undefined;
  range(from: number, to: number): ChangeRef[];
}

export interface ChainEnd {
  /** The highest sequence number ever issued (sqlite_sequence): above the last entry = cut off. */
  issuedSeq: number;
  /** The highest change-log sequence: above the last one an entry covers = unaudited writes. */
  maxChangeSeq: number;
}

const RECORD_OPS: Record<string, string> = { 'record.insert': 'insert', 'record.update': 'update', 'record.delete': 'delete' };

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const asInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/**
 * Walks the chain one entry at a time, in sequence order; the first break it reports is where the
 * trail stops being trustworthy (entries before it verify, nothing after it is checked).
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private lastSeq = 0;
  /** The change-log sequence the next record entry must name (0 until the chain's start says). */
  private nextChangeSeq = 0;
  private started = false;
  entries = 0;

  constructor(
    private readonly secret: Buffer,
    private readonly changes: ChangeLogAccess,
    private readonly anchor?: { seq: number; hash: string },
  ) {}

  get head(): { seq: number; hash: string } | null {
    return this.lastSeq === 0 ? null : { seq: this.lastSeq, hash: this.prevHash };
  }

  next(e: StoredEntry): ChainBreak | undefined {
    const expected = this.lastSeq + 1;
    if (e.seq !== expected) return { seq: expected, reason: 'missing' };
    if (e.prevHash !== this.prevHash) return { seq: e.seq, reason: 'broken_link' };
    const hash = entryHash(this.secret, this.prevHash, e);
    if (hash !== e.hash) return { seq: e.seq, reason: 'hash_mismatch' };
    if (this.anchor && this.anchor.seq === e.seq && !e.hash.startsWith(this.anchor.hash)) return { seq: e.seq, reason: 'anchor_mismatch' };
    if (!this.checkChanges(e)) return { seq: e.seq, reason: 'change_log_mismatch' };
    this.prevHash = hash;
    this.lastSeq = e.seq;
    this.entries += 1;
    return undefined;
  }

  finish(end: ChainEnd): ChainBreak | undefined {
    // Every database begins its chain with an audit.start entry, so an empty trail was emptied.
    if (this.lastSeq === 0) return { seq: 1, reason: 'missing' };
    if (end.issuedSeq > this.lastSeq || (this.anchor && this.anchor.seq > this.lastSeq)) return { seq: this.lastSeq + 1, reason: 'truncated' };
    if (end.maxChangeSeq >= this.nextChangeSeq) return { seq: this.lastSeq + 1, reason: 'change_log_unaudited' };
    return undefined;
  }

  /** Record entries name their change-log rows in order; each must match what the log holds. */
  private checkChanges(e: StoredEntry): boolean {
    if (e.action === 'audit.start') {
      if (e.seq !== 1) return false;
      this.started = true;
      this.nextChangeSeq = (asInt(parseDetail(e.detail).changeLogThrough) ?? 0) + 1;
      return true;
    }
    if (!this.started) return false;
    const op = RECORD_OPS[e.action];
    if (op !== undefined) {
      const detail = parseDetail(e.detail);
      const changeSeq = asInt(detail.changeSeq);
      if (changeSeq !== this.nextChangeSeq) return false;
      const row = this.changes.row(changeSeq);
      const same =
        row !== undefined &&
        row.op === op &&
        row.entity === e.entity &&
        row.entityId === e.entityId &&
        row.version === asInt(detail.version) &&
        row.fields === e.fields;
      this.nextChangeSeq += 1;
      return same;
    }
    if (e.action === 'records.batch') {
      const detail = parseDetail(e.detail);
      const from = asInt(detail.changeSeqFrom);
      const to = asInt(detail.changeSeqTo);
      if (from !== this.nextChangeSeq || to === undefined || to < from) return false;
      const rows = this.changes.range(from, to);
      this.nextChangeSeq = to + 1;
      return rows.length === to - from + 1 && changeRangeHash(this.secret, rows) === detail.changeHash;
    }
    return true;
  }
}
