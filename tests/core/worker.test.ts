/**
 * The core in its worker thread: the same host, reached through messages, as Electron main and the
 * browser preview use it. Starts the real worker (the tsx development entry).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreWorkerError, startCoreWorker, type CoreClient } from '../../electron/core/worker-client';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrate';
import type { EventName } from '../../shared/contract';
import { captureLogger } from '../support/captured-log';
import { ADMIN_PASSWORD, SETUP_INPUT } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { TEST_APP_VERSION, TEST_PASSWORD_COST } from '../support/test-host';
import { disposeTestResources, makeTempDir, onDispose, sha256 } from '../support/temp-dir';

afterEach(disposeTestResources);

const ENTRY = path.resolve('electron/core/worker-dev-entry.cjs');

async function startWorker(dbPath: string, logger = captureLogger().logger, encryption = true): Promise<CoreClient> {
  const client = await startCoreWorker(ENTRY, { dbPath, create: true, appVersion: TEST_APP_VERSION, passwordCostLog2: TEST_PASSWORD_COST, encryption }, logger);
  onDispose(() => client.close());
  return client;
}

describe('the core worker', () => {
  it('runs setup, login and system.info through the worker thread', async () => {
    const dbPath = path.join(makeTempDir(), 'worker.civicdesk');
    const core = await startWorker(dbPath);

    expectOk(await core.dispatch('window-1', 'office.setup', SETUP_INPUT));
    const session = expectOk(await core.dispatch('window-1', 'accounts.login', { username: 'admin', password: ADMIN_PASSWORD })) as { role: string };
    expect(session.role).toBe('admin');
    const info = expectOk(await core.dispatch('window-1', 'system.info', {})) as { schemaVersion: number; appVersion: string; office: object };
    expect(info).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, appVersion: TEST_APP_VERSION, office: SETUP_INPUT.office });

    // Sessions are per connection inside the worker too.
    expectFailure(await core.dispatch('window-2', 'system.info', {}), 'UNAUTHENTICATED');
    expect(fs.existsSync(dbPath)).toBe(true);
  });

  it('refuses a body nested thousands deep before copying it to the worker (the copy overflowed the stack), and goes on', async () => {
    const core = await startWorker(path.join(makeTempDir(), 'worker.civicdesk'));
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const refused = expectFailure(await core.dispatch('window-1', 'office.status', { x: deep } as never), 'INVALID_INPUT');
    expect(refused.issues?.[0]).toMatchObject({ code: 'too_deep' });
    expectOk(await core.dispatch('window-1', 'office.status', {}));
  });

  it('forwards job events to the parent, tagged with their connection', async () => {
    const core = await startWorker(path.join(makeTempDir(), 'events.civicdesk'));
    expectOk(await core.dispatch('w', 'office.setup', SETUP_INPUT));
    expectOk(await core.dispatch('w', 'accounts.login', { username: 'admin', password: ADMIN_PASSWORD }));
    const events: Array<[string | null, EventName]> = [];
    const done = new Promise<void>((resolve) => {
      core.onEvent((connectionId, event) => {
        events.push([connectionId, event]);
        if (event === 'job.finished') resolve();
      });
    });
    expectOk(await core.dispatch('w', 'system.checkIntegrity', {}));
    await done;
    expect(events).toContainEqual(['w', 'job.progress']);
    expect(events.at(-1)).toEqual(['w', 'job.finished']);
  });

  it('logs an unexpected error’s stack in the parent, redacted; the caller gets only INTERNAL and its reference', async () => {
    const { logger, lines } = captureLogger();
    const dbPath = path.join(makeTempDir(), 'log.civicdesk');
    // Unencrypted, so that a second plain connection can plant the failure below.
    const core = await startWorker(dbPath, logger, false);
    // A second connection plants a real SQLite failure whose text carries an ID number and a password.
    const other = new Database(dbPath);
    other.exec("CREATE TRIGGER refuse_users BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'refused 640202199001011234 password=hunter2'); END");
    other.close();

    const error = expectFailure(await core.dispatch('w', 'office.setup', SETUP_INPUT), 'INTERNAL');
    expect(JSON.stringify(error)).not.toContain('refused');
    const logged = lines.filter((l) => l.level === 'error').map((l) => l.message);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(error.ref);
    expect(logged[0]).toMatch(/\n\s+at /);
    expect(logged[0]).toContain('640202********1234');
    expect(logged[0]).not.toContain('640202199001011234');
    expect(logged[0]).not.toContain('hunter2');
  });

  it('refuses to start on a file that is not a database, with reason not_a_database, leaving it unchanged', async () => {
    const file = path.join(makeTempDir(), 'notes.txt');
    fs.writeFileSync(file, '这不是数据库 — this is not a database\n'.repeat(50));
    const hash = sha256(file);
    const error = await startCoreWorker(ENTRY, { dbPath: file, appVersion: TEST_APP_VERSION }, captureLogger().logger).then(
      () => expect.fail('the worker started'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CoreWorkerError);
    expect(error).toMatchObject({ reason: 'not_a_database' });
    expect((error as Error).message).toContain(file);
    expect(sha256(file)).toBe(hash);
  });
});
