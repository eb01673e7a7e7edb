/**
 * The dispatcher: input validation with field paths, unknown methods, sessions and permissions,
 * and the shaping of unexpected errors (INTERNAL with a reference, the stack only in the log).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { insertUser, listUsers } from '../../electron/core/accounts/repository';
import { findOffice } from '../../electron/core/office/repository';
import { ContractFailure } from '../../electron/core/errors';
import { uuidv7 } from '../../electron/core/ids';
import type { User } from '../../shared/contract';
import { SETUP_INPUT, createUser, newConnection, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { maxSeq, rowCount } from '../support/db-inspect';

afterEach(disposeTestResources);

/** Every key anywhere inside a value (objects and arrays). */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]);
  return [];
}

describe('input validation', () => {
  it('office.setup with a bad division code answers INVALID_INPUT at office.divisionCode with code division_code', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const result = await t.call(newConnection(), 'office.setup', { ...SETUP_INPUT, office: { ...SETUP_INPUT.office, divisionCode: '04020' } });
    const error = expectFailure(result, 'INVALID_INPUT');
    expect(error.issues).toEqual([
      { path: ['office', 'divisionCode'], code: 'office.division_code', params: {}, message: 'The division code has 6 digits, e.g. 640202 (Dawukou District).' },
    ]);
    expect(rowCount(t.host.db, 'office')).toBe(0);
  });

  it('reports every bad field at once, each with its own path and code', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const result = await t.host.dispatch(newConnection(), 'office.setup', {
      office: { code: '!', name: 'x', divisionCode: '640202' },
      admin: { username: 'a b', displayName: '', password: 'short1' },
    });
    const issues = expectFailure(result, 'INVALID_INPUT').issues ?? [];
    expect(issues.map((i) => [i.path.join('.'), i.code]).sort()).toEqual(
      [
        ['admin.displayName', 'required'],
        ['admin.password', 'accounts.password_short'],
        ['admin.username', 'accounts.username'],
        ['office.code', 'office.office_code'],
        ['office.name', 'too_short'],
      ].sort(),
    );
    expect(issues.find((i) => i.path.join('.') === 'office.name')?.params).toEqual({ minimum: 2 });
  });

  it('a field a strict input does not know is refused as unknown_field naming it', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const error = expectFailure(await t.host.dispatch(newConnection(), 'office.status', { debug: true }), 'INVALID_INPUT');
    expect(error.issues).toMatchObject([{ path: [], code: 'unknown_field', params: { keys: 'debug' } }]);
  });

  it('a value of the wrong type is invalid_type, a missing one required', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const wrongType = await t.host.dispatch(office.adminConn, 'office.settings.update', { version: 1, idleLockMinutes: 'ten' });
    expect(expectFailure(wrongType, 'INVALID_INPUT').issues).toMatchObject([{ path: ['idleLockMinutes'], code: 'invalid_type' }]);
    const missing = await t.host.dispatch(office.adminConn, 'office.settings.update', { idleLockMinutes: 10 });
    expect(expectFailure(missing, 'INVALID_INPUT').issues).toMatchObject([{ path: ['version'], code: 'required' }]);
  });

  it('input that is not an object at all is INVALID_INPUT, never a crash', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    for (const input of ['text', 42, [1, 2], true]) {
      expectFailure(await t.host.dispatch(newConnection(), 'accounts.login', input), 'INVALID_INPUT');
    }
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('handlers receive the parsed input: names are trimmed before they are stored', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const input = { ...SETUP_INPUT, office: { ...SETUP_INPUT.office, code: '  DWK-CYJ ' }, admin: { ...SETUP_INPUT.admin, username: ' admin ' } };
    expectOk(await t.call(newConnection(), 'office.setup', input));
    expect(findOffice(t.host.db)?.code).toBe('DWK-CYJ');
    expect(listUsers(t.host.db).map((u) => u.username)).toEqual(['admin']);
  });
});

describe('method names', () => {
  it.each([['office.teleport'], ['toString'], ['constructor'], ['__proto__'], [''], [42], [null]])(
    'an unknown method %j answers UNKNOWN_METHOD',
    async (method) => {
      const t = createTestHost({ extra: { encryption: false } });
      const error = expectFailure(await t.host.dispatch(newConnection(), method, {}), 'UNKNOWN_METHOD');
      expect(error.params).toEqual({ method: String(method) });
    },
  );
});

describe('sessions and permissions', () => {
  it('a viewer calling accounts.users.create or office.settings.update is FORBIDDEN and nothing is written', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const viewer = await createUser(t, office, 'viewer');
    const seq = maxSeq(t.host.db);

    const create = await t.call(viewer.conn, 'accounts.users.create', { username: 'sneaky', displayName: '某人', role: 'admin', password: 'Sneaky-pass-1' });
    expect(expectFailure(create, 'FORBIDDEN').params).toEqual({ permission: 'accounts.manage' });
    const update = await t.call(viewer.conn, 'office.settings.update', { version: 1, lockoutThreshold: 20 });
    expect(expectFailure(update, 'FORBIDDEN').params).toEqual({ permission: 'office.manage' });

    expect(maxSeq(t.host.db)).toBe(seq);
    expect(listUsers(t.host.db).map((u) => u.username)).not.toContain('sneaky');
  });

  it('a clerk may read office settings but not change them', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk');
    expectOk(await t.call(clerk.conn, 'office.settings.get', {}));
    expectFailure(await t.call(clerk.conn, 'office.settings.update', { version: 1, idleLockMinutes: 60 }), 'FORBIDDEN');
  });

  it('without a session a guarded method answers UNAUTHENTICATED', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    await setupOffice(t);
    expectFailure(await t.call(newConnection(), 'office.settings.get', {}), 'UNAUTHENTICATED');
    expectFailure(await t.call(newConnection(), 'accounts.heartbeat', {}), 'UNAUTHENTICATED');
  });
});

describe('unexpected errors', () => {
  const SECRET = 'db path /home/clerk/secret.db leaked';

  it('a handler that throws answers INTERNAL with a reference; the stack goes only to the log', async () => {
    const t = createTestHost({
      extra: { encryption: false },
      handlerOverrides: {
        'office.status': () => {
          throw new Error(SECRET);
        },
      },
    });
    const error = expectFailure(await t.call(newConnection(), 'office.status', {}), 'INTERNAL');

    expect(error.ref).toMatch(/^[0-9A-F]{8}$/);
    expect(error.params).toEqual({ ref: error.ref });
    expect(error.message).toContain(error.ref);
    const seen = JSON.stringify(error);
    expect(seen).not.toContain('secret.db');
    expect(seen).not.toMatch(/\bat .*\.ts:\d+/);

    const logged = t.logs.filter((l) => l.level === 'error');
    expect(logged).toHaveLength(1);
    expect(logged[0].message).toContain(error.ref);
    expect(logged[0].message).toContain('office.status');
    expect(logged[0].message).toContain(SECRET);
    expect(logged[0].message).toMatch(/\n\s+at .*dispatcher\.test\.ts/); // the stack, pointing at the thrower
  });

  it('each INTERNAL gets its own reference', async () => {
    const t = createTestHost({
      extra: { encryption: false },
      handlerOverrides: {
        'office.status': () => {
          throw new TypeError('boom');
        },
      },
    });
    const refs = new Set<string | undefined>();
    for (let i = 0; i < 5; i += 1) refs.add(expectFailure(await t.call(newConnection(), 'office.status', {}), 'INTERNAL').ref);
    expect(refs.size).toBe(5);
  });

  it('a thrown non-Error value is INTERNAL too, logged as text', async () => {
    const t = createTestHost({
      extra: { encryption: false },
      handlerOverrides: {
        'office.status': () => {
          throw 'plain string failure';
        },
      },
    });
    const error = expectFailure(await t.call(newConnection(), 'office.status', {}), 'INTERNAL');
    expect(JSON.stringify(error)).not.toContain('plain string failure');
    expect(t.logs.some((l) => l.level === 'error' && l.message.includes('plain string failure'))).toBe(true);
  });

  it('an expected failure thrown by a handler passes through as itself, not INTERNAL', async () => {
    const t = createTestHost({
      extra: { encryption: false },
      handlerOverrides: {
        'office.status': () => {
          throw new ContractFailure('NOT_FOUND');
        },
      },
    });
    expectFailure(await t.call(newConnection(), 'office.status', {}), 'NOT_FOUND');
    expect(t.logs).toEqual([]);
  });

  it('a job whose handler throws finishes with INTERNAL and a reference, stack logged', async () => {
    const t = createTestHost({
      extra: { encryption: false },
      handlerOverrides: {
        'system.checkIntegrity': async () => {
          throw new Error(SECRET);
        },
      },
    });
    const office = await setupOffice(t);
    const error = expectFailure(await t.host.runJob(office.adminConn, 'system.checkIntegrity', {}), 'INTERNAL');
    expect(JSON.stringify(error)).not.toContain('secret.db');
    expect(t.logs.some((l) => l.level === 'error' && l.message.includes(error.ref ?? '?') && l.message.includes(SECRET))).toBe(true);
  });
});

describe('output shaping', () => {
  it('accounts.users.list never returns a password hash or any password field', async () => {
    const t = createTestHost({ extra: { encryption: false } });
    const office = await setupOffice(t);
    await createUser(t, office, 'clerk');
    const users = expectOk(await t.call(office.adminConn, 'accounts.users.list', {}));
    expect(users).toHaveLength(2);
    expect(allKeys(users).filter((k) => /password/i.test(k))).toEqual([]);
    expect(JSON.stringify(users)).not.toContain('scrypt$');
  });

  it('the output schema strips fields a handler returns beyond it', async () => {
    const t = createTestHost({
      extra: { encryption: false },
      handlerOverrides: {
        // A careless handler returning raw rows, password_hash included.
        'accounts.users.list': (_input, ctx) =>
          listUsers(ctx.db).map((row) => ({
            ...row,
            displayName: row.display_name,
            disabled: row.disabled === 1,
            lockedUntil: row.locked_until,
            lastLoginAt: row.last_login_at,
            createdAt: row.created_at,
            updatedAt: row.updated_at,
          })),
      },
    });
    const office = await setupOffice(t);
    const users = expectOk(await t.call(office.adminConn, 'accounts.users.list', {}));
    expect(users).toHaveLength(1);
    expect(Object.keys(users[0]).sort()).toEqual(
      ['createdAt', 'disabled', 'displayName', 'id', 'lastLoginAt', 'lockedUntil', 'role', 'updatedAt', 'username', 'version'].sort(),
    );
    expect(allKeys(users).filter((k) => /password/i.test(k))).toEqual([]);
  });

  it('a mutation whose output does not fit its schema is INTERNAL and its writes are rolled back', async () => {
    const t = createTestHost({
      extra: { encryption: false },
      handlerOverrides: {
        'accounts.users.create': (input, ctx) => {
          insertUser(ctx.write(), uuidv7(), { username: input.username, displayName: input.displayName, role: input.role, passwordHash: 'x' });
          return { id: 'not-a-user' } as unknown as User;
        },
      },
    });
    const office = await setupOffice(t);
    const seq = maxSeq(t.host.db);
    const result = await t.call(office.adminConn, 'accounts.users.create', { username: 'half.done', displayName: '半成品', role: 'clerk', password: 'Half-done-1' });
    expectFailure(result, 'INTERNAL');
    expect(listUsers(t.host.db).map((u) => u.username)).toEqual(['admin']);
    expect(maxSeq(t.host.db)).toBe(seq);
  });
});
