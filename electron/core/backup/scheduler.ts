/**
 * When automatic backups run inside a host: a daily one, checked soon after the database opens and
 * then every hour (due once the day has no backup yet), and one on exit. Timers are unref'd: a
 * pending check never keeps a process alive. A failed automatic backup is logged, never thrown —
 * it must not stop the clerk's work or the app's exit.
 */
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { BackupSource } from './create';
import { runAutomaticBackup, type AutomaticKind } from './automatic';
import { auditBackup } from './service';

const FIRST_CHECK_MS = 60_000;
const CHECK_EVERY_MS = 60 * 60_000;

export interface SchedulerDeps {
  /** The open database, or undefined while sealed or closed. */
  source(): BackupSource | undefined;
  /** Resolves when no job holds the writer's transaction open. */
  writerIdle(): Promise<void>;
  dir: string;
  clock: Clock;
  log: Logger;
}

export class AutomaticBackups {
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SchedulerDeps) {}

  /** Start the daily checks (again after a restore); harmless when already started. */
  start(): void {
    if (this.timers.length > 0) return;
    const check = () => void this.run('daily');
    this.timers.push(setTimeout(check, FIRST_CHECK_MS).unref(), setInterval(check, CHECK_EVERY_MS).unref());
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  /** One automatic backup, after any that is running; the outcome is logged. */
  run(kind: AutomaticKind): Promise<void> {
    const next = this.running.then(() => this.once(kind));
    this.running = next;
    return next;
  }

  private async once(kind: AutomaticKind): Promise<void> {
    await this.deps.writerIdle();
    const source = this.deps.source();
    if (!source) return;
    const started = Date.now();
    try {
      const made = await runAutomaticBackup(source, kind, this.deps.dir, this.deps.clock.now());
      if (!made) return;
      this.deps.log.info(`automatic ${kind} backup ${made.name} (${made.bytes} bytes) in ${Date.now() - started} ms`);
      auditBackup({ db: source.db, actor: null, now: this.deps.clock.now() }, this.deps.log, made);
    } catch (error) {
      this.deps.log.warn(`automatic ${kind} backup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
