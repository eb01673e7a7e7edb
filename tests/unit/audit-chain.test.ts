/**
 * The audit chain's arithmetic on synthetic entries: an intact chain verifies, and every kind of
 * tampering (edit, delete, reorder, truncate, recompute with a guessed key, rewrite the change log)
 * is reported at exactly the entry where the trail stops being trustworthy.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChainVerifier,
  GENESIS_HASH,
  canonicalEntry,
  changeRangeHash,
  entryHash,
  type ChainBreak,
  type ChainEntry,
  type ChangeRef,
  type StoredEntry,
} from '../../electron/core/audit/chain';
import { sanitizeAuditValue } from '../../electron/core/audit/service';

const SECRET = Buffer.alloc(32, 0x5a);
const ID_NUMBER = '640202198506123016';

interface Chain {
  entries: StoredEntry[];
  changes: ChangeRef[];
}

/** Rehash entries from index `from` on (as an attacker would after an edit), with `secret`. */
function rehash(entries: StoredEntry[], secret: Buffer, from = 0): void {
  for (let i = from; i < entries.length; i++) {
    const prevHash = i === 0 ? GENESIS_HASH : entries[i - 1].hash;
    entries[i] = { ...entries[i], prevHash, hash: entryHash(secret, prevHash, entries[i]) };
  }
}

/**
 * A chain of `n` entries after the audit.start entry: every third one a record write that names
 * its change-log row (the others sign-ins and reveals), as the service writes them.
 */
function buildChain(n: number, secret = SECRET): Chain {
  const entries: StoredEntry[] = [];
  const changes: ChangeRef[] = [];
  const push = (e: Omit<ChainEntry, 'seq'>) => entries.push({ ...e, seq: entries.length + 1, prevHash: '', hash: '' });
  push({ at: '2025-03-10T08:00:00.000Z', userId: null, username: null, action: 'audit.start', entity: null, entityId: null, fields: '[]', detail: '{"changeLogThrough":0}' });
  for (let i = 0; i < n; i++) {
    const at = new Date(Date.UTC(2025, 2, 10, 8, 0, i + 1)).toISOString();
    if (i % 3 === 0) {
      const change: ChangeRef = { seq: changes.length + 1, entity: 'residents', entityId: `r-${i}`, op: 'update', version: 2, fields: '["phone"]' };
      changes.push(change);
      push({ at, userId: 'u-1', username: 'li.na', action: 'record.update', entity: 'residents', entityId: change.entityId, fields: change.fields, detail: JSON.stringify({ changeSeq: change.seq, version: 2 }) });
    } else if (i % 3 === 1) {
      push({ at, userId: 'u-1', username: 'li.na', action: 'login', entity: 'users', entityId: 'u-1', fields: '[]', detail: '{}' });
    } else {
      push({ at, userId: 'u-2', username: 'ma.ke', action: 'id.reveal', entity: 'residents', entityId: `r-${i}`, fields: '["id_number"]', detail: '{"purpose":"打印"}' });
    }
  }
  rehash(entries, secret);
  return { entries, changes };
}

function verify(chain: Chain, options: { issuedSeq?: number; anchor?: { seq: number; hash: string }; secret?: Buffer } = {}): ChainBreak | undefined {
  const changeMap = new Map(chain.changes.map((c) => [c.seq, c]));
  const verifier = new ChainVerifier(
    options.secret ?? SECRET,
    { row: (seq) => changeMap.get(seq), range: (from, to) => chain.changes.filter((c) => c.seq >= from && c.seq <= to) },
    options.anchor,
  );
  for (const e of chain.entries) {
    const broken = verifier.next(e);
    if (broken) return broken;
  }
  const last = chain.entries.at(-1)?.seq ?? 0;
  return verifier.finish({ issuedSeq: options.issuedSeq ?? last, maxChangeSeq: chain.changes.at(-1)?.seq ?? 0 });
}

describe('an intact chain', () => {
  it('verifies, and its hashes are HMAC-SHA256 over the previous hash and the canonical entry', () => {
    const chain = buildChain(30);
    expect(verify(chain)).toBeUndefined();
    const [first, second] = chain.entries;
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalEntry(first)).toBe(JSON.stringify([1, first.at, null, null, 'audit.start', null, null, '[]', '{"changeLogThrough":0}']));
  });

  it('hashes depend on the key and on the sequence number, so entries cannot be renumbered', () => {
    const { entries } = buildChain(3);
    const e = entries[2];
    expect(entryHash(randomBytes(32), e.prevHash, e)).not.toBe(e.hash);
    expect(entryHash(SECRET, e.prevHash, { ...e, seq: e.seq + 1 })).not.toBe(e.hash);
  });
});

describe('tampering is found at the right entry', () => {
  it('an edited field of one entry → hash_mismatch at that entry', () => {
    for (const edit of [
      (e: StoredEntry) => ({ ...e, username: 'someone.else' }),
      (e: StoredEntry) => ({ ...e, at: '2024-01-01T00:00:00.000Z' }),
      (e: StoredEntry) => ({ ...e, detail: '{"purpose":"无"}' }),
      (e: StoredEntry) => ({ ...e, fields: '[]' }),
      (e: StoredEntry) => ({ ...e, hash: 'f'.repeat(64) }),
    ]) {
      const chain = buildChain(20);
      chain.entries[9] = edit(chain.entries[9]);
      expect(verify(chain)).toEqual({ seq: 10, reason: 'hash_mismatch' });
    }
  });

  it('a deleted entry → missing at its number; a deleted first entry → missing at 1', () => {
    const chain = buildChain(20);
    chain.entries.splice(6, 1);
    expect(verify(chain)).toEqual({ seq: 7, reason: 'missing' });
    const headless = buildChain(5);
    headless.entries.shift();
    expect(verify(headless)).toEqual({ seq: 1, reason: 'missing' });
  });

  it('two entries swapped (their contents exchanged under the same numbers) → broken_link at the first', () => {
    const chain = buildChain(20);
    const [a, b] = [chain.entries[11], chain.entries[12]];
    chain.entries[11] = { ...b, seq: a.seq };
    chain.entries[12] = { ...a, seq: b.seq };
    expect(verify(chain)).toEqual({ seq: 12, reason: 'broken_link' });
  });

  it('the newest entries cut off → truncated after the last one left (numbers were issued beyond it)', () => {
    const chain = buildChain(20);
    const issued = chain.entries.length;
    chain.entries.splice(-3, 3);
    chain.changes = chain.changes.filter((c) => chain.entries.some((e) => e.detail.includes(`"changeSeq":${c.seq},`)));
    expect(verify(chain, { issuedSeq: issued })).toEqual({ seq: issued - 2, reason: 'truncated' });
  });

  it('a chain recomputed with a guessed key after an edit → hash_mismatch at the edit; recomputed whole → at 1', () => {
    const chain = buildChain(20);
    chain.entries[14] = { ...chain.entries[14], username: 'cover.up' };
    rehash(chain.entries, randomBytes(32), 14);
    expect(verify(chain)).toEqual({ seq: 15, reason: 'hash_mismatch' });

    const forged = buildChain(20, randomBytes(32));
    expect(verify(forged)).toEqual({ seq: 1, reason: 'hash_mismatch' });
  });

  it('an anchor held elsewhere catches a chain rebuilt with the real key: anchor_mismatch, or truncated if it is gone', () => {
    const chain = buildChain(20);
    const anchor = { seq: 12, hash: chain.entries[11].hash };
    expect(verify(chain, { anchor })).toBeUndefined();
    // Someone with the key rewrites entry 5 and rehashes everything after it.
    chain.entries[4] = { ...chain.entries[4], username: 'cover.up' };
    rehash(chain.entries, SECRET, 4);
    expect(verify(chain)).toBeUndefined();
    expect(verify(chain, { anchor })).toEqual({ seq: 12, reason: 'anchor_mismatch' });
    expect(verify({ ...chain, entries: chain.entries.slice(0, 8) }, { anchor: { seq: 12, hash: anchor.hash } })).toEqual({ seq: 9, reason: 'truncated' });
  });

  it('a change-log row rewritten, or one no entry covers → change_log_mismatch / change_log_unaudited', () => {
    const chain = buildChain(20);
    chain.changes[2] = { ...chain.changes[2], fields: '["name"]' };
    const named = chain.entries.find((e) => e.detail.includes('"changeSeq":3,'))!;
    expect(verify(chain)).toEqual({ seq: named.seq, reason: 'change_log_mismatch' });

    const extra = buildChain(20);
    extra.changes.push({ seq: extra.changes.length + 1, entity: 'users', entityId: 'u-9', op: 'insert', version: 1, fields: '["role"]' });
    expect(verify(extra)).toEqual({ seq: extra.entries.length + 1, reason: 'change_log_unaudited' });
  });

  it('a batch entry covers a range of change-log rows by keyed hash; editing one of them is found', () => {
    const chain = buildChain(0);
    const rows: ChangeRef[] = Array.from({ length: 50 }, (_v, i) => ({ seq: i + 1, entity: 'residents', entityId: `r-${i}`, op: 'insert', version: 1, fields: '["name"]' }));
    chain.changes = rows;
    chain.entries.push({
      seq: 2,
      at: '2025-03-10T09:00:00.000Z',
      userId: 'u-1',
      username: 'admin',
      action: 'records.batch',
      entity: null,
      entityId: null,
      fields: '[]',
      detail: JSON.stringify({ job: 'demo.generate', changeSeqFrom: 1, changeSeqTo: 50, rows: 50, changeHash: changeRangeHash(SECRET, rows) }),
      prevHash: '',
      hash: '',
    });
    rehash(chain.entries, SECRET);
    expect(verify(chain)).toBeUndefined();
    chain.changes = rows.map((r, i) => (i === 30 ? { ...r, entityId: 'r-other' } : r));
    expect(verify(chain)).toEqual({ seq: 2, reason: 'change_log_mismatch' });
    chain.changes = rows.filter((_r, i) => i !== 30);
    expect(verify(chain)).toEqual({ seq: 2, reason: 'change_log_mismatch' });
  });

  it('property: any single edit, deletion or swap in any chain is reported at the entry it touched', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 60 }), fc.nat(), fc.constantFrom('edit', 'delete', 'swap'), (n, pick, kind) => {
        const chain = buildChain(n);
        // Not the last entry for a swap (it needs a neighbour), never the audit.start entry itself for simplicity.
        const i = 1 + (pick % (chain.entries.length - 2));
        if (kind === 'edit') chain.entries[i] = { ...chain.entries[i], at: '1999-01-01T00:00:00.000Z' };
        if (kind === 'delete') chain.entries.splice(i, 1);
        if (kind === 'swap') {
          const [a, b] = [chain.entries[i], chain.entries[i + 1]];
          chain.entries[i] = { ...b, seq: a.seq };
          chain.entries[i + 1] = { ...a, seq: b.seq };
        }
        const broken = verify(chain, { issuedSeq: n + 1 });
        expect(broken?.seq).toBe(i + 1);
        expect(broken?.reason).toBe({ edit: 'hash_mismatch', delete: 'missing', swap: 'broken_link' }[kind]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('what an entry may hold', () => {
  it('ID numbers are masked at any depth and values under secret-sounding keys are blanked', () => {
    const clean = sanitizeAuditValue({
      purpose: `核对 ${ID_NUMBER} 的低保`,
      file: `花名册-${ID_NUMBER}.xlsx`,
      nested: { list: [ID_NUMBER, 'x'], password: 'Secret-1' },
      recoveryKey: 'AAAAAA-BBBBBB',
      token: 'abc',
      newPassword: 'n',
      count: 3,
      ok: true,
      none: null,
    });
    const text = JSON.stringify(clean);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).toContain('640202********3016');
    for (const secret of ['Secret-1', 'AAAAAA-BBBBBB', '"abc"', '"n"']) expect(text).not.toContain(secret);
    expect(clean).toMatchObject({ count: 3, ok: true, none: null, recoveryKey: '[redacted]', token: '[redacted]' });
  });
});
