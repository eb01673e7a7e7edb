/**
 * 养老服务 settings and code tables through the real core: defaults until changed, versions, the
 * office's own entries over the shipped tables, and who may change them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ELDERCARE_SETTINGS } from '../../shared/domain/eldercare/settings';
import { DEFAULT_SERVICES } from '../../shared/domain/eldercare/codes';
import { activeCodes } from '../../electron/core/eldercare/settings/service';
import { rowCount } from '../support/db-inspect';
import type { Db } from '../../electron/core/db/connection';
import { createUser, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

function count(db: Db, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

async function office() {
  const t = createTestHost();
  const o = await setupOffice(t);
  const clerk = await createUser(t, o, 'clerk', 'li.na');
  const viewer = await createUser(t, o, 'viewer', 'zhao.li');
  return { t, o, clerk, viewer };
}

describe('eldercare.settings', () => {
  it('reads the defaults until the office saves; then its values, versioned and change-logged', async () => {
    const { t, o } = await office();
    expect(expectOk(await t.call(o.adminConn, 'eldercare.settings.get', {}))).toEqual({ ...DEFAULT_ELDERCARE_SETTINGS, version: null });
    const saved = expectOk(await t.call(o.adminConn, 'eldercare.settings.update', { ...DEFAULT_ELDERCARE_SETTINGS, circleMinutes: 20, detourFactor: 1.5, version: null }));
    expect(saved).toMatchObject({ circleMinutes: 20, detourFactor: 1.5, version: 1 });
    const again = expectOk(await t.call(o.adminConn, 'eldercare.settings.update', { ...DEFAULT_ELDERCARE_SETTINGS, circleMinutes: 10, version: 1 }));
    expect(again).toMatchObject({ circleMinutes: 10, detourFactor: 1.3, version: 2 });
    expect(count(t.host.db, "SELECT count(*) AS n FROM change_log WHERE entity = 'eldercare_settings'")).toBe(2);
  });

  it('refuses a stale version, a second "first save", and a value out of range, writing nothing', async () => {
    const { t, o } = await office();
    expectOk(await t.call(o.adminConn, 'eldercare.settings.update', { ...DEFAULT_ELDERCARE_SETTINGS, version: null }));
    expectFailure(await t.call(o.adminConn, 'eldercare.settings.update', { ...DEFAULT_ELDERCARE_SETTINGS, version: null }), 'STALE_VERSION');
    expectFailure(await t.call(o.adminConn, 'eldercare.settings.update', { ...DEFAULT_ELDERCARE_SETTINGS, version: 7 }), 'STALE_VERSION');
    const bad = expectFailure(await t.call(o.adminConn, 'eldercare.settings.update', { ...DEFAULT_ELDERCARE_SETTINGS, detourFactor: 5, version: 1 }), 'INVALID_INPUT');
    expect(bad.issues?.[0].path).toEqual(['detourFactor']);
    expect(expectOk(await t.call(o.adminConn, 'eldercare.settings.get', {})).version).toBe(1);
  });

  it('only an administrator changes settings and code tables; everyone signed in reads them', async () => {
    const { t, clerk, viewer } = await office();
    expectFailure(await t.call(clerk.conn, 'eldercare.settings.update', { ...DEFAULT_ELDERCARE_SETTINGS, version: null }), 'FORBIDDEN');
    expectFailure(await t.call(clerk.conn, 'eldercare.codes.save', { table: 'service', code: 'meal', zh: '吃饭', en: 'Meals', active: true }), 'FORBIDDEN');
    expect(expectOk(await t.call(viewer.conn, 'eldercare.settings.get', {})).circleMinutes).toBe(15);
    expect(expectOk(await t.call(viewer.conn, 'eldercare.codes.list', { table: 'service' }))).toHaveLength(DEFAULT_SERVICES.length);
  });
});

describe('eldercare.codes', () => {
  it('renames and retires a shipped entry, adds the office’s own, and lists them in order', async () => {
    const { t, o } = await office();
    expectOk(await t.call(o.adminConn, 'eldercare.codes.save', { table: 'service', code: 'study', zh: '助学', en: 'Study aid', active: false }));
    expectOk(await t.call(o.adminConn, 'eldercare.codes.save', { table: 'service', code: 'meal', zh: '助餐（含送餐）', en: 'Meal aid', active: true }));
    const added = expectOk(await t.call(o.adminConn, 'eldercare.codes.save', { table: 'service', code: 'haircut', zh: '助理发', en: 'Haircut aid', active: true }));
    expect(added).toEqual({ table: 'service', code: 'haircut', zh: '助理发', en: 'Haircut aid', active: true, builtIn: false, sort: 1000 });
    const services = expectOk(await t.call(o.adminConn, 'eldercare.codes.list', { table: 'service' }));
    expect(services.map((c) => c.code)).toEqual([...DEFAULT_SERVICES.map((c) => c.code), 'haircut']);
    expect(services[0]).toMatchObject({ code: 'meal', zh: '助餐（含送餐）', builtIn: true });
    const active = activeCodes(t.host.db, 'service');
    expect(active.has('study')).toBe(false);
    expect(active.has('haircut')).toBe(true);
    // Saving an entry again updates its row, never a second one.
    expectOk(await t.call(o.adminConn, 'eldercare.codes.save', { table: 'service', code: 'study', zh: '助学', en: 'Study aid', active: true }));
    expect(count(t.host.db, "SELECT count(*) AS n FROM eldercare_codes WHERE code = 'study'")).toBe(1);
    // Facility kinds are a table of their own.
    expect(expectOk(await t.call(o.adminConn, 'eldercare.codes.list', { table: 'facility_kind' })).some((c) => c.code === 'haircut')).toBe(false);
  });

  it('refuses a code that is not lower-case letters, digits and underscores, at its field', async () => {
    const { t, o } = await office();
    for (const code of ['Hair', '1abc', 'a', 'meal-aid', '助餐']) {
      const refused = expectFailure(await t.call(o.adminConn, 'eldercare.codes.save', { table: 'service', code, zh: '某', en: 'Some', active: true }), 'INVALID_INPUT');
      expect(refused.issues?.[0]).toMatchObject({ path: ['code'], code: 'eldercare.code' });
    }
    expect(rowCount(t.host.db, 'eldercare_codes')).toBe(0);
  });
});
