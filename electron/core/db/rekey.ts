/**
 * Changing the database key (更换数据库密钥): the pages are rewritten under a new random key, so a copy
 * of an old `.keys` file or an old backup's slots — with the password of someone who has left — no
 * longer opens the database. Kept apart from keystore.ts (slot format and cost) on purpose.
 *
 * The live file is never rekeyed in place. A consistent copy (VACUUM INTO) is rekeyed and checked
 * beside it; with the database closed, the new slots go to `<db>.keys.next` (naming the new file by
 * a fingerprint of its first pages), the copy is renamed over the database, and only then do the new
 * slots replace `.keys`. A crash before the rename leaves the old database with its old slots (the
 * copy and `.keys.next` are cleared at the next start); after it, the next start finds the database
 * matching `.keys.next` and finishes the switch (finishInterruptedKeyChange).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { newRecoveryKey, wrapKey, writeKeyFile, type KeyFile, type KeySlot } from './keystore';
import { sealToUser, wrapUserSlot } from './slot-identity';
import { openCopy, rekeyFile, type Db } from './connection';
import { fsyncDir, fsyncFile, removeDatabaseQuietly, removeQuietly } from '../durable';

export const pendingKeyFilePath = (dbPath: string) => `${dbPath}.keys.next`;
export const rekeyWorkFile = (dbPath: string) => `${dbPath}.rekey-${process.pid}.tmp`;

/** Enough of the file to tell two encryptions of it apart (page 1 and the next pages, with their nonces and tags). */
const FINGERPRINT_BYTES = 16 * 1024;

function fingerprint(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(FINGERPRINT_BYTES);
    const read = fs.readSync(fd, head, 0, FINGERPRINT_BYTES, 0);
    return createHash('sha256').update(head.subarray(0, read)).digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

export interface RekeyPlan {
  /** The administrator running the change: their password is typed, so their slot is written directly. */
  admin: { userId: string; username: string; password: string };
  /** Every enabled user (the administrator included): only they get a slot under the new key. */
  enabledUserIds: ReadonlySet<string>;
  costLog2: number;
}

export interface RekeyedSlots {
  keys: KeyFile;
  recoveryKey: string;
  /** Enabled users whose slot was sealed to their key pair: they sign in with their password as before. */
  resealed: string[];
  /** Enabled users whose slot predates key pairs: they need a new password from the administrator. */
  needPassword: string[];
}

/** The slot file for `newKey`: the admin's slot, a sealed slot per other enabled user, and a new recovery key. */
export function rekeyedSlots(current: KeyFile, newKey: Buffer, plan: RekeyPlan): RekeyedSlots {
  const slots: KeySlot[] = [wrapUserSlot(newKey, plan.admin.password, plan.costLog2, { kind: 'user', userId: plan.admin.userId, username: plan.admin.username })];
  const resealed: string[] = [];
  const needPassword: string[] = [];
  for (const slot of current.slots) {
    if (slot.kind !== 'user' || !slot.userId || slot.userId === plan.admin.userId || !plan.enabledUserIds.has(slot.userId)) continue;
    const sealed = sealToUser(newKey, slot);
    if (sealed) {
      slots.push(sealed);
      resealed.push(slot.username ?? slot.userId);
    } else needPassword.push(slot.username ?? slot.userId);
  }
  const recoveryKey = newRecoveryKey();
  slots.push(wrapKey(newKey, recoveryKey, plan.costLog2, { kind: 'recovery' }));
  return { keys: { ...current, slots }, recoveryKey, resealed, needPassword };
}

/** Rows changed through this connection since it opened: unchanged across the copy means nothing was written meanwhile. */
export function writesSoFar(db: Db): number {
  return db.prepare('SELECT total_changes()').pluck().get() as number;
}

/** A consistent copy of the open database (same key), for rekeying beside it. */
export function copyDatabase(db: Db, work: string): void {
  removeDatabaseQuietly(work);
  db.prepare('VACUUM INTO ?').run(work);
}

/** Rekey the copy and prove it: it must open with the new key, pass integrity_check and hold what the database held. */
export function rekeyCopy(work: string, oldKey: Buffer, newKey: Buffer, expected: (copy: Db) => unknown, nativeBinding?: string): void {
  rekeyFile(work, oldKey, newKey, nativeBinding);
  const copy = openCopy(work, { key: newKey, nativeBinding });
  try {
    const problems = (copy.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((m) => m !== 'ok');
    if (problems.length > 0) throw new Error(`the rekeyed copy fails its check: ${problems.join('; ')}`);
    expected(copy);
  } finally {
    copy.close();
  }
  if (fs.existsSync(`${work}-journal`)) throw new Error('the rekeyed copy left a journal');
}

/**
 * With the database closed: put the rekeyed copy in place and switch the slots, in the order that
 * finishInterruptedKeyChange can complete or undo after a crash at any step.
 */
export function installRekeyedDatabase(dbPath: string, work: string, keys: KeyFile): void {
  // A WAL still beside the database means someone else has it open (or it holds pages not yet in the
  // file): swapping the file under it would lose them.
  if (fs.existsSync(`${dbPath}-wal`) && fs.statSync(`${dbPath}-wal`).size > 0) throw new Error(`${dbPath}-wal is still in use; the key was not changed`);
  const next = pendingKeyFilePath(dbPath);
  const fd = fs.openSync(next, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify({ ...keys, pending: { database: fingerprint(work) } }, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fsyncFile(work);
  fsyncDir(path.dirname(dbPath));
  removeQuietly(`${dbPath}-wal`);
  removeQuietly(`${dbPath}-shm`);
  fs.renameSync(work, dbPath);
  fsyncDir(path.dirname(dbPath));
  writeKeyFile(dbPath, keys);
  removeQuietly(next);
  fsyncDir(path.dirname(dbPath));
}

/**
 * At every start, before the slots are read: finish a key change that was cut short after its new
 * database was in place (the file matches `.keys.next`), or drop one that never got that far, and
 * remove rekey work copies that no running process owns. Returns what it did, for the log and tests.
 */
export function finishInterruptedKeyChange(dbPath: string): 'none' | 'completed' | 'discarded' {
  removeDeadWork(dbPath);
  const next = pendingKeyFilePath(dbPath);
  if (!fs.existsSync(next)) return 'none';
  let pending: (KeyFile & { pending?: { database?: string } }) | undefined;
  try {
    pending = JSON.parse(fs.readFileSync(next, 'utf8')) as KeyFile & { pending?: { database?: string } };
  } catch {
    pending = undefined;
  }
  const database = pending?.pending?.database;
  if (pending && database && Array.isArray(pending.slots) && fs.existsSync(dbPath) && fingerprint(dbPath) === database) {
    const { pending: _pending, ...keys } = pending;
    writeKeyFile(dbPath, keys);
    removeQuietly(next);
    return 'completed';
  }
  removeQuietly(next);
  return 'discarded';
}

function removeDeadWork(dbPath: string): void {
  const base = `${path.basename(dbPath)}.rekey-`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(dbPath));
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(base) ? /^(\d+)\.tmp(-journal|-wal|-shm)?$/.exec(name.slice(base.length)) : null;
    if (match && !processAlive(Number(match[1]))) removeDatabaseQuietly(path.join(path.dirname(dbPath), `${base}${match[1]}.tmp`));
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return false; // our own leftovers (a pid reused after a crash) are never in use at start
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

