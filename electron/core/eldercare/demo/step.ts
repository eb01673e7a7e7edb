/**
 * 养老服务 in `civicdesk demo`: compounds with positions inside the office's district (taken from the
 * demo addresses, …小区), every resident placed in their compound, facilities of every kind with
 * licences and inspections (a few expiring or overdue, so the inbox has something), care profiles
 * and assessments for the older residents, and a year of service orders. Written through the
 * module's own write functions, in batches of one transaction each.
 */
import type { DemoStep } from '../../feature';
import type { Ctx } from '../../context';
import type { WriteContext } from '../../db/writes';
import { finishAuditBatch, startAuditBatch } from '../../audit';
import { uuidv7 } from '../../ids';
import { addDays, beijingDate as calendarDate } from '../../../../shared/domain/calendar';
import { fromWgs84 } from '../../../../shared/domain/eldercare/positions';
import { insertCompound, insertFacility, insertInspection, insertLicence, insertPlace } from '../facilities/repository';
import { positionColumns } from '../facilities/mapping';
import { scanFacilityAlerts } from '../facilities/alerts';
import { anyPlaces, gridIdsForDemo, residentsForDemo, type DemoResident } from './repository';
import { districtCentre, FACILITY_TEMPLATES, pick, pointNear, RESIDENTS_PER_FACILITY, seeded } from './plan';
import { writeCareDemo } from './care';

const BATCH = 5000;

/** The compound of a demo address: everything up to and including 小区 (朝阳街道康乐小区12号楼… → 朝阳街道康乐小区). */
export function compoundOf(address: string | null): string | null {
  if (!address) return null;
  const at = address.indexOf('小区');
  return at > 0 ? address.slice(0, at + 2) : null;
}

function beijingDate(now: Date, plusDays = 0): string {
  return addDays(calendarDate(now), plusDays);
}

/** Run `write` in batch transactions over `items`, one audit entry per batch (as the register's demo does). */
async function inBatches<T>(ctx: Ctx, items: readonly T[], write: (w: WriteContext, item: T) => void, checkpoint: () => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    ctx.db.transaction(() => {
      const audit = startAuditBatch();
      const w = { ...ctx.write(), auditBatch: audit };
      for (const item of items.slice(i, i + BATCH)) write(w, item);
      finishAuditBatch(w, audit, { job: 'demo.generate', part: 'eldercare' });
    })();
    await checkpoint();
  }
}

export const eldercareDemo: DemoStep = async (ctx, job, { seed }) => {
  if (anyPlaces(ctx.db)) return {};
  const r = seeded(seed * 7919 + 13);
  const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  const residents = residentsForDemo(ctx.db);
  const centre = districtCentre(ctx.office().divisionCode);
  const grids = gridIdsForDemo(ctx.db);
  const today = beijingDate(ctx.now);

  // Compounds: one per distinct demo address prefix, spread over a disc that grows with the office.
  const byCompound = new Map<string, DemoResident[]>();
  for (const resident of residents) {
    const name = compoundOf(resident.address);
    if (!name) continue;
    const list = byCompound.get(name) ?? [];
    list.push(resident);
    byCompound.set(name, list);
  }
  const radius = Math.min(6000, 900 + 12 * Math.sqrt(residents.length));
  const compounds = [...byCompound.entries()].map(([name, people]) => {
    const wgs = pointNear(centre, radius * Math.sqrt(r()), r() * 2 * Math.PI);
    // Most offices copy points from Amap (GCJ-02); some from a survey (WGS-84) or Baidu (BD-09).
    const crs = pick(r, [['gcj02', 7], ['wgs84', 2], ['bd09', 1]] as const);
    return { id: uuidv7(), name, people, wgs, position: fromWgs84(wgs, crs), gridId: people[0].grid_id };
  });
  await inBatches(ctx, compounds, (w, c) => insertCompound(w, c.id, { name: c.name, address: c.name, grid_id: c.gridId, ...positionColumns(c.position) }), () => job.checkpoint(0, 1));

  // Places: every resident in their compound; one in fifty with their own surveyed point nearby.
  const places = compounds.flatMap((c) => c.people.map((p) => ({ resident: p, compound: c })));
  await inBatches(
    ctx,
    places,
    (w, { resident, compound }) => {
      const own = r() < 0.02 ? positionColumns({ ...pointNear(compound.wgs, int(20, 150), r() * 2 * Math.PI), crs: 'wgs84' }) : positionColumns(null);
      insertPlace(w, uuidv7(), { resident_id: resident.id, compound_id: compound.id, ...own });
    },
    () => job.checkpoint(0, 1),
  );

  // Facilities: near compounds (services go where people live), kinds by weight.
  const facilityCount = Math.max(4, Math.round(residents.length / RESIDENTS_PER_FACILITY));
  const facilities = Array.from({ length: facilityCount }, (_, i) => {
    const template = pick(
      r,
      FACILITY_TEMPLATES.map((t) => [t, t.weight] as const),
    );
    const near = compounds.length ? compounds[int(0, compounds.length - 1)] : { wgs: centre, name: '', gridId: grids[0] ?? null };
    const wgs = pointNear(near.wgs, int(50, 400), r() * 2 * Math.PI);
    const range = ([a, b]: [number, number]) => int(a, b);
    const places = Object.fromEntries(Object.entries(template.places).map(([k, v]) => [k, range(v)]));
    const staff = Object.fromEntries(Object.entries(template.staff).map(([k, v]) => [k, range(v)]));
    const street = near.name.replace(/小区$/, '');
    return {
      id: uuidv7(),
      code: `YL${String(i + 1).padStart(3, '0')}`,
      name: `${street || '社区'}${template.name}`,
      kind: template.kind,
      operator: pick(r, [['public', 3], ['public_private', 4], ['private', 3]] as const),
      wgs,
      position: fromWgs84(wgs, 'gcj02'),
      gridId: near.gridId,
      beds: range(template.beds),
      places,
      staff,
      services: template.services,
      pilot: pick(r, [['none', 8], ['city', 2], ['province', 1]] as const),
      openedOn: `${int(2012, 2023)}-${String(int(1, 12)).padStart(2, '0')}-01`,
    };
  });
  await inBatches(
    ctx,
    facilities,
    (w, f) => {
      insertFacility(w, f.id, {
        code: f.code,
        name: f.name,
        kind: f.kind,
        operator: f.operator,
        status: 'active',
        address: f.name,
        grid_id: f.gridId,
        ...positionColumns(f.position),
        phone: `0952-${int(2000000, 3999999)}`,
        beds: f.beds,
        places: JSON.stringify(f.places),
        staff: JSON.stringify(f.staff),
        services: JSON.stringify(f.services),
        opening_hours: '08:00-18:00',
        pilot: f.pilot,
        opened_on: f.openedOn,
      });
      // A filing for every facility; an operating licence for those with beds. A few expire soon or have.
      const expiry = beijingDate(ctx.now, pick(r, [[int(90, 900), 8], [int(1, 59), 1], [-int(1, 30), 1]] as const));
      insertLicence(w, uuidv7(), { facility_id: f.id, kind: 'filing', title: '养老机构备案回执', number: `宁民养备${int(10000, 99999)}`, authority: '石嘴山市民政局', issued_on: f.openedOn, expires_on: expiry });
      if (f.beds > 0) insertLicence(w, uuidv7(), { facility_id: f.id, kind: 'licence', title: '食品经营许可证', number: `JY1${int(100000000, 999999999)}`, authority: '市场监督管理局', issued_on: f.openedOn, expires_on: beijingDate(ctx.now, int(60, 1500)) });
      // Inspections: one a year; the latest sometimes asks for a rectification, now and then overdue.
      const findings = r() < 0.3;
      const due = findings ? beijingDate(ctx.now, int(-20, 30)) : null;
      insertInspection(w, uuidv7(), {
        facility_id: f.id,
        inspected_on: beijingDate(ctx.now, -int(40, 200)),
        inspector: pick(r, [['马丽', 1], ['王建军', 1], ['李娟', 1]] as const),
        findings: findings ? pick(r, [['消防通道堆放杂物', 1], ['食品留样记录不全', 1], ['护理记录未按时填写', 1]] as const) : '未发现问题',
        rectification_due: due,
        followed_up_on: due && due < today && r() < 0.5 ? due : null,
      });
    },
    () => job.checkpoint(0, 1),
  );
  await inBatches(ctx, [today], (w, day) => scanFacilityAlerts(w, day), () => job.checkpoint(0, 1));

  const homeOf = new Map(places.map(({ resident, compound }) => [resident.id, compound.wgs]));
  const care = await writeCareDemo(ctx, job, { r, residents, homeOf, facilities, today, inBatches });
  return { compounds: compounds.length, facilities: facilities.length, ...care };
};
