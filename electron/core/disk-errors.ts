/**
 * A full disk or a read-only medium is something the clerk can fix, not a bug: a write that fails
 * for either becomes DISK_FULL or READ_ONLY (with a message saying what to do) instead of INTERNAL.
 * SQLite rolls the failed transaction back, so nothing saved before is lost and reads go on working.
 */
import { ContractFailure } from './errors';

/** SQLite result codes (better-sqlite3 `SqliteError.code`) and errno codes (node:fs) for "no space". */
const FULL = /^(SQLITE_FULL|ENOSPC|EDQUOT|EFBIG)$/;
/** …and for "cannot write here". SQLITE_READONLY has extended forms (SQLITE_READONLY_DBMOVED …). */
const READ_ONLY = /^(SQLITE_READONLY(_\w+)?|EROFS)$/;
/** SQLite reports some out-of-space writes as I/O errors; errno is in the message only. */
const IOERR_FULL = /^SQLITE_IOERR(_\w+)?$/;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** DISK_FULL or READ_ONLY for a storage failure, undefined for anything else. */
export function storageFailure(error: unknown): ContractFailure | undefined {
  const code = codeOf(error);
  if (!code) return undefined;
  if (FULL.test(code)) return new ContractFailure('DISK_FULL');
  if (READ_ONLY.test(code)) return new ContractFailure('READ_ONLY');
  if (IOERR_FULL.test(code) && error instanceof Error && /disk is full|no space|ENOSPC/i.test(error.message)) return new ContractFailure('DISK_FULL');
  return undefined;
}

/** File-system permission refusals, for writes to a folder the clerk chose (a USB stick, a share). */
export function isPermissionRefusal(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'EACCES' || code === 'EPERM';
}
