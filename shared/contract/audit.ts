/** 审计日志 audit: browse the tamper-evident trail, verify its chain, and read its head. */
import { z } from 'zod';
import { AUDIT_BREAK_REASONS } from '../domain/audit';
import { method } from './define';
import { timestampSchema } from './common';

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: timestampSchema,
  userId: z.string().nullable(),
  /** As it was at the time (or, for a failed sign-in, as typed, ID numbers masked). */
  username: z.string().nullable(),
  /** One of the features' audit actions (the core registry's); plain text so that entries written by a newer app still list. */
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  /** Names of the changed fields, never their values. */
  fields: z.array(z.string()),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditHeadSchema = z.object({ seq: z.number().int(), hash: z.string(), at: timestampSchema });
export type AuditHead = z.infer<typeof auditHeadSchema>;

export const auditBreakSchema = z.object({ seq: z.number().int(), reason: z.enum(AUDIT_BREAK_REASONS) });

export const auditVerifyOutputSchema = z.object({
  /** Entries in the trail when the walk began. */
  entries: z.number().int(),
  ok: z.boolean(),
  /** The first entry that does not verify; everything before it does. */
  firstBadEntry: auditBreakSchema.optional(),
  /** The last entry that verified. */
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
});
export type AuditVerifyOutput = z.infer<typeof auditVerifyOutputSchema>;

const filterText = z.string().trim().min(1).max(100);

export const auditContract = {
  'audit.list': method({
    kind: 'query',
    access: 'audit.read',
    input: z
      .object({
        userId: filterText.optional(),
        username: filterText.optional(),
        action: filterText.optional(),
        entity: filterText.optional(),
        entityId: filterText.optional(),
        /** Instants (UTC ISO): from inclusive, to exclusive. */
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: z.object({ items: z.array(auditEntrySchema), total: z.number().int() }),
  }),
  /** The user names, actions and entities that occur in the trail, for the filter menus. */
  'audit.facets': method({
    kind: 'query',
    access: 'audit.read',
    input: z.object({}).strict(),
    output: z.object({ usernames: z.array(z.string()), actions: z.array(z.string()), entities: z.array(z.string()) }),
  }),
  /** The newest entry: sync bundles carry it so the bureau holds an anchor the office cannot rewrite. */
  'audit.head': method({
    kind: 'query',
    access: 'audit.read',
    input: z.object({}).strict(),
    output: z.object({ head: auditHeadSchema.nullable() }),
  }),
  /** Walk the whole chain; a job, as it reads every entry. `anchor`: a head held elsewhere (the bureau). */
  'audit.verify': method({
    kind: 'job',
    access: 'audit.read',
    // `hash`: the whole hash, or its first 16 hex digits (the short code a director signed on the monthly report).
    input: z.object({ anchor: z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{16}([0-9a-f]{48})?$/) }).optional() }).strict(),
    output: auditVerifyOutputSchema,
  }),
};
