/**
 * 接收数据包 the bureau's intake: each bundle file is read, checked (framing, the enrolled office, its
 * pinned key, the signature), decrypted, and then settled against what the bureau holds for that
 * office — the same bundle again is a `duplicate`, one ahead of a missing sequence is `held` (kept,
 * and applied by itself once the gap fills), the next one is `applied`, anything else is `rejected`.
 *
 * Files are taken in the order given, never re-sorted: the order a bureau receives them in is part
 * of what it must cope with, and the held mechanism is what makes every arrival order end the same.
 *
 * Every rejection is thrown inside the transaction that would have applied it, so a rejected bundle
 * applies zero rows by construction; its log line (and alarm, if it is one) is written afterwards in
 * a transaction of its own. Each applied bundle — the file's own and each held one it releases — is
 * one transaction: its rows, the office's new gap-free point, its bundle row, its log line, its audit.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx, JobControl } from '../../context';
import type { SyncTable } from '../../feature';
import { readableFile } from '../../files';
import { invalidInput } from '../../errors';
import { recordAudit } from '../../audit';
import type { IntakeResult } from '../../../../shared/contract';
import {
  BUNDLE_MAGIC,
  bundleSignatureHolds,
  keyProofHolds,
  MAX_BUNDLE_BYTES,
  openBundle,
  readBundlePayload,
  sha256,
  SyncFileError,
  type BundlePayload,
  type FileProblem,
  type OpenedBundle,
} from '../format';
import { readSecret, SECRET } from '../secrets';
import { requireBureau } from './enroll';
import { checkAuditExtension, checkAuditShape } from './audit-anchor';
import { applyRows, knownTables, type KnownTables } from './merge';
import {
  advanceOffice,
  bundleAt,
  bundleById,
  dropHeld,
  heldContent,
  heldFileName,
  insertBundle,
  logIntake,
  markApplied,
  officeRow,
  openAuditAlarm,
  raiseAlarm,
  type AlarmDetail,
  type BureauOfficeRow,
} from './repository';

export type IntakeReason = FileProblem | 'unknown_office' | 'unknown_signer' | 'sequence_conflict' | 'bundle_id_conflict' | 'chain_fork' | 'waiting_for' | 'audit_fork';

/** A bundle the bureau will not apply: why, and the alarm it raises when a person must look. */
class Refused extends Error {
  constructor(
    readonly reason: IntakeReason,
    readonly alarm?: { kind: string; detail: AlarmDetail },
  ) {
    super(reason);
    this.name = 'Refused';
  }
}

function asRefusal(error: unknown): Refused | undefined {
  if (error instanceof Refused) return error;
  if (error instanceof SyncFileError) return new Refused(error.problem);
  return undefined;
}

/** What one file's outcome is logged under. */
interface Arrival {
  /** As given (the output's `file`). */
  file: string;
  /** Its base name (the log's and the audit's: no folders of the bureau's disk in either). */
  fileName: string;
  sha: string;
  office: string | null;
  sequence: number | null;
  bundleId: string | null;
}

const now = (ctx: Ctx) => ctx.services.clock.now().toISOString();

function identityOf(ctx: Ctx): string {
  const identity = readSecret(ctx.db, SECRET.bureauIdentity);
  if (!identity) throw new Error('bureau without its identity');
  return identity.toString('utf8');
}

/** Log (and audit) one outcome in the current transaction; the output line for it. */
function logOutcome(ctx: Ctx, a: Arrival, status: IntakeResult['status'], reason: IntakeReason | null, extra: { rows?: number; params?: Record<string, number>; releasedBy?: number } = {}): IntakeResult {
  logIntake(ctx.db, { at: now(ctx), fileName: a.fileName, office: a.office, sequence: a.sequence, bundleId: a.bundleId, sha256: a.sha, status, reason });
  recordAudit(ctx, 'bureau.import', {
    file: a.fileName,
    office: a.office,
    sequence: a.sequence,
    status,
    reason,
    ...(extra.rows !== undefined ? { rows: extra.rows } : {}),
    ...(extra.releasedBy !== undefined ? { releasedBy: extra.releasedBy } : {}),
  });
  return {
    file: a.file,
    office: a.office,
    sequence: a.sequence,
    status,
    ...(reason ? { reason } : {}),
    ...(extra.params ? { params: extra.params } : {}),
    ...(extra.rows !== undefined ? { rows: extra.rows } : {}),
  };
}

/** A refusal's log line, alarm and audit, in a transaction of their own (what it would have applied rolled back). */
function recordRefusal(ctx: Ctx, a: Arrival, refusal: Refused, options: { dropHeld?: boolean } = {}): IntakeResult {
  return ctx.db
    .transaction(() => {
      if (refusal.alarm) raiseAlarm(ctx.db, now(ctx), a.office, refusal.alarm.kind, refusal.alarm.detail);
      if (options.dropHeld && a.office !== null && a.sequence !== null) dropHeld(ctx.db, a.office, a.sequence);
      return logOutcome(ctx, a, 'rejected', refusal.reason);
    })
    .immediate();
}

/**
 * Whose bundle a file that did not open says it is, read from its clear header if that much is
 * whole: a copy cut short on a USB stick is still reported to its office (export it again). As
 * unproven as any refused file's header; the log says what the file claimed, nothing more.
 */
function claimedBy(bytes: Buffer): Pick<Arrival, 'office' | 'sequence' | 'bundleId'> {
  const none = { office: null, sequence: null, bundleId: null };
  const magic = Buffer.from(`${BUNDLE_MAGIC}\n`);
  if (!bytes.subarray(0, magic.length).equals(magic)) return none;
  const end = bytes.indexOf(0x0a, magic.length);
  if (end < 0 || end - magic.length > 64 * 1024) return none;
  try {
    const h = JSON.parse(bytes.toString('utf8', magic.length, end)) as Record<string, unknown>;
    if (typeof h.office !== 'string' || !Number.isSafeInteger(h.sequence) || h.office.length > 64) return none;
    return { office: h.office, sequence: h.sequence as number, bundleId: typeof h.bundleId === 'string' && h.bundleId.length <= 64 ? h.bundleId : null };
  } catch {
    return none;
  }
}

/** Is the header's key the office's (the pinned one, or proved by the enrollment secret before the first bundle)? */
function signerHolds(office: BureauOfficeRow, bundle: OpenedBundle): boolean {
  const h = bundle.header;
  if (office.verify_key !== null) return h.officeKey === office.verify_key;
  return keyProofHolds(office.enroll_secret, h.enrollmentId, h.office, h.officeKey, h.keyProof);
}

function conflict(kind: 'sequence_conflict' | 'bundle_id_conflict', bundle: OpenedBundle, detail: AlarmDetail): Refused {
  return new Refused(kind, { kind, detail: { sequence: bundle.header.sequence, bundleId: bundle.header.bundleId, sha256: bundle.sha256, ...detail } });
}

/**
 * Apply one bundle that follows the office's gap-free point, inside the caller's transaction; throws
 * a Refused (rolling everything back) when it cannot be applied.
 */
function applyBundle(ctx: Ctx, known: KnownTables, office: BureauOfficeRow, bundle: OpenedBundle, payload: BundlePayload, a: Arrival, held: { releasedBy: number } | null) {
  const h = bundle.header;
  const at = now(ctx);
  if (office.verify_key !== null && office.verify_key !== h.officeKey) throw new Refused('unknown_signer');
  if ((h.prevHash ?? null) !== (office.applied_hash ?? null)) {
    throw new Refused('chain_fork', {
      kind: 'chain_fork',
      detail: { sequence: h.sequence, bundleId: h.bundleId, sha256: bundle.sha256, prevHash: h.prevHash, appliedSequence: office.applied_sequence, appliedHash: office.applied_hash },
    });
  }
  const entries = checkAuditShape(payload.audit);
  const rows = applyRows(ctx.db, known, h.office, payload.tables);
  /*
   * A broken audit chain does not refuse the bundle: its rows are the office's records as they stand,
   * which the city needs and which a later bundle would carry again anyway — refusing them would
   * only stop the office's data while the alarm is looked into. What a break must not do is let the
   * rewritten trail become the anchor: the held head stays at the last entry that linked up, an
   * alarm asks a person to look (one open alarm per office is enough: every later bundle of a broken
   * trail fails the same way), and the outcome says `audit_fork`, so the receipt tells the office.
   */
  const anchor = checkAuditExtension({ seq: office.audit_head_seq, hash: office.audit_head_hash }, entries, h.auditHead);
  if (!anchor.ok && !openAuditAlarm(ctx.db, h.office)) {
    raiseAlarm(ctx.db, at, h.office, anchor.kind, { ...anchor.detail, sequence: h.sequence, bundleId: h.bundleId, officeHeadHash: h.auditHead?.hash ?? null, heldHash: office.audit_head_hash });
  }
  advanceOffice(ctx.db, h.office, h.sequence, bundle.sha256, at, h.officeKey, anchor.ok ? anchor.head : null, h.auditHead);
  if (held) markApplied(ctx.db, h.office, h.sequence, at);
  else insertBundle(ctx.db, { office: h.office, sequence: h.sequence, bundleId: h.bundleId, sha256: bundle.sha256, status: 'applied', changes: payload.changes, at, content: null });
  return logOutcome(ctx, a, 'applied', anchor.ok ? null : 'audit_fork', { rows, ...(held ? { releasedBy: held.releasedBy } : {}) });
}

/** Where a verified, decrypted bundle goes; runs inside one transaction (re-reading what an await may have let change). */
function settle(ctx: Ctx, known: KnownTables, bundle: OpenedBundle, bytes: Buffer, payload: BundlePayload, a: Arrival): IntakeResult {
  const h = bundle.header;
  if (!Number.isSafeInteger(payload.changes) || payload.changes < 0) throw new Refused('bad_payload');
  const office = officeRow(ctx.db, h.office);
  if (!office) throw new Refused('unknown_office');
  if (office.verify_key !== null && office.verify_key !== h.officeKey) throw new Refused('unknown_signer');
  const same = bundleAt(ctx.db, h.office, h.sequence);
  if (same) {
    if (same.sha256 === bundle.sha256) return logOutcome(ctx, a, 'duplicate', null);
    throw conflict('sequence_conflict', bundle, { knownSha256: same.sha256 });
  }
  const byId = bundleById(ctx.db, h.bundleId);
  if (byId) throw conflict('bundle_id_conflict', bundle, { knownOffice: byId.office_code, knownSequence: byId.sequence, knownSha256: byId.sha256 });
  // Below the gap-free point with no bundle on record: not one the bureau applied, so another history.
  if (h.sequence <= office.applied_sequence) throw conflict('sequence_conflict', bundle, { appliedSequence: office.applied_sequence });
  if (h.sequence > office.applied_sequence + 1) {
    // Refused now rather than when its gap fills, if it could never be applied.
    checkAuditShape(payload.audit);
    applyRows(null, known, h.office, payload.tables);
    const missing = office.applied_sequence + 1;
    insertBundle(ctx.db, { office: h.office, sequence: h.sequence, bundleId: h.bundleId, sha256: bundle.sha256, status: 'held', changes: payload.changes, at: now(ctx), content: bytes });
    return logOutcome(ctx, a, 'held', 'waiting_for', { params: { missing } });
  }
  return applyBundle(ctx, known, office, bundle, payload, a, null);
}

/** Apply the held bundles that now follow the gap-free point, each in its own transaction; the rows they applied. */
async function releaseHeld(ctx: Ctx, known: KnownTables, code: string, releasedBy: number): Promise<number> {
  let rows = 0;
  for (;;) {
    const next = (officeRow(ctx.db, code)?.applied_sequence ?? 0) + 1;
    const content = heldContent(ctx.db, code, next);
    if (!content) return rows;
    const fileName = heldFileName(ctx.db, code, next) ?? `${code}-${next}`;
    const a: Arrival = { file: fileName, fileName, sha: sha256(content), office: code, sequence: next, bundleId: null };
    try {
      const bundle = openBundle(content);
      a.bundleId = bundle.header.bundleId;
      const payload = await readBundlePayload(bundle, identityOf(ctx));
      const applied = ctx.db
        .transaction(() => {
          const office = officeRow(ctx.db, code);
          // Another intake released it while this one decrypted: go round again.
          if (!office || office.applied_sequence + 1 !== next || !heldContent(ctx.db, code, next)) return undefined;
          return applyBundle(ctx, known, office, bundle, payload, a, { releasedBy });
        })
        .immediate();
      rows += applied?.rows ?? 0;
    } catch (error) {
      const refusal = asRefusal(error);
      if (!refusal) throw error;
      // It does not follow after all (another history, a key that is not the pinned one): dropped,
      // so that the office's right bundle with this sequence can still come in.
      recordRefusal(ctx, a, refusal, { dropHeld: true });
      return rows;
    }
  }
}

/**
 * Take in one bundle file's bytes (a USB file, or an upload once it is complete): verified,
 * decrypted, then duplicate / held / applied (with any held bundles it releases) / rejected. Every
 * outcome is logged for the office's next receipt and audited.
 */
export async function intakeBundle(ctx: Ctx, fileName: string, bytes: Buffer, tables: readonly SyncTable[]): Promise<IntakeResult> {
  requireBureau(ctx);
  const a: Arrival = { file: fileName, fileName: path.basename(fileName), sha: sha256(bytes), office: null, sequence: null, bundleId: null };
  let bundle: OpenedBundle;
  let payload: BundlePayload;
  try {
    bundle = openBundle(bytes);
    const h = bundle.header;
    // Bounded as an office code and a UUID are: the header of a file from no enrolled office is anyone's text.
    Object.assign(a, { office: h.office.slice(0, 64), sequence: h.sequence, bundleId: h.bundleId.slice(0, 64) });
    const office = officeRow(ctx.db, h.office);
    if (!office) throw new Refused('unknown_office');
    // An enrollment this bureau never issued: the office enrolled with another bureau, whose key the
    // payload is sealed to (a bundle carried to the wrong bureau).
    if (h.enrollmentId !== office.enrollment_id) throw new Refused('wrong_recipient');
    if (!signerHolds(office, bundle)) throw new Refused('unknown_signer');
    if (!bundleSignatureHolds(bundle, h.officeKey)) throw new Refused('bad_signature');
    // The same file again: known without decrypting it (settle() says so again if it gets that far).
    if (bundleAt(ctx.db, h.office, h.sequence)?.sha256 === bundle.sha256) {
      return ctx.db.transaction(() => logOutcome(ctx, a, 'duplicate', null)).immediate();
    }
    payload = await readBundlePayload(bundle, identityOf(ctx));
  } catch (error) {
    const refusal = asRefusal(error);
    if (!refusal) throw error;
    if (a.office === null) Object.assign(a, claimedBy(bytes));
    return recordRefusal(ctx, a, refusal);
  }
  const known = knownTables(tables);
  let outcome: IntakeResult;
  try {
    outcome = ctx.db.transaction(() => settle(ctx, known, bundle, bytes, payload, a)).immediate();
  } catch (error) {
    const refusal = asRefusal(error);
    if (!refusal) throw error;
    return recordRefusal(ctx, a, refusal);
  }
  if (outcome.status === 'applied') {
    const released = await releaseHeld(ctx, known, bundle.header.office, bundle.header.sequence);
    outcome = { ...outcome, rows: (outcome.rows ?? 0) + released };
  }
  return outcome;
}

const GONE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** A file that is not there (a typo, a pulled USB stick) as something the clerk can act on; other errors as they are. */
function missingFile(error: unknown, file: string, index: number): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  return GONE.has(code) ? invalidInput(['files', index], 'sync.file_missing', { file: path.basename(file) }) : error;
}

/** A file's bytes, or null when it is larger than any bundle may be (not read at all then). */
function readBounded(file: string): Buffer | null {
  const fd = fs.openSync(file, 'r');
  try {
    if (!fs.fstatSync(fd).isFile()) throw Object.assign(new Error(`${file} is not a file`), { code: 'EISDIR' });
    const size = fs.fstatSync(fd).size;
    if (size > MAX_BUNDLE_BYTES) return null;
    const bytes = Buffer.alloc(size);
    let at = 0;
    while (at < size) {
      const n = fs.readSync(fd, bytes, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * `bureau.import`: the files in the order given. Every path is resolved and looked up first, so a
 * mistyped one refuses the call before anything is taken in. Receipts (`receipts`) are written by the receipt part.
 */
export async function importBundles(ctx: Ctx, job: JobControl, tables: readonly SyncTable[], input: { files: string[]; receipts?: string }) {
  requireBureau(ctx, ['files']);
  const files = input.files.map((ref, i) => readableFile(ctx, ref, ['files', i]));
  files.forEach((file, i) => {
    try {
      if (!fs.statSync(file).isFile()) throw Object.assign(new Error(`${file} is not a file`), { code: 'EISDIR' });
    } catch (error) {
      throw missingFile(error, file, i);
    }
  });
  const results: IntakeResult[] = [];
  for (let i = 0; i < files.length; i++) {
    await job.checkpoint(i, files.length);
    let bytes: Buffer | null;
    try {
      bytes = readBounded(files[i]);
    } catch (error) {
      // Gone since the call began (the stick pulled): the files before it are taken in and logged.
      throw missingFile(error, files[i], i);
    }
    if (bytes) {
      results.push(await intakeBundle(ctx, files[i], bytes, tables));
    } else {
      const a: Arrival = { file: files[i], fileName: path.basename(files[i]), sha: '', office: null, sequence: null, bundleId: null };
      results.push(recordRefusal(ctx, a, new Refused('too_large')));
    }
  }
  await job.checkpoint(files.length, files.length);
  return { results, receipts: [] as { office: string; file: string }[] };
}
