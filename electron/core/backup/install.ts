/**
 * Backups as files: listing a folder, finding the latest good one, and putting one in place of the
 * database. Plain Node and no SQLite, so Electron main can use it too (the startup dialog restores
 * a backup before any core runs; main must never load the SQLite binding).
 */
import fs from 'node:fs';
import path from 'node:path';
import { keyFilePath, readKeyFile, writeKeyFile, type KeyFile, type KeySlot } from '../db/keystore';
import { sealToUser } from '../db/slot-identity';
import type { BackupSummary } from '../../../shared/contract';
import { BACKUP_EXTENSION, localStamp } from './file-name';
import { BackupFileError, extractPayload, payloadMatches, readBackupHeader, type BackupHeader, type Tick } from './backup-file';
import { fsyncDir, linkOrCopy, removeDatabaseQuietly, removeQuietly } from '../durable';

/** Written beside a database found damaged (see damage.ts); restoring a backup removes it. */
export const damageMarkerPath = (dbPath: string) => `${dbPath}.damaged`;

/** Automatic backups live beside the database: `<folder of the database>/backups`. */
export function automaticBackupDir(dbPath: string): string {
  return path.join(path.dirname(dbPath), 'backups');
}

export function summaryOf(file: string, header: BackupHeader): BackupSummary {
  return {
    file,
    name: path.basename(file),
    createdAt: header.createdAt,
    local: header.local,
    kind: header.kind,
    office: header.office,
    appVersion: header.appVersion,
    schemaVersion: header.schemaVersion,
    counts: header.counts,
    bytes: fs.statSync(file).size,
    encrypted: header.encrypted,
  };
}

export interface BackupListing {
  items: BackupSummary[];
  unreadable: Array<{ name: string; problem: string }>;
}

/** The backups in `dir`, newest first (by their own timestamp, not the file's). A missing folder has none. */
export function listBackups(dir: string): BackupListing {
  const listing: BackupListing = { items: [], unreadable: [] };
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return listing;
  }
  for (const name of names.filter((n) => n.endsWith(BACKUP_EXTENSION))) {
    const file = path.join(dir, name);
    try {
      listing.items.push(summaryOf(file, readBackupHeader(file).header));
    } catch (error) {
      if (!(error instanceof BackupFileError)) throw error;
      listing.unreadable.push({ name, problem: error.reason });
    }
  }
  listing.items.sort((a, b) => (a.local === b.local ? b.name.localeCompare(a.name) : a.local < b.local ? 1 : -1));
  return listing;
}

/** The newest backup in `dir` whose payload still matches its hash; undefined when there is none. */
export function latestGoodBackup(dir: string): string | undefined {
  for (const item of listBackups(dir).items) {
    try {
      if (payloadMatches(item.file)) return item.file;
    } catch {
      // unreadable now (removed, cut short): try the next older one
    }
  }
  return undefined;
}

/** A name beside the database that does not exist yet: `<db>.<label>-<local time>[-n]`. */
export function besideDatabase(dbPath: string, label: string, now: Date): string {
  const stamp = localStamp(now).replace('T', '_').replace(/:/g, '');
  for (let n = 1; ; n++) {
    const candidate = `${dbPath}.${label}-${stamp}${n > 1 ? `-${n}` : ''}`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/**
 * Put a restored database (already extracted beside the database and checked) in place. The
 * database must be closed. The current file, its WAL (which may hold committed pages) and its key
 * slots are kept aside under one timestamped name; the restored file replaces the database in one
 * atomic rename; then the backup's key slots replace the slot file. Returns the set-aside name.
 *
 * A crash between the rename and the slot file leaves the restored data with the previous slots:
 * for a backup of the same database (the usual case) they hold the same key and open it; otherwise
 * the restore is run again (the previous database is safe under its set-aside name).
 */
export function installRestoredDatabase(dbPath: string, restoredFile: string, keys: BackupHeader['keys'], now: Date): string {
  const setAside = besideDatabase(dbPath, 'before-restore', now);
  if (fs.existsSync(dbPath)) linkOrCopy(dbPath, setAside);
  // A WAL left beside the database belongs to the old file: it must go with it, never meet the new one.
  if (fs.existsSync(`${dbPath}-wal`)) fs.renameSync(`${dbPath}-wal`, `${setAside}-wal`);
  removeQuietly(`${dbPath}-shm`);
  const slots = keyFilePath(dbPath);
  if (fs.existsSync(slots)) linkOrCopy(slots, keyFilePath(setAside));
  fs.renameSync(restoredFile, dbPath);
  fsyncDir(path.dirname(dbPath));
  if (keys) writeKeyFile(dbPath, keys);
  else removeQuietly(slots);
  removeQuietly(damageMarkerPath(dbPath));
  fsyncDir(path.dirname(dbPath));
  return setAside;
}

/**
 * The key slots a restore installs over an office that has slots now. A backup's users table holds
 * the passwords as they were then, so its user slots come with it — but only of users who have a slot
 * now (enabled users): a restore never brings back the password of someone disabled or removed since.
 * The recovery key stays the current one. When the restored data was rekeyed to the current key (a
 * backup from before a key change), each kept slot is sealed to the current key with that user's key
 * pair; a slot without one is dropped (that user needs a new password). With nothing current (a new
 * PC, a plain database) the backup's slots are installed as they are.
 */
export function restoredSlots(current: KeyFile | undefined, restored: KeyFile | null, rekeyedTo?: Buffer): KeyFile | null {
  if (!current || !restored) return restored;
  const enabled = new Set(current.slots.flatMap((s) => (s.kind === 'user' && s.userId ? [s.userId] : [])));
  const slots: KeySlot[] = [];
  for (const slot of restored.slots) {
    if (slot.kind !== 'user' || !slot.userId || !enabled.has(slot.userId)) continue;
    const kept = rekeyedTo ? sealToUser(rekeyedTo, slot) : slot;
    if (kept) slots.push(kept);
  }
  slots.push(...current.slots.filter((s) => s.kind === 'recovery'));
  return { ...current, slots };
}

/** Where a backup's database is extracted before it replaces the database (same folder: atomic rename). */
export function restoreWorkFile(dbPath: string): string {
  return `${dbPath}.restore-${process.pid}.tmp`;
}

/**
 * May the start-up dialog restore this backup over this database without a key? Encrypted over
 * encrypted with the current `.keys` naming the backup's office, or plain over plain; never a
 * backup's slots in place of the current ones, never a change of office, never encryption dropped.
 */
export function restorableWithoutKey(dbPath: string, header: BackupHeader): boolean {
  let keys;
  try {
    keys = readKeyFile(dbPath);
  } catch {
    return false;
  }
  return keys ? keys.office.code === header.office.code && header.encrypted : !header.encrypted;
}

/**
 * Restore without a key (the startup dialog: nobody has signed in, the database is damaged). The
 * payload's hash is the check here; the background check after the next sign-in checks the data itself.
 *
 * Nothing here can check a key. Over an encrypted database the current `.keys` must exist and name
 * the backup's office, the backup must be encrypted too, and only the slots of users enabled now come
 * back (restoredSlots). The caller offers only the backup the damage marker names (damage-marker.ts).
 */
export async function restoreWithoutKey(dbPath: string, backupFile: string, now: Date, tick?: Tick): Promise<{ setAside: string; header: BackupHeader }> {
  if (!restorableWithoutKey(dbPath, readBackupHeader(backupFile).header)) throw new BackupFileError('damaged', backupFile);
  const keys = readKeyFile(dbPath);
  const work = restoreWorkFile(dbPath);
  removeDatabaseQuietly(work);
  try {
    const header = await extractPayload(backupFile, work, tick);
    return { setAside: installRestoredDatabase(dbPath, work, restoredSlots(keys, header.keys), now), header };
  } finally {
    removeDatabaseQuietly(work);
  }
}
