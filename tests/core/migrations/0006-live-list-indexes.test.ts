/** Migration 6 (live-list-indexes): partial indexes for the resident list, on a v5 register. */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const OFFICE = '0195a1b2-0000-7000-8000-000000000001';
const T0 = '2025-01-06T01:30:00.000Z';
const T1 = '2025-02-14T07:12:45.123Z';

/** A v5 office with four residents in two grids, one of them tombstoned. */
const V5_SEED = `
  INSERT INTO office (id, code, name, division_code, created_at, updated_at) VALUES ('${OFFICE}', 'HN-HBL', '河滨街道红果子社区', '640205', '${T0}', '${T0}');
  INSERT INTO grids (id, office_id, code, name, created_at, updated_at) VALUES
    ('g-1', '${OFFICE}', 'G01', '第一网格', '${T0}', '${T0}'),
    ('g-2', '${OFFICE}', 'G02', '第二网格', '${T0}', '${T0}');
  INSERT INTO residents (n, id, office_id, name, name_pinyin, id_number, birth_date, sex, division_code, grid_id, created_at, updated_at, deleted_at) VALUES
    (1, 'r-1', '${OFFICE}', '马建国', 'majianguo 马建国', '640205195203154517', '1952-03-15', 'male', '640205', 'g-1', '${T0}', '${T1}', NULL),
    (2, 'r-2', '${OFFICE}', '海秀兰', 'haixiulan 海秀兰', '640205195508204528', '1955-08-20', 'female', '640205', 'g-1', '${T0}', '${T0}', NULL),
    (3, 'r-3', '${OFFICE}', '张伟', 'zhangwei 张伟', '640202198506123016', '1985-06-12', 'male', '640202', 'g-2', '${T0}', '${T0}', NULL),
    (4, 'r-4', '${OFFICE}', '安宁', 'anning 安宁', '640202199001011234', '1990-01-01', 'female', '640202', 'g-2', '${T0}', '${T1}', '${T1}');
`;

function migrated() {
  const db = databaseAt(5, V5_SEED);
  upgradeTo(db, 6);
  return db;
}

describe('migration 6 (live-list-indexes) on a populated v5 database', () => {
  it('keeps every row of v5 and leaves the file consistent', () => {
    migrated();
  });

  it('replaces the old sort indexes with partial ones over live residents that the list’s page query uses', () => {
    const db = migrated();
    const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'residents' ORDER BY name").pluck().all();
    expect(names).toEqual(expect.arrayContaining(['residents_live', 'residents_live_name', 'residents_live_birth', 'residents_live_updated', 'residents_live_grid']));
    for (const dropped of ['residents_name_pinyin', 'residents_birth_date', 'residents_updated', 'residents_grid']) expect(names).not.toContain(dropped);
    // The list's page query skips on the partial index instead of scanning the table.
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT r.n FROM residents r WHERE r.deleted_at IS NULL ORDER BY r.name_pinyin, r.n LIMIT 100 OFFSET 1')
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join(' | ');
    expect(plan).toContain('residents_live_name');
    // The migrated residents come back through the new indexes, the tombstoned one left out.
    expect(db.prepare('SELECT id FROM residents INDEXED BY residents_live_name WHERE deleted_at IS NULL ORDER BY name_pinyin, n').pluck().all()).toEqual(['r-2', 'r-1', 'r-3']);
    expect(db.prepare("SELECT id FROM residents INDEXED BY residents_live_grid WHERE deleted_at IS NULL AND grid_id = 'g-2' ORDER BY n").pluck().all()).toEqual(['r-3']);
    expect(db.prepare('SELECT id FROM residents INDEXED BY residents_live_birth WHERE deleted_at IS NULL ORDER BY birth_date DESC, n').pluck().all()).toEqual(['r-3', 'r-2', 'r-1']);
  });
});
