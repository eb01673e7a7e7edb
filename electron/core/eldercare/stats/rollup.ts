/**
 * Keeps the person-time roll-up (person_time_contributions, person_time_months: migration 0014) in
 * step with service_orders, in the same transaction as every write (the eldercare feature's change
 * hook). For each change to an order it reads the order as it now stands, works out what it should
 * contribute under the one rule (countsAsPersonTime), compares that with what it contributes, and
 * moves the difference: a tombstone, done → closed, a corrected done date, another facility or grid.
 * The derived tables are not records: no version, no change log, never synced.
 */
import type { Db } from '../../db/connection';
import type { RecordChange, WriteContext } from '../../db/writes';
import { countsAsPersonTime } from '../../../../shared/domain/eldercare/orders';
import { addContribution, contributionOf, orderCountingRow, withdrawContribution, type OrderCountingRow, type PersonTimeKey } from './repository';

/** The roll-up's stand-in for "no facility" / "no grid" (a key cannot hold NULL once; ids are never ''). */
export const NONE = '';

/** The columns a contribution depends on: a change to none of them leaves it as it was. */
const COUNTED_COLUMNS = new Set(['status', 'deleted_at', 'done_on', 'service', 'facility_id', 'grid_id', 'resident_id']);

/** Where an order's person-time goes now, or null when it counts none (or has no done date, so falls in no period). */
export function personTimeKey(row: OrderCountingRow | undefined): PersonTimeKey | null {
  if (!row || row.done_on === null || !countsAsPersonTime({ status: row.status, deletedAt: row.deleted_at })) return null;
  return { month: row.done_on.slice(0, 7), service: row.service, facility_id: row.facility_id ?? NONE, grid_id: row.grid_id ?? NONE, resident_id: row.resident_id };
}

function sameKey(a: PersonTimeKey, b: PersonTimeKey): boolean {
  return a.month === b.month && a.service === b.service && a.facility_id === b.facility_id && a.grid_id === b.grid_id && a.resident_id === b.resident_id;
}

/** Bring one order's contribution to the roll-up in line with the order as it stands. */
export function refreshContribution(db: Db, orderId: string): void {
  const now = personTimeKey(orderCountingRow(db, orderId));
  const before = contributionOf(db, orderId);
  if (before && now && sameKey(before, now)) return;
  if (before) withdrawContribution(db, orderId, before);
  if (now) addContribution(db, orderId, now);
}

/** The change hook (electron/core/feature.ts onRecordChange): every service_orders change that can move a person-time. */
export function keepPersonTimesInStep(w: WriteContext, change: RecordChange): void {
  if (change.entity !== 'service_orders') return;
  if (change.op === 'update' && !change.fields.some((f) => COUNTED_COLUMNS.has(f))) return;
  refreshContribution(w.db, change.entityId);
}
