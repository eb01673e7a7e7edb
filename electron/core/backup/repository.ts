/** The SQL of backups: the consistent copy, the checks, and the summary a backup's header carries. */
import type { Db } from '../db/connection';

/**
 * A consistent copy of the whole database in one statement (a read transaction: writers carry on in
 * WAL mode). On an encrypted connection the copy is written in the same page cipher and key —
 * better-sqlite3's online `backup()` refuses encrypted sources, so this is the way.
 */
export function vacuumInto(db: Db, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

/** `PRAGMA integrity_check`: every page, index and constraint; empty when the file is sound. */
export function integrityProblems(db: Db, max = 20): string[] {
  const rows = db.pragma(`integrity_check(${max})`) as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
}

function tableExists(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The highest change-log sequence number ever issued (0 for a new office). */
export function issuedChangeSeq(db: Db): number {
  if (!tableExists(db, 'sqlite_sequence')) return 0;
  return (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").pluck().get() as number | undefined) ?? 0;
}

/** The office row of a copy (a backup's own office, which may differ from the open database's). */
export function officeOfCopy(db: Db): { code: string; name: string; divisionCode: string } | undefined {
  if (!tableExists(db, 'office')) return undefined;
  const row = db.prepare('SELECT code, name, division_code FROM office WHERE deleted_at IS NULL').get() as
    | { code: string; name: string; division_code: string }
    | undefined;
  return row && { code: row.code, name: row.name, divisionCode: row.division_code };
}

/** Role and state of a user in a copy, by user name (restoring without the open database). */
export function userInCopy(db: Db, username: string): { id: string; role: string; disabled: boolean; passwordHash: string } | undefined {
  if (!tableExists(db, 'users')) return undefined;
  const row = db.prepare('SELECT id, role, disabled, password_hash FROM users WHERE username = ? COLLATE NOCASE AND deleted_at IS NULL').get(username) as
    | { id: string; role: string; disabled: number; password_hash: string }
    | undefined;
  return row && { id: row.id, role: row.role, disabled: row.disabled !== 0, passwordHash: row.password_hash };
}
