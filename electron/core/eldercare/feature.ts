/**
 * 养老服务 elderly care: facilities and compounds with positions, older residents' care profiles and
 * assessments, the ten-assistance service orders, statistics and the 15-minute service circle.
 * One folder per part; this file tells the registry what the whole module is.
 */
import { defineFeature } from '../feature';
import type { Db } from '../db/connection';
import { personTimeSql } from '../../../shared/domain/eldercare/orders';
import { applyCityStandards, cityStandardsSchema, settingsHandlers, SETTINGS_TABLES } from './settings/service';
import { facilitiesHandlers, FACILITY_TABLES, scanFacilityAlerts } from './facilities/service';
import { careHandlers, CARE_TABLES } from './care/service';
import { ordersHandlers, ORDER_TABLES } from './orders/service';
import { statsHandlers } from './stats/service';
import { keepPersonTimesInStep } from './stats/rollup';
import { eldercareDemo } from './demo/step';
import { coverageHandlers, COVERAGE_TABLES } from './coverage/service';

function byOffice(db: Db, sql: string, period?: { from: string; to: string }): Record<string, number> {
  const rows = db.prepare(sql).all(...(period ? [period.from, period.to] : [])) as { office_code: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.office_code, r.n]));
}

export const eldercareFeature = defineFeature({
  folder: 'eldercare',
  handlers: { ...settingsHandlers, ...facilitiesHandlers, ...careHandlers, ...ordersHandlers, ...statsHandlers, ...coverageHandlers },
  recordTables: [...SETTINGS_TABLES, ...FACILITY_TABLES, ...CARE_TABLES, ...ORDER_TABLES, ...COVERAGE_TABLES],
  dailyScan: (w, today) => scanFacilityAlerts(w, today),
  // The person-time roll-up (derived, not records) moves with every order write, in the same transaction.
  onRecordChange: keepPersonTimesInStep,
  demo: eldercareDemo,
  // The bureau publishes the city's allowance and subsidy standards; a receipt brings them into the settings.
  bureauUpdates: { 'eldercare.standards': { schema: cityStandardsSchema, apply: applyCityStandards } },
  // The city's picture at the bureau, by office, with the same person-time rule the office uses.
  bureauFigures: {
    person_times: (db, period, table) => byOffice(db, `SELECT office_code, COUNT(*) AS n FROM (${table('service_orders', ['status', 'done_on'])}) WHERE ${personTimeSql()} AND done_on BETWEEN ? AND ? GROUP BY office_code`, period),
    people_served: (db, period, table) =>
      byOffice(db, `SELECT office_code, COUNT(DISTINCT resident_id) AS n FROM (${table('service_orders', ['status', 'done_on', 'resident_id'])}) WHERE ${personTimeSql()} AND done_on BETWEEN ? AND ? GROUP BY office_code`, period),
    active_facilities: (db, _period, table) => byOffice(db, `SELECT office_code, COUNT(*) AS n FROM (${table('facilities', ['status'])}) WHERE deleted_at IS NULL AND status = 'active' GROUP BY office_code`),
  },
  counts: { facilities: 'facilities', compounds: 'compounds', care_profiles: 'care_profiles', service_orders: 'service_orders' },
});
