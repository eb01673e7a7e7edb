import type { Db } from '../db/connection';
import { deleteRecord, insertRecord, updateRecord, type WriteContext } from '../db/writes';
import type { Role } from '../../../shared/domain/roles';
import type { User } from '../../../shared/contract';

export interface UserRow {
  id: string;
  office_id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  last_login_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const LIVE = 'deleted_at IS NULL';

export function findUserByName(db: Db, username: string): UserRow | undefined {
  return db.prepare(`SELECT * FROM users WHERE username = ? COLLATE NOCASE AND ${LIVE}`).get(username) as UserRow | undefined;
}

export function findUserById(db: Db, id: string): UserRow | undefined {
  return db.prepare(`SELECT * FROM users WHERE id = ? AND ${LIVE}`).get(id) as UserRow | undefined;
}

export function listUsers(db: Db): UserRow[] {
  return db.prepare(`SELECT * FROM users WHERE ${LIVE} ORDER BY created_at`).all() as UserRow[];
}

export function countActiveAdmins(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND ${LIVE}`).get() as { n: number }).n;
}

export function insertUser(
  w: WriteContext,
  id: string,
  values: { username: string; displayName: string; role: Role; passwordHash: string },
): void {
  insertRecord(w, 'users', id, {
    username: values.username,
    display_name: values.displayName,
    role: values.role,
    password_hash: values.passwordHash,
  });
}

export function updateUser(
  w: WriteContext,
  id: string,
  expectedVersion: number | null,
  patch: Partial<{ displayName: string; role: Role; disabled: boolean; passwordHash: string }>,
): number {
  const row: Record<string, string | number> = {};
  if (patch.displayName !== undefined) row.display_name = patch.displayName;
  if (patch.role !== undefined) row.role = patch.role;
  if (patch.disabled !== undefined) row.disabled = patch.disabled ? 1 : 0;
  if (patch.passwordHash !== undefined) row.password_hash = patch.passwordHash;
  return updateRecord(w, 'users', id, expectedVersion, row);
}

/*
 * Sign-in bookkeeping (failed-attempt counter, lock time, last login) is not a change to the user
 * record: it is not versioned or change-logged, so a failed login never makes an admin's open
 * edit of that user stale. The audit trail records sign-ins separately.
 */
export function recordLoginFailure(db: Db, id: string, failedAttempts: number, lockedUntil: string | null): void {
  db.prepare('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(failedAttempts, lockedUntil, id);
}

/** Users with failed attempts or a lock that has not expired: what the sealed door must know. */
export function listLockStates(db: Db, now: string): Array<Pick<UserRow, 'id' | 'failed_attempts' | 'locked_until'>> {
  return db
    .prepare(`SELECT id, failed_attempts, locked_until FROM users WHERE ${LIVE} AND (failed_attempts > 0 OR locked_until > ?)`)
    .all(now) as Array<Pick<UserRow, 'id' | 'failed_attempts' | 'locked_until'>>;
}

export function recordLoginSuccess(db: Db, id: string, at: string): void {
  db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE id = ?').run(at, id);
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled === 1,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function deleteUser(w: WriteContext, id: string, expectedVersion: number): void {
  deleteRecord(w, 'users', id, expectedVersion);
}
