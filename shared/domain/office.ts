/** Office identity rules shared by the setup form, the CLI and the core. */
import { z } from 'zod';

/** GB/T 2260 administrative division: six digits, e.g. 640202 Dawukou District. */
export const divisionCodeSchema = z
  .string()
  .trim()
  .regex(/^[1-8]\d{5}$/, { message: 'office.division_code' });

/** Office code: the bureau's short code for this office (letters, digits, dash), unique city-wide. */
export const officeCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/, { message: 'office.office_code' });

export const officeNameSchema = z.string().trim().min(2, { message: 'too_short' }).max(60, { message: 'too_long' });

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_.-]{2,32}$/u, { message: 'accounts.username' });

/**
 * Passwords: at least 10 characters (a short phrase does it), with a letter and a digit; never
 * trimmed. A password opens a key slot that can be attacked offline (`.keys`, backup headers), so
 * length counts. Older passwords shorter than this still sign in; the session asks for a new one.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: 'accounts.password_short' })
  .max(128, { message: 'too_long' })
  .refine((p) => /\p{L}/u.test(p) && /\p{N}/u.test(p), { message: 'accounts.password_weak' });

/** Shizuishan's divisions, offered in the setup form; any valid code is accepted. */
export const KNOWN_DIVISIONS: ReadonlyArray<{ code: string; zh: string; en: string }> = [
  { code: '640200', zh: '石嘴山市', en: 'Shizuishan City' },
  { code: '640202', zh: '大武口区', en: 'Dawukou District' },
  { code: '640205', zh: '惠农区', en: 'Huinong District' },
  { code: '640221', zh: '平罗县', en: 'Pingluo County' },
];
