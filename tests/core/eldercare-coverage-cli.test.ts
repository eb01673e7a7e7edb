/**
 * `civicdesk eldercare coverage`: the real binary (tsx, Node's require of the ESM-only kdbush and
 * geokdbush) on a database the core wrote, giving the same figures as eldercare.coverage.compute.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, setupOffice } from '../support/office';
import { expectOk } from '../support/results';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { addCompound, addFacility, addGrid, addResident, fixtureWriter, offset, placeResident } from '../support/eldercare-fixtures';

afterEach(disposeTestResources);

const ROOT = path.resolve(__dirname, '..', '..');
const BASE = { lng: 106.38, lat: 39.01 };

function civicdesk(args: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'civicdesk.cjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, CIVICDESK_PASSWORD: ADMIN_PASSWORD, CIVICDESK_LANG: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('civicdesk eldercare coverage', () => {
  it('prints the figures of eldercare.coverage.compute and every uncovered resident', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const w = fixtureWriter(t.host.db, office.admin.userId, t.clock.now());
    t.host.db.transaction(() => {
      const grid = addGrid(w, { code: 'A1', name: '一网格' });
      const near = addCompound(w, { name: '近小区', gridId: grid, position: { ...BASE, crs: 'wgs84' } });
      const far = addCompound(w, { name: '远小区', gridId: grid, position: offset(BASE, 5000) });
      addFacility(w, { name: '朝阳老年食堂', position: offset(BASE, 0, 300) });
      for (let i = 0; i < 3; i++) placeResident(w, addResident(w, { name: `近${i}`, birthDate: '1950-01-01' }), { compoundId: near });
      for (let i = 0; i < 2; i++) placeResident(w, addResident(w, { name: `远${i}`, birthDate: '1950-01-01' }), { compoundId: far });
      addResident(w, { name: '无位置', birthDate: '1950-01-01' });
    })();
    const viaCore = expectOk(await t.call(office.adminConn, 'eldercare.coverage.compute', {}));
    await t.close();

    const run = civicdesk(['eldercare', 'coverage', '--db', t.dbPath, '--user', 'admin', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown> & { uncovered: { person: { name: string }; nearest: { service: string; facility: { minutes: number } | null }[] }[] };
    expect(out).toMatchObject({ olderResidents: 6, withPosition: 5, covered: 3, coverageShare: 0.6, unplaced: 1 });
    expect(out.byService).toEqual(viaCore.byService);
    expect(out.byGrid).toEqual(viaCore.byGrid);
    expect(out.uncovered.map((u) => u.person.name).sort()).toEqual(['远0', '远1']);
    expect(out.uncovered[0].nearest.find((n) => n.service === 'meal')!.facility!.minutes).toBeGreaterThan(15);

    const narrow = civicdesk(['eldercare', 'coverage', '--db', t.dbPath, '--user', 'admin', '--minutes', '3', '--service', 'meal']);
    expect(narrow.code, narrow.stderr).toBe(0);
    // 3 min × 67 m = 201 m < 300 m × 1.3: nobody; the human text names the uncovered.
    expect(narrow.stdout).toContain('远0');
    expect(narrow.stdout).toContain('近0');
    expect(narrow.stdout).toContain('0.0%');
    // Services by the office's names and walks in minutes, in Chinese (the JSON keeps the codes).
    expect(narrow.stdout).toMatch(/助餐 .* 步行 \d+\.\d 分钟/);
    expect(narrow.stdout).not.toMatch(/\bmeal\b|\dmin\b/);

    const bad = civicdesk(['eldercare', 'coverage', '--db', t.dbPath, '--user', 'admin', '--minutes', '0']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--minutes 0');
  }, 120_000);
});
