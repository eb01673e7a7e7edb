/**
 * The backup section of the contract: create (a job), list, inspect, restore (a job). Restoring
 * swaps the database under the running host, so the host hands these handlers the one operation
 * that may do that (`replace`); everything else comes from the call's context.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx, JobControl } from '../context';
import type { Logger } from '../log';
import type { SectionHandlers } from '../handlers';
import { openCopy, PAGE_CIPHERS, reencryptFile, type Db } from '../db/connection';
import { recordAudit } from '../audit';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../db/migrate';
import { ContractFailure, invalidInput } from '../errors';
import { findOffice } from '../office';
import { BackupFileError, extractPayload, headerMacValid, payloadMatches, readBackupHeader, type ReadBackup, type Tick } from './backup-file';
import { createBackup, type BackupSource } from './create';
import { automaticBackupDir, installRestoredDatabase, listBackups, restoredSlots, restoreWorkFile, summaryOf } from './install';
import { removeDatabaseQuietly } from '../durable';
import { checkWrite, chosenBackup, chosenFolder } from '../files';
import type { BackupChoice, BackupSummary } from '../../../shared/contract/backup';
import { integrityProblems, officeOfCopy } from './repository';

/** A backup as this window may name it next: with a read handle for it. */
function withHandle(ctx: Ctx, summary: BackupSummary): BackupChoice {
  return { ...summary, handle: ctx.services.files.grant(ctx.connectionId, { path: summary.file, use: 'read' }).handle };
}

/** A backup is a new file (never written over anything), and never one of the database's own. */
function newBackupFile(ctx: Ctx, ref: string): string {
  const file = ctx.services.files.resolve(ctx.connectionId, ref, 'write', ['file']);
  if (fs.existsSync(file.path)) throw invalidInput(['file'], 'backup.exists', { file: file.path });
  checkWrite({ path: file.path, overwrite: false }, { access: ctx.services.files, field: ['file'] });
  return file.path;
}

/** What the host lends the backup handlers. */
export interface BackupHostControl {
  /**
   * Close the database, run `install` (which moves files), and open the database again with `key`;
   * other jobs are stopped first and every session ends. Returns what `install` returned.
   */
  replaceDatabase<T>(install: () => T, key: Buffer | undefined, caller: AbortSignal): Promise<T>;
  /** The database open now (after a restore: the restored one). */
  database(): Db;
}

export function backupSource(ctx: Pick<Ctx, 'db' | 'services'>): BackupSource {
  const vault = ctx.services.vault;
  return { db: ctx.db, dbPath: vault.dbPath, key: vault.databaseKey, keys: vault.keyFile, appVersion: ctx.services.appVersion, nativeBinding: vault.nativeBinding, counts: ctx.services.records.counts };
}

const progress = (job: JobControl): Tick => (done, total) => job.checkpoint(done, total);

export function backupHandlers(control: BackupHostControl): SectionHandlers<'backup'> {
  return {
    'backup.create': async (input, ctx, job) => {
      const source = backupSource(ctx);
      const automatic = automaticBackupDir(source.dbPath);
      const file = input.file ? newBackupFile(ctx, input.file) : undefined;
      const folder = file ? path.dirname(file) : input.folder ? chosenFolder(ctx, input.folder, ['folder']) : automatic;
      if (folder === automatic) fs.mkdirSync(folder, { recursive: true });
      const summary = await createBackup(source, { folder, name: file && path.basename(file), kind: 'manual', now: ctx.now, tick: progress(job) });
      auditBackup(ctx, ctx.services.log, summary);
      return withHandle(ctx, summary);
    },

    'backup.list': (input, ctx) => {
      const folder = input.folder ? chosenFolder(ctx, input.folder, ['folder']) : automaticBackupDir(ctx.services.vault.dbPath);
      const listing = listBackups(folder);
      const key = ctx.services.vault.databaseKey;
      return { folder, ...listing, items: listing.items.map((item) => ({ ...withHandle(ctx, item), verified: headerVerified(item.file, key) })) };
    },

    'backup.inspect': (input, ctx) => {
      const file = chosenBackup(ctx, input.file, ['file']);
      const read = readOrRefuse(file);
      const key = ctx.services.vault.databaseKey;
      const intact = payloadMatches(file, read);
      const sameKey = read.header.encrypted ? key !== undefined && headerMacValid(read, key) : key === undefined;
      const sameOffice = findOffice(ctx.db)?.code === read.header.office.code;
      const restorable = intact && sameKey && sameOffice && read.header.schemaVersion <= LATEST_SCHEMA_VERSION;
      return { ...withHandle(ctx, summaryOf(file, read.header)), verified: read.header.encrypted && sameKey, intact, sameKey, sameOffice, restorable };
    },

    'backup.restore': async (input, ctx, job) => {
      const file = chosenBackup(ctx, input.file, ['file']);
      const read = readOrRefuse(file);
      const { dbPath, databaseKey: key, nativeBinding } = ctx.services.vault;
      refuseUnrestorable(read, findOffice(ctx.db)?.code, key);
      const work = restoreWorkFile(dbPath);
      removeDatabaseQuietly(work);
      try {
        await extractPayload(file, work, progress(job));
        prepareRestoredCopy(work, key, nativeBinding);
        await job.checkpoint(1, 1);
        const setAside = await control.replaceDatabase(() => installRestoredDatabase(dbPath, work, restoredSlots(ctx.services.vault.keyFile, read.header.keys), ctx.now), key, job.signal);
        ctx.services.log.info(`restored ${path.basename(file)}; the previous database is kept as ${path.basename(setAside)}`);
        // Into the restored database's own trail: who brought it back, from which backup, and where the replaced one went.
        recordAudit({ db: control.database(), actor: ctx.actor, now: ctx.now }, 'restore', {
          file: path.basename(file),
          takenAt: read.header.createdAt,
          setAside: path.basename(setAside),
        });
        return { restored: { ...summaryOf(file, read.header), handle: input.file }, setAside, signedOut: true as const };
      } catch (error) {
        if (error instanceof BackupFileError) throw backupFieldFailure(error);
        throw error;
      } finally {
        removeDatabaseQuietly(work);
      }
    },
  };
}

/**
 * The audit entry for a backup. The backup is made already: if the entry cannot be written (the
 * database's own disk is full), that is logged rather than reported as a failed backup.
 */
export function auditBackup(ctx: Pick<Ctx, 'db' | 'actor' | 'now'>, log: Logger, summary: { name: string; kind: string; bytes: number; file: string }): void {
  try {
    recordAudit(ctx, 'backup', { file: summary.name, folder: path.dirname(summary.file), kind: summary.kind, bytes: summary.bytes });
  } catch (error) {
    log.warn(`backup ${summary.name} was written but its audit entry was not: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Was this backup's header made with `key`? (False for a plain backup, which has no MAC, or one gone since it was listed.) */
function headerVerified(file: string, key: Buffer | undefined): boolean {
  try {
    return key !== undefined && headerMacValid(readBackupHeader(file), key);
  } catch {
    return false;
  }
}

/** A backup's header, or INVALID_INPUT on `file` saying what is wrong with it. */
export function readOrRefuse(file: string): ReadBackup {
  try {
    return readBackupHeader(file);
  } catch (error) {
    if (error instanceof BackupFileError) throw backupFieldFailure(error);
    throw error;
  }
}

export function backupFieldFailure(error: BackupFileError): ContractFailure {
  return invalidInput(['file'], `backup.${error.reason}`, { file: error.file });
}

/** Only a backup of this office, from this database's key and not from a newer app, replaces it. */
function refuseUnrestorable(read: ReadBackup, officeCode: string | undefined, key: Buffer | undefined): void {
  const { header } = read;
  if (header.schemaVersion > LATEST_SCHEMA_VERSION) throw invalidInput(['file'], 'backup.too_new', { dbVersion: header.schemaVersion, appVersion: LATEST_SCHEMA_VERSION });
  if (officeCode !== undefined && header.office.code !== officeCode) throw invalidInput(['file'], 'backup.other_office', { office: header.office.code });
  // Encrypted over encrypted with the same key, or plain over plain: never a silent change of key or a downgrade.
  const sameKey = header.encrypted ? key !== undefined && headerMacValid(read, key) : key === undefined;
  if (!sameKey) throw invalidInput(['file'], 'backup.wrong_key');
}

/**
 * The extracted database must open with the key and pass integrity_check before it replaces anything.
 * A copy whose pages are in an older cipher is then rewritten in the newest (connection.ts), so
 * restoring is also how an office set up before a change of cipher moves to the new one.
 */
export function prepareRestoredCopy(work: string, key: Buffer | undefined, nativeBinding?: string): void {
  let copy;
  try {
    copy = openCopy(work, { key, nativeBinding });
  } catch {
    throw invalidInput(['file'], 'backup.wrong_key');
  }
  try {
    if (integrityProblems(copy).length > 0 || !officeOfCopy(copy)) throw invalidInput(['file'], 'backup.damaged');
    const version = schemaVersion(copy);
    if (version > LATEST_SCHEMA_VERSION) throw invalidInput(['file'], 'backup.too_new', { dbVersion: version, appVersion: LATEST_SCHEMA_VERSION });
  } finally {
    copy.close();
  }
  if (key) reencryptFile(work, key, PAGE_CIPHERS[0], nativeBinding);
}

