/**
 * The office's audit chain, anchored at the bureau (issue 14, point 6). An office's audit entries are
 * chained by a keyed hash whose key is inside the office's own database: whoever holds the open
 * database can rewrite an entry and recompute every hash after it, and the office's `audit verify`
 * still says ok. The bureau cannot recompute the hashes (it has no key) but it holds the head it was
 * last sent — seq and hash — and each bundle carries the entries since the last one. So the bureau
 * checks links, not contents: the new entries must start right after the held head and name its hash
 * as their predecessor, link to each other, and end at the head the signed header claims.
 *
 * What this catches: an entry the bureau already anchored was edited, deleted or reordered (the
 * chain recomputed from there no longer passes through the held hash → audit_fork); entries missing
 * or cut off between bundles (audit_gap); a bundle's own entries that do not link up
 * (audit_rewritten). What it cannot catch: entries rewritten before they were ever sent (the bureau
 * never saw the originals) — the monthly report's short code narrows that window between syncs.
 *
 * No database here: pure arithmetic over what the bundle says and what the bureau holds.
 */
import { SyncFileError, type AuditHead, type WireAuditEntry } from '../format';

/** The first entry's predecessor (the office's chain starts from it: electron/core/audit/chain.ts). */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditBreakKind = 'audit_fork' | 'audit_gap' | 'audit_rewritten';

export type AuditAnchorCheck =
  /** The entries extend the held head; `head` is the new one (the held one when nothing was added). */
  | { ok: true; head: AuditHead | null }
  | { ok: false; kind: AuditBreakKind; detail: { heldSeq: number; atSeq: number | null; officeHeadSeq: number | null } };

const HASH = /^[0-9a-f]{64}$/;

/** The entries as a bundle must carry them; anything else is a payload the bureau cannot read. */
export function checkAuditShape(entries: unknown[]): WireAuditEntry[] {
  for (const e of entries) {
    if (!Array.isArray(e) || e.length !== 11 || !Number.isSafeInteger(e[0]) || (e[0] as number) < 1 || typeof e[9] !== 'string' || typeof e[10] !== 'string' || !HASH.test(e[10])) {
      throw new SyncFileError('bad_payload', 'audit entry');
    }
  }
  return entries as WireAuditEntry[];
}

/**
 * Do `entries` (in the order sent) extend `held` (seq 0: nothing anchored yet) and end at `claimed`,
 * the head in the bundle's signed header?
 */
export function checkAuditExtension(held: { seq: number; hash: string | null }, entries: readonly WireAuditEntry[], claimed: AuditHead | null): AuditAnchorCheck {
  const heldHash = held.seq === 0 ? GENESIS_HASH : held.hash;
  const fail = (kind: AuditBreakKind, atSeq: number | null): AuditAnchorCheck => ({ ok: false, kind, detail: { heldSeq: held.seq, atSeq, officeHeadSeq: claimed?.seq ?? null } });
  if (entries.length === 0) {
    if (claimed === null) return held.seq === 0 ? { ok: true, head: null } : fail('audit_fork', held.seq);
    if (claimed.seq === held.seq && claimed.hash === heldHash) return { ok: true, head: claimed };
    // The office says its trail goes further than anything it sent: entries left out.
    return claimed.seq > held.seq ? fail('audit_gap', held.seq + 1) : fail('audit_fork', claimed.seq);
  }
  let prevSeq = held.seq;
  let prevHash = heldHash;
  for (let i = 0; i < entries.length; i++) {
    const [seq, , , , , , , , , entryPrev, hash] = entries[i];
    if (i === 0) {
      // Numbered past the held head: entries in between never reached the bureau.
      if (seq > prevSeq + 1) return fail('audit_gap', prevSeq + 1);
      // At or before the held head, or after it but naming another predecessor: the entry the
      // bureau anchored is not the office's any more (its trail was rewritten from there).
      if (seq < prevSeq + 1 || entryPrev !== prevHash) return fail('audit_fork', held.seq);
    } else {
      if (seq !== prevSeq + 1) return fail('audit_gap', prevSeq + 1);
      if (entryPrev !== prevHash) return fail('audit_rewritten', seq);
    }
    prevSeq = seq;
    prevHash = hash;
  }
  if (claimed === null || claimed.seq !== prevSeq || claimed.hash !== prevHash) {
    return claimed !== null && claimed.seq > prevSeq ? fail('audit_gap', prevSeq + 1) : fail('audit_rewritten', prevSeq);
  }
  return { ok: true, head: { seq: prevSeq, hash: prevHash } };
}
