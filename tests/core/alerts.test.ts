/**
 * The alert inbox and the facility alerts: a licence or filing expiring within the office's window,
 * one expired, and a rectification overdue each fire exactly once (a scan run daily raises nothing
 * new), resolve themselves when the condition is gone (renewed, followed up, closed), and fire again
 * for a new expiry date. Who sees them, acknowledging and resolving by hand, stale versions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../shared/contract';
import { DEFAULT_ELDERCARE_SETTINGS } from '../../shared/domain/eldercare/settings';
import { translate } from '../../shared/i18n';
import { expectFailure, expectOk } from '../support/results';
import { login, newConnection } from '../support/office';
import { setupRegistry, type RegistryOffice } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { TestClock } from '../support/test-clock';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

const DAY_MS = 86_400_000;

const facility: MethodInput<'eldercare.facilities.save'> = {
  name: '朝阳街道日间照料中心',
  kind: 'day_care',
  operator: 'public',
  services: [{ code: 'meal', days: [1, 2, 3, 4, 5] }],
};

interface Desk {
  t: TestHost;
  o: RegistryOffice;
  clerk: string;
  viewer: string;
}

/** An office at 2025-03-10 (Beijing) with a clerk and a viewer signed in. */
async function desk(): Promise<Desk> {
  const t = createTestHost({ clock: new TestClock('2025-03-10T02:00:00.000Z') });
  const o = await setupRegistry(t);
  return { t, o, clerk: o.clerk.conn, viewer: o.viewer.conn };
}

/** Days pass: the clock moves on and the clerk and viewer sign in again (idle sessions lock). */
async function daysPass(d: Desk, days: number): Promise<void> {
  d.t.clock.advanceMs(days * DAY_MS);
  d.clerk = newConnection('clerk');
  await login(d.t, d.clerk, d.o.clerk.user.username, d.o.clerk.password);
  d.viewer = newConnection('viewer');
  await login(d.t, d.viewer, d.o.viewer.user.username, d.o.viewer.password);
}

async function inbox(d: Desk, status: 'active' | 'resolved' | 'open' = 'active') {
  return expectOk(await d.t.call(d.clerk, 'alerts.list', { status })).items;
}

const scan = async (d: Desk) => expectOk(await d.t.call(d.clerk, 'eldercare.alerts.scan', {}));

describe('licence expiry alerts fire once', () => {
  it('a filing ending within the window raises one alert, on saving and however often the scan runs', async () => {
    const d = await desk();
    const f = expectOk(await d.t.call(d.clerk, 'eldercare.facilities.save', facility));
    // 60 days from 2025-03-10 is 2025-05-09: a filing ending on 2025-05-10 is outside, on 2025-05-09 inside.
    const outside = expectOk(await d.t.call(d.clerk, 'eldercare.licences.save', { facilityId: f.id, kind: 'filing', title: '备案回执', number: 'BA-2', expiresOn: '2025-05-10' }));
    expect(await inbox(d)).toEqual([]);
    const l = expectOk(await d.t.call(d.clerk, 'eldercare.licences.save', { facilityId: f.id, kind: 'filing', title: '养老机构备案回执', number: 'BA-1', expiresOn: '2025-05-09' }));
    expect(l.state).toBe('expiring');
    const [alert] = await inbox(d);
    expect(alert).toMatchObject({
      source: 'eldercare.licence_expiring',
      key: `${l.id}:2025-05-09`,
      severity: 'warning',
      entity: 'facilities',
      entityId: f.id,
      dueOn: '2025-05-09',
      status: 'open',
      params: { facility: '朝阳街道日间照料中心', title: '养老机构备案回执', number: 'BA-1', expiresOn: '2025-05-09' },
    });
    expect(translate('zh-CN', `alerts.sources.${alert.source}`, alert.params)).toBe('朝阳街道日间照料中心 的养老机构备案回执（BA-1）将于 2025-05-09 到期。');

    expect(await scan(d)).toEqual({ raised: 0, resolved: 0 });
    expect(await scan(d)).toEqual({ raised: 0, resolved: 0 });
    await daysPass(d, 1);
    // The next day the other filing enters the window: one new alert, the first one not again.
    expect(await scan(d)).toEqual({ raised: 1, resolved: 0 });
    expect(await scan(d)).toEqual({ raised: 0, resolved: 0 });
    expect((await inbox(d)).map((a) => a.params.number).sort()).toEqual(['BA-1', 'BA-2']);
    expect(expectOk(await d.t.call(d.clerk, 'alerts.counts', {}))).toEqual({ open: 2, acknowledged: 0, urgent: 0, bySource: { 'eldercare.licence_expiring': 2 } });
    void outside;
  });

  it('renewing resolves the alert; the new expiry alerts again when it comes near; expiring turns into expired', async () => {
    const d = await desk();
    const f = expectOk(await d.t.call(d.clerk, 'eldercare.facilities.save', facility));
    const l = expectOk(await d.t.call(d.clerk, 'eldercare.licences.save', { facilityId: f.id, kind: 'licence', title: '设立许可', number: 'XK-1', expiresOn: '2025-04-01' }));
    const [first] = await inbox(d);
    // Renewed for a year: the alert about 2025-04-01 is resolved by the module, not by a person.
    const renewed = expectOk(await d.t.call(d.clerk, 'eldercare.licences.save', { id: l.id, version: l.version, facilityId: f.id, kind: 'licence', title: '设立许可', number: 'XK-1', expiresOn: '2026-04-01' }));
    expect(await inbox(d)).toEqual([]);
    const [resolved] = await inbox(d, 'resolved');
    expect(resolved).toMatchObject({ id: first.id, status: 'resolved', resolvedBy: null, resolution: null });
    // A year on, the new date enters the window: a new alert (its key names the new date).
    await daysPass(d, 340);
    expect(await scan(d)).toEqual({ raised: 1, resolved: 0 });
    const [again] = await inbox(d);
    expect(again).toMatchObject({ source: 'eldercare.licence_expiring', key: `${l.id}:2026-04-01` });
    expect(again.id).not.toBe(first.id);
    // Not renewed in time: the day after it ends, the expiring alert gives way to an urgent expired one.
    await daysPass(d, 47);
    // 2026-04-01 itself: the licence is valid through its last day.
    expect(await scan(d)).toEqual({ raised: 0, resolved: 0 });
    await daysPass(d, 1);
    expect(await scan(d)).toEqual({ raised: 1, resolved: 1 });
    const [expired] = await inbox(d);
    expect(expired).toMatchObject({ source: 'eldercare.licence_expired', severity: 'urgent', key: `${l.id}:2026-04-01` });
    expect(await scan(d)).toEqual({ raised: 0, resolved: 0 });
    expect(expectOk(await d.t.call(d.clerk, 'alerts.counts', {})).urgent).toBe(1);
    void renewed;
  });

  it('the window is the office’s setting; closing the facility or removing the licence resolves its alerts', async () => {
    const d = await desk();
    const f = expectOk(await d.t.call(d.clerk, 'eldercare.facilities.save', facility));
    const l = expectOk(await d.t.call(d.clerk, 'eldercare.licences.save', { facilityId: f.id, kind: 'licence', title: '设立许可', number: 'XK-1', expiresOn: '2025-06-30' }));
    expect(await inbox(d)).toEqual([]);
    expectOk(await d.t.call(d.o.adminConn, 'eldercare.settings.update', { ...DEFAULT_ELDERCARE_SETTINGS, licenceExpiryAlertDays: 120, version: null }));
    expect(await scan(d)).toEqual({ raised: 1, resolved: 0 });
    const closed = expectOk(await d.t.call(d.clerk, 'eldercare.facilities.setStatus', { id: f.id, version: f.version, status: 'closed', on: '2025-03-10' }));
    expect(await inbox(d)).toEqual([]);
    expect(await scan(d)).toEqual({ raised: 0, resolved: 0 });
    // Reopened: the same licence and date were alerted before — it stays resolved rather than firing twice.
    expectOk(await d.t.call(d.clerk, 'eldercare.facilities.setStatus', { id: f.id, version: closed.version, status: 'active', on: '2025-03-10' }));
    expect(await inbox(d)).toEqual([]);
    const l2 = expectOk(await d.t.call(d.clerk, 'eldercare.licences.save', { facilityId: f.id, kind: 'filing', title: '备案', number: 'BA-9', expiresOn: '2025-04-30' }));
    expect(await inbox(d)).toHaveLength(1);
    expectOk(await d.t.call(d.clerk, 'eldercare.licences.remove', { id: l2.id, version: l2.version }));
    expect(await inbox(d)).toEqual([]);
    void l;
  });
});

describe('rectification alerts', () => {
  it('an overdue rectification alerts once; recording the follow-up resolves it', async () => {
    const d = await desk();
    const f = expectOk(await d.t.call(d.clerk, 'eldercare.facilities.save', facility));
    const i = expectOk(await d.t.call(d.clerk, 'eldercare.inspections.save', { facilityId: f.id, inspectedOn: '2025-03-01', inspector: '王建国', findings: '消防通道堆放杂物', rectificationDue: '2025-03-10' }));
    // Due today is not yet overdue.
    expect(i.state).toBe('open');
    expect(await inbox(d)).toEqual([]);
    await daysPass(d, 1);
    expect(await scan(d)).toEqual({ raised: 1, resolved: 0 });
    expect(await scan(d)).toEqual({ raised: 0, resolved: 0 });
    const [alert] = await inbox(d);
    expect(alert).toMatchObject({ source: 'eldercare.rectification_overdue', key: `${i.id}:2025-03-10`, params: { facility: '朝阳街道日间照料中心', inspectedOn: '2025-03-01', due: '2025-03-10' } });
    const listed = expectOk(await d.t.call(d.clerk, 'eldercare.facilities.list', { warning: 'rectification_overdue' }));
    expect(listed.map((x) => x.id)).toEqual([f.id]);

    const done = expectOk(
      await d.t.call(d.clerk, 'eldercare.inspections.save', { id: i.id, version: i.version, facilityId: f.id, inspectedOn: '2025-03-01', inspector: '王建国', findings: '消防通道堆放杂物', rectificationDue: '2025-03-10', followedUpOn: '2025-03-11', followUpNote: '已清理' }),
    );
    expect(done.state).toBe('done');
    expect(await inbox(d)).toEqual([]);
    expect(await scan(d)).toEqual({ raised: 0, resolved: 0 });
    expect(expectOk(await d.t.call(d.clerk, 'eldercare.facilities.list', { warning: 'rectification_overdue' }))).toEqual([]);
  });
});

describe('the inbox', () => {
  it('the clerks who act see the facility alerts; a viewer does not; acknowledge and resolve by hand, with versions', async () => {
    const d = await desk();
    const f = expectOk(await d.t.call(d.clerk, 'eldercare.facilities.save', facility));
    expectOk(await d.t.call(d.clerk, 'eldercare.licences.save', { facilityId: f.id, kind: 'licence', title: '设立许可', number: 'XK-1', expiresOn: '2025-03-20' }));
    expect(expectOk(await d.t.call(d.viewer, 'alerts.list', {})).items).toEqual([]);
    expect(expectOk(await d.t.call(d.viewer, 'alerts.counts', {})).open).toBe(0);
    const [alert] = await inbox(d);
    expectFailure(await d.t.call(d.viewer, 'alerts.acknowledge', { id: alert.id, version: alert.version }), 'FORBIDDEN');

    const seen = expectOk(await d.t.call(d.clerk, 'alerts.acknowledge', { id: alert.id, version: alert.version }));
    expect(seen).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'clerk 用户', version: alert.version + 1 });
    expect(expectOk(await d.t.call(d.clerk, 'alerts.counts', {}))).toMatchObject({ open: 0, acknowledged: 1 });
    expect(await inbox(d, 'open')).toEqual([]);
    expectFailure(await d.t.call(d.clerk, 'alerts.resolve', { id: alert.id, version: alert.version, note: '已续期' }), 'STALE_VERSION');
    const done = expectOk(await d.t.call(d.o.supervisor.conn, 'alerts.resolve', { id: alert.id, version: seen.version, note: '已提交续期申请' }));
    expect(done).toMatchObject({ status: 'resolved', resolution: '已提交续期申请', resolvedBy: 'supervisor 用户' });
    expect(expectFailure(await d.t.call(d.clerk, 'alerts.resolve', { id: alert.id, version: done.version }), 'INVALID_INPUT').issues?.[0]).toMatchObject({ code: 'alerts.already_resolved' });
    // Resolved by hand, the condition still holding: the scan does not raise it again.
    expect(await scan(d)).toEqual({ raised: 0, resolved: 0 });
    expectFailure(await d.t.call(d.clerk, 'alerts.acknowledge', { id: '0195a1b2-3c4d-7e5f-8a9b-0000000000a1', version: 1 }), 'NOT_FOUND');
  });

  it('alerts are records: raised inside the write that caused them, with the change log', async () => {
    const d = await desk();
    const f = expectOk(await d.t.call(d.clerk, 'eldercare.facilities.save', facility));
    const saved = await d.t.call(d.clerk, 'eldercare.licences.save', { facilityId: f.id, kind: 'licence', title: '设立许可', number: 'XK-1', expiresOn: '2025-03-20' });
    expect(saved.ok && saved.changed).toEqual(['alerts', 'facility_licences']);
    const txs = d.t.host.db.prepare("SELECT DISTINCT tx FROM change_log WHERE entity IN ('alerts', 'facility_licences')").pluck().all();
    expect(txs).toHaveLength(1);
  });
});
