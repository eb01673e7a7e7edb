/**
 * Restoring without a running host: the command line, when the database is damaged, missing (a new
 * PC) or cannot otherwise be signed in to. The backup itself decides who may restore it: the
 * password must open that user's key slot in the backup (or, for a plain backup, match the user's
 * password there), and that user must hold `system.maintain` in the backup's own users table.
 * A wrong password changes nothing, neither the backup nor the database.
 *
 * Run it with the app closed: it replaces the database file underneath whatever has it open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCopy, openDatabase } from '../db/connection';
import { recordAudit } from '../audit';
import { LATEST_SCHEMA_VERSION } from '../db/migrate';
import { readKeyFile, unwrapKey } from '../db/keystore';
import { verifyPassword } from '../accounts';
import { ContractFailure, invalidInput } from '../errors';
import { roleHas, ROLES, type Role } from '../../../shared/domain/roles';
import { BackupFileError, extractPayload, headerMacValid, type BackupHeader, type Tick } from './backup-file';
import { installRestoredDatabase, restoreWorkFile } from './install';
import { removeDatabaseQuietly } from '../durable';
import { userInCopy } from './repository';
import { backupFieldFailure, prepareRestoredCopy, readOrRefuse } from './service';

export interface OfflineRestore {
  dbPath: string;
  backupFile: string;
  username: string;
  password: string;
  now: Date;
  nativeBinding?: string;
  tick?: Tick;
}

export async function restoreOffline(input: OfflineRestore): Promise<{ header: BackupHeader; setAside: string | undefined }> {
  const file = path.resolve(input.backupFile);
  const dbPath = path.resolve(input.dbPath);
  const read = readOrRefuse(file);
  const { header } = read;
  if (header.schemaVersion > LATEST_SCHEMA_VERSION) throw invalidInput(['file'], 'backup.too_new', { dbVersion: header.schemaVersion, appVersion: LATEST_SCHEMA_VERSION });
  const current = readKeyFile(dbPath)?.office;
  if (current && current.code !== header.office.code) throw invalidInput(['file'], 'backup.other_office', { office: header.office.code });

  let key: Buffer | undefined;
  if (header.encrypted) {
    const slot = header.keys?.slots.find((s) => s.kind === 'user' && s.username?.toLowerCase() === input.username.toLowerCase());
    key = (slot && unwrapKey(slot, input.password)) ?? undefined;
    if (!key) throw new ContractFailure('BAD_CREDENTIALS', { remaining: 0 });
    // The slots opened the key: a header that does not carry its MAC was edited after the backup.
    if (!headerMacValid(read, key)) throw invalidInput(['file'], 'backup.damaged', { file });
  }

  const work = restoreWorkFile(dbPath);
  removeDatabaseQuietly(work);
  try {
    await extractPayload(file, work, input.tick);
    prepareRestoredCopy(work, key, input.nativeBinding);
    const user = authorize(work, key, input);
    const hadDatabase = fs.existsSync(dbPath);
    const setAside = installRestoredDatabase(dbPath, work, header.keys, input.now);
    // Into the restored database's own trail, as a restore through the app would be.
    const db = openDatabase(dbPath, { key, nativeBinding: input.nativeBinding });
    try {
      recordAudit({ db, actor: null, now: input.now }, 'restore', { file: path.basename(file), takenAt: header.createdAt, setAside: hadDatabase ? path.basename(setAside) : null, offline: true }, { user: { id: user.id, username: input.username } });
    } finally {
      db.close();
    }
    return { header, setAside: hadDatabase ? setAside : undefined };
  } catch (error) {
    if (error instanceof BackupFileError) throw backupFieldFailure(error);
    throw error;
  } finally {
    removeDatabaseQuietly(work);
  }
}

/** The user must exist in the backup, be enabled, hold system.maintain — and, for a plain backup, know the password. */
function authorize(work: string, key: Buffer | undefined, input: OfflineRestore): { id: string } {
  const copy = openCopy(work, { key, nativeBinding: input.nativeBinding });
  try {
    const user = userInCopy(copy, input.username);
    if (!user || user.disabled || (!key && !verifyPassword(input.password, user.passwordHash))) throw new ContractFailure('BAD_CREDENTIALS', { remaining: 0 });
    const role = ROLES.find((r) => r === user.role) satisfies Role | undefined;
    if (!role || !roleHas(role, 'system.maintain')) throw new ContractFailure('FORBIDDEN', { permission: 'system.maintain' });
    return { id: user.id };
  } finally {
    copy.close();
  }
}
