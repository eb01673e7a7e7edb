/**
 * Writing one backup. The order is what makes an interrupted backup harmless:
 *   1. VACUUM INTO a work file beside the database (a consistent, encrypted copy);
 *   2. open that copy with the key and run `PRAGMA integrity_check`;
 *   3. write the backup file under a temporary name in the target folder, fsync it, read it back;
 *   4. only then rename it to its final name (and fsync the folder).
 * A crash, a kill or a pulled USB stick at any step leaves at most a temporary file, which the next
 * backup removes; a file with a backup's name is always complete and checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCopy, type Db } from '../db/connection';
import { schemaVersion } from '../db/migrate';
import type { KeyFile } from '../db/keystore';
import { ContractFailure, invalidInput } from '../errors';
import { isPermissionRefusal, storageFailure } from '../disk-errors';
import type { BackupSummary } from '../../../shared/contract';
import { headerMacKey, payloadMatches, writeBackupFile, type BackupKind, type Tick } from './backup-file';
import { backupFileName, localStamp } from './file-name';
import { renameDurable, removeDatabaseQuietly, removeQuietly } from '../durable';
import { automaticBackupDir, latestGoodBackup, summaryOf } from './install';
import { integrityProblems, issuedChangeSeq, officeOfCopy, vacuumInto } from './repository';

/** The open database and what a backup of it needs besides its rows. */
export interface BackupSource {
  db: Db;
  dbPath: string;
  /** Undefined for a plain (unencrypted) database. */
  key: Buffer | undefined;
  keys: KeyFile | undefined;
  appVersion: string;
  nativeBinding?: string;
  /** What the header's counts are (the core registry's record counts). */
  counts(db: Db): Record<string, number>;
}

export interface CreateBackupOptions {
  folder: string;
  /** The file name to use in `folder` (must not exist); by default the dated name. */
  name?: string;
  kind: BackupKind;
  now: Date;
  tick?: Tick;
}

/** Progress is reported on this scale: copy 0–100, check 100–200, write 200–950, read back 950–1000. */
const SCALE = 1000;

export async function createBackup(source: BackupSource, options: CreateBackupOptions): Promise<BackupSummary> {
  const { folder, now } = options;
  const tick: Tick = async (done, total) => options.tick?.(done, total);
  const work = `${source.dbPath}.backup-${process.pid}.tmp`;
  let partial: string | undefined;
  try {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw invalidInput(['folder'], 'backup.folder_missing', { folder });
    removeStaleWork(path.dirname(source.dbPath), folder);
    ensureRoom(folder, source.dbPath);

    await tick(0, SCALE);
    removeDatabaseQuietly(work);
    vacuumInto(source.db, work);
    await tick(100, SCALE);

    const facts = checkCopy(work, source);
    await tick(200, SCALE);

    const name = options.name ?? freeName(folder, facts.office.code, localStamp(now));
    const final = path.join(folder, name);
    if (fs.existsSync(final)) throw invalidInput(['file'], 'backup.exists', { file: final });
    partial = `${final}.${process.pid}.partial`;
    const header = await writeBackupFile(
      partial,
      {
        createdAt: now.toISOString(),
        local: localStamp(now),
        kind: options.kind,
        office: facts.office,
        appVersion: source.appVersion,
        schemaVersion: facts.schemaVersion,
        counts: facts.counts,
        changeSeq: facts.changeSeq,
        encrypted: source.key !== undefined,
        keys: source.key ? (source.keys ?? null) : null,
      },
      work,
      source.key ? headerMacKey(source.key) : null,
      (done, total) => tick(200 + Math.floor((750 * done) / Math.max(total, 1)), SCALE),
    );
    // Read back what reached the folder before giving it a backup's name.
    if (!payloadMatches(partial)) throw new Error(`backup ${partial} does not read back as written`);
    if (fs.existsSync(final)) throw new Error(`backup ${final} appeared while it was being written`);
    renameDurable(partial, final);
    partial = undefined;
    await tick(SCALE, SCALE);
    return summaryOf(final, header);
  } catch (error) {
    throw asExpected(error);
  } finally {
    removeDatabaseQuietly(work);
    if (partial) removeQuietly(partial);
  }
}

/** Open the copy with the key: it must pass integrity_check; its own facts go into the header. */
function checkCopy(work: string, source: BackupSource) {
  const copy = openCopy(work, { key: source.key, nativeBinding: source.nativeBinding });
  try {
    const problems = integrityProblems(copy);
    // The copy mirrors the open database: a failing copy means the database itself is damaged.
    if (problems.length > 0) throw damagedFailure(source.dbPath);
    const office = officeOfCopy(copy);
    if (!office) throw new ContractFailure('NOT_INITIALIZED');
    return { office, schemaVersion: schemaVersion(copy), counts: source.counts(copy), changeSeq: issuedChangeSeq(copy) };
  } finally {
    copy.close();
  }
}

/** DB_DAMAGED naming the latest good automatic backup, or DB_DAMAGED_NO_BACKUP when there is none. */
export function damagedFailure(dbPath: string): ContractFailure {
  const backup = latestGoodBackup(automaticBackupDir(dbPath));
  return backup ? new ContractFailure('DB_DAMAGED', { backup }) : new ContractFailure('DB_DAMAGED_NO_BACKUP');
}

/** The backup's name, made distinct if a backup was already taken in the same second. */
function freeName(folder: string, officeCode: string, local: string): string {
  for (let attempt = 1; ; attempt++) {
    const name = backupFileName(officeCode, local, attempt);
    if (!fs.existsSync(path.join(folder, name))) return name;
  }
}

/**
 * Refuse early, with the clerk's message, when the folder plainly cannot hold the backup (a nearly
 * full USB stick) — rather than after minutes of copying. The database folder needs room for the
 * work copy too. Where free space cannot be read, the writes themselves will say.
 */
function ensureRoom(folder: string, dbPath: string): void {
  const size = ['', '-wal'].reduce((sum, suffix) => sum + (fs.existsSync(dbPath + suffix) ? fs.statSync(dbPath + suffix).size : 0), 0);
  const needed = Math.ceil(size * 1.05) + (1 << 20);
  for (const dir of new Set([folder, path.dirname(dbPath)])) {
    let free: number;
    try {
      const stats = fs.statfsSync(dir);
      free = stats.bavail * stats.bsize;
    } catch {
      continue;
    }
    if (free < needed) throw new ContractFailure('DISK_FULL');
  }
}

/**
 * Work and partial files of backups and restores (with SQLite's files beside a work copy) whose
 * process is gone (killed, crashed, power cut).
 */
function removeStaleWork(dbDir: string, folder: string): void {
  const stale = /\.(?:backup|restore)-(\d+)\.tmp(?:-journal|-wal|-shm)?$|\.(\d+)\.partial$/;
  for (const dir of new Set([dbDir, folder])) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = stale.exec(name);
      const pid = m && Number(m[1] ?? m[2]);
      if (pid && pid !== process.pid && !processAlive(pid)) removeQuietly(path.join(dir, name));
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
}

/** Full disk, read-only or write-protected media become the clerk's errors; the rest stays as it is. */
function asExpected(error: unknown): unknown {
  if (error instanceof ContractFailure) return error;
  return storageFailure(error) ?? (isPermissionRefusal(error) ? new ContractFailure('READ_ONLY') : error);
}
