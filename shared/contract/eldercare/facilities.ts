/**
 * 养老服务 — facilities and places: residential compounds (小区) with positions, residents' places,
 * facilities (养老服务设施) with their licences and filings and inspections, the facility alerts'
 * scan, and the facilities/compounds import from .xlsx/CSV.
 *
 * Positions come in with their coordinate system (`positionSchema`) and go out as stored
 * (`storedPositionSchema`: what was typed, in its system, plus the WGS-84 form used for computing).
 */
import { z } from 'zod';
import { method } from '../define';
import { idSchema, optionalText, timestampSchema, versionSchema } from '../common';
import { changeEntrySchema } from '../system';
import { LANGUAGE_CODES, rowIssueSchema } from '../imports';
import { FACILITY_STATUSES, OPERATORS, PILOT_STATUSES } from '../../domain/eldercare/codes';
import { FACILITY_WARNINGS, LICENCE_KINDS, LICENCE_STATES, RECTIFICATION_STATES } from '../../domain/eldercare/facilities';
import { codeSchema, isoDate, personRefSchema, positionSchema, storedPositionSchema } from './common';

const requiredText = (max: number) => z.string().trim().min(1, { message: 'required' }).max(max, { message: 'too_long' });
const count = z.number().int().min(0).max(1_000_000);
/** Places by kind / staff by role: code → count (PLACE_KINDS, STAFF_ROLES suggest codes; others allowed). */
const countsByCode = z.record(codeSchema, count).refine((o) => Object.keys(o).length <= 20, { message: 'eldercare.too_many_kinds' });

// ── Compounds and places ────────────────────────────────────────────────────────────────────────

export const compoundSchema = z.object({
  id: idSchema,
  version: versionSchema,
  name: z.string(),
  address: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  position: storedPositionSchema.nullable(),
  /** Live residents placed in this compound (resident_places), and those 60 or older today. */
  residents: z.number().int(),
  olderResidents: z.number().int(),
});
export type Compound = z.infer<typeof compoundSchema>;

export const compoundSaveSchema = z.object({
  /** Absent: a new compound. */
  id: idSchema.optional(),
  /** Required with `id`: the version the clerk saw. */
  version: versionSchema.optional(),
  name: requiredText(80),
  address: optionalText(200),
  gridId: idSchema.optional().nullable(),
  /** null or absent: no position. */
  position: positionSchema.optional().nullable(),
});

/** Where a resident is for the service circle: their own point if entered, else their compound's. */
export const residentPlaceSchema = z.object({
  residentId: idSchema,
  /** null: nothing recorded yet (no resident_places row). */
  version: versionSchema.nullable(),
  compoundId: z.string().nullable(),
  compoundName: z.string().nullable(),
  own: storedPositionSchema.nullable(),
  effective: storedPositionSchema.nullable(),
  source: z.enum(['own', 'compound', 'none']),
});
export type ResidentPlace = z.infer<typeof residentPlaceSchema>;

// ── Facilities ──────────────────────────────────────────────────────────────────────────────────

/** One ten-assistance service a facility offers and on which weekdays (ISO, Monday = 1). */
export const facilityServiceSchema = z.object({
  code: codeSchema,
  days: z.array(z.number().int().min(1).max(7)).min(1, { message: 'eldercare.days_required' }).max(7),
});
export type FacilityService = z.infer<typeof facilityServiceSchema>;

/** What a clerk edits on a facility. `kind` and the services' codes must be active codes (checked by the core). */
export const facilityFieldsSchema = z.object({
  code: optionalText(32),
  name: requiredText(80),
  kind: codeSchema,
  operator: z.enum(OPERATORS),
  operatorName: optionalText(80),
  status: z.enum(FACILITY_STATUSES).default('active'),
  address: optionalText(200),
  gridId: idSchema.optional().nullable(),
  compoundId: idSchema.optional().nullable(),
  position: positionSchema.optional().nullable(),
  phone: optionalText(40),
  beds: count.default(0),
  places: countsByCode.default({}),
  staff: countsByCode.default({}),
  /** Unique codes (checked by the core; the days of each are sorted and de-duplicated). */
  services: z.array(facilityServiceSchema).max(40).default([]),
  openingHours: optionalText(200),
  pilot: z.enum(PILOT_STATUSES).default('none'),
  openedOn: isoDate.optional().nullable(),
  notes: optionalText(2000),
});

export const facilitySaveSchema = facilityFieldsSchema.extend({
  /** Absent: a new facility. */
  id: idSchema.optional(),
  /** Required with `id`. */
  version: versionSchema.optional(),
});
export type FacilitySave = z.input<typeof facilitySaveSchema>;

export const facilitySummarySchema = z.object({
  id: idSchema,
  version: versionSchema,
  code: z.string().nullable(),
  name: z.string(),
  kind: z.string(),
  operator: z.enum(OPERATORS),
  operatorName: z.string().nullable(),
  status: z.enum(FACILITY_STATUSES),
  address: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  compoundId: z.string().nullable(),
  position: storedPositionSchema.nullable(),
  phone: z.string().nullable(),
  beds: z.number().int(),
  places: z.record(z.string(), z.number().int()),
  services: z.array(facilityServiceSchema),
  openingHours: z.string().nullable(),
  pilot: z.enum(PILOT_STATUSES),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** Beds plus every kind of place; `served`: residents whose care profile names this facility; `share` = served / capacity (null with no capacity). */
  capacity: z.object({ places: z.number().int(), served: z.number().int(), share: z.number().nullable() }),
  /** The earliest expiry among its licences and filings (null: none expires). */
  nextExpiry: z.string().nullable(),
  warnings: z.array(z.enum(FACILITY_WARNINGS)),
});
export type FacilitySummary = z.infer<typeof facilitySummarySchema>;

export const licenceSchema = z.object({
  id: idSchema,
  version: versionSchema,
  facilityId: idSchema,
  kind: z.enum(LICENCE_KINDS),
  title: z.string(),
  number: z.string(),
  authority: z.string().nullable(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  /** As of today with the office's licenceExpiryAlertDays. */
  state: z.enum(LICENCE_STATES),
  /** Days until expiry (negative: expired that many days ago); null without an expiry date. */
  daysLeft: z.number().int().nullable(),
});
export type Licence = z.infer<typeof licenceSchema>;

export const inspectionSchema = z.object({
  id: idSchema,
  version: versionSchema,
  facilityId: idSchema,
  inspectedOn: z.string(),
  inspector: z.string(),
  findings: z.string().nullable(),
  rectificationDue: z.string().nullable(),
  followedUpOn: z.string().nullable(),
  followUpNote: z.string().nullable(),
  state: z.enum(RECTIFICATION_STATES),
});
export type Inspection = z.infer<typeof inspectionSchema>;

export const facilityDetailSchema = facilitySummarySchema.extend({
  staff: z.record(z.string(), z.number().int()),
  notes: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  licences: z.array(licenceSchema),
  inspections: z.array(inspectionSchema),
  /** Residents whose care profile names this facility (IDs masked for the caller), at most 500; `servedTotal` counts all. */
  served: z.array(personRefSchema),
  servedTotal: z.number().int(),
  /** Its service orders by status, and its person-times (delivered services: done or closed). */
  orders: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()), personTimes: z.number().int() }),
  /** Change-log entries of the facility, its licences and its inspections, newest first (at most 200). */
  history: z.array(changeEntrySchema),
});
export type FacilityDetail = z.infer<typeof facilityDetailSchema>;

export const facilityFiltersSchema = z.object({
  status: z.enum(FACILITY_STATUSES).optional(),
  kind: codeSchema.optional(),
  /** Offers this service (any day). */
  service: codeSchema.optional(),
  gridId: idSchema.optional(),
  /** Name, code, address or operator name contains it. */
  query: z.string().trim().max(60, { message: 'too_long' }).optional(),
  warning: z.enum(FACILITY_WARNINGS).optional(),
});

export const licenceSaveSchema = z.object({
  id: idSchema.optional(),
  version: versionSchema.optional(),
  facilityId: idSchema,
  kind: z.enum(LICENCE_KINDS),
  title: requiredText(80),
  number: requiredText(80),
  authority: optionalText(80),
  issuedOn: isoDate.optional().nullable(),
  /** Not before issuedOn (checked by the core). */
  expiresOn: isoDate.optional().nullable(),
});

export const inspectionSaveSchema = z.object({
  id: idSchema.optional(),
  version: versionSchema.optional(),
  facilityId: idSchema,
  inspectedOn: isoDate,
  inspector: requiredText(40),
  findings: optionalText(2000),
  /** Not before inspectedOn. */
  rectificationDue: isoDate.optional().nullable(),
  /** Recording the follow-up resolves an overdue-rectification alert. Not before inspectedOn, not in the future. */
  followedUpOn: isoDate.optional().nullable(),
  followUpNote: optionalText(1000),
});

// ── Import ──────────────────────────────────────────────────────────────────────────────────────

/** A file: the handle a dialog gave the window, or a path from the CLI. */
const filePath = z.string().trim().min(1, { message: 'required' }).max(4096, { message: 'too_long' });

export const placesImportInputSchema = z.object({
  file: filePath,
  /** Worksheet name (xlsx); the first sheet with a recognizable header when absent. */
  sheet: z.string().max(100).optional(),
  /** false: check only (dry run); true: write every row in one transaction — nothing if any row has an issue. */
  commit: z.boolean().default(false),
  /** With commit: refuse a file changed since the dry run (its fileSha256). */
  expectSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  language: z.enum(LANGUAGE_CODES).default('zh-CN'),
  /** How many rows the answer lists (issues first). */
  maxRows: z.number().int().min(0).max(100_000).default(2000),
});

/** One row of the file as checked: its action when valid, its issues (each naming the column as the file heads it) when not. */
export const placesImportRowSchema = z.object({
  row: z.number().int(),
  name: z.string(),
  status: z.enum(['ok', 'invalid']),
  /** What committing the row does: a new record, a change to the one with that code/name, or nothing. */
  action: z.enum(['create', 'update', 'unchanged']).nullable(),
  errors: z.array(rowIssueSchema.extend({ column: z.string() })),
});

export const placesImportResultSchema = z.object({
  format: z.enum(['xlsx', 'csv']),
  encoding: z.enum(['utf8', 'utf8-bom', 'gb18030']).nullable(),
  sheet: z.string().nullable(),
  header: z.object({ row: z.number().int(), columns: z.array(z.object({ column: z.number().int(), header: z.string(), field: z.string().nullable() })) }),
  fileSha256: z.string(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  blank: z.number().int(),
  rows: z.array(placesImportRowSchema),
  truncated: z.boolean(),
  /** true only when the rows were written (commit asked and no row had an issue). */
  committed: z.boolean(),
});
export type PlacesImportResult = z.infer<typeof placesImportResultSchema>;

// ── Methods ─────────────────────────────────────────────────────────────────────────────────────

export const facilitiesContract = {
  'eldercare.compounds.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ gridId: idSchema.optional(), query: z.string().trim().max(60, { message: 'too_long' }).optional() }),
    output: z.array(compoundSchema),
  }),
  'eldercare.compounds.save': method({ kind: 'mutation', access: 'records.write', input: compoundSaveSchema, output: compoundSchema }),

  'eldercare.places.get': method({ kind: 'query', access: 'records.read', input: z.object({ residentId: idSchema }), output: residentPlaceSchema }),
  /** Set a resident's compound and/or own point; a field left out stays as it is, null clears it. */
  'eldercare.places.set': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({
      residentId: idSchema,
      /** The version from places.get (null when it said none was recorded). */
      version: versionSchema.nullable().optional(),
      compoundId: idSchema.nullable().optional(),
      position: positionSchema.nullable().optional(),
    }),
    output: residentPlaceSchema,
  }),

  'eldercare.facilities.list': method({ kind: 'query', access: 'records.read', input: facilityFiltersSchema, output: z.array(facilitySummarySchema) }),
  'eldercare.facilities.get': method({ kind: 'query', access: 'records.read', input: z.object({ id: idSchema }), output: facilityDetailSchema }),
  'eldercare.facilities.save': method({ kind: 'mutation', access: 'records.write', input: facilitySaveSchema, output: facilityDetailSchema }),
  /** Open, plan or close a facility as of a date; closing keeps it and its history (closedOn = on). */
  'eldercare.facilities.setStatus': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ id: idSchema, version: versionSchema, status: z.enum(FACILITY_STATUSES), on: isoDate }),
    output: facilityDetailSchema,
  }),

  'eldercare.licences.save': method({ kind: 'mutation', access: 'records.write', input: licenceSaveSchema, output: licenceSchema }),
  'eldercare.licences.remove': method({ kind: 'mutation', access: 'records.write', input: z.object({ id: idSchema, version: versionSchema }), output: z.object({ id: idSchema }) }),
  'eldercare.inspections.save': method({ kind: 'mutation', access: 'records.write', input: inspectionSaveSchema, output: inspectionSchema }),
  'eldercare.inspections.remove': method({ kind: 'mutation', access: 'records.write', input: z.object({ id: idSchema, version: versionSchema }), output: z.object({ id: idSchema }) }),

  /** Facilities from a spreadsheet: check every row (dry run), or commit all-or-nothing. Rows match existing facilities by code, else by name. */
  'eldercare.import.facilities': method({ kind: 'job', access: 'records.write', input: placesImportInputSchema, output: placesImportResultSchema }),
  /** Compounds from a spreadsheet; rows match existing compounds by name. */
  'eldercare.import.compounds': method({ kind: 'job', access: 'records.write', input: placesImportInputSchema, output: placesImportResultSchema }),
};
