import type { Db } from '../../db/connection';
import { insertRecord, updateRecord, type WriteContext } from '../../db/writes';
import type { CodeTable } from '../../../../shared/domain/eldercare/codes';

export interface SettingsRow {
  id: string;
  value: string;
  version: number;
}

export function findSettingsRow(db: Db): SettingsRow | undefined {
  return db.prepare('SELECT id, value, version FROM eldercare_settings WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1').get() as SettingsRow | undefined;
}

export function insertSettingsRow(w: WriteContext, id: string, value: string): void {
  insertRecord(w, 'eldercare_settings', id, { value });
}

export function updateSettingsRow(w: WriteContext, id: string, version: number, value: string): void {
  updateRecord(w, 'eldercare_settings', id, version, { value });
}

export interface CodeOverrideRow {
  id: string;
  code_table: CodeTable;
  code: string;
  zh: string;
  en: string;
  active: number;
  sort: number;
  version: number;
}

export function listCodeOverrides(db: Db, table?: CodeTable): CodeOverrideRow[] {
  const sql = 'SELECT id, code_table, code, zh, en, active, sort, version FROM eldercare_codes WHERE deleted_at IS NULL';
  return (table ? db.prepare(`${sql} AND code_table = ?`).all(table) : db.prepare(sql).all()) as CodeOverrideRow[];
}

export function findCodeOverride(db: Db, table: CodeTable, code: string): CodeOverrideRow | undefined {
  return db
    .prepare('SELECT id, code_table, code, zh, en, active, sort, version FROM eldercare_codes WHERE code_table = ? AND code = ? AND deleted_at IS NULL')
    .get(table, code) as CodeOverrideRow | undefined;
}

export function insertCodeOverride(w: WriteContext, id: string, v: { table: CodeTable; code: string; zh: string; en: string; active: boolean; sort: number }): void {
  insertRecord(w, 'eldercare_codes', id, { code_table: v.table, code: v.code, zh: v.zh, en: v.en, active: v.active ? 1 : 0, sort: v.sort });
}

export function updateCodeOverride(w: WriteContext, id: string, version: number, v: { zh: string; en: string; active: boolean; sort: number }): void {
  updateRecord(w, 'eldercare_codes', id, version, { zh: v.zh, en: v.en, active: v.active ? 1 : 0, sort: v.sort });
}
