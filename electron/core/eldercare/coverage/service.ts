/**
 * The 15-minute service circle's handlers: coverage (with what-if), known walks, grid boundaries and
 * the offline map's data. The rules are in the contract's doc comment (shared/contract/eldercare/coverage.ts).
 */
import fs from 'node:fs';
import type { PartHandlers } from '../../handlers';
import type { Ctx } from '../../context';
import type { CompoundWalk, coverageContract, EldercareMapData, GridArea, GridAreaImportOutput } from '../../../../shared/contract';
import { ContractFailure, invalidInput } from '../../errors';
import { readableFile } from '../../files';
import { uuidv7 } from '../../ids';
import { translate, type Language } from '../../../../shared/i18n';
import { roleHas } from '../../../../shared/domain/roles';
import { idMaskFor } from '../../../../shared/domain/id-number';
import { distanceMeters } from '../../../../shared/domain/eldercare/positions';
import { parseOfferedServices, shareOf } from '../../../../shared/domain/eldercare/coverage';
import { circleRules, compoundFigures, computeCoverage, countsFor, runCircle, settingsUsed } from './compute';
import { checkFeature, featuresOf, MAX_AREA_FILE_MB } from './geojson';
import {
  deleteArea,
  deleteWalk,
  findArea,
  findAreaOfGrid,
  findCompound,
  findFacility,
  findWalk,
  findWalkId,
  insertArea,
  insertWalk,
  listAreas,
  listGridNames,
  listWalks,
  updateArea,
  updateWalk,
  type AreaRow,
  type WalkRow,
} from './repository';

export const COVERAGE_TABLES = ['compound_walks', 'grid_areas'] as const;

function walkOut(ctx: Ctx, w: WalkRow): CompoundWalk {
  const { detourFactor } = circleRules(ctx.db);
  const estimate =
    w.c_lng === null || w.c_lat === null || w.f_lng === null || w.f_lat === null ? null : distanceMeters({ lng: w.c_lng, lat: w.c_lat }, { lng: w.f_lng, lat: w.f_lat }) * detourFactor;
  return {
    id: w.id,
    compoundId: w.compound_id,
    compoundName: w.compound_name,
    facilityId: w.facility_id,
    facilityName: w.facility_name,
    meters: w.meters,
    note: w.note,
    estimateMeters: estimate === null ? null : Math.round(estimate),
    version: w.version,
  };
}

function areaOut(a: AreaRow): GridArea {
  return { id: a.id, gridId: a.grid_id, code: a.code, name: a.name, geometry: JSON.parse(a.geometry) as GridArea['geometry'], sourceCrs: a.source_crs, version: a.version };
}

/** The mask for this caller's ID numbers, decided once per call. */
function maskFor(ctx: Ctx): (id: string) => string {
  return idMaskFor(ctx.actor !== null && roleHas(ctx.actor.role, 'records.revealId'));
}

export const coverageHandlers: PartHandlers<typeof coverageContract> = {
  'eldercare.coverage.compute': (input, ctx) => computeCoverage(ctx.db, ctx.now, input, maskFor(ctx)),

  'eldercare.walks.list': (input, ctx) => listWalks(ctx.db, input).map((w) => walkOut(ctx, w)),

  'eldercare.walks.save': (input, ctx) => {
    if (!findCompound(ctx.db, input.compoundId)) throw invalidInput(['compoundId'], 'eldercare.walk_no_compound');
    if (!findFacility(ctx.db, input.facilityId)) throw invalidInput(['facilityId'], 'eldercare.walk_no_facility');
    const existing = findWalkId(ctx.db, input.compoundId, input.facilityId);
    const note = input.note?.trim() ? input.note.trim() : null;
    if (input.meters === null) {
      if (existing) deleteWalk(ctx.write(), existing.id, input.version ?? 0);
      else if (input.version !== null) throw new ContractFailure('STALE_VERSION', { current: 0, expected: input.version });
      return null;
    }
    if (existing) {
      // A caller who saw no walk (version null) while one exists has not seen it: stale, not overwritten.
      updateWalk(ctx.write(), existing.id, input.version ?? 0, { meters: input.meters, note });
    } else {
      if (input.version !== null) throw new ContractFailure('STALE_VERSION', { current: 0, expected: input.version });
      insertWalk(ctx.write(), uuidv7(), { compoundId: input.compoundId, facilityId: input.facilityId, meters: input.meters, note });
    }
    return walkOut(ctx, findWalk(ctx.db, input.compoundId, input.facilityId)!);
  },

  'eldercare.areas.list': (_input, ctx) => listAreas(ctx.db).map(areaOut),

  'eldercare.areas.import': (input, ctx) => {
    const path = readableFile(ctx, input.file, ['file'], input.language);
    const parsed = featuresOf(readAreaFile(path, input.language));
    if ('issue' in parsed) {
      const issue = parsed.issue;
      throw invalidInput(['file'], `eldercare.${issue.code}`, 'params' in issue ? issue.params : {}, { language: input.language });
    }
    const grids = listGridNames(ctx.db);
    const gridByCode = new Map(grids.map((g) => [g.code, g]));
    const seen = new Set<string>();
    const out: GridAreaImportOutput = { total: parsed.features.length, imported: 0, refused: 0, dryRun: input.dryRun, features: [] };
    for (let i = 0; i < parsed.features.length; i++) {
      const checked = checkFeature(parsed.features[i], i, input.crs, input.gridProperty, new Set(gridByCode.keys()), seen);
      const grid = checked.gridCode === null ? undefined : gridByCode.get(checked.gridCode);
      if (checked.issue || !checked.geometry || !grid) {
        out.refused++;
        const issue = checked.issue ?? { code: 'area_unknown_grid' as const, params: { index: i + 1, code: checked.gridCode ?? '' } };
        out.features.push({
          index: i,
          gridCode: checked.gridCode,
          gridId: grid?.id ?? null,
          gridName: grid?.name ?? null,
          outcome: 'refused',
          issue: { code: `eldercare.${issue.code}`, params: issue.params, message: translate(input.language, `validation.eldercare.${issue.code}`, issue.params) },
        });
        continue;
      }
      const existing = findAreaOfGrid(ctx.db, grid.id);
      if (!input.dryRun) {
        const geometry = JSON.stringify(checked.geometry);
        if (existing) updateArea(ctx.write(), existing.id, existing.version, { geometry, sourceCrs: input.crs });
        else insertArea(ctx.write(), uuidv7(), { gridId: grid.id, geometry, sourceCrs: input.crs });
      }
      out.imported++;
      out.features.push({ index: i, gridCode: checked.gridCode, gridId: grid.id, gridName: grid.name, outcome: existing ? 'replaced' : 'imported', issue: null });
    }
    return out;
  },

  'eldercare.areas.remove': (input, ctx) => {
    if (!findArea(ctx.db, input.id)) throw new ContractFailure('NOT_FOUND');
    deleteArea(ctx.write(), input.id, input.version);
    return { id: input.id };
  },

  'eldercare.map.data': (_input, ctx) => mapData(ctx),
};

/** The file's text, bounded in size; a file that cannot be read is the field's problem, not an internal error. */
function readAreaFile(path: string, language: Language): string {
  let text: string;
  try {
    if (fs.statSync(path).size > MAX_AREA_FILE_MB * 1024 * 1024) throw invalidInput(['file'], 'eldercare.area_file_too_large', { max: MAX_AREA_FILE_MB }, { language });
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ContractFailure) throw error;
    const detail = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message.slice(0, 100) : String(error));
    throw invalidInput(['file'], 'eldercare.area_file_unreadable', { detail }, { language });
  }
  return text;
}

function mapData(ctx: Ctx): EldercareMapData {
  const run = runCircle(ctx.db, ctx.now, {});
  const areas = listAreas(ctx.db).map(areaOut);
  const bounds = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  const extend = (lng: number, lat: number) => {
    bounds.west = Math.min(bounds.west, lng);
    bounds.east = Math.max(bounds.east, lng);
    bounds.south = Math.min(bounds.south, lat);
    bounds.north = Math.max(bounds.north, lat);
  };
  const compounds = compoundFigures(run);
  for (const c of compounds) if (c.wgs84) extend(c.wgs84.lng, c.wgs84.lat);
  const facilities = run.facilities.map((f) => {
    if (f.wgs_lng !== null && f.wgs_lat !== null) extend(f.wgs_lng, f.wgs_lat);
    return {
      id: f.id,
      name: f.name,
      kind: f.kind,
      status: f.status,
      wgs84: f.wgs_lng === null || f.wgs_lat === null ? null : { lng: f.wgs_lng, lat: f.wgs_lat },
      services: parseOfferedServices(f.services).map((s) => ({ code: s.code, days: [...s.days] })),
      countsFor: countsFor(f, run.rules),
    };
  });
  for (const a of areas) {
    const polygons = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
    for (const rings of polygons) for (const ring of rings) for (const [lng, lat] of ring) extend(lng, lat);
  }
  const settings = settingsUsed(run.rules, run.asOf);
  return {
    settings,
    compounds,
    facilities,
    areas,
    bbox: Number.isFinite(bounds.west) ? bounds : null,
    radiusMeters: settings.radiusMeters,
    olderResidents: run.figures.older,
    withPosition: run.figures.withPosition,
    covered: run.figures.covered,
    coverageShare: shareOf(run.figures.covered, run.figures.withPosition),
  };
}
