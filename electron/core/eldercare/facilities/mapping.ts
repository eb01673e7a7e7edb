/** Rows as stored → the contract's shapes, and positions as typed → the columns that store them. */
import type { PositionInput, StoredPosition } from '../../../../shared/contract/eldercare/common';
import type { FacilityService, FacilitySummary, Inspection, Licence } from '../../../../shared/contract/eldercare/facilities';
import type { CoordinateSystem } from '../../../../shared/domain/eldercare/positions';
import { roundDegrees, toWgs84 } from '../../../../shared/domain/eldercare/positions';
import type { FacilityStatus, Operator, PilotStatus } from '../../../../shared/domain/eldercare/codes';
import { capacityOf, daysBetween, licenceState, rectificationState, type FacilityWarning } from '../../../../shared/domain/eldercare/facilities';
import type { FacilityRow, InspectionRow, LicenceRow, PositionColumns } from './repository';

/** A position as typed (null: none) → what is stored: the point in its system (rounded to ~1 cm) and its WGS-84 form. */
export function positionColumns(p: PositionInput | null | undefined): PositionColumns {
  if (!p) return { lng: null, lat: null, crs: null, wgs_lng: null, wgs_lat: null };
  const typed = { lng: roundDegrees(p.lng), lat: roundDegrees(p.lat), crs: p.crs };
  const wgs = toWgs84(typed);
  return { lng: typed.lng, lat: typed.lat, crs: typed.crs, wgs_lng: roundDegrees(wgs.lng), wgs_lat: roundDegrees(wgs.lat) };
}

export function storedPosition(r: PositionColumns): StoredPosition | null {
  if (r.lng === null || r.lat === null || r.crs === null || r.wgs_lng === null || r.wgs_lat === null) return null;
  return { lng: r.lng, lat: r.lat, crs: r.crs as CoordinateSystem, wgs84: { lng: r.wgs_lng, lat: r.wgs_lat } };
}

export function toLicence(r: LicenceRow, today: string, alertDays: number): Licence {
  return {
    id: r.id,
    version: r.version,
    facilityId: r.facility_id,
    kind: r.kind,
    title: r.title,
    number: r.number,
    authority: r.authority,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    state: licenceState(r.expires_on, today, alertDays),
    daysLeft: r.expires_on ? daysBetween(today, r.expires_on) : null,
  };
}

export function toInspection(r: InspectionRow, today: string): Inspection {
  return {
    id: r.id,
    version: r.version,
    facilityId: r.facility_id,
    inspectedOn: r.inspected_on,
    inspector: r.inspector,
    findings: r.findings,
    rectificationDue: r.rectification_due,
    followedUpOn: r.followed_up_on,
    followUpNote: r.follow_up_note,
    state: rectificationState(r.rectification_due, r.followed_up_on, today),
  };
}

export function toSummary(r: FacilityRow, today: string, alertDays: number, rectificationOverdue: boolean): FacilitySummary {
  const places = JSON.parse(r.places) as Record<string, number>;
  const capacity = capacityOf(r.beds, places);
  const warnings: FacilityWarning[] = [];
  const expiry = licenceState(r.next_expiry, today, alertDays);
  if (r.status !== 'closed') {
    if (expiry === 'expired') warnings.push('licence_expired');
    else if (expiry === 'expiring') warnings.push('licence_expiring');
    if (rectificationOverdue) warnings.push('rectification_overdue');
  }
  return {
    id: r.id,
    version: r.version,
    code: r.code,
    name: r.name,
    kind: r.kind,
    operator: r.operator as Operator,
    operatorName: r.operator_name,
    status: r.status as FacilityStatus,
    address: r.address,
    gridId: r.grid_id,
    gridName: r.grid_name,
    compoundId: r.compound_id,
    position: storedPosition(r),
    phone: r.phone,
    beds: r.beds,
    places,
    services: JSON.parse(r.services) as FacilityService[],
    openingHours: r.opening_hours,
    pilot: r.pilot as PilotStatus,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    capacity: { places: capacity, served: r.served, share: capacity > 0 ? Math.round((r.served / capacity) * 1000) / 1000 : null },
    nextExpiry: r.next_expiry,
    warnings,
  };
}

/** Services as stored: each code once (the caller checks), its days sorted and unique. */
export function normalizeServices(services: FacilityService[]): FacilityService[] {
  return services.map((s) => ({ code: s.code, days: [...new Set(s.days)].sort((a, b) => a - b) }));
}
