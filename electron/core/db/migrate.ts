/**
 * Schema migrations: one file per version under ./migrations, versions only go up, every pending
 * migration runs in one transaction, and a database from a newer app is refused before anything runs.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { migration0001 } from './migrations/0001-office-and-change-log';
import { migration0002 } from './migrations/0002-accounts';
import { migration0003 } from './migrations/0003-residents-and-households';
import { migration0004 } from './migrations/0004-imports';
import { migration0005 } from './migrations/0005-audit-trail';
import { migration0006 } from './migrations/0006-live-list-indexes';
import { migration0007 } from './migrations/0007-drafts';
import { migration0008 } from './migrations/0008-split-search-index';
import { migration0009 } from './migrations/0009-drop-id-reveals';
import { migration0010 } from './migrations/0010-alerts';
import { migration0011 } from './migrations/0011-eldercare-facilities';
import { migration0012 } from './migrations/0012-eldercare-care-and-orders';
import { migration0013 } from './migrations/0013-eldercare-coverage';
import { migration0014 } from './migrations/0014-person-time-rollup';
import { migration0015 } from './migrations/0015-sync';
import { migration0016 } from './migrations/0016-sync-upload-url';

export interface Migration {
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016];
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export class SchemaTooNewError extends Error {
  constructor(
    readonly dbVersion: number,
    readonly appVersion: number,
  ) {
    super(`Database schema version ${dbVersion} is newer than this app supports (${appVersion})`);
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring `db` to the last of `migrations` (or to `target`), all pending steps in one transaction. */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[], target?: number): number {
  const latest = target ?? migrations[migrations.length - 1].version;
  const current = schemaVersion(db);
  const newest = migrations[migrations.length - 1].version;
  if (current > newest) throw new SchemaTooNewError(current, newest);
  const pending = migrations.filter((m) => m.version > current && m.version <= latest);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return latest;
}
