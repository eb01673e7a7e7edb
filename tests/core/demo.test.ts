/**
 * demo.generate: a synthetic office that is the same for the same seed, realistic enough for demos
 * and the benchmark (households of 1–6 with one head, valid Shizuishan IDs, plausible tag shares),
 * written through the normal repositories in whole batches, and cancellable.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContractEvents, MethodOutput } from '../../shared/contract';
import { checkIdNumber } from '../../shared/domain/id-number';
import { planDemo } from '../../electron/core/demo/generate';
import { rowCount } from '../support/db-inspect';
import { setupOffice, type TestOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { householdProblems } from '../support/residents-invariants';
import { setupRegistry } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

type DemoOutput = MethodOutput<'demo.generate'>;

async function generate(t: TestHost, office: TestOffice, residents: number, seed: number): Promise<DemoOutput> {
  return expectOk(await t.host.runJob(office.adminConn, 'demo.generate', { residents, seed })) as DemoOutput;
}

async function demoOffice(residents: number, seed: number) {
  const t = createTestHost();
  const office = await setupOffice(t);
  const result = await generate(t, office, residents, seed);
  return { t, office, result };
}

interface DemoRow {
  name: string;
  id_number: string;
  address: string;
  relation: string;
  household_id: string;
  birth_date: string;
  sex: string;
  division_code: string;
}
/** Bulk work on a shared two-core machine: give these tests room beyond the project's 30 s. */
const BULK_TIMEOUT_MS = 90_000;

/** Node 20 has no Map.groupBy. */
function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}

const residentRows = (t: TestHost) =>
  t.host.db.prepare('SELECT name, id_number, address, relation, household_id, birth_date, sex, division_code FROM residents ORDER BY n').all() as DemoRow[];

describe('demo.generate', () => {
  it('the same seed gives the same names, ID numbers, addresses and households, in the same order, in another database', async () => {
    const a = await demoOffice(900, 42);
    const b = await demoOffice(900, 42);
    expect(a.result).toMatchObject({ residents: 900, grids: 1 });
    expect(b.result).toMatchObject({ residents: 900, households: a.result.households, grids: 1 });
    const shape = (rows: DemoRow[]) => rows.map((r) => [r.name, r.id_number, r.address, r.relation]);
    const rowsA = residentRows(a.t);
    expect(rowsA).toHaveLength(900);
    expect(shape(residentRows(b.t))).toEqual(shape(rowsA));
    // Households group the same people (the record ids themselves are new UUIDs).
    const groups = (rows: DemoRow[]) => groupBy(rows, (r) => r.household_id).map((g) => g.map((r) => r.id_number));
    expect(groups(residentRows(b.t))).toEqual(groups(rowsA));

    const other = await demoOffice(900, 43);
    expect(shape(residentRows(other.t)).slice(0, 20)).not.toEqual(shape(rowsA).slice(0, 20));
  }, BULK_TIMEOUT_MS);

  it('households of 1–6, each with exactly one head; every ID number valid, unique and matching the stored birth date, sex and division', async () => {
    const { t, result } = await demoOffice(2000, 7);
    const rows = residentRows(t);
    const sizes = groupBy(rows, (r) => r.household_id).map((g) => g.length);
    expect(sizes).toHaveLength(result.households);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(6);
    expect(new Set(sizes)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(householdProblems(t.host.db)).toEqual([]);

    for (const r of rows) {
      const check = checkIdNumber(r.id_number, t.clock.now());
      expect(check, r.id_number).toMatchObject({ valid: true, legacy: false, birthDate: r.birth_date, sex: r.sex, divisionCode: r.division_code });
    }
    expect(new Set(rows.map((r) => r.id_number)).size).toBe(rows.length);
    // Mostly registered in Shizuishan itself (6402…).
    expect(rows.filter((r) => r.division_code.startsWith('6402')).length / rows.length).toBeGreaterThan(0.75);
    // Realistic names: 2–4 characters, the common surnames leading.
    expect(rows.every((r) => /^\p{Script=Han}{2,4}$/u.test(r.name))).toBe(true);
    const top = groupBy(rows, (r) => r.name[0])
      .sort((x, y) => y.length - x.length)
      .slice(0, 6)
      .map((g) => g[0].name[0]);
    expect(top).toEqual(expect.arrayContaining(['王', '李', '张']));
  }, BULK_TIMEOUT_MS);

  it('tags appear in plausible shares: older people, low income, disability, living alone, empty nest, left-behind children', async () => {
    const { t, office } = await demoOffice(2500, 11);
    const share = async (tag: 'older60' | 'older80' | 'low_income' | 'disabled' | 'living_alone' | 'empty_nest' | 'left_behind' | 'serious_illness') => {
      const { total } = expectOk(await t.call(office.adminConn, 'residents.list', { filters: { tag }, limit: 1 }));
      return (total ?? 0) / 2500;
    };
    const shares = {
      older60: await share('older60'),
      older80: await share('older80'),
      low_income: await share('low_income'),
      disabled: await share('disabled'),
      living_alone: await share('living_alone'),
      empty_nest: await share('empty_nest'),
      left_behind: await share('left_behind'),
      serious_illness: await share('serious_illness'),
    };
    expect(shares.older60, JSON.stringify(shares)).toBeGreaterThan(0.1);
    expect(shares.older60).toBeLessThan(0.45);
    expect(shares.older80).toBeGreaterThan(0.005);
    expect(shares.older80).toBeLessThan(shares.older60 / 2);
    expect(shares.low_income).toBeGreaterThan(0.03);
    expect(shares.low_income).toBeLessThan(0.12);
    expect(shares.disabled).toBeGreaterThan(0.02);
    expect(shares.disabled).toBeLessThan(0.1);
    for (const rare of ['living_alone', 'empty_nest', 'left_behind', 'serious_illness'] as const) {
      expect(shares[rare], rare).toBeGreaterThan(0);
      expect(shares[rare], rare).toBeLessThan(0.15);
    }
    // Every low-income person carries one of the six categories.
    const categories = t.host.db.prepare('SELECT DISTINCT low_income_category FROM residents WHERE low_income_category IS NOT NULL').pluck().all();
    expect(categories.every((c) => ['dibao', 'tekun', 'dibao_marginal', 'rigid_expenditure', 'relapse_monitoring', 'other_low_income'].includes(String(c)))).toBe(true);
  }, BULK_TIMEOUT_MS);

  it('writes through the registry: change-logged, indexed for search, and maskable like any registration', async () => {
    const { t, office, result } = await demoOffice(500, 3);
    // The register's entries (setup's three, grids, households, residents and their memberships); the
    // modules' demo steps log their own records on top (tests/core/eldercare-demo.test.ts).
    const register = t.host.db
      .prepare("SELECT count(*) FROM change_log WHERE entity IN ('office', 'settings', 'users', 'grids', 'households', 'residents', 'household_members')")
      .pluck()
      .get();
    expect(register).toBe(3 + result.grids + result.households + 2 * result.residents);
    const someone = residentRows(t)[137];
    const found = expectOk(await t.call(office.adminConn, 'residents.search', { query: someone.id_number }));
    expect(found.items.map((i) => [i.name, i.match])).toEqual([[someone.name, 'id_exact']]);
    expect(expectOk(await t.call(office.adminConn, 'residents.search', { query: someone.name })).items.some((i) => i.name === someone.name)).toBe(true);
    expect(JSON.stringify(found)).not.toContain(someone.id_number);
  });

  it('generating again into a populated office adds residents without colliding with the numbers already there', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    await generate(t, office, 300, 5);
    const again = await generate(t, office, 300, 5);
    expect(again).toMatchObject({ residents: 300, grids: 1 });
    expect(rowCount(t.host.db, 'residents')).toBe(600);
    expect(rowCount(t.host.db, 'grids')).toBe(1);
    expect(householdProblems(t.host.db)).toEqual([]);
  });

  it('only office.manage may start it: a clerk gets FORBIDDEN', async () => {
    const t = createTestHost();
    const office = await setupRegistry(t);
    expectFailure(await t.call(office.clerk.conn, 'demo.generate', { residents: 10, seed: 1 }), 'FORBIDDEN');
    expect(rowCount(t.host.db, 'residents')).toBe(0);
  });

  it('jobs.cancel stops it with CANCELLED after a whole batch: whole households only, each with its head, as far as progress said', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const total = 12_000;
    const progress: number[] = [];
    // A job answers with its id (t.call types outputs, which for a job is what job.finished brings).
    const started = expectOk(await t.host.dispatch(office.adminConn, 'demo.generate', { residents: total, seed: 9 })) as { jobId: string };
    const cancel = () => t.call(office.adminConn, 'jobs.cancel', { jobId: started.jobId });
    let cancelled: ReturnType<typeof cancel> | undefined;
    const finished = new Promise<ContractEvents['job.finished']>((resolve) => {
      t.host.onEvent((_c, event, payload) => {
        if (event === 'job.progress') {
          const p = payload as ContractEvents['job.progress'];
          progress.push(p.done);
          // Cancel as soon as the first batch is reported.
          cancelled ??= cancel();
        }
        if (event === 'job.finished') resolve(payload as ContractEvents['job.finished']);
      });
    });
    const outcome = await finished;
    expect(cancelled).toBeDefined();
    expect(expectOk(await cancelled!)).toEqual({ cancelled: true });
    expectFailure(outcome.result, 'CANCELLED');

    const written = rowCount(t.host.db, 'residents');
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(total);
    expect(progress.at(-1)).toBe(written);
    // Exactly the first households of the plan, whole: the count is a household boundary.
    const plan = [...planDemo(total, 9, t.clock.now()).households];
    const boundaries = plan.reduce<number[]>((acc, h) => [...acc, (acc.at(-1) ?? 0) + h.members.length], []);
    const households = boundaries.indexOf(written) + 1;
    expect(households).toBeGreaterThan(0);
    expect(rowCount(t.host.db, 'households')).toBe(households);
    expect(householdProblems(t.host.db)).toEqual([]);
    expect(t.host.db.prepare('SELECT id_number FROM residents ORDER BY n').pluck().all()).toEqual(plan.flatMap((h) => h.members.map((m) => m.idNumber)).slice(0, written));
  }, BULK_TIMEOUT_MS);

  it('runs with bulk-write settings (fewer checkpoints, larger cache) and puts them back after a run and after a cancel, the WAL folded in and emptied', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const settings = () => ({
      autocheckpoint: t.host.db.pragma('wal_autocheckpoint', { simple: true }),
      cache: t.host.db.pragma('cache_size', { simple: true }),
    });
    const normal = settings();
    expect(normal).toEqual({ autocheckpoint: 1000, cache: -65536 });
    let during: ReturnType<typeof settings> | undefined;
    const seen = t.host.onEvent((_c, event) => {
      if (event === 'job.progress') during ??= settings();
    });
    await generate(t, office, 12_000, 3);
    expect(during).toEqual({ autocheckpoint: 16384, cache: -262144 });
    expect(settings()).toEqual(normal);
    // The closing checkpoint folded the WAL into the database and gave its space back.
    expect(fs.statSync(`${t.dbPath}-wal`).size).toBeLessThan(1 << 20);
    expect(rowCount(t.host.db, 'residents')).toBe(12_000);

    const ended = new Promise<ContractEvents['job.finished']>((resolve) =>
      t.host.onEvent((_c, event, payload) => event === 'job.finished' && resolve(payload as ContractEvents['job.finished'])),
    );
    const started = expectOk(await t.host.dispatch(office.adminConn, 'demo.generate', { residents: 12_000, seed: 4 })) as { jobId: string };
    expectOk(await t.call(office.adminConn, 'jobs.cancel', { jobId: started.jobId }));
    expectFailure((await ended).result, 'CANCELLED');
    expect(settings()).toEqual(normal);
    seen();
  }, BULK_TIMEOUT_MS);
});
