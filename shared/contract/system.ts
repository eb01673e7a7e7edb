/** 系统 system: database facts, the change log, integrity checks, and job control. */
import { z } from 'zod';
import { method } from './define';
import { idSchema } from './common';
import { officeSchema } from './office';

/**
 * How an encrypted database's pages are encrypted, newest first (electron/core/db/connection.ts
 * says why): new databases use the first; older files keep the cipher they were written in.
 */
export const PAGE_CIPHERS = ['aegis-256', 'sqlcipher-4'] as const;
export type PageCipher = (typeof PAGE_CIPHERS)[number];

export const changeEntrySchema = z.object({
  seq: z.number().int(),
  entity: z.string(),
  entityId: z.string(),
  op: z.enum(['insert', 'update', 'delete']),
  version: z.number().int(),
  fields: z.array(z.string()),
  userId: z.string().nullable(),
  /** The display name of that user (as the account is named now), so any reader of a history sees who. */
  userName: z.string().nullable(),
  at: z.string(),
});
export type ChangeEntry = z.infer<typeof changeEntrySchema>;

/**
 * The background database check (数据库检查) that runs after each open of the database: where it
 * stands, for the header. `pending`: the database is open and the check has not started yet (it
 * waits a moment after sign-in); `unfinished`: not checking — the check is off for this host (the
 * CLI), the database closed or is being restored, or the check `failed` to run (`message` says why).
 * `backup`: the latest good automatic backup to restore when damage was found.
 */
export const databaseCheckSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending') }),
  z.object({ state: z.literal('running'), startedAt: z.string(), done: z.number().int(), total: z.number().int() }),
  z.object({ state: z.literal('passed'), startedAt: z.string(), finishedAt: z.string(), ms: z.number().int(), tables: z.number().int() }),
  z.object({ state: z.literal('damaged'), finishedAt: z.string(), problems: z.array(z.string()), backup: z.string().nullable() }),
  z.object({ state: z.literal('unfinished'), reason: z.enum(['off', 'closed', 'restoring', 'failed']), message: z.string().optional() }),
]);
export type DatabaseCheck = z.infer<typeof databaseCheckSchema>;

export const systemContract = {
  'system.info': method({
    kind: 'query',
    access: 'office.read',
    input: z.object({}).strict(),
    output: z.object({
      schemaVersion: z.number().int(),
      appVersion: z.string(),
      office: officeSchema,
      counts: z.record(z.string(), z.number().int()),
    }),
  }),
  'system.changes.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({
      entity: z.string().optional(),
      entityId: z.string().optional(),
      afterSeq: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(changeEntrySchema),
  }),
  /** Where the background check of the open database stands (also pushed as the `database.check` event). */
  'system.databaseCheck': method({
    kind: 'query',
    access: 'session',
    input: z.object({}).strict(),
    output: databaseCheckSchema,
  }),
  /** Long work as a job: SQLite quick_check plus a walk of the change log for gaps. */
  'system.checkIntegrity': method({
    kind: 'job',
    access: 'system.maintain',
    input: z.object({}).strict(),
    output: z.object({ ok: z.boolean(), changeLogEntries: z.number().int(), problems: z.array(z.string()) }),
  }),
  /**
   * The full check behind `civicdesk verify`: integrity_check over every page, the change log's
   * continuity, and the key slot file's sanity. `ok` only when all three are.
   */
  'system.verify': method({
    kind: 'job',
    access: 'system.maintain',
    input: z.object({}).strict(),
    output: z.object({
      ok: z.boolean(),
      integrity: z.object({ ok: z.boolean(), problems: z.array(z.string()) }),
      changeLog: z.object({ ok: z.boolean(), entries: z.number().int(), problems: z.array(z.string()) }),
      keySlots: z.object({
        ok: z.boolean(),
        encrypted: z.boolean(),
        /** The pages' cipher (null for a plain database); an older one moves to the newest by a restore. */
        cipher: z.enum(PAGE_CIPHERS).nullable(),
        slots: z.number().int(),
        problems: z.array(z.string()),
      }),
    }),
  }),
  'jobs.cancel': method({
    kind: 'mutation',
    access: 'session',
    input: z.object({ jobId: idSchema }),
    output: z.object({ cancelled: z.boolean() }),
  }),
};
