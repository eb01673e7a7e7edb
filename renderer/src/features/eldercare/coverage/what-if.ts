/**
 * The what-if as the window holds it (nothing of it is saved): facilities placed on the map or typed,
 * facilities left out as if closed, and planned facilities already on record counted as if open.
 * `whatIfInput` turns it into the `whatIf` of eldercare.coverage.compute; a draft the contract would
 * refuse (no name, no service, a point outside China) is left out and its form says why.
 */
import type { CoverageWhatIf, EldercareMapData, WhatIfFacility } from '../../../../../shared/contract';
import { toContractIssues, whatIfFacilitySchema } from '../../../../../shared/contract';
import { toWgs84, type CoordinateSystem } from '../../../../../shared/domain/eldercare/positions';

export const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

export interface PlannedDraft {
  key: string;
  name: string;
  lng: number | null;
  lat: number | null;
  crs: CoordinateSystem;
  /** Service codes, each offered on `days`. */
  services: string[];
  days: number[];
}

export interface WhatIfState {
  add: PlannedDraft[];
  /** Facility ids left out as if closed. */
  close: string[];
  /** Saved planned facilities counted as if open. */
  include: string[];
  /** The next draft's number (keys and default names). */
  next: number;
}

export const EMPTY_WHAT_IF: WhatIfState = { add: [], close: [], include: [], next: 1 };

export function isEmpty(state: WhatIfState): boolean {
  return state.add.length === 0 && state.close.length === 0 && state.include.length === 0;
}

export function draftFacility(d: PlannedDraft): WhatIfFacility | null {
  if (d.lng === null || d.lat === null) return null;
  return { key: d.key, name: d.name, position: { lng: d.lng, lat: d.lat, crs: d.crs }, services: d.services.map((code) => ({ code, days: d.days })) };
}

/** The contract's check of one draft: its issues, or none. */
export function draftIssues(d: PlannedDraft) {
  const facility = draftFacility(d);
  if (!facility) return { ok: false as const, missingPosition: true, issues: [] };
  const parsed = whatIfFacilitySchema.safeParse(facility);
  return parsed.success ? { ok: true as const, facility: parsed.data } : { ok: false as const, missingPosition: false, issues: toContractIssues(parsed.error) };
}

export function draftWgs84(d: PlannedDraft): { lng: number; lat: number } | null {
  const checked = draftIssues(d);
  return checked.ok ? toWgs84(checked.facility.position) : null;
}

/** The compute input's what-if; undefined when there is nothing to change (the office's own figures). */
export function whatIfInput(state: WhatIfState, facilities: EldercareMapData['facilities'] | undefined): CoverageWhatIf | undefined {
  if (isEmpty(state)) return undefined;
  const add: WhatIfFacility[] = [];
  for (const d of state.add) {
    const checked = draftIssues(d);
    if (checked.ok) add.push(checked.facility);
  }
  for (const id of state.include) {
    const f = facilities?.find((x) => x.id === id);
    if (!f?.wgs84 || f.services.length === 0) continue;
    add.push({ key: f.id, name: f.name.slice(0, 60), position: { lng: f.wgs84.lng, lat: f.wgs84.lat, crs: 'wgs84' }, services: f.services });
  }
  return { add, close: [...state.close] };
}

/** A new draft at a point (from the map: WGS-84), offering the given services every day. */
export function newDraft(state: WhatIfState, name: string, point: { lng: number; lat: number; crs: CoordinateSystem } | null, services: string[]): { state: WhatIfState; draft: PlannedDraft } {
  const draft: PlannedDraft = {
    key: `plan-${state.next}`,
    name,
    lng: point ? round6(point.lng) : null,
    lat: point ? round6(point.lat) : null,
    crs: point?.crs ?? 'gcj02',
    services,
    days: [...ALL_DAYS],
  };
  return { state: { ...state, add: [...state.add, draft], next: state.next + 1 }, draft };
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
