/** Schemas the elderly-care contract files share: dates, money, positions, codes. */
import { z } from 'zod';
import { isoDateSchema } from '../common';
import { COORDINATE_SYSTEMS, isInChina } from '../../domain/eldercare/positions';
import { CODE_PATTERN } from '../../domain/eldercare/codes';

/** A calendar date, YYYY-MM-DD (Beijing time, as the office reads it). */
export const isoDate = isoDateSchema;
/** Money in fen (分): integers, never floating yuan. */
export const centsSchema = z.number().int().min(0).max(100_000_000);
/** A code from one of the module's code tables (service, facility kind). */
export const codeSchema = z.string().regex(CODE_PATTERN, { message: 'eldercare.code' });

/** A position as typed, with its coordinate system; refused outside China (swapped or mistyped). */
export const positionSchema = z
  .object({
    lng: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    crs: z.enum(COORDINATE_SYSTEMS),
  })
  .refine((p) => isInChina(p.lng, p.lat), { message: 'eldercare.position_outside', path: ['lng'] });
export type PositionInput = z.infer<typeof positionSchema>;

/** A position as stored: what was typed, and its WGS-84 form used for computing. */
export const storedPositionSchema = z.object({
  lng: z.number(),
  lat: z.number(),
  crs: z.enum(COORDINATE_SYSTEMS),
  wgs84: z.object({ lng: z.number(), lat: z.number() }),
});
export type StoredPosition = z.infer<typeof storedPositionSchema>;

/** Who a row is about, as every list shows it: the name and the ID masked for the caller. */
export const personRefSchema = z.object({
  residentId: z.string(),
  name: z.string(),
  idMasked: z.string(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']),
});
export type PersonRef = z.infer<typeof personRefSchema>;
