/**
 * What a feature tells the core registry (./registry.ts): its handlers, the record tables it owns
 * (the change log and sync carry them), the counts `db info` and backups show, the audit actions it
 * records, and anything it keeps in step when one of its records changes. A feature folder exports
 * one of these from `feature.ts`; its `index.ts` is what other features may import.
 */
import type { Db } from './db/connection';
import type { RecordChange, RecordTable, WriteContext } from './db/writes';
import type { Handlers } from './handlers';
import type { DatabaseCheck } from '../../shared/contract';
import type { Ctx, JobControl } from './context';

/** What the host lends the few handlers that act on the host itself (restore, cancel). */
export interface HostHooks {
  /** Swap the database under the running host (a restore, a key change): see CoreHost.replaceDatabase. */
  replaceDatabase<T>(install: () => T, key: Buffer | undefined, caller: AbortSignal, options?: ReplaceOptions): Promise<T>;
  /** The open database, at the moment of asking. */
  database(): Db;
  /** Cancel one of this connection's jobs; false if it has none by that id. */
  cancelJob(connectionId: string, jobId: string): boolean;
  /** Where the background check of the open database stands. */
  databaseCheck(): DatabaseCheck;
  /** The features' demo steps, in registry order (the demo job runs them after the register is filled). */
  demoSteps(): readonly NamedStep<DemoStep>[];
  /** The features' daily scans, in registry order (alerts.refresh runs them). */
  dailyScans(): readonly NamedStep<DailyScan>[];
  /** Every record table in registry order, with the columns a bundle leaves out (sync carries them all, no module's own code). */
  syncTables(): readonly SyncTable[];
  /** What the bureau may publish, by kind (`<folder>.<name>`), from the features' `bureauUpdates`. */
  bureauUpdates(): ReadonlyMap<string, BureauUpdate>;
  /** The features' figures across offices (`<folder>.<name>` → figure), for the bureau's views. */
  bureauFigures(): ReadonlyMap<string, BureauFigure>;
}

/**
 * Something the bureau publishes that an office applies from a receipt (a code table, a standard):
 * its payload's schema, and how the owning feature writes it into the office's own records.
 */
export interface BureauUpdate {
  schema: import('zod').ZodType;
  apply(w: WriteContext, payload: unknown): void;
}

/**
 * One of a feature's figures across the offices, computed at the bureau from the merged rows.
 * `table(entity, columns)` is a SQL subquery that shows the bureau's merged rows of one record table
 * as that table's columns (plus `office_code`), so the feature's own SQL rules apply unchanged.
 */
export type BureauFigure = (
  db: Db,
  period: { from: string; to: string },
  table: (entity: RecordTable, columns: readonly string[]) => string,
) => Record<string, number>;

export interface SyncTable {
  table: RecordTable;
  withheld: ReadonlySet<string>;
  /** The labels `db info` counts it under (CoreFeature.counts): a bureau shows its merged rows by the same labels. */
  countLabels: readonly string[];
}

/** A feature's hook, with the folder it came from (for progress and error messages). */
export interface NamedStep<S> {
  folder: string;
  step: S;
}

/**
 * A feature's share of the demo office, written after the residents exist (each through the
 * feature's own write functions). Returns what it added, by label (`facilities: 12`).
 */
export type DemoStep = (ctx: Ctx, job: JobControl, input: { seed: number; residents: number }) => Promise<Record<string, number>>;

/**
 * A feature's daily look at its records for alerts that are due (a licence about to expire). It
 * raises through the alerts feature, which fires each alert once: running it twice is harmless.
 */
export type DailyScan = (w: WriteContext, today: string) => { raised: number; resolved: number };

export interface ReplaceOptions {
  /** Runs on the open database once every other job has stopped and no write is pending, just before it closes. */
  beforeClose?(db: Db): void;
  /** The key to reopen with when `install` failed (a key change: the old file is still in place). */
  keyIfFailed?: Buffer;
  /** The data is the same afterwards (a key change): sessions go on instead of ending. */
  keepSessions?: boolean;
}

export interface CoreFeature {
  /** The feature's folder under electron/core (a test fails when a folder is not named in the registry). */
  folder: string;
  /** Its contract methods' handlers; a function when they need the host itself. */
  handlers: Partial<Handlers> | ((host: HostHooks) => Partial<Handlers>);
  /** Tables whose rows are its records: versioned, change-logged, carried by sync. */
  recordTables?: readonly RecordTable[];
  /** Columns of its record tables that never leave the office in a bundle (password hashes, lockout counters). */
  withheldFromSync?: Readonly<Record<RecordTable, readonly string[]>>;
  /** Live-row counts shown by `db info` and in a backup's header: label → one of its record tables. */
  counts?: Readonly<Record<string, RecordTable>>;
  /** The actions it writes to the audit trail with recordAudit (each needs a label under `audit.actions`). */
  auditActions?: readonly string[];
  /** Runs for every change-log row, in the same transaction (a feature keeping an index of its records in step). */
  onRecordChange?(w: WriteContext, change: RecordChange): void;
  /** Its share of `civicdesk demo` (see DemoStep). */
  demo?: DemoStep;
  /** Its daily alert scan (see DailyScan). */
  dailyScan?: DailyScan;
  /** What the bureau may publish for it (code tables, standards), applied from a receipt: kind → update. */
  bureauUpdates?: Readonly<Record<string, BureauUpdate>>;
  /** Its statistics across offices at the bureau (figure key → by office code); labels under sync.figures. */
  bureauFigures?: Readonly<Record<string, BureauFigure>>;
}

/** Keeps the handler map's literal type, so the registry can prove every method has a handler. */
export function defineFeature<const F extends CoreFeature>(feature: F): F {
  return feature;
}
