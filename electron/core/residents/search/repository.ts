/**
 * Search and list SQL. Every query is driven by an index: the FTS5 index for text, the unique
 * ID-number index for whole IDs, B-tree indexes for filters and sorts. No `LIKE '%…%'` scans.
 */
import type { Db } from '../../db/connection';
import type { ResidentFilters } from '../../../../shared/contract/residents';
import { RESIDENT_SELECT, type ResidentRow } from '../repository';
import type { SearchIndex } from './plan';
import { prepareCached } from '../../db/writes';

const FTS_TABLES: Record<SearchIndex, string> = { names: 'resident_search', lookup: 'resident_lookup' };

export interface FilterSql {
  where: string[];
  params: Record<string, string | number>;
}

function shiftYears(today: Date, years: number): string {
  const d = new Date(today.getFullYear() - years, today.getMonth(), today.getDate());
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Filters as SQL over alias `r`; ages become birth-date ranges so the index applies. */
export function filterSql(filters: ResidentFilters, today: Date): FilterSql {
  const where = ['r.deleted_at IS NULL'];
  const params: Record<string, string | number> = {};
  if (filters.gridId) {
    where.push('r.grid_id = @gridId');
    params.gridId = filters.gridId;
  }
  if (filters.status) {
    where.push('r.status = @status');
    params.status = filters.status;
  }
  if (filters.lowIncomeCategory) {
    where.push('r.low_income_category = @lowIncome');
    params.lowIncome = filters.lowIncomeCategory;
  }
  if (filters.ageMin !== undefined) {
    where.push('r.birth_date <= @bornBy');
    params.bornBy = shiftYears(today, filters.ageMin);
  }
  if (filters.ageMax !== undefined) {
    where.push('r.birth_date > @bornAfter');
    params.bornAfter = shiftYears(today, filters.ageMax + 1);
  }
  switch (filters.tag) {
    case 'older60':
      where.push('r.birth_date <= @born60');
      params.born60 = shiftYears(today, 60);
      break;
    case 'older80':
      where.push('r.birth_date <= @born80');
      params.born80 = shiftYears(today, 80);
      break;
    case 'living_alone':
      where.push('r.living_alone = 1');
      break;
    case 'empty_nest':
      where.push('r.empty_nest = 1');
      break;
    case 'left_behind':
      where.push('r.left_behind = 1');
      break;
    case 'disabled':
      where.push('r.disability_category IS NOT NULL');
      break;
    case 'serious_illness':
      where.push('r.serious_illness = 1');
      break;
    case 'low_income':
      where.push('r.low_income_category IS NOT NULL');
      break;
  }
  return { where, params };
}

/** Residents whose index row matches an FTS5 expression, in registration order, filtered. */
export function matchResidents(db: Db, index: SearchIndex, match: string, filters: FilterSql, limit: number, exclude: number[]): ResidentRow[] {
  const table = FTS_TABLES[index];
  // Rows already shown come in as one JSON parameter, so the statement's text is the same for every
  // query with these filters and is compiled once (a search runs up to four of these).
  const notIn = exclude.length ? ' AND r.n NOT IN (SELECT value FROM json_each(@exclude))' : '';
  const sql = `${RESIDENT_SELECT} JOIN ${table} s ON s.rowid = r.n
    WHERE ${table} MATCH @match AND ${filters.where.join(' AND ')}${notIn}
    ORDER BY s.rowid LIMIT @limit`;
  const params = { ...filters.params, match, limit, ...(exclude.length ? { exclude: JSON.stringify(exclude.map(Number)) } : {}) };
  return prepareCached(db, sql).all(params) as ResidentRow[];
}

export function residentsByIdNumber(db: Db, idNumber: string, filters: FilterSql): ResidentRow[] {
  return prepareCached(db, `${RESIDENT_SELECT} WHERE r.id_number = @idNumber AND ${filters.where.join(' AND ')}`).all({ ...filters.params, idNumber }) as ResidentRow[];
}

/**
 * Everyone with exactly this name, oldest first: the (name, birth_date) index hands them over in that
 * order, so a common name (200 刘华 among 500,000 residents) reads only the rows shown — ordering by
 * registration instead read and sorted all of them, the slowest searches of the benchmark (each row
 * read from disk is also a page to decrypt). Birth dates are what tells two 刘华 apart anyway.
 */
export function residentsByExactName(db: Db, name: string, filters: FilterSql, limit: number): ResidentRow[] {
  return prepareCached(db, `${RESIDENT_SELECT} WHERE r.name = @name AND ${filters.where.join(' AND ')} ORDER BY r.birth_date, r.n LIMIT @limit`).all({
    ...filters.params,
    name,
    limit,
  }) as ResidentRow[];
}

const SORT_COLUMNS = { registered: 'r.n', name: 'r.name_pinyin', age: 'r.birth_date', updated: 'r.updated_at' } as const;

export function listResidents(
  db: Db,
  filters: FilterSql,
  sort: keyof typeof SORT_COLUMNS,
  descending: boolean,
  offset: number,
  limit: number,
  withTotal = true,
): { rows: ResidentRow[]; total: number | null } {
  // Older first when sorting by age means ascending birth dates.
  const dir = (sort === 'age' ? !descending : descending) ? 'DESC' : 'ASC';
  const where = filters.where.join(' AND ');
  // Two steps: skip to the page on a covering partial index (no row is read for the rows skipped),
  // then fetch just the page's rows.
  const ns = db
    .prepare(`SELECT r.n FROM residents r WHERE ${where} ORDER BY ${SORT_COLUMNS[sort]} ${dir}, r.n ${dir} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...filters.params, limit, offset }) as number[];
  const byN = new Map<number, ResidentRow>();
  if (ns.length) {
    const rows = db.prepare(`${RESIDENT_SELECT} WHERE r.n IN (${ns.map(Number).join(',')})`).all() as ResidentRow[];
    for (const row of rows) byN.set(row.n, row);
  }
  const total = withTotal ? (prepareCached(db, `SELECT count(*) AS n FROM residents r WHERE ${where}`).get(filters.params) as { n: number }).n : null;
  return { rows: ns.map((n) => byN.get(n)!).filter(Boolean), total };
}
