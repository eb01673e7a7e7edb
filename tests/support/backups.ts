/** Helpers for backup tests: an office with data, a hash of its data, and the files around it. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../electron/core/db/connection';
import type { BackupSummary } from '../../shared/contract';
import { readBackupHeader } from '../../electron/core/backup/backup-file';
import { expectOk } from './results';
import { registerHousehold, setupRegistry, type RegistryOffice } from './residents-registry';
import type { TestHost } from './test-host';

export const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The registry's own tables: what a restore must give back exactly (logins and the audit trail move on). */
export const DATA_TABLES = ['office', 'grids', 'households', 'residents', 'household_members', 'change_log'] as const;

/** SHA-256 over every row of the data tables, in rowid order. */
export function dataHash(db: Db): string {
  const hash = crypto.createHash('sha256');
  for (const table of DATA_TABLES) {
    hash.update(table);
    for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

export function tableCounts(db: Db): Record<string, number> {
  return Object.fromEntries(DATA_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

/** An office with a few households (the names are what must never appear in clear in a file). */
export async function officeWithHouseholds(t: TestHost, households = 4): Promise<RegistryOffice> {
  const office = await setupRegistry(t);
  for (let i = 0; i < households; i++) await registerHousehold(t, office.clerk.conn, [`张三丰${i}`, `李秀英${i}`, `王小明${i}`]);
  return office;
}

export async function backupNow(t: TestHost, conn: string, input: { folder?: string; file?: string } = {}): Promise<BackupSummary> {
  return expectOk(await t.host.runJob(conn, 'backup.create', input)) as BackupSummary;
}

/** Every file under `dir` (one level of subfolders), for "nothing plain on disk" checks. */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** No file begins with the plain SQLite header — nor does a backup's payload — and no name is in clear. */
export function expectNothingPlain(dir: string, clearTexts: string[]): void {
  for (const file of filesUnder(dir)) {
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).equals(SQLITE_HEADER), file).toBe(false);
    if (file.endsWith('.cdbak')) {
      const { payloadOffset } = readBackupHeader(file);
      expect(bytes.subarray(payloadOffset, payloadOffset + 16).equals(SQLITE_HEADER), `${file} payload`).toBe(false);
    }
    for (const text of clearTexts) expect(bytes.includes(Buffer.from(text, 'utf8')), `${text} in ${file}`).toBe(false);
  }
}
