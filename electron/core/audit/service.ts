/**
 * 审计日志 the audit trail: who did what, when, chained by keyed hash (see ./chain.ts for why).
 *
 * Entries are appended in the same transaction as what they describe: db/writes.ts appends one for
 * every change-log row, and features call `recordAudit` for what is not a record write (sign-ins,
 * reveals, key changes, exports, imports, backups …). A write that rolls back takes its entry with it.
 *
 * Never in an entry: raw ID numbers, passwords, keys. Fields are listed by name only; detail values
 * and user names pass through `redact` (which masks ID numbers and blanks secret-looking values), and
 * detail keys that name a secret are blanked whatever their value.
 */
import type { Db } from '../db/connection';
import type { RecordChange, WriteContext } from '../db/writes';
import type { Ctx, HostServices, JobControl, SealedLoginFailure } from '../context';
import { maskTypedName, type SealedLockState } from './sealed-failures';
import type { SectionHandlers } from '../handlers';
import { redact } from '../log';
import type { AuditEntry } from '../../../shared/contract';
import { ChainVerifier, GENESIS_HASH, changeRangeHash, entryHash, type ChainBreak, type ChainEntry, type StoredEntry } from './chain';
import {
  auditBounds,
  auditFacets,
  auditHead,
  auditPage,
  chainTip,
  changeRange,
  changeRow,
  insertAuditRow,
  listAuditEntries,
  readAuditSecret,
  usernameOf,
} from './repository';

/** An audit action: `<what>` or `<what>.<how>`, named in its feature's `auditActions` (tests/core/registry.test.ts checks). */
export type AuditAction = string;

export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };
export type AuditDetail = { [key: string]: AuditValue };

export interface AuditInput {
  at: string;
  userId: string | null;
  username: string | null;
  action: AuditAction;
  entity?: string | null;
  entityId?: string | null;
  fields?: readonly string[];
  detail?: AuditDetail;
}

/** Any JSON-able value (a contract input such as list filters) as a detail value: undefined fields drop out. */
export function toAuditValue(value: unknown): AuditValue {
  if (value === undefined) return null;
  const json: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
  const walk = (v: unknown): AuditValue => {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return String(v);
  };
  return walk(json);
}

/** Keys whose values are secrets whatever they look like (passwords, keys, tokens). */
const SECRET_KEY = /password|passwd|secret|token|^key$|key$/i;

/** A copy of `value` that is safe to store: ID numbers masked, secrets blanked. */
export function sanitizeAuditValue(value: AuditValue, key = ''): AuditValue {
  if (key && SECRET_KEY.test(key)) return '[redacted]';
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => sanitizeAuditValue(v));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeAuditValue(v, k)]));
}

const secrets = new WeakMap<Db, Buffer>();
function secretOf(db: Db): Buffer {
  let secret = secrets.get(db);
  if (!secret) {
    secret = readAuditSecret(db);
    if (!secret) throw new Error('the audit secret is missing from this database');
    secrets.set(db, secret);
  }
  return secret;
}

/** Append one entry at the chain's end. Call inside the transaction of what it describes. */
export function appendAudit(db: Db, input: AuditInput): { seq: number; hash: string } {
  const tip = chainTip(db);
  const entry: ChainEntry = {
    seq: tip.nextSeq,
    at: input.at,
    userId: input.userId,
    username: input.username === null ? null : redact(input.username),
    action: input.action,
    entity: input.entity ?? null,
    entityId: input.entityId == null ? null : redact(input.entityId),
    fields: JSON.stringify(input.fields ?? []),
    detail: JSON.stringify(sanitizeAuditValue(input.detail ?? {})),
  };
  const prevHash = tip.prevHash ?? GENESIS_HASH;
  const hash = entryHash(secretOf(db), prevHash, entry);
  insertAuditRow(db, { ...entry, prevHash, hash });
  return { seq: entry.seq, hash };
}

/**
 * Bulk jobs (demo data, imports) may collect their change-log rows and write one `records.batch`
 * entry per transaction instead of one per row: the entry names the change-log range and a keyed
 * hash over those rows, so the rows stay tamper-evident. Open with `startAuditBatch`, pass it in
 * the WriteContext (`auditBatch`), and call `finishAuditBatch` before the transaction commits.
 */
export interface AuditBatch {
  from: number;
  to: number;
}

export function startAuditBatch(): AuditBatch {
  return { from: 0, to: 0 };
}

/** One entry for every change-log row (or a note in the open batch): the write context's `onChange` hook. */
export function auditRecordChange(w: WriteContext, { entity, entityId, op, version, fields, changeSeq }: RecordChange): void {
  if (w.auditBatch) {
    if (w.auditBatch.from === 0) w.auditBatch.from = changeSeq;
    w.auditBatch.to = changeSeq;
    return;
  }
  appendAudit(w.db, {
    at: w.now,
    userId: w.userId,
    username: w.username !== undefined ? w.username : w.userId === null ? null : (usernameOf(w.db, w.userId) ?? null),
    action: `record.${op}`,
    entity,
    entityId,
    fields,
    detail: { changeSeq, version },
  });
}

/** Close a batch: one `records.batch` entry over the rows it collected (none if it wrote nothing). */
export function finishAuditBatch(w: WriteContext, batch: AuditBatch, detail: AuditDetail = {}): void {
  if (batch.from === 0) return;
  const rows = changeRange(w.db, batch.from, batch.to);
  appendAudit(w.db, {
    at: w.now,
    userId: w.userId,
    username: w.username !== undefined ? w.username : w.userId === null ? null : (usernameOf(w.db, w.userId) ?? null),
    action: 'records.batch',
    detail: { ...detail, changeSeqFrom: batch.from, changeSeqTo: batch.to, rows: rows.length, changeHash: changeRangeHash(secretOf(w.db), rows) },
  });
  batch.from = 0;
  batch.to = 0;
}

export interface RecordAuditOptions {
  entity?: string;
  entityId?: string;
  fields?: readonly string[];
  /** Whose action it is when not the signed-in caller (a sign-in, which has no caller yet). */
  user?: { id: string | null; username: string | null };
  /** When it happened, if not now (sign-in attempts held while the database was sealed). */
  at?: string;
}

/**
 * Record an action that is not a record write: export, import, backup, restore, key changes …
 * Inside a mutation it joins the call's transaction (and rolls back with it); called from a job
 * outside any transaction it commits on its own. Detail values are sanitized, but pass counts,
 * file names and choices — never the data itself.
 */
export function recordAudit(ctx: Pick<Ctx, 'db' | 'actor' | 'now'>, action: AuditAction, detail: AuditDetail = {}, options: RecordAuditOptions = {}): void {
  const user = options.user ?? { id: ctx.actor?.userId ?? null, username: ctx.actor?.username ?? null };
  // IMMEDIATE when on its own: the chain's tip is read and then appended to, and a deferred
  // transaction whose snapshot another process (the CLI beside the app) wrote past would fail with
  // SQLITE_BUSY instead of waiting its turn. Inside a transaction this is a savepoint of it.
  ctx.db.transaction(() =>
    appendAudit(ctx.db, {
      at: options.at ?? ctx.now.toISOString(),
      userId: user.id,
      username: user.username,
      action,
      entity: options.entity,
      entityId: options.entityId,
      fields: options.fields,
      detail,
    }),
  ).immediate();
}

/**
 * A failed sign-in (or recovery) against a sealed database: held until the database opens, and for
 * a key slot's user counted towards the lockout (`lock`: that user's state after this failure).
 */
export function holdSealedLoginFailure(
  services: Pick<HostServices, 'sealedFailures' | 'clock' | 'log'>,
  failure: Omit<SealedLoginFailure, 'at'>,
  lock?: { userId: string; state: SealedLockState },
): void {
  try {
    services.sealedFailures.hold({ ...failure, at: services.clock.now().toISOString() }, lock);
  } catch (error) {
    // A full or read-only disk must not turn a wrong password into a crash; the refusal still stands.
    services.log.warn('could not keep a failed sign-in for the audit trail', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
}

/**
 * Write the held sealed-database failures, in the transaction of the sign-in that opened it. A
 * held name that is no user of this database (a file from before names were masked) is masked now.
 */
export function flushSealedLoginFailures(ctx: Pick<Ctx, 'db' | 'actor' | 'now' | 'services'>, isUser: (username: string) => boolean = () => true): void {
  const { held, notKept } = ctx.services.sealedFailures.take();
  for (const f of held) {
    const reason = f.reason ?? (f.via === 'password' ? 'wrong_password' : 'wrong_recovery_key');
    const username = isUser(f.username) ? f.username : maskTypedName(f.username);
    recordAudit(ctx, 'login.failed', { reason, whileSealed: true }, { user: { id: null, username }, at: f.at });
  }
  if (notKept > 0) {
    // The file keeps a bounded number one by one; the rest are a count, so the trail still shows the burst.
    recordAudit(ctx, 'login.failed', { reason: 'not_kept', whileSealed: true, count: notKept }, { user: { id: null, username: null } });
  }
}

/** The chain's newest entry: sync bundles carry it so the bureau holds an anchor. */
export function chainHead(db: Db): { seq: number; hash: string; at: string } | null {
  return auditHead(db);
}

export interface VerifyOutcome {
  entries: number;
  ok: boolean;
  firstBadEntry?: ChainBreak;
  head: { seq: number; hash: string } | null;
}

const VERIFY_PAGE = 5000;

/** Walk the whole chain (and the change-log rows it names); stop at the first break. */
export async function verifyChain(db: Db, options: { anchor?: { seq: number; hash: string }; job?: JobControl } = {}): Promise<VerifyOutcome> {
  const secret = secretOf(db);
  // Read once, together: entries appended while the walk runs are beyond its end and not judged.
  const bounds = auditBounds(db);
  const verifier = new ChainVerifier(secret, { row: (seq) => changeRow(db, seq), range: (from, to) => changeRange(db, from, to) }, options.anchor);
  let after = 0;
  let broken: ChainBreak | undefined;
  while (!broken) {
    await options.job?.checkpoint(verifier.entries, bounds.count);
    const page: StoredEntry[] = auditPage(db, after, bounds.maxSeq, VERIFY_PAGE);
    if (page.length === 0) break;
    for (const entry of page) {
      broken = verifier.next(entry);
      if (broken) break;
    }
    after = page[page.length - 1].seq;
  }
  broken ??= verifier.finish(bounds);
  await options.job?.checkpoint(bounds.count, bounds.count);
  return { entries: bounds.count, ok: !broken, ...(broken ? { firstBadEntry: broken } : {}), head: verifier.head };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toAuditEntry(e: StoredEntry): AuditEntry {
  const fields = parseJson(e.fields);
  const detail = parseJson(e.detail);
  return {
    seq: e.seq,
    at: e.at,
    userId: e.userId,
    username: e.username,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    fields: Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : [],
    detail: typeof detail === 'object' && detail !== null && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {},
    hash: e.hash,
  };
}

export const auditHandlers: SectionHandlers<'audit'> = {
  'audit.list': (input, ctx) => {
    const { offset, limit, ...filter } = input;
    const { rows, total } = listAuditEntries(ctx.db, filter, offset, limit);
    return { items: rows.map(toAuditEntry), total };
  },

  'audit.facets': (_input, ctx) => auditFacets(ctx.db),

  'audit.head': (_input, ctx) => ({ head: chainHead(ctx.db) }),

  'audit.verify': (input, ctx, job) => verifyChain(ctx.db, { anchor: input.anchor, job }),
};
