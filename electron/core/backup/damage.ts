/**
 * Remembering that a database is damaged. An encrypted database can only be checked once a sign-in
 * has unwrapped its key; when that check fails, a small marker file (`<db>.damaged`) is written
 * beside it, so the next start refuses the file at once — before anyone signs in — and offers the
 * latest good backup. Restoring a backup removes the marker.
 */
import fs from 'node:fs';
import { DatabaseOpenError } from '../db/connection';
import { ContractFailure } from '../errors';
import type { Logger } from '../log';
import { automaticBackupDir, damageMarkerPath, latestGoodBackup } from './install';

export function markDamaged(dbPath: string, problems: string[], at: Date): void {
  try {
    fs.writeFileSync(damageMarkerPath(dbPath), JSON.stringify({ detectedAt: at.toISOString(), problems: problems.slice(0, 20) }, null, 2));
  } catch {
    // a read-only folder: the next start runs the check again, which finds the same damage
  }
}

function markedProblems(dbPath: string): string[] | undefined {
  const file = damageMarkerPath(dbPath);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const problems = typeof parsed === 'object' && parsed !== null && 'problems' in parsed && Array.isArray(parsed.problems) ? parsed.problems : [];
    return problems.map(String);
  } catch {
    return ['damage marker unreadable'];
  }
}

/**
 * Open through `open`, refusing a database already known to be damaged; a damaged or unreadable
 * database is refused with the latest good backup (from `backupDir`) in the error's details.
 */
export function openOrRefuseDamaged<T>(dbPath: string, backupDir: string, open: () => T): T {
  const marked = markedProblems(dbPath);
  try {
    if (marked) throw new DatabaseOpenError('damaged', dbPath, { problems: marked });
    return open();
  } catch (error) {
    throw withBackupAdvice(error, backupDir);
  }
}

/** Add the latest good backup to a `damaged` refusal, for whoever explains it. */
export function withBackupAdvice(error: unknown, backupDir: string): unknown {
  if (error instanceof DatabaseOpenError && error.reason === 'damaged') {
    const backup = latestGoodBackup(backupDir);
    return new DatabaseOpenError(error.reason, error.file, { ...error.details, ...(backup ? { backup } : {}) });
  }
  return error;
}

/**
 * Damage found while the database is open (the background check after sign-in, or a page that failed
 * its check under a call): remember it for the next start, as a failed sign-in check did, log it, and
 * name the latest good backup for DB_DAMAGED and the header.
 */
export function reportDamage(dbPath: string, problems: string[], now: Date, log: Logger): { backup: string | null } {
  markDamaged(dbPath, problems, now);
  log.error(`database damaged: ${problems.slice(0, 3).join('; ')}`);
  return { backup: latestGoodBackup(automaticBackupDir(dbPath)) ?? null };
}

/**
 * A sign-in unwrapped the key but the database's schema will not read (page 1 fails its check with
 * a key the slots vouch for): remember it for the next start, and refuse with DB_DAMAGED naming the
 * backup to restore. Anything else is rethrown as it is. Damage elsewhere in the file is found after
 * the sign-in, by the background check (reportDamage).
 */
export function refuseDamagedAtSignIn(error: unknown, now: Date, log: Logger): never {
  if (error instanceof DatabaseOpenError && (error.reason === 'damaged' || error.reason === 'not_a_database')) {
    markDamaged(error.file, error.details.problems ?? [error.message], now);
    log.error(`database refused at sign-in: ${error.message}`);
    throw new ContractFailure('DB_DAMAGED', { backup: latestGoodBackup(automaticBackupDir(error.file)) ?? '—' });
  }
  throw error;
}
