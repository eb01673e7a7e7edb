/**
 * Jobs: long work answers with a job id at once, reports progress to its own connection, can be
 * cancelled by that connection only, and delivers its outcome in job.finished.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { idSchema, type ContractEvents } from '../../shared/contract';
import { ADMIN_PASSWORD, createUser, login, newConnection, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { maxSeq } from '../support/db-inspect';

afterEach(disposeTestResources);

/** Resolves with the job.finished payload of `jobId`. */
function finished(t: TestHost, jobId: string): Promise<ContractEvents['job.finished']> {
  return new Promise((resolve) => {
    const off = t.host.onEvent((_c, event, payload) => {
      if (event === 'job.finished' && (payload as ContractEvents['job.finished']).jobId === jobId) {
        off();
        resolve(payload as ContractEvents['job.finished']);
      }
    });
  });
}

async function startIntegrityCheck(t: TestHost, conn: string): Promise<string> {
  const started = expectOk(await t.host.dispatch(conn, 'system.checkIntegrity', {})) as { jobId: string };
  return started.jobId;
}

/** Add `n` well-formed change-log entries directly, to give the integrity walk something to page through. */
function fillChangeLog(t: TestHost, n: number): void {
  const insert = t.host.db.prepare("INSERT INTO change_log (tx, entity, entity_id, op, version, fields, at) VALUES ('tx', 'users', 'u', 'update', 2, '[]', 'now')");
  t.host.db.transaction(() => {
    for (let i = 0; i < n; i += 1) insert.run();
  })();
}

describe('system.checkIntegrity as a job', () => {
  it('answers with a job id at once, then reports progress and finishes with the report, all to its own connection', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    fillChangeLog(t, 12_000);
    const entries = maxSeq(t.host.db);

    const jobId = await startIntegrityCheck(t, office.adminConn);
    expect(idSchema.safeParse(jobId).success).toBe(true);
    expect(t.events.filter((e) => e.event === 'job.finished')).toEqual([]); // not done yet: the answer came first
    const outcome = await finished(t, jobId);

    expect(outcome).toEqual({ jobId, method: 'system.checkIntegrity', result: { ok: true, value: { ok: true, changeLogEntries: entries, problems: [] } } });
    const progress = t.eventsFor(office.adminConn, 'job.progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((p) => p.jobId === jobId && p.method === 'system.checkIntegrity' && p.total === entries && p.done <= p.total)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)?.done).toBe(entries);
    expect(t.events.filter((e) => e.event.startsWith('job.') && e.connectionId !== office.adminConn)).toEqual([]);
  });

  it('runJob waits for the outcome and passes progress along', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const seen: Array<[number, number]> = [];
    const result = await t.host.runJob(office.adminConn, 'system.checkIntegrity', {}, (done, total) => seen.push([done, total]));
    expect(expectOk(result)).toEqual({ ok: true, changeLogEntries: 3, problems: [] });
    expect(seen.at(-1)).toEqual([3, 3]);
  });

  it('a clerk may not start it (system.maintain)', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const clerk = await createUser(t, office, 'clerk');
    expectFailure(await t.host.dispatch(clerk.conn, 'system.checkIntegrity', {}), 'FORBIDDEN');
  });
});

describe('cancelling', () => {
  it('jobs.cancel from the connection that started it ends the job with CANCELLED', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const jobId = await startIntegrityCheck(t, office.adminConn);
    const outcome = finished(t, jobId);
    expect(expectOk(await t.call(office.adminConn, 'jobs.cancel', { jobId }))).toEqual({ cancelled: true });
    const { result } = await outcome;
    expectFailure(result, 'CANCELLED');
  });

  it('another connection, even the same user’s, cannot cancel it', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const other = newConnection();
    await login(t, other, 'admin', ADMIN_PASSWORD);
    const jobId = await startIntegrityCheck(t, office.adminConn);
    const outcome = finished(t, jobId);
    expect(expectOk(await t.call(other, 'jobs.cancel', { jobId }))).toEqual({ cancelled: false });
    expect(expectOk((await outcome).result)).toMatchObject({ ok: true });
  });

  it('cancelling a job that is unknown or already finished answers cancelled: false', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    const jobId = await startIntegrityCheck(t, office.adminConn);
    await finished(t, jobId);
    expect(expectOk(await t.call(office.adminConn, 'jobs.cancel', { jobId }))).toEqual({ cancelled: false });
  });

  it('a job cancelled half-way stops at its next checkpoint', async () => {
    let reached = 0;
    const t = createTestHost({
      handlerOverrides: {
        'system.checkIntegrity': async (_input, _ctx, job) => {
          for (let i = 0; i < 1000; i += 1) {
            reached = i;
            await job.checkpoint(i, 1000);
          }
          return { ok: true, changeLogEntries: 0, problems: [] };
        },
      },
    });
    const office = await setupOffice(t);
    const jobId = await startIntegrityCheck(t, office.adminConn);
    const outcome = finished(t, jobId);
    await new Promise<void>((resolve) => {
      const off = t.host.onEvent((_c, event) => {
        if (event === 'job.progress') {
          off();
          resolve();
        }
      });
    });
    expectOk(await t.call(office.adminConn, 'jobs.cancel', { jobId }));
    expectFailure((await outcome).result, 'CANCELLED');
    expect(reached).toBeLessThan(999);
  });

  it('closing the host cancels running jobs and waits for them to finish', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    fillChangeLog(t, 2000);
    const jobId = await startIntegrityCheck(t, office.adminConn);
    const outcome = finished(t, jobId);
    await t.close();
    expect(t.host.db.open).toBe(false);
    expectFailure((await outcome).result, 'CANCELLED');
  });
});

describe('change-log gaps', () => {
  it.each([
    ['in the middle', 'seq = 2', /gap: expected 2, found 3/],
    ['at the start', 'seq = 1', /starts at 2/],
    ['at the end', 'seq = (SELECT max(seq) FROM change_log)', /ends at 2.*up to 3/],
  ])('an entry deleted %s with SQL is reported as a problem', async (_where, condition, problem) => {
    const t = createTestHost();
    const office = await setupOffice(t);
    expectOk(await t.host.runJob(office.adminConn, 'system.checkIntegrity', {}));
    t.host.db.exec(`DELETE FROM change_log WHERE ${condition}`);

    const report = expectOk(await t.host.runJob(office.adminConn, 'system.checkIntegrity', {})) as { ok: boolean; changeLogEntries: number; problems: string[] };
    expect(report.ok).toBe(false);
    expect(report.changeLogEntries).toBe(2);
    expect(report.problems).toEqual([expect.stringMatching(problem)]);
  });
});
