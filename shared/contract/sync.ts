/**
 * 数据报送 sync with the city bureau. An office enrolls once (a file and a one-time code from the
 * bureau), then sends encrypted, signed bundles of its changes by USB/folder or by resumable upload,
 * and takes in the bureau's signed receipts. A bureau database (`civicdesk bureau init`) enrolls
 * offices, takes in their bundles, writes receipts and shows the city's picture.
 * The file formats: electron/core/sync/format.ts.
 */
import { z } from 'zod';
import { method } from './define';
import { officeCodeSchema, officeNameSchema } from '../domain/office';
import { isoDateSchema } from './common';

/** A file or folder: a handle a dialog gave the window, or a path from the CLI. */
const pathSchema = z.string().trim().min(1, { message: 'required' }).max(4096, { message: 'too_long' });

export const SYNC_ROLES = ['none', 'office', 'bureau'] as const;
export const INTAKE_STATUSES = ['applied', 'duplicate', 'held', 'rejected'] as const;
export type IntakeStatusName = (typeof INTAKE_STATUSES)[number];

const auditHeadSchema = z.object({
  seq: z.number().int(),
  hash: z.string(),
  /** The short code a director signs on the monthly report: `seq-XXXX-XXXX-XXXX-XXXX`. */
  code: z.string(),
});

export const outboxBundleSchema = z.object({
  sequence: z.number().int(),
  bundleId: z.string(),
  fileName: z.string(),
  changes: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  exportedAt: z.string().nullable(),
  exportedTo: z.string().nullable(),
  uploadedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  /** What the bureau's latest receipt said of it. */
  bureauStatus: z.enum(INTAKE_STATUSES).nullable(),
  bureauReason: z.string().nullable(),
});
export type OutboxBundle = z.infer<typeof outboxBundleSchema>;

const enrollmentSchema = z.object({
  officeCode: z.string(),
  bureauId: z.string(),
  bureauName: z.string(),
  enrolledAt: z.string(),
  uploadUrl: z.string().nullable(),
});

const writtenBundleSchema = z.object({ file: z.string(), sequence: z.number().int(), bytes: z.number().int() });

export const intakeResultSchema = z.object({
  file: z.string(),
  office: z.string().nullable(),
  sequence: z.number().int().nullable(),
  status: z.enum(INTAKE_STATUSES),
  /** Why it was held or rejected (a code under sync.reasons). */
  reason: z.string().optional(),
  /** The reason's message parameters (held: `missing`, the sequence it waits for). */
  params: z.record(z.string(), z.number().int()).optional(),
  /** Rows applied from it (and from held bundles it released). */
  rows: z.number().int().optional(),
});
export type IntakeResult = z.infer<typeof intakeResultSchema>;

export const bureauOfficeSchema = z.object({
  code: z.string(),
  name: z.string(),
  enrolledAt: z.string(),
  /** Has a bundle been accepted from it (its key is pinned)? */
  active: z.boolean(),
  appliedSequence: z.number().int(),
  lastBundleAt: z.string().nullable(),
  /** Sequences held because an earlier one is missing, and the missing ones. */
  held: z.array(z.number().int()),
  missing: z.array(z.number().int()),
  openAlarms: z.number().int(),
  auditHeadSeq: z.number().int(),
  /** Live rows by record table. */
  counts: z.record(z.string(), z.number().int()),
});
export type BureauOffice = z.infer<typeof bureauOfficeSchema>;

export const bureauAlarmSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  office: z.string().nullable(),
  /** sequence_conflict, bundle_id_conflict, audit_fork, audit_gap, audit_rewritten, chain_fork. */
  kind: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  resolvedAt: z.string().nullable(),
});

export const crossOfficeDuplicateSchema = z.object({
  idMasked: z.string(),
  entries: z.array(z.object({ office: z.string(), officeName: z.string(), residentId: z.string(), name: z.string() })),
});

export const syncContract = {
  /** Where this database stands: office (enrollment, outbox, acknowledged point, audit head) or bureau. */
  'sync.status': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({}).strict(),
    output: z.object({
      role: z.enum(SYNC_ROLES),
      enrollment: enrollmentSchema.nullable(),
      /** Change-log rows not in any bundle yet. */
      pendingChanges: z.number().int(),
      acknowledgedSequence: z.number().int(),
      lastReceiptAt: z.string().nullable(),
      auditHead: auditHeadSchema.nullable(),
      /** The acknowledged audit head from the last receipt. */
      anchoredHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
      bundles: z.array(outboxBundleSchema),
    }),
  }),
  /** Take the bureau's enrollment file; the one-time code the bureau gave opens it. Once per office. */
  'sync.enroll': method({
    kind: 'mutation',
    access: 'office.manage',
    input: z.object({ file: pathSchema, code: z.string().trim().min(1, { message: 'required' }).max(64, { message: 'too_long' }) }).strict(),
    output: enrollmentSchema,
  }),
  /** The bureau's upload address (http(s)://host:port/…), or null to send by USB only. */
  'sync.settings.update': method({
    kind: 'mutation',
    access: 'office.manage',
    input: z.object({ uploadUrl: z.string().trim().max(500, { message: 'too_long' }).nullable() }).strict(),
    output: enrollmentSchema,
  }),
  /**
   * Make a bundle of every change not yet bundled (none → `file: null`, `changes: 0`), then write it
   * and every unacknowledged earlier bundle, unchanged, into `folder` (a USB drive): temporary name,
   * fsync, read back, verify, rename — only then is it marked exported.
   */
  'sync.export': method({
    kind: 'job',
    access: 'records.write',
    input: z.object({ folder: pathSchema }).strict(),
    output: z.object({
      file: z.string().nullable(),
      sequence: z.number().int().nullable(),
      changes: z.number().int(),
      bytes: z.number().int(),
      /** Unacknowledged earlier bundles written again, byte for byte. */
      resent: z.array(writtenBundleSchema),
    }),
  }),
  /** Bundle what is new, then upload every unacknowledged bundle (tus, resumable); verified by hash at the end. */
  'sync.upload': method({
    kind: 'job',
    access: 'records.write',
    input: z.object({ url: z.string().trim().max(500, { message: 'too_long' }).optional() }).strict(),
    output: z.object({ sequence: z.number().int().nullable(), changes: z.number().int(), uploaded: z.array(writtenBundleSchema) }),
  }),
  /** Take a receipt from the bureau: advances the acknowledged point, puts its alerts in the inbox. */
  'sync.receipt.import': method({
    kind: 'mutation',
    access: 'records.write',
    input: z.object({ file: pathSchema }).strict(),
    output: z.object({
      receiptSeq: z.number().int(),
      acknowledgedSequence: z.number().int(),
      bundles: z.array(z.object({ sequence: z.number().int(), status: z.enum(INTAKE_STATUSES), reason: z.string().optional() })),
      auditHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
      alertsRaised: z.number().int(),
    }),
  }),

  /** Make this (new, empty) database a bureau: its age identity and signing key, kept inside it. */
  'bureau.init': method({
    kind: 'job',
    access: 'office.manage',
    input: z.object({ name: officeNameSchema }).strict(),
    output: z.object({ bureauId: z.string(), name: z.string(), recipient: z.string() }),
  }),
  /** Enroll an office: writes its enrollment file; the one-time code is shown once, here. */
  'bureau.enroll': method({
    kind: 'mutation',
    access: 'office.manage',
    input: z.object({ officeCode: officeCodeSchema, officeName: officeNameSchema, out: pathSchema }).strict(),
    output: z.object({ file: z.string(), oneTimeCode: z.string(), enrollmentId: z.string() }),
  }),
  /** Take in bundle files (USB): each verified, decrypted, applied in one transaction or held/refused. */
  'bureau.import': method({
    kind: 'job',
    access: 'system.maintain',
    input: z.object({ files: z.array(pathSchema).min(1, { message: 'required' }).max(1000, { message: 'too_big' }), receipts: pathSchema.optional() }).strict(),
    output: z.object({ results: z.array(intakeResultSchema), receipts: z.array(z.object({ office: z.string(), file: z.string() })) }),
  }),
  /** Write an office's receipt (into `folder`, under its dated name). */
  'bureau.receipt': method({
    kind: 'mutation',
    access: 'system.maintain',
    input: z.object({ officeCode: officeCodeSchema, folder: pathSchema }).strict(),
    output: z.object({ office: z.string(), file: z.string(), receiptSeq: z.number().int() }),
  }),
  /** The enrolled offices and where each one's sync stands; city-wide counts. */
  'bureau.offices': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({}).strict(),
    output: z.object({ bureau: z.object({ id: z.string(), name: z.string() }), offices: z.array(bureauOfficeSchema), totals: z.record(z.string(), z.number().int()) }),
  }),
  'bureau.alarms': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ open: z.boolean().optional() }).strict(),
    output: z.object({ items: z.array(bureauAlarmSchema) }),
  }),
  'bureau.alarms.resolve': method({
    kind: 'mutation',
    access: 'system.maintain',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ id: z.number().int() }),
  }),
  /** Later modules' statistics across offices for a period (each figure by office code, and its total). */
  'bureau.stats': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ from: isoDateSchema, to: isoDateSchema }).strict(),
    output: z.object({ figures: z.array(z.object({ key: z.string(), byOffice: z.record(z.string(), z.number()), total: z.number() })) }),
  }),
  /** Residents registered in more than one office (by normalized ID number), masked. */
  'bureau.duplicates': method({
    kind: 'query',
    access: 'records.read',
    input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.object({ total: z.number().int(), items: z.array(crossOfficeDuplicateSchema) }),
  }),
  /**
   * Publish a code table or standard to every office (it goes out in each receipt): `kind` is one a
   * feature offers (eldercare.standards …), `file` a JSON file with its payload. Replaces the last one.
   */
  'bureau.publish': method({
    kind: 'mutation',
    access: 'office.manage',
    input: z.object({ kind: z.string().trim().min(1, { message: 'required' }).max(64, { message: 'too_long' }), file: pathSchema }).strict(),
    output: z.object({ kind: z.string(), version: z.string() }),
  }),
  /** The bureau's age identity (`AGE-SECRET-KEY-1…`) into a chosen file, for the standard `age` tool. */
  'bureau.identity.export': method({
    kind: 'mutation',
    access: 'office.manage',
    input: z.object({ out: pathSchema }).strict(),
    output: z.object({ file: z.string(), recipient: z.string() }),
  }),
};
