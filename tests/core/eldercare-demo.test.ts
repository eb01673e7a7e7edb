/**
 * The elderly-care share of `demo.generate`: compounds inside the office's district with positions in
 * the systems offices really use, every live resident placed in the compound of their address,
 * facilities of several kinds with licences and inspections (some alerting), written through the
 * module's write functions (change log and all), and nothing added by a second run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract';
import { beijingDate, bornBy } from '../../shared/domain/eldercare/care';
import { distanceMeters } from '../../shared/domain/eldercare/positions';
import { districtCentre } from '../../electron/core/eldercare/demo/plan';
import { compoundOf } from '../../electron/core/eldercare/demo/step';
import { setupOffice } from '../support/office';
import { expectOk } from '../support/results';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

type DemoOutput = MethodOutput<'demo.generate'>;
const RESIDENTS = 3000;

function all<T>(t: TestHost, sql: string): T[] {
  return t.host.db.prepare(sql).all() as T[];
}

describe('the elderly-care demo', () => {
  it('places every resident in the compound of their address, inside the district, through the change log', { timeout: 120_000 }, async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const result = expectOk(await t.host.runJob(office.adminConn, 'demo.generate', { residents: RESIDENTS, seed: 3 })) as DemoOutput;
    expect(result.added.compounds).toBeGreaterThan(5);
    expect(result.added.facilities).toBeGreaterThanOrEqual(4);

    const compounds = all<{ id: string; name: string; crs: string; wgs_lng: number; wgs_lat: number }>(t, 'SELECT id, name, crs, wgs_lng, wgs_lat FROM compounds');
    expect(compounds).toHaveLength(result.added.compounds);
    const centre = districtCentre('640202');
    for (const c of compounds) expect(distanceMeters(centre, { lng: c.wgs_lng, lat: c.wgs_lat })).toBeLessThan(7000);
    expect(new Set(compounds.map((c) => c.crs)).has('gcj02')).toBe(true);

    const placed = all<{ address: string; compound: string }>(
      t,
      "SELECT r.address, c.name AS compound FROM residents r JOIN resident_places p ON p.resident_id = r.id JOIN compounds c ON c.id = p.compound_id WHERE r.status = 'active'",
    );
    expect(placed).toHaveLength(RESIDENTS);
    for (const p of placed) expect(compoundOf(p.address)).toBe(p.compound);

    const facilities = all<{ kind: string; services: string }>(t, 'SELECT kind, services FROM facilities');
    expect(new Set(facilities.map((f) => f.kind)).size).toBeGreaterThan(1);
    expect(facilities.every((f) => (JSON.parse(f.services) as unknown[]).length > 0)).toBe(true);
    const logged = all<{ n: number }>(t, "SELECT count(*) AS n FROM change_log WHERE entity IN ('compounds', 'facilities', 'resident_places')")[0].n;
    expect(logged).toBe(compounds.length + facilities.length + RESIDENTS);

    // Care: a profile for every older resident; most assessed; a year of orders in the article's volume.
    const older = t.host.db.prepare("SELECT count(*) FROM residents WHERE status = 'active' AND birth_date <= ?").pluck().get(bornBy(beijingDate(t.clock.now()), 60)) as number;
    expect(result.added.careProfiles).toBe(older);
    expect(all<{ n: number }>(t, 'SELECT count(*) AS n FROM care_profiles')[0].n).toBe(older);
    expect(result.added.assessments).toBeGreaterThan(older * 0.4);
    expect(result.added.serviceOrders).toBe(Math.round(RESIDENTS * 0.8));
    const stats = expectOk(await t.call(office.adminConn, 'eldercare.stats', { from: '2000-01-01', to: '2100-12-31' }));
    expect(stats.personTimes).toBe(result.added.personTimes);
    expect(stats.personTimes).toBeGreaterThan(RESIDENTS * 0.8 * 0.8);
    // Every older resident's care panel reads (the demo once wrote contact relations no version knew).
    const someOlder = all<{ resident_id: string }>(t, 'SELECT resident_id FROM care_profiles LIMIT 25');
    for (const p of someOlder) expect(expectOk(await t.call(office.adminConn, 'eldercare.profile.get', { residentId: p.resident_id })).profile?.emergencyContacts.length).toBe(1);
    const board = expectOk(await t.call(office.adminConn, 'eldercare.orders.list', {}));
    expect(board.total).toBeGreaterThan(0);

    // A second run adds residents but no second set of compounds or facilities.
    const again = expectOk(await t.host.runJob(office.adminConn, 'demo.generate', { residents: 100, seed: 4 })) as DemoOutput;
    expect(again.added).toEqual({});
    expect(all<{ n: number }>(t, 'SELECT count(*) AS n FROM compounds')[0].n).toBe(compounds.length);
  });
});
