/**
 * Remembering that a database is damaged. An encrypted database can only be checked once a sign-in
 * has unwrapped its key; when that check fails, a marker file (`<db>.damaged`, authenticated with the
 * key: damage-marker.ts) is written beside it, so the next start refuses the file at once — before
 * anyone signs in — and offers the backup the key verified. Restoring a backup removes the marker.
 */
import path from 'node:path';
import { DatabaseOpenError } from '../db/connection';
import { readKeyFile } from '../db/keystore';
import { ContractFailure } from '../errors';
import type { Logger } from '../log';
import { automaticBackupDir, latestGoodBackup } from './install';
import { headerHash, latestVerifiedBackup, markedBackup, readDamageMarker, writeDamageMarker } from './damage-marker';

/**
 * Open through `open`, refusing a database marked damaged; a damaged or unreadable database is
 * refused with a backup (from `backupDir`) in the error's details: for a marked one, the backup the
 * marker names (`backupVerified`: its header is the one the key verified), else the latest intact one.
 */
export function openOrRefuseDamaged<T>(dbPath: string, backupDir: string, open: () => T): T {
  const marked = readDamageMarker(dbPath);
  try {
    if (marked) {
      const verified = markedBackup(dbPath, backupDir);
      const problems = marked.problems.length > 0 ? marked.problems : ['marked damaged'];
      throw new DatabaseOpenError('damaged', dbPath, verified ? { problems, backup: verified, backupVerified: true } : { problems });
    }
    return open();
  } catch (error) {
    throw withBackupAdvice(error, backupDir);
  }
}

/** Add the latest good backup to a `damaged` refusal that names none, for whoever explains it. */
export function withBackupAdvice(error: unknown, backupDir: string): unknown {
  if (error instanceof DatabaseOpenError && error.reason === 'damaged' && !error.details.backup) {
    const backup = latestGoodBackup(backupDir);
    return new DatabaseOpenError(error.reason, error.file, { ...error.details, ...(backup ? { backup, backupVerified: false } : {}) });
  }
  return error;
}

/**
 * Remember damage for the next start: the marker, MACed with `key` when there is one and naming the
 * newest backup that key verifies. Returns the backup to restore (that one, else the latest good one).
 */
function markDamage(dbPath: string, problems: string[], now: Date, key: Buffer | undefined): string | undefined {
  const dir = automaticBackupDir(dbPath);
  const verified = key ? latestVerifiedBackup(dir, key, readKeyFile(dbPath)?.office.code) : undefined;
  writeDamageMarker(
    dbPath,
    { detectedAt: now.toISOString(), problems, ...(verified ? { backup: { name: path.basename(verified.file), header: headerHash(verified.read) } } : {}) },
    key,
  );
  return verified?.file ?? latestGoodBackup(dir);
}

/**
 * Damage found while the database is open (the background check after sign-in, or a page that failed
 * its check under a call): marked as a failed sign-in marks it, logged, and the backup to restore
 * named for DB_DAMAGED and the header.
 */
export function reportDamage(dbPath: string, problems: string[], now: Date, log: Logger, key?: Buffer): { backup: string | null } {
  const backup = markDamage(dbPath, problems, now, key);
  log.error(`database damaged: ${problems.slice(0, 3).join('; ')}`);
  return { backup: backup ?? null };
}

/**
 * A sign-in unwrapped `key` but the database's schema will not read (page 1 fails its check with a
 * key the slots vouch for): mark it for the next start and refuse with DB_DAMAGED naming the backup
 * (DB_DAMAGED_NO_BACKUP when there is none). Anything else is rethrown as it is. Damage elsewhere in
 * the file is found after the sign-in, by the background check (reportDamage).
 */
export function refuseDamagedAtSignIn(error: unknown, now: Date, log: Logger, key?: Buffer): never {
  if (error instanceof DatabaseOpenError && (error.reason === 'damaged' || error.reason === 'not_a_database')) {
    const backup = markDamage(error.file, error.details.problems ?? [error.message], now, key);
    log.error(`database refused at sign-in: ${error.message}`);
    throw backup ? new ContractFailure('DB_DAMAGED', { backup }) : new ContractFailure('DB_DAMAGED_NO_BACKUP');
  }
  throw error;
}
