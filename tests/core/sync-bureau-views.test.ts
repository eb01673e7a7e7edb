/**
 * What the bureau sees after taking in real bundles: each office's counts equal what the office's own
 * `system.info` shows (under the same labels), the city's totals add them up, and a module's figures
 * across offices (elderly care's person-times and people served) equal that office's own statistics.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { expectFailure, expectOk } from '../support/results';
import { createUser } from '../support/office';
import { enrolledOffice, exportBundle, setupBureau } from '../support/sync';
import type { MethodOutput } from '../../shared/contract';

afterEach(disposeTestResources);

describe('bureau views', () => {
  it('counts and statistics across offices are the offices’ own figures', async () => {
    const bureau = await setupBureau();
    const a = await enrolledOffice(bureau, 'DWK-A', '朝阳街社区');
    const b = await enrolledOffice(bureau, 'DWK-B', '胜利街社区');
    expectOk(await a.t.host.runJob(a.office.adminConn, 'demo.generate', { residents: 300, seed: 11 }));
    expectOk(await b.t.host.runJob(b.office.adminConn, 'demo.generate', { residents: 200, seed: 12 }));
    const files = [(await exportBundle(a, makeTempDir())).file!, (await exportBundle(b, makeTempDir())).file!];
    const taken = expectOk(await bureau.t.host.runJob(bureau.conn, 'bureau.import', { files })) as MethodOutput<'bureau.import'>;
    expect(taken.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const view = expectOk(await bureau.t.call(bureau.conn, 'bureau.offices', {}));
    for (const o of [a, b]) {
      const info = expectOk(await o.t.call(o.office.adminConn, 'system.info', {}));
      const at = view.offices.find((x) => x.code === o.code)!;
      for (const label of ['residents', 'households', 'facilities', 'service_orders']) expect(at.counts[label], label).toBe(info.counts[label]);
      expect(at).toMatchObject({ active: true, appliedSequence: 1, held: [], missing: [] });
    }
    expect(view.totals.residents).toBe(view.offices.reduce((n, o) => n + o.counts.residents, 0));

    const period = { from: '2000-01-01', to: '2100-12-31' };
    const stats = expectOk(await bureau.t.call(bureau.conn, 'bureau.stats', period));
    const personTimes = stats.figures.find((f) => f.key === 'eldercare.person_times')!;
    const served = stats.figures.find((f) => f.key === 'eldercare.people_served')!;
    for (const o of [a, b]) {
      const own = expectOk(await o.t.call(o.office.adminConn, 'eldercare.stats', period));
      expect(personTimes.byOffice[o.code] ?? 0).toBe(own.personTimes);
      expect(served.byOffice[o.code] ?? 0).toBe(own.peopleServed);
    }
    expect(personTimes.total).toBeGreaterThan(0);
    expect(expectFailure(await bureau.t.call(bureau.conn, 'bureau.stats', { from: '2025-02-01', to: '2025-01-01' }), 'INVALID_INPUT').issues?.[0].code).toBe('sync.period_order');

    // A viewer at the bureau reads the views, but cannot enroll, import or publish.
    const viewer = await createUser(bureau.t, { admin: { username: 'admin', password: '', userId: '' }, adminConn: bureau.conn }, 'viewer');
    expectOk(await bureau.t.call(viewer.conn, 'bureau.offices', {}));
    expectFailure(await bureau.t.call(viewer.conn, 'bureau.enroll', { officeCode: 'X-1', officeName: '某社区', out: makeTempDir() + '/x.cdenroll' }), 'FORBIDDEN');
    expectFailure(await bureau.t.host.runJob(viewer.conn, 'bureau.import', { files }), 'FORBIDDEN');
    // An office database is not a bureau: its bureau views refuse with a message.
    expect(expectFailure(await a.t.call(a.office.adminConn, 'bureau.offices', {}), 'INVALID_INPUT').issues?.[0].code).toBe('sync.is_office');
  });
});
