import type { Migration } from '../migrate';

/**
 * v14: the person-time roll-up, so a year's statistics read ~140,000 pre-grouped rows instead of
 * 600,000 orders. Two DERIVED tables (not records: no version, no change log, never synced — like
 * the residents' search index), kept in step by the eldercare feature's change hook in the same
 * transaction as the order write (electron/core/eldercare/stats/rollup.ts):
 *
 * - person_time_contributions: what each counted order contributes now (one row per order that
 *   counts; none for an order that does not), so a change can take back exactly what it gave.
 * - person_time_months: the sums, one row per month, service, facility, grid and person (n ≥ 1; a
 *   row whose n would reach 0 is deleted).
 *
 * "None" (an order with no facility, or a person with no grid) is stored as '' in both tables, not
 * NULL: a primary key over nullable columns would let two NULL-keyed rows coexist (NULLs are
 * distinct), and ids are UUIDs, never ''. Readers turn '' back into NULL (NULLIF).
 *
 * Both are WITHOUT ROWID: the key is the row (no second B-tree beside a rowid table), and the
 * months table is stored in the key's order, which is the order the statistics read it in.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'person-time-rollup',
  up(db) {
    db.exec(`
      CREATE TABLE person_time_contributions (
        order_id TEXT PRIMARY KEY,
        month TEXT NOT NULL,
        service TEXT NOT NULL,
        facility_id TEXT NOT NULL,
        grid_id TEXT NOT NULL,
        resident_id TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE person_time_months (
        month TEXT NOT NULL,
        service TEXT NOT NULL,
        facility_id TEXT NOT NULL,
        grid_id TEXT NOT NULL,
        resident_id TEXT NOT NULL,
        n INTEGER NOT NULL CHECK (n > 0),
        PRIMARY KEY (month, service, facility_id, grid_id, resident_id)
      ) STRICT, WITHOUT ROWID;
    `);
    // Filled from the orders already there. The person-time rule as it stands at v14, FROZEN here
    // (a migration imports no app code): shared/domain/eldercare/orders.ts personTimeSql() —
    // not deleted, status done or closed — and dated by done_on.
    db.exec(`
      INSERT INTO person_time_contributions (order_id, month, service, facility_id, grid_id, resident_id)
        SELECT id, substr(done_on, 1, 7), service, COALESCE(facility_id, ''), COALESCE(grid_id, ''), resident_id
        FROM service_orders
        WHERE deleted_at IS NULL AND status IN ('done', 'closed') AND done_on IS NOT NULL;
      INSERT INTO person_time_months (month, service, facility_id, grid_id, resident_id, n)
        SELECT month, service, facility_id, grid_id, resident_id, COUNT(*)
        FROM person_time_contributions
        GROUP BY month, service, facility_id, grid_id, resident_id;
    `);
  },
};
