/**
 * Starting the core worker, and what the clerk sees when the database cannot be opened. The core
 * refuses a file that is not ours or is from a newer app *before* writing anything; main only has
 * to explain it and quit, leaving the file exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CoreWorkerError, type CoreClient, type startCoreWorker } from '../core/worker-client';
import type { Logger } from '../core/log';
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
}

/** The running core, or null after the clerk was told why it could not start (caller quits). */
export async function startCore(deps: StartCoreDeps): Promise<CoreClient | null> {
  const options = {
    dbPath: deps.dbPath,
    create: true,
    appVersion: deps.appVersion,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
  };
  try {
    const core = await deps.start(deps.workerEntry, options, deps.coreLog);
    deps.log.info(`core started on ${deps.dbPath}`);
    return core;
  } catch (error) {
    const { title, body } = describeStartFailure(error, deps);
    deps.log.error(`core did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    deps.showErrorBox(title, body);
    return null;
  }
}

function describeStartFailure(error: unknown, deps: StartCoreDeps): { title: string; body: string } {
  const m = deps.messages;
  const { reason, details } = refusal(error);
  if (reason === 'not_a_database') {
    return { title: m.notADatabaseTitle, body: m.notADatabase({ file: deps.dbPath }) };
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
