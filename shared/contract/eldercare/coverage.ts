/**
 * 养老服务 — the 15-minute service circle (15分钟养老服务圈): coverage, what-if, per-compound walks,
 * grid boundaries and the offline map's data.
 *
 * The rules, written once (electron/core/eldercare/coverage/engine.ts computes them, the window, the
 * CLI and the statistics all take its figures):
 * - **Older residents**: active residents (not moved out, not deceased) aged 60 or more on the
 *   office's today (Beijing calendar).
 * - **Position**: the resident's own point (resident_places) if entered, else their compound's point.
 *   A resident with neither counts in `olderResidents` but not in `withPosition`; they are not
 *   "uncovered" (nobody knows where they live) and are listed apart (`list: 'unplaced'`).
 * - **A facility counts for a service** when it is active (or planned in the what-if, and not closed
 *   in it), has a position, and offers that service on at least `coverageMinDaysPerWeek` days a week.
 * - **Walking minutes** from a resident to a facility = (the office's known walk for the resident's
 *   compound and that facility, if recorded — `eldercare.walks.save` — else straight-line metres ×
 *   `detourFactor`) ÷ `walkingMetersPerMinute`. A known walk replaces the estimate for that pair
 *   both ways: it can bring a far facility within reach or put a near one out of it. Known walks
 *   apply to residents placed at their compound's point, not to those with their own point.
 * - **Covered for a service**: some facility counting for it is within the limit (`minutes`,
 *   default `circleMinutes`); exactly at the limit is covered.
 * - **Covered overall**: covered for at least one service (some counting facility of any service
 *   is within the limit). `byService` gives the figure for each service separately. With `service`
 *   in the input, the headline (`covered`, `coverageShare`, `byGrid`, `compounds`, the list) is
 *   for that one service instead.
 * - **Shares** are of the residents with a position (`covered / withPosition`); null when nobody
 *   has one. `olderResidents - withPosition` shows what positions are still missing.
 * - **Grid** of a resident: their own grid in the register, else their compound's; neither → the
 *   row with `gridId: null`.
 */
import { z } from 'zod';
import { method } from '../define';
import { idSchema, versionSchema } from '../common';
import { LANGUAGE_CODES } from '../imports';
import { COORDINATE_SYSTEMS } from '../../domain/eldercare/positions';
import { FACILITY_STATUSES, WEEKDAYS } from '../../domain/eldercare/codes';
import { codeSchema, personRefSchema, positionSchema } from './common';

const count = z.number().int().min(0);
/** A share 0..1; null when there is nobody to share among. */
const share = z.number().min(0).max(1).nullable();
const wgs84Point = z.object({ lng: z.number(), lat: z.number() });
/** ISO weekday: Monday 1 … Sunday 7 (WEEKDAYS). */
const weekday = z.number().int().min(WEEKDAYS[0]).max(WEEKDAYS[WEEKDAYS.length - 1]);

/** A service a facility offers and the weekdays it offers it (ISO: Monday 1 … Sunday 7). */
export const circleServiceSchema = z.object({ code: codeSchema, days: z.array(weekday).max(7) });
export type CircleService = z.infer<typeof circleServiceSchema>;

/** A facility placed in the what-if: nothing is saved; `key` names it in the answer. */
export const whatIfFacilitySchema = z.object({
  key: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(60),
  position: positionSchema,
  services: z.array(circleServiceSchema).min(1).max(30),
});
export type WhatIfFacility = z.infer<typeof whatIfFacilitySchema>;

export const coverageWhatIfSchema = z.object({
  /** Facilities to add (as if active). */
  add: z.array(whatIfFacilitySchema).max(50).default([]),
  /** Facilities to leave out (as if closed). */
  close: z.array(idSchema).max(1000).default([]),
});
export type CoverageWhatIf = z.infer<typeof coverageWhatIfSchema>;

/** The settings a computation used (the input's minutes, or the office's settings). */
export const coverageSettingsSchema = z.object({
  minutes: z.number().int(),
  walkingMetersPerMinute: z.number(),
  detourFactor: z.number(),
  coverageMinDaysPerWeek: z.number().int(),
  /** How far a facility reaches on the map: minutes × speed ÷ detour, straight-line metres. */
  radiusMeters: z.number(),
  /** The date ages were taken on (Beijing). */
  asOf: z.string(),
});
export type CoverageSettings = z.infer<typeof coverageSettingsSchema>;

export const coverageInputSchema = z
  .object({
    /** The limit in minutes; default the office's circleMinutes. */
    minutes: z.number().int().min(1).max(120).optional(),
    /** Narrow the headline, grids, compounds and list to one service (default: any service). */
    service: codeSchema.optional(),
    whatIf: coverageWhatIfSchema.optional(),
    /** Which residents `list` holds: the uncovered with a position, or those with no position. */
    list: z.enum(['uncovered', 'unplaced']).default('uncovered'),
    /** Only the list's residents of one compound (the map's click) or one grid. */
    listCompoundId: idSchema.optional(),
    listGridId: idSchema.optional(),
    listOffset: z.number().int().min(0).max(1_000_000).default(0),
    listLimit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type CoverageInput = z.input<typeof coverageInputSchema>;

export const serviceCoverageSchema = z.object({
  covered: count,
  share,
  /** Facilities counting for the service (active or planned, offered often enough, with a position). */
  facilities: count,
});
export type ServiceCoverage = z.infer<typeof serviceCoverageSchema>;

export const gridCoverageSchema = z.object({
  /** null: residents with no grid (neither their own nor their compound's). */
  gridId: idSchema.nullable(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  olderResidents: count,
  withPosition: count,
  covered: count,
  share,
});
export type GridCoverage = z.infer<typeof gridCoverageSchema>;

/** A compound for shading: its older residents (all who live in it) and how many are covered. */
export const compoundCoverageSchema = z.object({
  id: idSchema,
  name: z.string(),
  gridId: idSchema.nullable(),
  wgs84: wgs84Point.nullable(),
  older: count,
  /** Of `older`: those with a position (the compound's or their own). */
  withPosition: count,
  covered: count,
  share,
});
export type CompoundCoverage = z.infer<typeof compoundCoverageSchema>;

/** The nearest facility counting for a service, by walking minutes; null when none counts at all. */
export const coverageNearestSchema = z.object({
  service: z.string(),
  facility: z
    .object({
      /** A facility's id, or a planned facility's `key`. */
      id: z.string(),
      name: z.string(),
      planned: z.boolean(),
      meters: z.number(),
      minutes: z.number(),
      /** The office's known walk was used (not straight line × detour). */
      knownWalk: z.boolean(),
    })
    .nullable(),
});

export const coverageListItemSchema = z.object({
  person: personRefSchema,
  compound: z.object({ id: idSchema, name: z.string() }).nullable(),
  grid: z.object({ id: idSchema, name: z.string() }).nullable(),
  /** Where the position came from; null for the unplaced. */
  positionSource: z.enum(['own', 'compound']).nullable(),
  /** Per service (the input's service, or every active service): empty for the unplaced. */
  nearest: z.array(coverageNearestSchema),
});
export type CoverageListItem = z.infer<typeof coverageListItemSchema>;

export const coverageOutputSchema = z.object({
  settings: coverageSettingsSchema,
  service: z.string().nullable(),
  olderResidents: count,
  withPosition: count,
  covered: count,
  /** covered ÷ withPosition. */
  coverageShare: share,
  /** Every active service of the code table (and any the input names), keyed by code. */
  byService: z.record(z.string(), serviceCoverageSchema),
  byGrid: z.array(gridCoverageSchema),
  compounds: z.array(compoundCoverageSchema),
  list: z.object({
    kind: z.enum(['uncovered', 'unplaced']),
    /** All the list's residents (after the compound/grid filter), not only this page. */
    total: count,
    offset: count,
    items: z.array(coverageListItemSchema),
  }),
  /** Totals of both lists, unfiltered: uncovered (with a position) and unplaced. */
  uncovered: count,
  unplaced: count,
  ms: z.number(),
});
export type CoverageOutput = z.infer<typeof coverageOutputSchema>;

/** The real walk from a compound to a facility, where the office knows it. */
export const compoundWalkSchema = z.object({
  id: idSchema,
  compoundId: idSchema,
  compoundName: z.string(),
  facilityId: idSchema,
  facilityName: z.string(),
  meters: z.number().int(),
  note: z.string().nullable(),
  /** What the circle would assume without it (straight line × detour); null when a position is missing. */
  estimateMeters: z.number().nullable(),
  version: versionSchema,
});
export type CompoundWalk = z.infer<typeof compoundWalkSchema>;

/** A GeoJSON polygon or multipolygon, WGS-84 [lng, lat] positions. */
export const gridAreaGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }),
]);
export type GridAreaGeometry = z.infer<typeof gridAreaGeometrySchema>;

export const gridAreaSchema = z.object({
  id: idSchema,
  gridId: idSchema,
  code: z.string(),
  name: z.string(),
  geometry: gridAreaGeometrySchema,
  /** The system the imported file used (the geometry is stored converted to WGS-84). */
  sourceCrs: z.enum(COORDINATE_SYSTEMS),
  version: versionSchema,
});
export type GridArea = z.infer<typeof gridAreaSchema>;

/** A problem with one feature of an imported file (rendered with the shared issue messages). */
export const gridAreaIssueSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});

export const gridAreaImportOutputSchema = z.object({
  /** Features in the file. */
  total: count,
  /** Written (or, with dryRun, that would be written). */
  imported: count,
  refused: count,
  dryRun: z.boolean(),
  features: z.array(
    z.object({
      /** The feature's place in the file, from 0. */
      index: z.number().int(),
      /** The value of gridProperty, as text; null when the feature has none. */
      gridCode: z.string().nullable(),
      gridId: idSchema.nullable(),
      gridName: z.string().nullable(),
      /** imported: new area; replaced: the grid had one, now this; refused: see issue. */
      outcome: z.enum(['imported', 'replaced', 'refused']),
      issue: gridAreaIssueSchema.nullable(),
    }),
  ),
});
export type GridAreaImportOutput = z.infer<typeof gridAreaImportOutputSchema>;

/** Everything the offline map draws, in one call. */
export const eldercareMapDataSchema = z.object({
  settings: coverageSettingsSchema,
  compounds: z.array(compoundCoverageSchema),
  facilities: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      kind: z.string(),
      status: z.enum(FACILITY_STATUSES),
      /** null: no position recorded (listed, not drawn). */
      wgs84: wgs84Point.nullable(),
      services: z.array(circleServiceSchema),
      /** The services it counts for in the circle (active, offered often enough, with a position). */
      countsFor: z.array(z.string()),
    }),
  ),
  areas: z.array(gridAreaSchema),
  /** WGS-84 bounds of everything with a position (compounds, facilities, areas); null when nothing has one. */
  bbox: z.object({ west: z.number(), south: z.number(), east: z.number(), north: z.number() }).nullable(),
  /** Same as settings.radiusMeters: the circle drawn round a facility. */
  radiusMeters: z.number(),
  /** The whole office's overall coverage (the same as eldercare.coverage.compute with no input). */
  olderResidents: count,
  withPosition: count,
  covered: count,
  coverageShare: share,
});
export type EldercareMapData = z.infer<typeof eldercareMapDataSchema>;

/** A file: the handle a dialog gave the window, or a path from the CLI. */
const fileRef = z.string().trim().min(1, { message: 'required' }).max(4096, { message: 'too_long' });

export const coverageContract = {
  /** The circle's figures, with an optional what-if (nothing is saved). */
  'eldercare.coverage.compute': method({ kind: 'query', access: 'records.read', input: coverageInputSchema, output: coverageOutputSchema }),
  /** The office's known walks, optionally of one compound or one facility. */
  'eldercare.walks.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ compoundId: idSchema.optional(), facilityId: idSchema.optional() }).strict(),
    output: z.array(compoundWalkSchema),
  }),
  /**
   * Record (or change) the real walk from a compound to a facility; `meters: null` removes it.
   * `version`: the walk's version the caller saw (null when it had none).
   */
  'eldercare.walks.save': method({
    kind: 'mutation',
    access: 'records.write',
    input: z
      .object({
        compoundId: idSchema,
        facilityId: idSchema,
        meters: z.number().int().min(0).max(100_000).nullable(),
        note: z.string().trim().max(200).nullable().optional(),
        version: versionSchema.nullable(),
      })
      .strict(),
    output: compoundWalkSchema.nullable(),
  }),
  /** The grids' boundaries the office imported. */
  'eldercare.areas.list': method({ kind: 'query', access: 'records.read', input: z.object({}).strict(), output: z.array(gridAreaSchema) }),
  /**
   * Import grid boundaries from a GeoJSON file (FeatureCollection of Polygon/MultiPolygon features, at
   * most 5 MB and 500 features): each feature's `gridProperty` names the grid by its code. Converted
   * to WGS-84 from `crs`. A feature that is not a polygon, names no grid or an unknown one is refused
   * and reported; the others replace their grid's boundary. `dryRun` checks and writes nothing.
   */
  'eldercare.areas.import': method({
    kind: 'mutation',
    access: 'office.manage',
    input: z
      .object({
        file: fileRef,
        crs: z.enum(COORDINATE_SYSTEMS),
        gridProperty: z.string().trim().min(1).max(60),
        dryRun: z.boolean().default(false),
        /** The language of the features' issue messages (the window renders code and params itself). */
        language: z.enum(LANGUAGE_CODES).default('zh-CN'),
      })
      .strict(),
    output: gridAreaImportOutputSchema,
  }),
  /** Remove a grid's boundary. */
  'eldercare.areas.remove': method({
    kind: 'mutation',
    access: 'office.manage',
    input: z.object({ id: idSchema, version: versionSchema }).strict(),
    output: z.object({ id: idSchema }),
  }),
  /** Everything the offline map draws (no what-if: the window adds its planned points itself). */
  'eldercare.map.data': method({ kind: 'query', access: 'records.read', input: z.object({}).strict(), output: eldercareMapDataSchema }),
};
