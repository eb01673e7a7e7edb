/**
 * Backup file names: `civicdesk-<office code>-<local date>_<local time>.cdbak`, e.g.
 * `civicdesk-DWK-CYJ-2025-03-10_163005.cdbak`. Only letters, digits, '-', '_' and '.', so the name is
 * valid on Windows (no ':'), FAT32 USB sticks and every Linux file system, and a clerk can read the
 * office and the date straight from a folder listing.
 */
export const BACKUP_EXTENSION = '.cdbak';
const PREFIX = 'civicdesk-';

/** Local wall-clock time as `YYYY-MM-DDTHH:MM:SS` (the form rotation compares). */
export function localStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/** The office code as it may appear in a file name (codes are already letters, digits and dashes). */
export function safeOfficeCode(code: string): string {
  const safe = code.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 32);
  return safe.length > 0 ? safe : 'office';
}

/** `attempt` > 1 makes a second backup in the same second distinct (`…_163005-2.cdbak`). */
export function backupFileName(officeCode: string, local: string, attempt = 1): string {
  const [date, time] = local.split('T');
  const suffix = attempt > 1 ? `-${attempt}` : '';
  return `${PREFIX}${safeOfficeCode(officeCode)}-${date}_${time.replace(/:/g, '')}${suffix}${BACKUP_EXTENSION}`;
}

const NAME = /^civicdesk-([A-Za-z0-9_-]+)-(\d{4}-\d{2}-\d{2})_(\d{2})(\d{2})(\d{2})(?:-\d+)?\.cdbak$/;

/** Office code and local time from a backup's name; undefined for any other file. */
export function parseBackupFileName(name: string): { officeCode: string; local: string } | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  return { officeCode: m[1], local: `${m[2]}T${m[3]}:${m[4]}:${m[5]}` };
}
