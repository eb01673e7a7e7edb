/**
 * The real core for renderer tests: a CoreHost on a SQLite file in a temp folder, reached through
 * a `window.civicdesk` bridge exactly as the Electron preload would expose it. No mocked data layer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreHost, type HostOptions } from '../../../electron/core/host';
import { silentLogger } from '../../../electron/core/log';
import type { Clock } from '../../../electron/core/clock';
import type { z } from 'zod';
import { afterEach, beforeEach } from 'vitest';
import { contract, type ChosenFile, type CivicDeskBridge, type FileUse, type EventEnvelope, type MethodInput, type MethodName, type MethodOutput, type Result } from '../../../shared/contract';

/** The connection the rendered app uses; tests seed data on other connections. */
export const APP_CONNECTION = 'test-conn';
export const ADMIN_PASSWORD = 'secret1234';

export const OFFICE = { code: 'DWK-CYJ', name: '朝阳街道社区服务中心', divisionCode: '640202' };
export const ADMIN = { username: 'admin', displayName: '王芳', password: ADMIN_PASSWORD };

export interface CoreHarness {
  host: CoreHost;
  /** Close the core and open the same file again, as after quitting and starting the app. */
  restart(): Promise<void>;
  /** A controllable clock the core reads; starts at the real time. */
  clock: Clock & { advance(ms: number): void };
  call<M extends MethodName>(connection: string, method: M, input: MethodInput<M>): Promise<Result<unknown>>;
  /** What a system dialog answers when the clerk picks `path` (main asks the core for the handle). */
  choose(path: string, use: FileUse, overwrite?: boolean): ChosenFile;
  /** Set up the office and its administrator, as a previous run would have. */
  seedOffice(): Promise<void>;
  /** The recovery key seedOffice got back (null for an unencrypted database). */
  recoveryKey: string | null;
  /** Run a call as the administrator on a connection of its own (another window, another clerk). */
  asAdmin<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<unknown>>;
  /** Create a user as the administrator (on a connection of its own). */
  createUser(username: string, role: 'admin' | 'supervisor' | 'clerk' | 'viewer', password?: string): Promise<void>;
  close(): Promise<void>;
}

// Indexing through a mapped type keeps each method's output type (as the renderer's client does).
const outputs: { [K in MethodName]: { output: z.ZodType<MethodOutput<K>> } } = contract;

/** Seed data as the administrator: the answer parsed and typed as the renderer's client sees it. */
export async function adminValue<M extends MethodName>(core: Pick<CoreHarness, 'asAdmin'>, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await core.asAdmin(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return outputs[method].output.parse(result.value);
}

function expectOk(result: Result<unknown>, what: string): void {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code} ${result.error.message}`);
}

export function startCore(options: Pick<HostOptions, 'handlerOverrides' | 'databaseCheck'> = {}): CoreHarness {
  const dir = mkdtempSync(join(tmpdir(), 'civicdesk-renderer-'));
  const dbPath = join(dir, 'office.db');
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset), advance: (ms: number) => void (offset += ms) };
  const open = (create: boolean) =>
    new CoreHost({ dbPath, create, appVersion: 'test', passwordCostLog2: 10, clock, log: silentLogger, ...options });
  // The bridge outlives a restart of the core, like the preload outlives a restart of the worker.
  const listeners = new Set<(envelope: EventEnvelope) => void>();
  const forward = (target: CoreHost) =>
    target.onEvent((connectionId, event, payload) => {
      if (connectionId !== null && connectionId !== APP_CONNECTION) return;
      for (const listener of listeners) listener({ event, payload });
    });
  let host = open(true);
  forward(host);
  const bridge: CivicDeskBridge = {
    invoke: (method, input) => host.dispatch(APP_CONNECTION, method, input),
    // As the preview server does with a typed path (its folder check aside): the core's handle for it.
    choosePath: async ({ path, use, overwrite }) => {
      try {
        return { ok: true, file: host.grantFile(APP_CONNECTION, { path, use, overwrite }) };
      } catch {
        return { ok: false, reason: 'refused' };
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  window.civicdesk = bridge;

  const call: CoreHarness['call'] = (connection, method, input) => host.dispatch(connection, method, input);
  return {
    get host() {
      return host;
    },
    async restart() {
      await host.close();
      host = open(false);
      forward(host);
    },
    clock,
    call,
    choose: (path, use, overwrite) => host.grantFile(APP_CONNECTION, { path, use, overwrite }),
    recoveryKey: null,
    async seedOffice() {
      const created = await call('seed', 'office.setup', { office: OFFICE, admin: ADMIN });
      expectOk(created, 'office.setup');
      const value: unknown = created.ok ? created.value : null;
      if (typeof value === 'object' && value !== null && 'recoveryKey' in value && typeof value.recoveryKey === 'string') {
        this.recoveryKey = value.recoveryKey;
      }
    },
    async asAdmin(method, input) {
      expectOk(await call('seed-admin', 'accounts.login', { username: ADMIN.username, password: ADMIN.password }), 'admin login');
      const result = await call('seed-admin', method, input);
      await call('seed-admin', 'accounts.logout', {});
      return result;
    },
    async createUser(username, role, password = 'viewer1234') {
      expectOk(await this.asAdmin('accounts.users.create', { username, displayName: `${username}-name`, role, password }), 'create user');
    },
    async close() {
      delete window.civicdesk;
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The core of the test that is running; the hooks that own it start, seed and close it. */
export type SeededCore = Omit<CoreHarness, 'close' | 'seedOffice'>;

/**
 * A fresh core with the office and its administrator set up, for each test of the file (or the
 * describe block) that calls this at collection time: started and seeded before each test, closed
 * and its folder removed after. The object returned always reaches the running test's core, so a
 * file keeps one `const core` instead of reassigning a `let` in its own hooks.
 */
export function seededCore(): SeededCore {
  let current: CoreHarness | undefined;
  beforeEach(async () => {
    current = startCore();
    await current.seedOffice();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const running = (): CoreHarness => {
    if (!current) throw new Error('seededCore(): the core exists only while a test runs');
    return current;
  };
  return {
    get host() {
      return running().host;
    },
    get clock() {
      return running().clock;
    },
    get recoveryKey() {
      return running().recoveryKey;
    },
    restart: () => running().restart(),
    call: (connection, method, input) => running().call(connection, method, input),
    choose: (path, use, overwrite) => running().choose(path, use, overwrite),
    asAdmin: (method, input) => running().asAdmin(method, input),
    createUser: (username, role, password) => running().createUser(username, role, password),
  };
}
