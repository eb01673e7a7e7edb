import type { Db } from '../db/connection';
import { insertRecord, type WriteContext } from '../db/writes';

export interface GridRow {
  id: string;
  code: string;
  name: string;
  worker: string | null;
  version: number;
}

export function listGrids(db: Db): GridRow[] {
  return db.prepare('SELECT id, code, name, worker, version FROM grids WHERE deleted_at IS NULL ORDER BY code').all() as GridRow[];
}

export function findGridByCode(db: Db, code: string): GridRow | undefined {
  return db.prepare('SELECT id, code, name, worker, version FROM grids WHERE code = ? AND deleted_at IS NULL').get(code) as GridRow | undefined;
}

export function findGrid(db: Db, id: string): GridRow | undefined {
  return db.prepare('SELECT id, code, name, worker, version FROM grids WHERE id = ? AND deleted_at IS NULL').get(id) as GridRow | undefined;
}

export function insertGrid(w: WriteContext, id: string, v: { code: string; name: string; worker: string | null }): void {
  insertRecord(w, 'grids', id, { code: v.code, name: v.name, worker: v.worker });
}

export function gridExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM grids WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}
