/**
 * 提醒 alerts: the shared inbox every module raises alerts into (licences about to expire, overdue
 * rectifications …). An alert is raised at most once for its (source, key); it is acknowledged (seen,
 * someone is on it) and resolved — by a person with a note, or by the module when its condition is
 * gone (a licence renewed). Its message is `alerts.sources.<source>` in the catalogs with `params`.
 * A caller sees the alerts whose audience (a permission) their role has; no audience = everyone
 * who may read records.
 */
import { z } from 'zod';
import { method } from './define';
import { idSchema, optionalText, timestampSchema, versionSchema } from './common';

export const ALERT_SEVERITIES = ['info', 'warning', 'urgent'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** `<module>.<rule>`, e.g. eldercare.licence_expiring; its message is alerts.sources.<source>. */
export const alertSourceSchema = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, { message: 'alerts.source' });

export const alertSchema = z.object({
  id: idSchema,
  version: versionSchema,
  source: z.string(),
  key: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  /** The record it is about (a record table and id), to open it from the inbox. */
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  /** The message's parameters (names, numbers, dates — never a full ID number). */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  dueOn: z.string().nullable(),
  raisedAt: timestampSchema,
  /** The permission it is for; null = everyone who may read records. */
  audience: z.string().nullable(),
  status: z.enum(ALERT_STATUSES),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: timestampSchema.nullable(),
  /** Who resolved it (a display name), or null when the module resolved it itself. */
  resolvedBy: z.string().nullable(),
  resolvedAt: timestampSchema.nullable(),
  resolution: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertsContract = {
  /** The inbox: urgent first, then by due date and when raised. `active` = open or acknowledged. */
  'alerts.list': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({
      status: z.enum([...ALERT_STATUSES, 'active']).default('active'),
      source: alertSourceSchema.optional(),
      /** The alerts about one record (a facility's page). */
      entity: z.string().max(60).optional(),
      entityId: z.string().max(60).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ items: z.array(alertSchema), total: z.number().int() }),
  }),
  /** Seen, someone is on it: it stays in the inbox until resolved. */
  'alerts.acknowledge': method({ kind: 'mutation', access: 'records.write', input: z.object({ id: idSchema, version: versionSchema }), output: alertSchema }),
  'alerts.resolve': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ id: idSchema, version: versionSchema, note: optionalText(500) }),
    output: alertSchema,
  }),
  /**
   * Run every module's daily scan now (licences about to expire, overdue rectifications …): each alert
   * fires once per source and key, so running it again raises nothing new. The inbox runs it when opened.
   */
  'alerts.refresh': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({}).strict(),
    output: z.object({ raised: z.number().int(), resolved: z.number().int() }),
  }),
  /** For the header badge: the caller's open and acknowledged alerts, urgent ones among them, by source. */
  'alerts.counts': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({}).strict(),
    output: z.object({
      open: z.number().int(),
      acknowledged: z.number().int(),
      urgent: z.number().int(),
      bySource: z.record(z.string(), z.number().int()),
    }),
  }),
};
