/**
 * The background database check (数据库检查): `PRAGMA quick_check` of the whole file, once per open
 * of the database, off the sign-in path. It used to run before every open (1–2 s at each sign-in of a
 * typical office, and skipped above 512 MB, so the largest offices got none); AEGIS-256 already
 * authenticates every page the moment it is read, so a sign-in that reads a few pages needs no
 * whole-file pass first.
 *
 * - It starts a moment after the database opens (sign-in, a plain file at start, the reopen after a
 *   restore), in its own thread on a second, read-only connection (./check-worker.ts): clerks work
 *   meanwhile, and in WAL mode a reader holds no lock a writer waits for.
 * - Once per open, not per sign-in or per day: the file only changes under the app's own writes
 *   (which SQLite and AEGIS check as they go), so checking again at the next sign-in of the same open
 *   adds nothing; an open is a new start of the app or a restored file — after a crash or a
 *   copy is exactly when a check is worth its seconds. An office opens the app about once a day, so
 *   this is about a check a day without a date to keep anywhere.
 * - Its outcome goes into the audit trail (`database.check`) and to every window (`database.check`
 *   event, `system.databaseCheck` query). Damage follows the path a damaged sign-in took: the
 *   `<db>.damaged` marker (the next start refuses the file and offers the latest good backup), the
 *   error log, and DB_DAMAGED naming that backup.
 * - A close or a restore stops it between two tables (./check-worker.ts says why not sooner); a lock
 *   does not: the database stays open and the check belongs to it, not to a session.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DatabaseCheck } from '../../../shared/contract';
import { cipherOf, type Db } from '../db/connection';
import type { HostServices } from '../context';
import { recordAudit } from '../audit';
import { reportDamage } from '../backup';
import type { CheckWorkerData, CheckWorkerMessage } from './check-worker';

/** How long after the database opens the check starts: the clerk's first screen loads first. */
export const CHECK_DELAY_MS = 2000;

export interface DatabaseCheckOptions {
  /** Milliseconds between the open and the start of the check (default CHECK_DELAY_MS). */
  delayMs?: number;
}

/** The thread's entry: the bundled file beside the built core, or the tsx bootstrap beside this source. */
function workerEntry(): string {
  const built = path.join(__dirname, 'db-check-worker.js');
  return fs.existsSync(built) ? built : path.join(__dirname, 'check-worker-dev-entry.cjs');
}

interface Run {
  worker?: Worker;
  timer?: NodeJS.Timeout;
  stopped: boolean;
  /** Resolves once the thread has exited and its outcome is recorded (or it never started). */
  done: Promise<void>;
  finished(): void;
}

export class BackgroundDatabaseCheck {
  private current: DatabaseCheck = { state: 'unfinished', reason: 'closed' };
  private run: Run | undefined;

  constructor(
    private readonly services: HostServices,
    /** The open database, or undefined while sealed or closed: the audit entry is written through it. */
    private readonly database: () => Db | undefined,
    /** Resolves when no job holds the writer's transaction open. */
    private readonly writerIdle: () => Promise<void>,
    private readonly options: DatabaseCheckOptions = {},
  ) {}

  get state(): DatabaseCheck {
    return this.current;
  }

  /** The database `db` was just opened: check it once, after the delay. */
  start(db: Db): void {
    if (this.run) return;
    const vault = this.services.vault;
    const key = vault.databaseKey;
    const data: CheckWorkerData = {
      file: vault.dbPath,
      ...(key ? { key: new Uint8Array(key), cipher: cipherOf(db) } : {}),
      ...(vault.nativeBinding ? { nativeBinding: vault.nativeBinding } : {}),
    };
    let finished = () => undefined as void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const run: Run = { stopped: false, done, finished };
    this.run = run;
    this.set({ state: 'pending' });
    run.timer = setTimeout(() => this.launch(run, data), this.options.delayMs ?? CHECK_DELAY_MS).unref();
  }

  /** Stop a pending or running check (close, restore) and wait until its connection is closed. */
  async stop(reason: 'closed' | 'restoring'): Promise<void> {
    const run = this.run;
    if (!run) return;
    run.stopped = true;
    if (run.timer) clearTimeout(run.timer);
    // terminate() takes effect when the thread is back from its current table's native call.
    if (run.worker) await run.worker.terminate();
    else run.finished();
    await run.done;
    this.run = undefined;
    this.set({ state: 'unfinished', reason });
  }

  /**
   * Damage found outside the check (a page that failed its tag under a clerk's call): the same path.
   * Returns what DB_DAMAGED names.
   */
  damageFound(problems: string[]): { backup: string | null } {
    return this.reportDamage(problems, undefined);
  }

  private launch(run: Run, data: CheckWorkerData): void {
    run.timer = undefined;
    if (run.stopped) return run.finished();
    const startedAt = this.services.clock.now();
    const t0 = performance.now();
    this.set({ state: 'running', startedAt: startedAt.toISOString(), done: 0, total: 0 });
    let outcome: CheckWorkerMessage | undefined;
    const worker = new Worker(workerEntry(), { workerData: data });
    run.worker = worker;
    worker.on('message', (message: CheckWorkerMessage) => {
      if (message.type === 'progress') {
        if (!run.stopped) this.set({ state: 'running', startedAt: startedAt.toISOString(), done: message.done, total: message.total });
      } else outcome = message;
    });
    worker.on('error', (error) => (outcome ??= { type: 'failed', message: error.message }));
    worker.on('exit', () => {
      void this.conclude(run, outcome, { startedAt, ms: Math.round(performance.now() - t0) }).finally(run.finished);
    });
  }

  private async conclude(run: Run, outcome: CheckWorkerMessage | undefined, timing: { startedAt: Date; ms: number }): Promise<void> {
    if (run.stopped) return;
    const { log } = this.services;
    if (!outcome || outcome.type !== 'done') {
      const message = outcome?.type === 'failed' ? outcome.message : 'the check stopped without an answer';
      log.warn(`database check could not run: ${message}`);
      this.set({ state: 'unfinished', reason: 'failed', message });
      return;
    }
    if (outcome.problems.length > 0) {
      this.reportDamage(outcome.problems, timing.ms);
      return;
    }
    log.info(`database check passed: ${outcome.tables} tables in ${timing.ms} ms`);
    await this.audit({ result: 'passed', ms: timing.ms });
    if (run.stopped) return;
    this.set({ state: 'passed', startedAt: timing.startedAt.toISOString(), finishedAt: this.services.clock.now().toISOString(), ms: timing.ms, tables: outcome.tables });
  }

  private reportDamage(problems: string[], ms: number | undefined): { backup: string | null } {
    if (this.current.state === 'damaged') return { backup: this.current.backup };
    const now = this.services.clock.now();
    const { backup } = reportDamage(this.services.vault.dbPath, problems, now, this.services.log, this.services.vault.databaseKey);
    this.set({ state: 'damaged', finishedAt: now.toISOString(), problems: problems.slice(0, 20), backup });
    // Into the trail if the trail's own pages can still be written; the marker and the log hold it either way.
    void this.audit({ result: 'damaged', problems: problems.length, ...(ms === undefined ? {} : { ms }) });
    return { backup };
  }

  private async audit(detail: Record<string, string | number>): Promise<void> {
    await this.writerIdle();
    const db = this.database();
    if (!db?.open) return;
    const ctx = { db, actor: null, now: this.services.clock.now() };
    try {
      recordAudit(ctx, 'database.check', detail);
    } catch (error) {
      this.services.log.warn(`the database check's audit entry was not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private set(state: DatabaseCheck): void {
    this.current = state;
    this.services.emit(null, 'database.check', state);
  }
}
