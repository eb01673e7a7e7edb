/**
 * 备份与恢复 backups and restore: on demand to a chosen folder or USB drive, automatic (daily and on
 * exit, rotated), and restore after showing what a backup holds. Every backup is encrypted like the
 * database and carries the key slots that open it.
 */
import { z } from 'zod';
import { method } from './define';
import { officeSchema } from './office';

export const BACKUP_KINDS = ['manual', 'daily', 'exit'] as const;

/** A file or folder: the handle a dialog gave the window (file-dialogs.ts), or a path from the CLI. */
const pathSchema = z.string().trim().min(1, { message: 'required' }).max(4096, { message: 'too_long' });

/** What a backup's header says; readable without a key, before anything is restored. */
export const backupSummarySchema = z.object({
  file: z.string(),
  name: z.string(),
  /** When the backup was taken (ISO-8601 UTC) and the same moment in local time, as in its name. */
  createdAt: z.string(),
  local: z.string(),
  kind: z.enum(BACKUP_KINDS),
  office: officeSchema,
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  /** Live rows per table (residents, households, users …) and log lengths. */
  counts: z.record(z.string(), z.number().int()),
  bytes: z.number().int(),
  encrypted: z.boolean(),
  /**
   * The header's MAC was checked with this database's key (backup.list, backup.inspect): only then are
   * the date and counts above the backup's own. Absent or false: they are what the file claims.
   */
  verified: z.boolean().optional(),
});
export type BackupSummary = z.infer<typeof backupSummarySchema>;

/** A backup as a call shows it to a window: with the handle that window inspects or restores it by. */
const backupChoiceSchema = backupSummarySchema.extend({
  /** A read handle for this file, for the connection that asked (see file-dialogs.ts). */
  handle: z.string(),
});
export type BackupChoice = z.infer<typeof backupChoiceSchema>;

export const backupContract = {
  /**
   * Write a backup: as `file` (which must not exist yet), into `folder` under its dated name (a USB
   * drive …), or by default into the automatic backup folder beside the database.
   */
  'backup.create': method({
    kind: 'job',
    access: 'system.maintain',
    input: z.object({ folder: pathSchema.optional(), file: pathSchema.optional() }).strict(),
    output: backupChoiceSchema,
  }),
  /** The backups in a folder (default: the automatic one), newest first; files that are not backups are skipped. */
  'backup.list': method({
    kind: 'query',
    access: 'system.maintain',
    input: z.object({ folder: pathSchema.optional() }).strict(),
    output: z.object({
      folder: z.string(),
      items: z.array(backupChoiceSchema),
      /** Files named like backups that cannot be read (cut short, damaged). */
      unreadable: z.array(z.object({ name: z.string(), problem: z.string() })),
    }),
  }),
  /** What a backup contains, without restoring it: checks its hash, and its header against this database's key. */
  'backup.inspect': method({
    kind: 'query',
    access: 'system.maintain',
    input: z.object({ file: pathSchema }).strict(),
    output: backupChoiceSchema.extend({
      /** The payload hashes to what the header says (the copy is not damaged). */
      intact: z.boolean(),
      /** The header was made with this database's key (false: another database's backup, or a plain one). */
      sameKey: z.boolean(),
      sameOffice: z.boolean(),
      /** The app can restore it (not from a newer app, intact, same office). */
      restorable: z.boolean(),
    }),
  }),
  /**
   * Replace the database with a backup. The current database is kept aside under a timestamped
   * name; everyone is signed out and signs in again against the restored data.
   */
  'backup.restore': method({
    kind: 'job',
    access: 'system.maintain',
    input: z.object({ file: pathSchema }).strict(),
    output: z.object({
      restored: backupChoiceSchema,
      /** Where the database that was replaced now is. */
      setAside: z.string(),
      signedOut: z.literal(true),
    }),
  }),
};
