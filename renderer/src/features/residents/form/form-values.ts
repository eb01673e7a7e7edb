/**
 * The register/edit form's values and their way into the contract. Values are plain strings and
 * booleans (what inputs hold, and what a draft can store); `''` means "not given". The contract's
 * own zod schemas check them, so the form says exactly what the core would.
 */
import type { Resident } from '../../../../../shared/contract/residents';

export interface HouseholdValues {
  mode: 'new' | 'existing';
  /** For a new household. */
  address: string;
  gridId: string;
  /** For joining an existing one; the label is what the clerk picked, kept for drafts. */
  householdId: string;
  householdLabel: string;
  relation: string;
}

export interface ResidentFormValues {
  idNumber: string;
  name: string;
  phone: string;
  phone2: string;
  household: HouseholdValues;
  /** Edit only: the resident's own address and grid (a new registration takes the household's). */
  address: string;
  gridId: string;
  ethnicity: string;
  maritalStatus: string;
  hukouType: string;
  employment: string;
  healthStatus: string;
  livingAlone: boolean;
  emptyNest: boolean;
  leftBehind: boolean;
  seriousIllness: boolean;
  disabilityCert: string;
  lowIncomeCategory: string;
  notes: string;
  /**
   * Edit only: the full ID and certificate were revealed (a recorded reveal) so they can be
   * corrected. Until then both stay masked and are not sent.
   */
  revealed: boolean;
}

export function emptyValues(): ResidentFormValues {
  return {
    idNumber: '',
    name: '',
    phone: '',
    phone2: '',
    household: { mode: 'new', address: '', gridId: '', householdId: '', householdLabel: '', relation: '' },
    address: '',
    gridId: '',
    ethnicity: '',
    maritalStatus: '',
    hukouType: '',
    employment: '',
    healthStatus: '',
    livingAlone: false,
    emptyNest: false,
    leftBehind: false,
    seriousIllness: false,
    disabilityCert: '',
    lowIncomeCategory: '',
    notes: '',
    revealed: false,
  };
}

export function valuesFromResident(r: Resident): ResidentFormValues {
  return {
    ...emptyValues(),
    name: r.name,
    phone: r.phone ?? '',
    phone2: r.phone2 ?? '',
    address: r.address ?? '',
    gridId: r.gridId ?? '',
    ethnicity: r.ethnicity ?? '',
    maritalStatus: r.maritalStatus ?? '',
    hukouType: r.hukouType ?? '',
    employment: r.employment ?? '',
    healthStatus: r.healthStatus ?? '',
    livingAlone: r.livingAlone,
    emptyNest: r.emptyNest,
    leftBehind: r.leftBehind,
    seriousIllness: r.seriousIllness,
    lowIncomeCategory: r.lowIncomeCategory ?? '',
    notes: r.notes ?? '',
  };
}

const given = (value: string): string | null => (value.trim() === '' ? null : value);
const givenOrUndefined = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

function commonFields(v: ResidentFormValues) {
  return {
    name: v.name,
    phone: given(v.phone),
    phone2: given(v.phone2),
    ethnicity: given(v.ethnicity),
    maritalStatus: given(v.maritalStatus),
    hukouType: given(v.hukouType),
    employment: given(v.employment),
    healthStatus: given(v.healthStatus),
    livingAlone: v.livingAlone,
    emptyNest: v.emptyNest,
    leftBehind: v.leftBehind,
    seriousIllness: v.seriousIllness,
    lowIncomeCategory: given(v.lowIncomeCategory),
    notes: given(v.notes),
  };
}

/** Unparsed input for `residents.create`: the schema decides what is wrong with it. */
export function createInput(v: ResidentFormValues): Record<string, unknown> {
  const household =
    v.household.mode === 'new'
      ? { mode: 'new', address: given(v.household.address), gridId: given(v.household.gridId) }
      : { mode: 'existing', householdId: givenOrUndefined(v.household.householdId), relation: givenOrUndefined(v.household.relation) };
  return { ...commonFields(v), idNumber: v.idNumber, disabilityCert: given(v.disabilityCert), household };
}

/** Unparsed input for `residents.update`. */
export function updateInput(v: ResidentFormValues, resident: Resident): Record<string, unknown> {
  const input: Record<string, unknown> = {
    ...commonFields(v),
    id: resident.id,
    version: resident.version,
    address: given(v.address),
    gridId: given(v.gridId),
  };
  if (v.revealed) {
    input.idNumber = v.idNumber;
    input.disabilityCert = given(v.disabilityCert);
    // The core reads category and grade from a certificate, but does not clear them with it.
    if (!given(v.disabilityCert)) Object.assign(input, { disabilityCategory: null, disabilityGrade: null });
  } else if (!resident.disabilityCertMasked && given(v.disabilityCert)) {
    // Nothing to reveal: a certificate can be added without showing the full ID.
    input.disabilityCert = v.disabilityCert;
  }
  return input;
}

/**
 * Lay a stored draft over fresh values, leaf by leaf, keeping only what has the same type: a draft
 * written by an older version of the form can never put a wrong-typed value into it. When the
 * draft knows what the form started from (`draftBase`), only the fields the clerk changed are
 * taken — so a draft begun on an older version of a record does not put back values a colleague
 * has since changed.
 */
export function mergeDraft(base: ResidentFormValues, draft: unknown, draftBase?: unknown): ResidentFormValues {
  const merged = structuredClone(base);
  if (typeof draft !== 'object' || draft === null) return merged;
  copyLeaves(merged, draft, typeof draftBase === 'object' && draftBase !== null ? draftBase : null);
  if (merged.household.mode !== 'new' && merged.household.mode !== 'existing') merged.household.mode = 'new';
  return merged;
}

function copyLeaves(target: object, source: object, sourceBase: object | null): void {
  for (const [key, current] of Object.entries(target)) {
    if (!(key in source)) continue;
    const incoming: unknown = Reflect.get(source, key);
    const was: unknown = sourceBase && key in sourceBase ? Reflect.get(sourceBase, key) : undefined;
    if (typeof current === 'object' && current !== null) {
      if (typeof incoming === 'object' && incoming !== null) copyLeaves(current, incoming, typeof was === 'object' && was !== null ? was : null);
    } else if (typeof incoming === typeof current && (sourceBase === null || incoming !== was)) {
      Reflect.set(target, key, incoming);
    }
  }
}
