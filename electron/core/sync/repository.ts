/**
 * The sync's SQL that both sides share: what role this database has, and the secrets in
 * `office_secrets` (inside the encrypted file, opened by the key slots like the data). The secrets'
 * names are in ./secrets.ts.
 */
import type { Db } from '../db/connection';

export function readSecret(db: Db, name: string): Buffer | undefined {
  return (db.prepare('SELECT value FROM office_secrets WHERE name = ?').pluck().get(name) as Buffer | undefined) ?? undefined;
}

/** Secrets are written once; a second write of the same name is a programming error (the PK refuses it). */
export function writeSecret(db: Db, name: string, value: Buffer, now: string): void {
  // office_secrets requires 32 bytes or more; shorter values (none today) would be padded by the caller.
  db.prepare('INSERT INTO office_secrets (name, value, created_at) VALUES (?, ?, ?)').run(name, value, now);
}

export type SyncRole = 'none' | 'office' | 'bureau';

export function syncRole(db: Db): SyncRole {
  return ((db.prepare('SELECT role FROM sync_role').pluck().get() as 'office' | 'bureau' | undefined) ?? 'none');
}

export function setSyncRole(db: Db, role: 'office' | 'bureau', now: string): void {
  db.prepare('INSERT INTO sync_role (singleton, role, created_at) VALUES (1, ?, ?)').run(role, now);
}
