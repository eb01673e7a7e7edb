import type { Db } from '../db/connection';
import { insertRecord, updateRecord, type WriteContext } from '../db/writes';
import type { Office, OfficeSettings } from '../../../shared/contract';

interface OfficeRow {
  id: string;
  code: string;
  name: string;
  division_code: string;
}
interface SettingsRow {
  id: string;
  idle_lock_minutes: number;
  lockout_threshold: number;
  lockout_minutes: number;
  version: number;
}

/** Defaults a new office starts with; each is a setting the admin can change. */
export const DEFAULT_SETTINGS = { idleLockMinutes: 10, lockoutThreshold: 5, lockoutMinutes: 15 } as const;

export function findOffice(db: Db): (Office & { id: string }) | undefined {
  const row = db.prepare('SELECT id, code, name, division_code FROM office WHERE deleted_at IS NULL').get() as OfficeRow | undefined;
  return row && { id: row.id, code: row.code, name: row.name, divisionCode: row.division_code };
}

export function insertOffice(w: WriteContext, id: string, office: Office): void {
  insertRecord(w, 'office', id, { code: office.code, name: office.name, division_code: office.divisionCode });
}

export function insertSettings(w: WriteContext, id: string): void {
  insertRecord(w, 'settings', id, {
    idle_lock_minutes: DEFAULT_SETTINGS.idleLockMinutes,
    lockout_threshold: DEFAULT_SETTINGS.lockoutThreshold,
    lockout_minutes: DEFAULT_SETTINGS.lockoutMinutes,
  });
}

export function findSettings(db: Db): (OfficeSettings & { id: string }) | undefined {
  const row = db
    .prepare('SELECT id, idle_lock_minutes, lockout_threshold, lockout_minutes, version FROM settings WHERE deleted_at IS NULL')
    .get() as SettingsRow | undefined;
  return (
    row && {
      id: row.id,
      idleLockMinutes: row.idle_lock_minutes,
      lockoutThreshold: row.lockout_threshold,
      lockoutMinutes: row.lockout_minutes,
      version: row.version,
    }
  );
}

export function updateSettings(
  w: WriteContext,
  id: string,
  expectedVersion: number,
  patch: Partial<Pick<OfficeSettings, 'idleLockMinutes' | 'lockoutThreshold' | 'lockoutMinutes'>>,
): void {
  const row: Record<string, number> = {};
  if (patch.idleLockMinutes !== undefined) row.idle_lock_minutes = patch.idleLockMinutes;
  if (patch.lockoutThreshold !== undefined) row.lockout_threshold = patch.lockoutThreshold;
  if (patch.lockoutMinutes !== undefined) row.lockout_minutes = patch.lockoutMinutes;
  updateRecord(w, 'settings', id, expectedVersion, row);
}
