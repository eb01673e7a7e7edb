/**
 * 养老服务设施 and places: compounds (小区) with positions, residents' places, facilities with their
 * licences and inspections, the facility alerts, and the facilities/compounds import.
 */
import type { PartHandlers } from '../../handlers';
import type { Ctx } from '../../context';
import { ContractFailure, invalidInput } from '../../errors';
import { uuidv7 } from '../../ids';
import { gridExists } from '../../grids';
import type { Row } from '../../db/writes';
import type { facilitiesContract, FacilityDetail, FacilityService, ResidentPlace } from '../../../../shared/contract';
import { idMaskFor } from '../../../../shared/domain/id-number';
import { roleHas } from '../../../../shared/domain/roles';
import { beijingDate } from '../../../../shared/domain/eldercare/facilities';
import { activeCodes, readSettings } from '../settings/service';
import { scanFacilityAlerts } from './alerts';
import { endSeries } from '../orders/service';
import { activeSeriesPlans } from '../orders/repository';
import { normalizeServices, positionColumns, storedPosition, toInspection, toLicence, toSummary } from './mapping';
import { importCompounds, importFacilities } from './import';
import {
  deleteInspection,
  deleteLicence,
  facilityColumns,
  facilityFlags,
  facilityHistory,
  findCompound,
  findCompoundByName,
  findFacilityBrief,
  findFacilityByCode,
  findInspection,
  findLicence,
  findPlace,
  inspectionsOf,
  insertCompound,
  insertFacility,
  insertInspection,
  insertLicence,
  insertPlace,
  licencesOf,
  listCompounds,
  listFacilities,
  orderCounts,
  residentExists,
  servedResidents,
  updateCompound,
  updateFacility,
  updateInspection,
  updateLicence,
  updatePlace,
  type CompoundRow,
} from './repository';

export { scanFacilityAlerts } from './alerts';

export const FACILITY_TABLES = ['compounds', 'resident_places', 'facilities', 'facility_licences', 'facility_inspections'] as const;

/** Most residents a facility page lists (servedTotal counts all). */
const SERVED_LIMIT = 500;
const HISTORY_LIMIT = 200;

export function todayOf(ctx: Pick<Ctx, 'now'>): string {
  return beijingDate(ctx.now);
}

/** Born on or before this date: 60 or older on `today`. */
export function olderBornBy(today: string): string {
  return `${String(Number(today.slice(0, 4)) - 60).padStart(4, '0')}${today.slice(4)}`;
}

/** An update names the version the clerk saw; a save without `id` creates. */
function requireVersion(version: number | undefined): number {
  if (version === undefined) throw invalidInput(['version'], 'eldercare.version_required');
  return version;
}

// ── Compounds and places ────────────────────────────────────────────────────────────────────────

function toCompound(r: CompoundRow) {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    address: r.address,
    gridId: r.grid_id,
    gridName: r.grid_name,
    position: storedPosition(r),
    residents: r.residents,
    olderResidents: r.older_residents,
  };
}

function compoundView(ctx: Ctx, id: string) {
  const row = listCompounds(ctx.db, { id, olderBorn: olderBornBy(todayOf(ctx)) })[0];
  if (!row) throw new ContractFailure('NOT_FOUND');
  return toCompound(row);
}

function placeView(ctx: Ctx, residentId: string): ResidentPlace {
  if (!residentExists(ctx.db, residentId)) throw new ContractFailure('NOT_FOUND');
  const place = findPlace(ctx.db, residentId);
  const compound = place?.compound_id ? findCompound(ctx.db, place.compound_id) : undefined;
  const own = place ? storedPosition(place) : null;
  const ofCompound = compound ? storedPosition(compound) : null;
  return {
    residentId,
    version: place?.version ?? null,
    compoundId: place?.compound_id ?? null,
    compoundName: compound?.name ?? null,
    own,
    effective: own ?? ofCompound,
    source: own ? 'own' : ofCompound ? 'compound' : 'none',
  };
}

// ── Facilities ──────────────────────────────────────────────────────────────────────────────────

function facilityDetail(ctx: Ctx, id: string): FacilityDetail {
  const row = listFacilities(ctx.db, { id })[0];
  if (!row) throw new ContractFailure('NOT_FOUND');
  const today = todayOf(ctx);
  const { licenceExpiryAlertDays } = readSettings(ctx.db);
  const inspections = inspectionsOf(ctx.db, id).map((i) => toInspection(i, today));
  const summary = toSummary(row, today, licenceExpiryAlertDays, inspections.some((i) => i.state === 'overdue'));
  const mask = idMaskFor(ctx.actor !== null && roleHas(ctx.actor.role, 'records.revealId'));
  const byStatus: Record<string, number> = {};
  let total = 0;
  for (const c of orderCounts(ctx.db, id)) {
    byStatus[c.status] = c.n;
    total += c.n;
  }
  return {
    ...summary,
    staff: JSON.parse(row.staff) as Record<string, number>,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    licences: licencesOf(ctx.db, id).map((l) => toLicence(l, today, licenceExpiryAlertDays)),
    inspections,
    served: servedResidents(ctx.db, id, SERVED_LIMIT).map((r) => ({ residentId: r.id, name: r.name, idMasked: mask(r.id_number), birthDate: r.birth_date, sex: r.sex })),
    servedTotal: row.served,
    orders: { total, byStatus, personTimes: (byStatus.done ?? 0) + (byStatus.closed ?? 0) },
    history: facilityHistory(ctx.db, id, HISTORY_LIMIT).map((h) => ({
      seq: h.seq,
      entity: h.entity,
      entityId: h.entity_id,
      op: h.op,
      version: h.version,
      fields: JSON.parse(h.fields) as string[],
      userId: h.user_id,
      userName: h.user_name,
      at: h.at,
    })),
  };
}

/**
 * Kind and services must be active codes — except a retired code the facility already has, which
 * it keeps (retired codes stay readable on old records). Each service once; grid and compound exist.
 */
function checkFacility(
  ctx: Ctx,
  input: { kind: string; services: FacilityService[]; gridId?: string | null; compoundId?: string | null; code?: string | null },
  current: { id: string; kind: string; services: FacilityService[] } | null,
): void {
  const kinds = activeCodes(ctx.db, 'facility_kind');
  if (!kinds.has(input.kind) && input.kind !== current?.kind) throw invalidInput(['kind'], 'eldercare.kind_unknown', { kind: input.kind });
  const services = activeCodes(ctx.db, 'service');
  const had = new Set(current?.services.map((s) => s.code) ?? []);
  const seen = new Set<string>();
  input.services.forEach((s, i) => {
    if (!services.has(s.code) && !had.has(s.code)) throw invalidInput(['services', i, 'code'], 'eldercare.service_unknown', { service: s.code });
    if (seen.has(s.code)) throw invalidInput(['services', i, 'code'], 'eldercare.service_repeated', { service: s.code });
    seen.add(s.code);
  });
  if (input.gridId && !gridExists(ctx.db, input.gridId)) throw invalidInput(['gridId'], 'eldercare.grid_unknown');
  if (input.compoundId && !findCompound(ctx.db, input.compoundId)) throw invalidInput(['compoundId'], 'eldercare.compound_unknown');
  if (input.code) {
    const holder = findFacilityByCode(ctx.db, input.code);
    if (holder && holder.id !== current?.id) throw invalidInput(['code'], 'eldercare.facility_code_taken', { code: input.code, name: holder.name });
  }
}

function requireFacility(ctx: Ctx, id: string, field: string): NonNullable<ReturnType<typeof findFacilityBrief>> {
  const f = findFacilityBrief(ctx.db, id);
  if (!f) throw invalidInput([field], 'eldercare.facility_unknown');
  return f;
}

export const facilitiesHandlers: PartHandlers<typeof facilitiesContract> = {
  'eldercare.compounds.list': (input, ctx) => listCompounds(ctx.db, { ...input, olderBorn: olderBornBy(todayOf(ctx)) }).map(toCompound),

  'eldercare.compounds.save': (input, ctx) => {
    if (input.gridId && !gridExists(ctx.db, input.gridId)) throw invalidInput(['gridId'], 'eldercare.grid_unknown');
    const sameName = findCompoundByName(ctx.db, input.name);
    if (sameName && sameName.id !== input.id) throw invalidInput(['name'], 'eldercare.compound_name_taken', { name: input.name });
    const values = { name: input.name, address: input.address ?? null, grid_id: input.gridId ?? null, ...positionColumns(input.position) };
    const w = ctx.write();
    let id = input.id;
    if (id) {
      if (!findCompound(ctx.db, id)) throw new ContractFailure('NOT_FOUND');
      updateCompound(w, id, requireVersion(input.version), values);
    } else {
      id = uuidv7();
      insertCompound(w, id, values);
    }
    return compoundView(ctx, id);
  },

  'eldercare.places.get': (input, ctx) => placeView(ctx, input.residentId),

  'eldercare.places.set': (input, ctx) => {
    if (!residentExists(ctx.db, input.residentId)) throw new ContractFailure('NOT_FOUND');
    if (input.compoundId && !findCompound(ctx.db, input.compoundId)) throw invalidInput(['compoundId'], 'eldercare.compound_unknown');
    const place = findPlace(ctx.db, input.residentId);
    const w = ctx.write();
    if (place) {
      if (input.version === undefined || input.version === null) throw new ContractFailure('STALE_VERSION', { current: place.version, expected: 'null' });
      const patch: Row = {};
      if (input.compoundId !== undefined) patch.compound_id = input.compoundId;
      if (input.position !== undefined) Object.assign(patch, positionColumns(input.position));
      updatePlace(w, place.id, input.version, patch);
    } else {
      // Nothing recorded yet: the clerk saw "none" (version null); a version means someone else's row was expected.
      if (input.version) throw new ContractFailure('STALE_VERSION', { current: 'null', expected: input.version });
      insertPlace(w, uuidv7(), { resident_id: input.residentId, compound_id: input.compoundId ?? null, ...positionColumns(input.position) });
    }
    return placeView(ctx, input.residentId);
  },

  'eldercare.facilities.list': (input, ctx) => {
    const today = todayOf(ctx);
    const { licenceExpiryAlertDays } = readSettings(ctx.db);
    const flags = facilityFlags(ctx.db, today);
    const { warning, ...filters } = input;
    const items = listFacilities(ctx.db, filters).map((r) => toSummary(r, today, licenceExpiryAlertDays, flags.get(r.id)?.overdue ?? false));
    return warning ? items.filter((f) => f.warnings.includes(warning)) : items;
  },

  'eldercare.facilities.get': (input, ctx) => facilityDetail(ctx, input.id),

  'eldercare.facilities.save': (input, ctx) => {
    const existing = input.id ? facilityColumns(ctx.db, input.id) : undefined;
    if (input.id && !existing) throw new ContractFailure('NOT_FOUND');
    const current = existing && input.id ? { id: input.id, kind: existing.kind as string, services: JSON.parse(existing.services as string) as FacilityService[] } : null;
    const services = normalizeServices(input.services);
    checkFacility(ctx, { ...input, services }, current);
    const today = todayOf(ctx);
    const values: Row = {
      code: input.code || null,
      name: input.name,
      kind: input.kind,
      operator: input.operator,
      operator_name: input.operatorName ?? null,
      status: input.status,
      address: input.address ?? null,
      grid_id: input.gridId ?? null,
      compound_id: input.compoundId ?? null,
      ...positionColumns(input.position),
      phone: input.phone ?? null,
      beds: input.beds,
      places: JSON.stringify(input.places),
      staff: JSON.stringify(input.staff),
      services: JSON.stringify(services),
      opening_hours: input.openingHours ?? null,
      pilot: input.pilot,
      opened_on: input.openedOn ?? null,
      notes: input.notes ?? null,
    };
    const w = ctx.write();
    let id = input.id;
    if (id && existing) {
      const brief = findFacilityBrief(ctx.db, id)!;
      // Closing through the form dates it today; reopening clears the date (facilities.setStatus dates it as asked).
      if (input.status === 'closed' && brief.status !== 'closed') values.closed_on = today;
      if (input.status !== 'closed') values.closed_on = null;
      updateFacility(w, id, requireVersion(input.version), values);
    } else {
      id = uuidv7();
      insertFacility(w, id, { ...values, closed_on: input.status === 'closed' ? today : null });
    }
    scanFacilityAlerts(w, today, id);
    return facilityDetail(ctx, id);
  },

  'eldercare.facilities.setStatus': (input, ctx) => {
    const f = findFacilityBrief(ctx.db, input.id);
    if (!f) throw new ContractFailure('NOT_FOUND');
    if (input.status === 'closed' && f.opened_on && input.on < f.opened_on) throw invalidInput(['on'], 'eldercare.opened_after_closed');
    const w = ctx.write();
    updateFacility(w, f.id, input.version, { status: input.status, closed_on: input.status === 'closed' ? input.on : null });
    // A closed facility delivers nothing more: its recurring orders end on the day it closes, their
    // later undelivered occurrences cancelled (one-off dispatches to it are already refused).
    if (input.status === 'closed') for (const plan of activeSeriesPlans(ctx.db, f.id)) endSeries(ctx, plan, input.on);
    scanFacilityAlerts(w, todayOf(ctx), f.id);
    return facilityDetail(ctx, f.id);
  },

  'eldercare.licences.save': (input, ctx) => {
    const today = todayOf(ctx);
    if (input.issuedOn && input.expiresOn && input.expiresOn < input.issuedOn) throw invalidInput(['expiresOn'], 'eldercare.expiry_before_issue');
    const values: Row = {
      kind: input.kind,
      title: input.title,
      number: input.number,
      authority: input.authority ?? null,
      issued_on: input.issuedOn ?? null,
      expires_on: input.expiresOn ?? null,
    };
    const w = ctx.write();
    let id = input.id;
    let facilityId = input.facilityId;
    if (id) {
      const licence = findLicence(ctx.db, id);
      if (!licence) throw new ContractFailure('NOT_FOUND');
      facilityId = licence.facility_id;
      updateLicence(w, id, requireVersion(input.version), values);
    } else {
      requireFacility(ctx, facilityId, 'facilityId');
      id = uuidv7();
      insertLicence(w, id, { facility_id: facilityId, ...values });
    }
    scanFacilityAlerts(w, today, facilityId);
    return toLicence(findLicence(ctx.db, id)!, today, readSettings(ctx.db).licenceExpiryAlertDays);
  },

  'eldercare.licences.remove': (input, ctx) => {
    const licence = findLicence(ctx.db, input.id);
    if (!licence) throw new ContractFailure('NOT_FOUND');
    const w = ctx.write();
    deleteLicence(w, licence.id, input.version);
    scanFacilityAlerts(w, todayOf(ctx), licence.facility_id);
    return { id: licence.id };
  },

  'eldercare.inspections.save': (input, ctx) => {
    const today = todayOf(ctx);
    if (input.rectificationDue && input.rectificationDue < input.inspectedOn) throw invalidInput(['rectificationDue'], 'eldercare.due_before_inspection');
    if (input.followedUpOn && input.followedUpOn < input.inspectedOn) throw invalidInput(['followedUpOn'], 'eldercare.follow_up_before_inspection');
    if (input.followedUpOn && input.followedUpOn > today) throw invalidInput(['followedUpOn'], 'eldercare.follow_up_in_future');
    const values: Row = {
      inspected_on: input.inspectedOn,
      inspector: input.inspector,
      findings: input.findings ?? null,
      rectification_due: input.rectificationDue ?? null,
      followed_up_on: input.followedUpOn ?? null,
      follow_up_note: input.followUpNote ?? null,
    };
    const w = ctx.write();
    let id = input.id;
    let facilityId = input.facilityId;
    if (id) {
      const inspection = findInspection(ctx.db, id);
      if (!inspection) throw new ContractFailure('NOT_FOUND');
      facilityId = inspection.facility_id;
      updateInspection(w, id, requireVersion(input.version), values);
    } else {
      requireFacility(ctx, facilityId, 'facilityId');
      id = uuidv7();
      insertInspection(w, id, { facility_id: facilityId, ...values });
    }
    scanFacilityAlerts(w, today, facilityId);
    return toInspection(findInspection(ctx.db, id)!, today);
  },

  'eldercare.inspections.remove': (input, ctx) => {
    const inspection = findInspection(ctx.db, input.id);
    if (!inspection) throw new ContractFailure('NOT_FOUND');
    const w = ctx.write();
    deleteInspection(w, inspection.id, input.version);
    scanFacilityAlerts(w, todayOf(ctx), inspection.facility_id);
    return { id: inspection.id };
  },


  'eldercare.import.facilities': (input, ctx, job) => importFacilities(input, ctx, job),
  'eldercare.import.compounds': (input, ctx, job) => importCompounds(input, ctx, job),
};
