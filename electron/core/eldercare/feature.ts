/**
 * 养老服务 elderly care: facilities and compounds with positions, older residents' care profiles and
 * assessments, the ten-assistance service orders, statistics and the 15-minute service circle.
 * One folder per part; this file tells the registry what the whole module is.
 */
import { defineFeature } from '../feature';
import { applyCityStandards, cityStandardsSchema, settingsHandlers, SETTINGS_TABLES } from './settings/service';
import { facilitiesHandlers, FACILITY_TABLES, scanFacilityAlerts } from './facilities/service';
import { careHandlers, CARE_TABLES } from './care/service';
import { ordersHandlers, ORDER_TABLES } from './orders/service';
import { statsHandlers } from './stats/service';
import { keepPersonTimesInStep } from './stats/rollup';
import { bureauActiveFacilities, bureauPeopleServed, bureauPersonTimes } from './stats/repository';
import { eldercareDemo } from './demo/step';
import { coverageHandlers, COVERAGE_TABLES } from './coverage/service';

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
    person_times: (db, period, table) => bureauPersonTimes(db, table('service_orders', ['status', 'done_on']), period),
    people_served: (db, period, table) => bureauPeopleServed(db, table('service_orders', ['status', 'done_on', 'resident_id']), period),
    active_facilities: (db, _period, table) => bureauActiveFacilities(db, table('facilities', ['status'])),
  },
  counts: { facilities: 'facilities', compounds: 'compounds', care_profiles: 'care_profiles', service_orders: 'service_orders' },
});
