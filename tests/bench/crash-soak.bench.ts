/**
 * Crash-safety soak: the crash test's writers killed with SIGKILL 1,000 times (CRASH_SOAK_KILLS to
 * change it) on one encrypted database, then the same checks: integrity_check, every acknowledged
 * write present, household and change-log invariants, the audit chain. `failures` must be 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleCrashWriter, CRASH_ADMIN, crashProblems, createCrashOffice, killRepeatedly, openAfterCrashes } from '../support/crash-harness';
import { round, type Bench } from './harness';

export const crashSoakBench: Bench = async ({ dir, log }) => {
  const kills = Number(process.env.CRASH_SOAK_KILLS ?? 1000);
  const work = fs.mkdtempSync(path.join(dir, 'crash-'));
  const writer = await bundleCrashWriter(work);
  const dbPath = path.join(work, 'office.civicdesk');
  await createCrashOffice(dbPath);
  const started = Date.now();
  const run = await killRepeatedly({
    writer,
    dbPath,
    ...CRASH_ADMIN,
    kills,
    lanes: 2,
    onKill: (done) => {
      if (done % 100 === 0) log(`${done} kills`);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const host = await openAfterCrashes(dbPath);
  const problems = crashProblems(host.db, run);
  const audit = await host.runJob('check', 'audit.verify', {});
  if (!audit.ok || !(audit.value as { ok: boolean }).ok) problems.push(`audit chain: ${JSON.stringify(audit).slice(0, 300)}`);
  await host.close();
  for (const p of [...run.unexpectedExits, ...problems].slice(0, 20)) log(`FAILURE ${p}`);
  return [
    { name: 'crash_soak.kills', value: run.kills },
    { name: 'crash_soak.kills_mid_writing', value: run.killsMidWriting },
    { name: 'crash_soak.failures', value: problems.length + run.unexpectedExits.length },
    { name: 'crash_soak.acknowledged_writes', value: run.registered.size + run.moved.length },
    { name: 'crash_soak.seconds_per_kill', value: round(seconds / Math.max(run.kills, 1)), unit: 's' },
  ];
};
