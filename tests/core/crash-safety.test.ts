/**
 * Crash safety: child processes write through the real core (registering residents, moving
 * household members) into one encrypted database and are killed with SIGKILL at random moments,
 * 200 times. Afterwards the database passes integrity_check, every write a child acknowledged is
 * there, no household has members without a head, the change log runs 1…n without a gap, and the
 * audit chain verifies. (`npm run bench` has a 1,000-kill soak of the same.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleCrashWriter, CRASH_ADMIN, crashProblems, createCrashOffice, killRepeatedly, openAfterCrashes } from '../support/crash-harness';
import { SQLITE_HEADER } from '../support/backups';
import { disposeTestResources, makeTempDir, onDispose } from '../support/temp-dir';

afterEach(disposeTestResources);

const KILLS = 200;

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments: sound file, every acknowledged write, invariants hold`, async () => {
    const dir = makeTempDir('civicdesk-crash-');
    const writer = await bundleCrashWriter(makeTempDir('civicdesk-crash-bundle-'));
    const dbPath = path.join(dir, 'office.civicdesk');
    await createCrashOffice(dbPath);

    const started = Date.now();
    const run = await killRepeatedly({ writer, dbPath, ...CRASH_ADMIN, kills: KILLS, lanes: 2 });
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `crash safety: ${run.kills} kills in ${seconds.toFixed(0)} s (${run.killsMidWriting} after writing had begun); ` +
        `${run.registered.size} registrations and ${run.moved.length} moves acknowledged`,
    );
    expect(run.unexpectedExits).toEqual([]);
    expect(run.kills).toBe(KILLS);
    // Most kills land while the child is writing, not while it is starting.
    expect(run.killsMidWriting).toBeGreaterThan(KILLS * 0.6);
    expect(run.registered.size).toBeGreaterThan(KILLS / 2);
    expect(run.moved.length).toBeGreaterThan(KILLS / 10);

    const host = await openAfterCrashes(dbPath);
    onDispose(() => host.close());
    expect(crashProblems(host.db, run)).toEqual([]);
    const audit = await host.runJob('check', 'audit.verify', {});
    expect(audit).toMatchObject({ ok: true, value: { ok: true } });
    for (const name of fs.readdirSync(dir)) {
      expect(fs.readFileSync(path.join(dir, name)).subarray(0, 16).equals(SQLITE_HEADER), name).toBe(false);
    }
  }, 900_000);
});
