import { z } from 'zod';

/** UUIDv7 text ids: unique across offices, roughly time-ordered. */
export const idSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, {
  message: 'invalid_id',
});
/** Optimistic concurrency: the version the client last saw; a mismatch is STALE_VERSION. */
export const versionSchema = z.number().int().min(1);
/** ISO-8601 UTC instant, as stored. */
export const timestampSchema = z.string();

/** Free text, trimmed, at most `max` characters. */
export const text = (max: number) => z.string().trim().max(max, { message: 'too_long' });
export const optionalText = (max: number) => text(max).optional().nullable();

/** A calendar date, YYYY-MM-DD, that exists (2025-02-30 and 2025-13-01 are refused, not stored). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number);
    const t = new Date(Date.UTC(y, m - 1, day));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
  }, { message: 'date' });
