/**
 * For the per-migration tests (tests/core/migrations/NNNN-<name>.test.ts, one per migration file):
 * a real database file in a temp folder at a given schema version, populated with the test's own
 * seed, and the checks every upgrade must pass. Seed data lives in each version's test, written
 * against the schema of the version before it, so a later migration never edits an older test.
 */
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { expect } from 'vitest';
import { ChainVerifier, type ChainBreak } from '../../electron/core/audit/chain';
import { auditBounds, auditPage, changeRange, changeRow } from '../../electron/core/audit/repository';
import { applyPragmas, type Db } from '../../electron/core/db/connection';
import { MIGRATIONS, migrate, schemaVersion } from '../../electron/core/db/migrate';
import { snapshotTables } from './db-inspect';
import { makeTempDir, onDispose } from './temp-dir';

/** An empty database file (version 0) with the app's pragmas, closed when the test's resources are disposed. */
export function emptyDatabase(): Db {
  const db = new Database(path.join(makeTempDir(), 'migrate.civicdesk'));
  onDispose(() => {
    if (db.open) db.close();
  });
  applyPragmas(db);
  return db;
}

/** A database migrated to exactly `version`, then populated by `seed` (SQL text, or a function for bound values). */
export function databaseAt(version: number, seed?: string | ((db: Db) => void)): Db {
  const db = emptyDatabase();
  if (version > 0) migrate(db, MIGRATIONS, version);
  expect(schemaVersion(db)).toBe(version);
  if (typeof seed === 'string') db.exec(seed);
  else seed?.(db);
  return db;
}

/**
 * Upgrade a populated database one version and check what every migration owes its data: each row
 * of each table is still there with its values (new columns aside), and the file is consistent.
 * `rewrites` names the tables the migration changes or drops on purpose; the test checks those itself.
 */
export function upgradeTo(db: Db, version: number, options: { rewrites?: readonly string[] } = {}): { before: Record<string, unknown[]>; after: Record<string, unknown[]> } {
  expect(schemaVersion(db), 'the database is one version below the target').toBe(version - 1);
  const before = snapshotTables(db);
  expect(Object.values(before).flat().length, 'the seed put rows in the database').toBeGreaterThan(0);

  expect(migrate(db, MIGRATIONS, version)).toBe(version);
  expect(schemaVersion(db)).toBe(version);

  const after = snapshotTables(db);
  const rewrites = options.rewrites ?? [];
  for (const [table, rows] of Object.entries(before)) {
    if (rewrites.includes(table)) continue;
    expect(after[table], `table ${table} still exists`).toBeDefined();
    const columns = new Set(Object.keys((after[table][0] as object | undefined) ?? {}));
    // Compare the columns that still exist: a migration may add columns, never lose values.
    const kept = (rows as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).filter(([c]) => columns.size === 0 || columns.has(c))));
    expect(after[table], `rows of ${table}`).toEqual(kept.map((r) => expect.objectContaining(r)));
  }
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  return { before, after };
}

export function tableNames(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

/** The first break the app's verifier finds in the database's audit chain, or undefined when it verifies. */
export function auditChainBreak(db: Db): ChainBreak | undefined {
  const secret = db.prepare("SELECT value FROM office_secrets WHERE name = 'audit'").pluck().get() as Buffer;
  const verifier = new ChainVerifier(secret, { row: (seq) => changeRow(db, seq), range: (a, b) => changeRange(db, a, b) });
  for (const e of auditPage(db, 0, Number.MAX_SAFE_INTEGER, 100_000)) {
    const found = verifier.next(e);
    if (found) return found;
  }
  return verifier.finish(auditBounds(db));
}
