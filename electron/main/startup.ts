/**
 * Starting the core worker, and what the clerk sees when the database cannot be opened. The core
 * refuses a file that is not ours or is from a newer app *before* writing anything; main only has
 * to explain it and quit, leaving the file exactly as it was. A damaged database (failed quick
 * check) is the one refusal with a way out: main offers the latest good backup the core named,
 * restores it (the damaged file is kept aside) and starts the core again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CoreWorkerError, type CoreClient, type startCoreWorker } from '../core/worker-client';
import type { Logger } from '../core/log';
// File-level backup code only: main must never load the SQLite binding (it is built for Node's ABI).
import { readBackupHeader, restorableWithoutKey, restoreWithoutKey } from '../core/backup';
import type { MainMessages } from './messages';

/** Where scripts/electron-native.cjs puts the Electron-ABI build of the SQLite binding. */
export const ELECTRON_NATIVE_BINDING = ['build', 'electron-native', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node'];

/**
 * node_modules holds the Node-ABI build (the tests need it); an unpackaged Electron run needs the
 * Electron-ABI one beside it. Packaged apps are rebuilt by electron-builder and use the default.
 */
export function devNativeBinding(isPackaged: boolean, appPath: string, exists: (file: string) => boolean = fs.existsSync): string | undefined {
  if (isPackaged) return undefined;
  const file = path.join(appPath, ...ELECTRON_NATIVE_BINDING);
  return exists(file) ? file : undefined;
}

export interface StartCoreDeps {
  start: typeof startCoreWorker;
  workerEntry: string;
  dbPath: string;
  appVersion: string;
  nativeBinding?: string;
  log: Logger;
  coreLog: Logger;
  messages: MainMessages;
  logDir: string;
  showErrorBox: (title: string, content: string) => void;
  /** Offer a backup (a message box with two buttons); resolves true for "restore". */
  askRestore?: (question: RestoreQuestion) => Promise<boolean>;
}

export interface RestoreQuestion {
  title: string;
  message: string;
  detail: string;
  restore: string;
  quit: string;
}

/** The running core, or null after the clerk was told why it could not start (caller quits). */
export async function startCore(deps: StartCoreDeps): Promise<CoreClient | null> {
  const options = {
    dbPath: deps.dbPath,
    create: true,
    appVersion: deps.appVersion,
    // The app backs up daily and on exit (into <userData>/backups); the CLI and tests do not.
    automaticBackups: true,
    // The whole file is checked in the background after sign-in, not before it (core/system/database-check.ts).
    databaseCheck: true,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
  };
  const start = async () => {
    const core = await deps.start(deps.workerEntry, options, deps.coreLog);
    deps.log.info(`core started on ${deps.dbPath}`);
    return core;
  };
  try {
    return await start();
  } catch (error) {
    deps.log.error(`core did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const { reason, details } = refusal(error);
    const backup = backupDetail(details);
    if (reason === 'damaged' && backup && deps.askRestore) return offerBackup(deps, backup, backupVerified(details), start);
    const { title, body } = describeStartFailure(error, deps);
    deps.showErrorBox(title, body);
    return null;
  }
}

/**
 * Ask; on "restore", put the backup in place (keeping the damaged file aside) and start again once.
 * Main holds no key, so it checks what it can: the backup is this office's (by the current `.keys`)
 * and, for an encrypted database, is the one the damage marker names with the header its key
 * verified (`verified`, from the core); the restore keeps the current key slots. A plain database's
 * backup has no MAC: its counts are shown as unverified.
 */
async function offerBackup(deps: StartCoreDeps, backup: string, verified: boolean, start: () => Promise<CoreClient>): Promise<CoreClient | null> {
  const m = deps.messages;
  let detail: string;
  try {
    const { header } = readBackupHeader(backup);
    if (!restorableWithoutKey(deps.dbPath, header)) {
      deps.log.warn(`backup ${backup} not offered: another office's, or no usable key slot file beside the database`);
      deps.showErrorBox(m.damagedTitle, m.damagedBackupRefused({ file: deps.dbPath, backup }));
      return null;
    }
    if (header.encrypted && !verified) {
      deps.log.warn(`backup ${backup} not offered: the damage marker does not name it with the header the key verified`);
      deps.showErrorBox(m.damagedTitle, m.damagedNoVerifiedBackup({ file: deps.dbPath, backup }));
      return null;
    }
    const count = (key: string) => String(header.counts[key] ?? '?');
    const facts = { backup, taken: header.local.replace('T', ' '), residents: count('residents'), households: count('households') };
    detail = verified ? m.damagedOffer(facts) : m.damagedOfferUnverified(facts);
  } catch (error) {
    deps.log.error(`backup ${backup} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    deps.showErrorBox(m.damagedTitle, m.damagedNoBackup({ file: deps.dbPath }));
    return null;
  }
  const restore = await deps.askRestore!({ title: m.damagedTitle, message: m.damaged({ file: deps.dbPath }), detail, restore: m.restoreBackup, quit: m.quit });
  if (!restore) return null;
  try {
    const { setAside } = await restoreWithoutKey(deps.dbPath, backup, new Date());
    deps.log.warn(`restored ${backup} over the damaged database, which is kept as ${setAside}`);
  } catch (error) {
    deps.log.error(`restoring ${backup} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    deps.showErrorBox(m.restoreFailedTitle, m.restoreFailed({ backup, logDir: deps.logDir }));
    return null;
  }
  try {
    return await start();
  } catch (error) {
    deps.log.error(`core did not start after the restore: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const { title, body } = describeStartFailure(error, deps);
    deps.showErrorBox(title, body);
    return null;
  }
}

/** Did the core find the named backup verified by the damage marker? (`details` crossed the worker boundary as `unknown`.) */
function backupVerified(details: unknown): boolean {
  return typeof details === 'object' && details !== null && 'backupVerified' in details && details.backupVerified === true;
}

/** The backup the core named in a refusal's details (crossed the worker boundary as `unknown`). */
function backupDetail(details: unknown): string | undefined {
  return typeof details === 'object' && details !== null && 'backup' in details && typeof details.backup === 'string' ? details.backup : undefined;
}

function describeStartFailure(error: unknown, deps: StartCoreDeps): { title: string; body: string } {
  const m = deps.messages;
  const { reason, details } = refusal(error);
  if (reason === 'damaged') return { title: m.damagedTitle, body: m.damagedNoBackup({ file: deps.dbPath }) };
  if (reason === 'not_a_database' || reason === 'not_a_file') {
    return { title: m.notADatabaseTitle, body: m.notADatabase({ file: deps.dbPath }) };
  }
  if (reason === 'keys_missing' || reason === 'keys_unreadable') {
    const keys = `${deps.dbPath}.keys`;
    return { title: m.notADatabaseTitle, body: (reason === 'keys_missing' ? m.keysMissing : m.keysUnreadable)({ file: deps.dbPath, keys }) };
  }
  if (reason === 'too_new') {
    const versions = versionDetails(details);
    return {
      title: m.dbTooNewTitle,
      body: m.dbTooNew({ file: deps.dbPath, dbVersion: versions.dbVersion, schemaVersion: versions.appVersion, appVersion: deps.appVersion }),
    };
  }
  return { title: m.startFailedTitle, body: m.startFailed({ logDir: deps.logDir }) };
}

/**
 * Read the refusal by its `reason`, not by class: the worker reports it as a `CoreWorkerError`,
 * but when its uncaught-error event wins the race against the 'fatal' message, the client rejects
 * with the worker's own (structured-cloned) DatabaseOpenError, which carries the same fields.
 */
function refusal(error: unknown): { reason?: string; details?: unknown } {
  if (error instanceof CoreWorkerError) return { reason: error.reason, details: error.details };
  if (typeof error !== 'object' || error === null) return {};
  return {
    reason: 'reason' in error && typeof error.reason === 'string' ? error.reason : undefined,
    details: 'details' in error ? error.details : undefined,
  };
}

/** `details` crossed a worker boundary as `unknown`: read the two numbers without trusting it. */
function versionDetails(details: unknown): { dbVersion: string; appVersion: string } {
  const d = typeof details === 'object' && details !== null ? details : {};
  return {
    dbVersion: 'dbVersion' in d && typeof d.dbVersion === 'number' ? String(d.dbVersion) : '?',
    appVersion: 'appVersion' in d && typeof d.appVersion === 'number' ? String(d.appVersion) : '?',
  };
}
