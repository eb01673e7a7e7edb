/**
 * Restoring without a running host: the command line, when the database is damaged, missing (a new
 * PC) or cannot otherwise be signed in to. Run it with the app closed: it replaces the database file
 * underneath whatever has it open.
 *
 * Over a database that exists, the damage must be proved first — a marker file or a missing `.keys`
 * proves nothing, since anyone can make one: the password must open the user's slot in the current
 * `.keys`, and with that key either the damage marker's MAC checks or the database fails to open
 * (or its quick check). A database that opens fine is not replaced (its stale or forged marker is
 * removed and the restore goes through it, with its own roles). A database whose `.keys` is gone is
 * not replaced at all: nothing can prove it damaged, so put its `.keys` back (every backup and every
 * before-restore copy has one) or move the file away on purpose. The restored data keeps the current
 * key (rekeyed to it if the backup is from before a key change) and the current recovery key, and
 * only users enabled now get their slot back (install.ts restoredSlots): no old password of someone
 * removed since comes back with an old backup.
 *
 * Where no database exists (a new PC), the backup decides: the password must open that user's key
 * slot in the backup (or, for a plain backup, match the user's password there). Either way the user
 * must hold `system.maintain` in the backup's own users table. A wrong password changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCopy, openDatabase, rekeyFile } from '../db/connection';
import { recordAudit } from '../audit';
import { LATEST_SCHEMA_VERSION } from '../db/migrate';
import { readKeyFile, type KeyFile } from '../db/keystore';
import { unwrapUserSlot } from '../db/slot-identity';
import { verifyPassword } from '../accounts';
import { ContractFailure, invalidInput } from '../errors';
import { roleHas, ROLES, type Role } from '../../../shared/domain/roles';
import { BackupFileError, extractPayload, headerMacValid, type BackupHeader, type Tick } from './backup-file';
import { damageMarkerPath, installRestoredDatabase, restoredSlots, restoreWorkFile } from './install';
import { damageMarkerValid } from './damage-marker';
import { removeDatabaseQuietly, removeQuietly } from '../durable';
import { userInCopy } from './repository';
import { backupFieldFailure, prepareRestoredCopy, readOrRefuse } from './service';

export interface OfflineRestore {
  dbPath: string;
  backupFile: string;
  username: string;
  password: string;
  now: Date;
  nativeBinding?: string;
  tick?: Tick;
}

export async function restoreOffline(input: OfflineRestore): Promise<{ header: BackupHeader; setAside: string | undefined }> {
  const file = path.resolve(input.backupFile);
  const dbPath = path.resolve(input.dbPath);
  const read = readOrRefuse(file);
  const { header } = read;
  if (header.schemaVersion > LATEST_SCHEMA_VERSION) throw invalidInput(['file'], 'backup.too_new', { dbVersion: header.schemaVersion, appVersion: LATEST_SCHEMA_VERSION });
  const keys = readKeyFile(dbPath);
  if (keys && keys.office.code !== header.office.code) throw invalidInput(['file'], 'backup.other_office', { office: header.office.code });
  // Over an existing database: its own key, proved by a current slot, and proof that it is damaged.
  const proof = fs.existsSync(dbPath) && fs.statSync(dbPath).size > 0 ? proveDamaged(dbPath, keys, input) : undefined;
  const currentKey = proof?.key;

  let key: Buffer | undefined;
  if (header.encrypted) {
    if (currentKey && headerMacValid(read, currentKey)) key = currentKey;
    else {
      const slot = header.keys?.slots.find((s) => s.kind === 'user' && s.username?.toLowerCase() === input.username.toLowerCase());
      key = (slot && unwrapUserSlot(slot, input.password)) ?? undefined;
      if (!key) throw new ContractFailure('BAD_CREDENTIALS', { remaining: 0 });
      // The slots opened the key: a header that does not carry its MAC was edited after the backup.
      if (!headerMacValid(read, key)) throw invalidInput(['file'], 'backup.damaged', { file });
    }
  }
  // A plain backup never replaces an encrypted database: that would be a silent loss of encryption.
  if (currentKey && !key) throw invalidInput(['file'], 'backup.wrong_key');
  const finalKey = currentKey ?? key;

  const work = restoreWorkFile(dbPath);
  removeDatabaseQuietly(work);
  try {
    await extractPayload(file, work, input.tick);
    prepareRestoredCopy(work, key, input.nativeBinding);
    const user = authorize(work, key, input);
    if (key && finalKey && !key.equals(finalKey)) rekeyFile(work, key, finalKey, input.nativeBinding);
    const hadDatabase = fs.existsSync(dbPath);
    const slots = restoredSlots(currentKey ? keys : undefined, header.keys, key && finalKey && !key.equals(finalKey) ? finalKey : undefined);
    const setAside = installRestoredDatabase(dbPath, work, slots, input.now);
    // Into the restored database's own trail, as a restore through the app would be.
    const db = openDatabase(dbPath, { key: finalKey, nativeBinding: input.nativeBinding });
    try {
      recordAudit({ db, actor: null, now: input.now }, 'restore', { file: path.basename(file), takenAt: header.createdAt, setAside: hadDatabase ? path.basename(setAside) : null, offline: true }, { user: { id: user.id, username: input.username } });
    } finally {
      db.close();
    }
    return { header, setAside: hadDatabase ? setAside : undefined };
  } catch (error) {
    if (error instanceof BackupFileError) throw backupFieldFailure(error);
    throw error;
  } finally {
    removeDatabaseQuietly(work);
  }
}

/** The user must exist in the backup, be enabled, hold system.maintain — and, for a plain backup, know the password. */
function authorize(work: string, key: Buffer | undefined, input: OfflineRestore): { id: string } {
  const copy = openCopy(work, { key, nativeBinding: input.nativeBinding });
  try {
    const user = userInCopy(copy, input.username);
    if (!user || user.disabled || (!key && !verifyPassword(input.password, user.passwordHash))) throw new ContractFailure('BAD_CREDENTIALS', { remaining: 0 });
    const role = ROLES.find((r) => r === user.role) satisfies Role | undefined;
    if (!role || !roleHas(role, 'system.maintain')) throw new ContractFailure('FORBIDDEN', { permission: 'system.maintain' });
    return { id: user.id };
  } finally {
    copy.close();
  }
}

/** What every SQLite file begins with when it is not encrypted. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Prove that the database at `dbPath` is damaged before anything replaces it, and return its key
 * (none for a plain database). Throws BAD_CREDENTIALS when the password opens no current slot,
 * `backup.keys_missing` for an encrypted database without its `.keys`, and `backup.database_healthy`
 * (after removing a stale or forged marker) when it opens and checks fine.
 */
function proveDamaged(dbPath: string, keys: KeyFile | undefined, input: OfflineRestore): { key?: Buffer } {
  let key: Buffer | undefined;
  if (keys) {
    const slot = keys.slots.find((s) => s.kind === 'user' && s.username?.toLowerCase() === input.username.toLowerCase());
    const unwrapped = slot && unwrapUserSlot(slot, input.password);
    if (!unwrapped) throw new ContractFailure('BAD_CREDENTIALS', { remaining: 0 });
    if (damageMarkerValid(dbPath, unwrapped)) return { key: unwrapped };
    key = unwrapped;
  } else {
    const head = Buffer.alloc(16);
    const fd = fs.openSync(dbPath, 'r');
    try {
      fs.readSync(fd, head, 0, 16, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (!head.equals(PLAIN_HEADER)) throw invalidInput(['file'], 'backup.keys_missing', { file: `${dbPath}.keys` });
  }
  if (opensSoundly(dbPath, key, input.nativeBinding)) {
    removeQuietly(damageMarkerPath(dbPath));
    throw invalidInput(['file'], 'backup.database_healthy', { file: dbPath });
  }
  return { key };
}

function opensSoundly(dbPath: string, key: Buffer | undefined, nativeBinding?: string): boolean {
  try {
    const db = openCopy(dbPath, { key, nativeBinding });
    try {
      return db.pragma('quick_check', { simple: true }) === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
