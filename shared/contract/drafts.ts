/**
 * 草稿 drafts: a form's unsaved entries, kept in the office database (encrypted like everything
 * else in it) so that they survive a crash or a closed window — and never lie in plain text in the
 * browser storage of a shared office PC. Each draft belongs to the user who typed it: the core
 * answers only the caller's own drafts, whatever key is asked for.
 */
import { z } from 'zod';
import { method } from './define';
import { timestampSchema, versionSchema } from './common';

/** A draft's JSON text may take this many bytes (UTF-8); a resident form needs a few KiB. */
export const DRAFT_MAX_BYTES = 64 * 1024;
/** Drafts not saved again for this long are dropped: a form abandoned a month ago is not work in progress. */
export const DRAFT_TTL_DAYS = 30;
/** The newest drafts a user keeps; older ones make room. */
export const DRAFTS_PER_USER = 50;

/** `<form>:<which>`: `resident:new`, `resident:<id>` — the form, and the record it edits or `new`. */
export const draftKeySchema = z.string().regex(/^[a-z][a-z-]{0,31}:[A-Za-z0-9-]{1,64}$/, { message: 'invalid' });

export function draftBytes(payload: unknown): number {
  return new TextEncoder().encode(JSON.stringify(payload)).length;
}

const payloadSchema = z.json().refine((payload) => draftBytes(payload) <= DRAFT_MAX_BYTES, {
  message: 'drafts.too_large',
  params: { maximum: DRAFT_MAX_BYTES / 1024 },
});

export const draftSchema = z.object({
  key: z.string(),
  payload: z.json(),
  /** The version of the record the form started from (edit drafts), to tell a draft begun on an older one. */
  baseVersion: z.number().int().nullable(),
  savedAt: timestampSchema,
});
export type Draft = z.infer<typeof draftSchema>;

export const draftsContract = {
  /** Replace the caller's draft under `key`. */
  'drafts.save': method({
    kind: 'mutation',
    access: 'session',
    input: z.object({ key: draftKeySchema, payload: payloadSchema, baseVersion: versionSchema.nullable().default(null) }).strict(),
    output: z.object({ key: z.string(), savedAt: timestampSchema }),
  }),
  'drafts.get': method({
    kind: 'query',
    access: 'session',
    input: z.object({ key: draftKeySchema }).strict(),
    output: z.object({ draft: draftSchema.nullable() }),
  }),
  /** On save of the record, or when the clerk throws the draft away; `discarded` is false if there was none. */
  'drafts.discard': method({
    kind: 'mutation',
    access: 'session',
    input: z.object({ key: draftKeySchema }).strict(),
    output: z.object({ discarded: z.boolean() }),
  }),
  /** The caller's drafts, newest first, without their contents. */
  'drafts.list': method({
    kind: 'query',
    access: 'session',
    input: z.object({}).strict(),
    output: z.object({
      items: z.array(z.object({ key: z.string(), baseVersion: z.number().int().nullable(), savedAt: timestampSchema, bytes: z.number().int() })),
    }),
  }),
};
