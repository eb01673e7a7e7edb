/**
 * Merging an office's rows into the bureau's copy (`bureau_rows`): by table and id, a row replaces
 * the bureau's only when its version is newer, tombstones (rows whose `deleted_at` is set) are kept
 * as rows, and the residents' normalized ID numbers are kept in step for cross-office duplicates.
 *
 * Only record tables the registry names are taken (the same list the office bundles from), and a
 * record table's withheld columns are dropped even if a bundle carried them: the bureau never stores
 * what an office must keep to itself. Anything malformed throws `bad_payload`, which the caller's
 * transaction turns into zero rows applied.
 */
import type { Db } from '../../db/connection';
import type { SyncTable } from '../../feature';
import { normalizeIdNumber } from '../../../../shared/domain/id-number';
import { SyncFileError, type BundleTable, type WireValue } from '../format';
import { personIdDelete, personIdUpsert, rowUpsert } from './repository';

export type KnownTables = ReadonlyMap<string, SyncTable>;

export function knownTables(tables: readonly SyncTable[]): KnownTables {
  return new Map(tables.map((t) => [t.table, t]));
}

/**
 * The one record table whose rows the bureau indexes by person: residents' ID numbers, for the
 * cross-office duplicates its receipts and views report. Live rows only: deleted and merged-away
 * residents leave the index.
 */
const PERSON_TABLE = 'residents';

const COLUMN = /^[a-z][a-z0-9_]*$/;

const bad = (detail: string) => new SyncFileError('bad_payload', detail);

function isWireValue(v: unknown): v is WireValue {
  if (v === null || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === '$b64' && typeof (v as { $b64: unknown }).$b64 === 'string';
}

/** One table's column layout, checked: where id, version and deleted_at are, and which columns the bureau keeps. */
function layout(table: unknown, known: KnownTables) {
  if (typeof table !== 'object' || table === null) throw bad('table');
  const t = table as Partial<BundleTable>;
  const sync = typeof t.entity === 'string' ? known.get(t.entity) : undefined;
  if (!sync) throw bad(`unknown entity ${String(t.entity).slice(0, 64)}`);
  if (!Array.isArray(t.columns) || !Array.isArray(t.rows)) throw bad(`${sync.table}: shape`);
  const columns = t.columns as unknown[];
  if (!columns.every((c): c is string => typeof c === 'string' && COLUMN.test(c)) || new Set(columns).size !== columns.length) throw bad(`${sync.table}: columns`);
  const id = columns.indexOf('id');
  const version = columns.indexOf('version');
  if (id < 0 || version < 0) throw bad(`${sync.table}: id and version`);
  const kept = columns.flatMap((c, i) => (sync.withheld.has(c) ? [] : [i]));
  return {
    entity: sync.table,
    width: columns.length + 2,
    id: id + 2,
    version: version + 2,
    deletedAt: columns.indexOf('deleted_at') + 2,
    idNumber: columns.indexOf('id_number') + 2,
    mergedInto: columns.indexOf('merged_into') + 2,
    // Positions in the wire row (after tx and change seq), each with its JSON key ready.
    kept: kept.map((i) => ({ at: i + 2, key: `${JSON.stringify(columns[i])}:` })),
    rows: t.rows as unknown[],
  };
}

/**
 * Upsert every row of `tables` into bureau_rows for `office` (inside the caller's transaction); the
 * number of rows that went in (new, or newer than the bureau's). With `db` null, only checks that
 * every table and row could be applied (a bundle about to be held), writing nothing.
 */
export function applyRows(db: Db | null, known: KnownTables, office: string, tables: unknown[]): number {
  const upsert = db && rowUpsert(db);
  const personUpsert = db && personIdUpsert(db);
  const personDelete = db && personIdDelete(db);
  let applied = 0;
  for (const table of tables) {
    const l = layout(table, known);
    const persons = l.entity === PERSON_TABLE && l.idNumber >= 2;
    for (const raw of l.rows) {
      if (!Array.isArray(raw) || raw.length !== l.width) throw bad(`${l.entity}: row width`);
      const row = raw as unknown[];
      const tx = row[0];
      const id = row[l.id];
      const version = row[l.version];
      if (typeof tx !== 'string' || typeof id !== 'string' || id.length === 0 || !Number.isSafeInteger(version) || (version as number) < 1) throw bad(`${l.entity}: row keys`);
      for (let i = 2; i < row.length; i++) if (!isWireValue(row[i])) throw bad(`${l.entity}: value`);
      if (!upsert || !personUpsert || !personDelete) continue;
      const deleted = l.deletedAt >= 2 && row[l.deletedAt] !== null;
      let data = '{';
      for (let k = 0; k < l.kept.length; k++) data += (k === 0 ? '' : ',') + l.kept[k].key + JSON.stringify(row[l.kept[k].at]);
      data += '}';
      if (upsert.run(office, l.entity, id, version, deleted ? 1 : 0, tx, data).changes === 0) continue;
      applied += 1;
      if (persons) {
        const idNumber = row[l.idNumber];
        const live = !deleted && (l.mergedInto < 2 || row[l.mergedInto] === null) && typeof idNumber === 'string' && idNumber.length > 0;
        if (live) personUpsert.run(normalizeIdNumber(idNumber), office, id);
        else personDelete.run(office, id);
      }
    }
  }
  return applied;
}
