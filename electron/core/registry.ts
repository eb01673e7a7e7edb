/**
 * The core registry: one line per feature. Everything the house needs to know about a feature —
 * its handlers, the record tables the change log and sync carry, the counts `db info` and backups
 * show, its audit actions, what it keeps in step on a change — comes from that feature's
 * `feature.ts` through this list. Adding a module: its folder, one line here (and one in the
 * contract, the messages, the renderer's and the CLI's registries, and its migration).
 */
import type { Handlers } from './handlers';
import type { BureauFigure, BureauUpdate, CoreFeature, DailyScan, DemoStep, HostHooks, NamedStep, SyncTable } from './feature';
import type { RecordChange, RecordTable, WriteContext } from './db/writes';
import type { Db } from './db/connection';
import { countRows } from './db/counts';
import { contract, methodNames } from '../../shared/contract';
import { officeFeature } from './office/feature';
import { accountsFeature } from './accounts/feature';
import { systemFeature } from './system/feature';
import { backupFeature } from './backup/feature';
import { auditFeature } from './audit/feature';
import { residentsFeature } from './residents/feature';
import { householdsFeature } from './households/feature';
import { gridsFeature } from './grids/feature';
import { importsFeature } from './imports/feature';
import { draftsFeature } from './drafts/feature';
import { demoFeature } from './demo/feature';
import { alertsFeature } from './alerts/feature';
import { eldercareFeature } from './eldercare/feature';
import { syncFeature } from './sync/feature';

export const CORE_FEATURES = [
  officeFeature,
  accountsFeature,
  systemFeature,
  backupFeature,
  auditFeature,
  residentsFeature,
  householdsFeature,
  gridsFeature,
  importsFeature,
  draftsFeature,
  demoFeature,
  alertsFeature,
  eldercareFeature,
  syncFeature,
] as const satisfies readonly CoreFeature[];

/** Folders under electron/core that are the house, not features. */
export const INFRASTRUCTURE_FOLDERS = ['db', 'files', 'transport'] as const;

type HandlersOf<F> = F extends { handlers: infer H } ? (H extends (host: HostHooks) => infer R ? R : H) : never;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** What the registered features' handler maps add up to; the compiler checks it covers `Handlers`. */
type Registered = UnionToIntersection<HandlersOf<(typeof CORE_FEATURES)[number]>>;

/**
 * Every contract method's handler, from the registered features. The compiler proves each method has
 * one; at run time a method claimed twice, or a handler for no method, fails the host's start.
 */
export function registeredHandlers(host: HostHooks, features: readonly CoreFeature[] = CORE_FEATURES): Handlers {
  const handlers: Record<string, unknown> = {};
  for (const feature of features) {
    const own = typeof feature.handlers === 'function' ? feature.handlers(host) : feature.handlers;
    for (const [name, handler] of Object.entries(own)) {
      if (name in handlers) throw new Error(`${name} has a handler in two features (the second: ${feature.folder})`);
      if (!(name in contract)) throw new Error(`${feature.folder} handles ${name}, which the contract does not list`);
      handlers[name] = handler;
    }
  }
  const missing = methodNames.filter((name) => !(name in handlers));
  if (missing.length > 0) throw new Error(`no feature handles ${missing.join(', ')}`);
  const complete: Handlers = handlers as Registered;
  return complete;
}

/** Every record table, from the features that own them. */
export const RECORD_TABLES: ReadonlySet<RecordTable> = new Set(CORE_FEATURES.flatMap((f: CoreFeature) => f.recordTables ?? []));

/** Every record table with the columns a bundle leaves out (CoreFeature.withheldFromSync), in registry order. */
export const SYNC_TABLES: readonly SyncTable[] = CORE_FEATURES.flatMap((f: CoreFeature) =>
  (f.recordTables ?? []).map((table) => ({
    table,
    withheld: new Set(f.withheldFromSync?.[table] ?? []),
    countLabels: Object.entries(f.counts ?? {}).flatMap(([label, counted]) => (counted === table ? [label] : [])),
  })),
);

/** What the bureau may publish, by kind, from every feature (a kind named twice fails at start). */
export const BUREAU_UPDATES: ReadonlyMap<string, BureauUpdate> = new Map(
  CORE_FEATURES.flatMap((f: CoreFeature) =>
    Object.entries(f.bureauUpdates ?? {}).map(([kind, update]) => {
      if (!kind.startsWith(`${f.folder}.`)) throw new Error(`${f.folder} names the bureau update ${kind}: kinds start with the feature's folder`);
      return [kind, update] as const;
    }),
  ),
);

/** Every feature's figures across offices, for the bureau. */
export const BUREAU_FIGURES: ReadonlyMap<string, BureauFigure> = new Map(
  CORE_FEATURES.flatMap((f: CoreFeature) => Object.entries(f.bureauFigures ?? {}).map(([key, figure]) => [`${f.folder}.${key}`, figure] as const)),
);

/** Every audit action a feature records. */
export const AUDIT_ACTIONS: ReadonlySet<string> = new Set(CORE_FEATURES.flatMap((f: CoreFeature) => f.auditActions ?? []));

const changeHooks = CORE_FEATURES.flatMap((f: CoreFeature) => (f.onRecordChange ? [f.onRecordChange] : []));

/** The features' change hooks after `first` (the audit trail's), for one WriteContext's `onChange`. */
export function onRecordChange(first: (w: WriteContext, change: RecordChange) => void): (w: WriteContext, change: RecordChange) => void {
  return (w, change) => {
    first(w, change);
    for (const hook of changeHooks) hook(w, change);
  };
}

/** The features' demo steps and daily scans, in registry order. */
export const DEMO_STEPS: readonly NamedStep<DemoStep>[] = CORE_FEATURES.flatMap((f: CoreFeature) => (f.demo ? [{ folder: f.folder, step: f.demo }] : []));
export const DAILY_SCANS: readonly NamedStep<DailyScan>[] = CORE_FEATURES.flatMap((f: CoreFeature) => (f.dailyScan ? [{ folder: f.folder, step: f.dailyScan }] : []));

const countedTables = CORE_FEATURES.flatMap((f: CoreFeature) => Object.entries(f.counts ?? {}));

/** What `db info` and a backup's header show: each feature's live-row counts, then the change log and the audit trail. */
export function countRecords(db: Db): Record<string, number> {
  return countRows(db, countedTables);
}
