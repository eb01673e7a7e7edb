/**
 * Automatic backups (自动备份): one a day while the app is open, and one when it closes (when the
 * data changed since the last), into `<folder of the database>/backups`, rotated so that the last
 * 7 days, 4 weeks and 12 months each keep one (rotation.ts). Only automatic backups are rotated:
 * one a clerk made on purpose ("back up now") is never deleted by the app, in that folder or any other.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupSummary } from '../../../shared/contract';
import { readBackupHeader, type Tick } from './backup-file';
import { createBackup, type BackupSource } from './create';
import { localStamp } from './file-name';
import { listBackups } from './install';
import { issuedChangeSeq } from './repository';
import { backupsToDelete, DEFAULT_RETENTION, type Retention } from './rotation';

export type AutomaticKind = 'daily' | 'exit';

/**
 * Take the automatic backup if one is due, then rotate. Daily: due when no backup in the folder is
 * from today. On exit: due unless today's newest backup already holds every change.
 */
export async function runAutomaticBackup(source: BackupSource, kind: AutomaticKind, dir: string, now: Date, tick?: Tick): Promise<BackupSummary | undefined> {
  fs.mkdirSync(dir, { recursive: true });
  const today = localStamp(now).slice(0, 10);
  const existing = listBackups(dir).items;
  const fromToday = existing.filter((b) => b.local.startsWith(today));
  if (kind === 'daily' && fromToday.length > 0) return undefined;
  if (kind === 'exit' && fromToday.length > 0 && changeSeqOf(fromToday[0].file) === issuedChangeSeq(source.db)) return undefined;
  const summary = await createBackup(source, { folder: dir, kind, now, tick });
  rotateBackups(dir, summary.office.code);
  return summary;
}

function changeSeqOf(file: string): number | undefined {
  try {
    return readBackupHeader(file).header.changeSeq;
  } catch {
    return undefined;
  }
}

/** Delete what the retention rules do not keep, among this office's readable automatic backups in `dir`. */
export function rotateBackups(dir: string, officeCode: string, retention: Readonly<Retention> = DEFAULT_RETENTION): string[] {
  const ours = listBackups(dir).items.filter((b) => b.office.code === officeCode && b.kind !== 'manual');
  const doomed = backupsToDelete(
    ours.map((b) => ({ name: b.name, local: b.local })),
    retention,
  );
  for (const name of doomed) fs.rmSync(path.join(dir, name), { force: true });
  return doomed;
}
