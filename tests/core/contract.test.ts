/**
 * The one contract, checked as a whole: every method has a handler in the core, a valid access
 * value, and is listed in `methodNames` (which the IPC loop and the HTTP door register from), and
 * the dispatcher enforces each method's access for every role.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contract, methodNames, type ErrorCode, type MethodName, type Result } from '../../shared/contract';
import { PERMISSIONS, ROLES, roleHas, type Permission, type Role } from '../../shared/domain/roles';
import { methodSamples, type MethodSamples } from '../support/method-samples';
import { ADMIN_PASSWORD, USER_PASSWORD, createUser, newConnection, setupOffice, type TestUser } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { snapshotTables } from '../support/db-inspect';

afterEach(disposeTestResources);

// accounts.recover: the printed recovery key is the credential when every password is lost.
const PUBLIC_METHODS = ['office.status', 'office.setup', 'accounts.login', 'accounts.logout', 'accounts.session', 'accounts.recover'];
/**
 * Outcomes that mean a call never got a proper answer from its handler: the dispatcher's refusals,
 * and INTERNAL (a missing handler is a TypeError there). INVALID_INPUT is not listed because the
 * samples are checked against their schemas, so it can only come from a handler's own rule.
 */
const NOT_HANDLED: ErrorCode[] = ['UNKNOWN_METHOD', 'UNAUTHENTICATED', 'SESSION_LOCKED', 'FORBIDDEN', 'INTERNAL'];

const isPermission = (access: string): access is Permission => (PERMISSIONS as readonly string[]).includes(access);

/** Send a sample through the untyped door, as IPC and HTTP do; for a job, wait for its outcome. */
async function dispatchSample(t: TestHost, conn: string, method: MethodName, samples: MethodSamples): Promise<Result<unknown>> {
  if (contract[method].kind === 'job') return t.host.runJob(conn, method, samples[method]);
  return t.host.dispatch(conn, method, samples[method]);
}

describe('contract shape', () => {
  it('methodNames lists every contract method exactly once, so the IPC loop registers all of them', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(contract).sort());
    expect(new Set(methodNames).size).toBe(methodNames.length);
    expect(methodNames.length).toBeGreaterThanOrEqual(18);
  });

  it.each(methodNames)('%s has a feature.verb name, a kind, and access public, session or a known permission', (name) => {
    const def = contract[name];
    expect(name).toMatch(/^[a-z]+(\.[a-z][A-Za-z]*)+$/);
    expect(['query', 'mutation', 'job']).toContain(def.kind);
    expect(def.access === 'public' || def.access === 'session' || isPermission(def.access)).toBe(true);
  });

  it('only setup, status, login, logout, session and recovery can be called without signing in', () => {
    expect(methodNames.filter((m) => contract[m].access === 'public').sort()).toEqual([...PUBLIC_METHODS].sort());
  });

  it('every method has a sample (each section keeps its own file under tests/support/method-samples/sections), and no sample names a method the contract lacks', () => {
    const samples = methodSamples({ targetUserId: '0195a1b2-0000-7000-8000-00000000000a', targetUserVersion: 1, settingsVersion: 1, callerPassword: 'Any-pass-1' });
    expect(Object.keys(samples).sort()).toEqual([...methodNames].sort());
  });

  it('every sample input used by these tests is valid for its method', () => {
    const samples = methodSamples({
      targetUserId: '0195a1b2-0000-7000-8000-00000000000a',
      targetUserVersion: 1,
      settingsVersion: 1,
      callerPassword: 'Any-pass-1',
    });
    for (const name of methodNames) {
      const parsed = contract[name].input.safeParse(samples[name]);
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
    }
  });
});

describe('every method reaches a real handler', () => {
  it.each(methodNames)('%s, called by a signed-in administrator, is answered by its handler', async (name) => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const target = await createUser(t, office, 'clerk');
    const settings = expectOk(await t.call(office.adminConn, 'office.settings.get', {}));
    const samples = methodSamples({
      targetUserId: target.user.id,
      targetUserVersion: target.user.version,
      settingsVersion: settings.version,
      callerPassword: ADMIN_PASSWORD,
    });

    const result = await dispatchSample(t, office.adminConn, name, samples);

    // ok, or the handler's own answer (NOT_FOUND for a sample id, ALREADY_INITIALIZED for setup).
    const outcome = result.ok ? 'ok' : result.error.code;
    expect(NOT_HANDLED).not.toContain(outcome);
    if (name === 'office.setup') expect(outcome).toBe('ALREADY_INITIALIZED');
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('access is enforced for every method', () => {
  interface World {
    t: TestHost;
    users: Record<Role, TestUser | { conn: string }>;
    samples: MethodSamples;
  }

  async function world(): Promise<World> {
    const t = createTestHost();
    const office = await setupOffice(t);
    const target = await createUser(t, office, 'clerk', 'target.user');
    const users: Record<Role, TestUser | { conn: string }> = {
      admin: { conn: office.adminConn },
      supervisor: await createUser(t, office, 'supervisor'),
      clerk: await createUser(t, office, 'clerk'),
      viewer: await createUser(t, office, 'viewer'),
    };
    const settings = expectOk(await t.call(office.adminConn, 'office.settings.get', {}));
    const samples = methodSamples({
      targetUserId: target.user.id,
      targetUserVersion: target.user.version,
      settingsVersion: settings.version,
      callerPassword: USER_PASSWORD,
    });
    return { t, users, samples };
  }

  it('a role without the method’s permission gets FORBIDDEN naming it, and nothing is written', async () => {
    const { t, users, samples } = await world();
    const before = snapshotTables(t.host.db);
    let refusals = 0;
    for (const name of methodNames) {
      const access = contract[name].access;
      if (!isPermission(access)) continue;
      for (const role of ROLES.filter((r) => !roleHas(r, access))) {
        const error = expectFailure(await t.host.dispatch(users[role].conn, name, samples[name]), 'FORBIDDEN');
        expect(error.params, `${role} → ${name}`).toEqual({ permission: access });
        refusals += 1;
      }
    }
    expect(refusals).toBeGreaterThan(10);
    expect(snapshotTables(t.host.db)).toEqual(before);
  });

  it('a role with the method’s permission is let through to the handler', async () => {
    const { t, users, samples } = await world();
    for (const name of methodNames) {
      const access = contract[name].access;
      if (!isPermission(access)) continue;
      for (const role of ROLES.filter((r) => roleHas(r, access))) {
        const result = await dispatchSample(t, users[role].conn, name, samples);
        // The handler may refuse on its own terms (NOT_FOUND for a sample id, STALE_VERSION).
        const outcome = result.ok ? 'ok' : result.error.code;
        expect(NOT_HANDLED, `${role} → ${name}: ${outcome}`).not.toContain(outcome);
      }
    }
  });

  it('every method that is not public answers UNAUTHENTICATED to a connection nobody signed in on', async () => {
    const { t, samples } = await world();
    const stranger = newConnection('stranger');
    const guarded = methodNames.filter((m) => contract[m].access !== 'public');
    expect(guarded.length).toBeGreaterThan(10);
    for (const name of guarded) {
      expectFailure(await t.host.dispatch(stranger, name, samples[name]), 'UNAUTHENTICATED');
    }
  });

});
