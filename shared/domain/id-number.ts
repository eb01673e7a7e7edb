/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit division of first registration,
 * 8-digit birth date, 3-digit sequence (odd male, even female), check character (ISO 7064 MOD 11-2).
 * Legacy 15-digit numbers are recognised and flagged, never silently converted.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** First two digits of real GB/T 2260 provinces (incl. 71 Taiwan, 81/82 HK/Macau, 83 for HK/Macau/Taiwan residence permits). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

export type IdErrorCode = 'empty' | 'excel_mangled' | 'length' | 'charset' | 'division' | 'birthdate' | 'checksum';

export interface IdNumberInfo {
  normalized: string;
  legacy: boolean;
  /** ISO date, YYYY-MM-DD. */
  birthDate: string;
  sex: 'male' | 'female';
  divisionCode: string;
}

export type IdCheck =
  | ({ valid: true } & IdNumberInfo)
  | { valid: false; normalized: string; error: { code: IdErrorCode; params?: Record<string, string> } };

/** Full-width digits and letters to half-width, spaces (incl. U+3000) removed, `x` upper-cased. */
export function normalizeIdNumber(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** `minYear` guards against typos like 1850; `today` is injectable so tests are stable. */
export function checkIdNumber(input: string, today: Date = new Date()): IdCheck {
  const normalized = normalizeIdNumber(input);
  const fail = (code: IdErrorCode, params?: Record<string, string>): IdCheck => ({ valid: false, normalized, error: { code, params } });
  if (normalized.length === 0) return fail('empty');
  // Spreadsheets turn long numbers into 6.40202E+17, or keep 15 significant digits and zero the rest.
  if (/^\d(\.\d+)?E\+?\d+$/.test(normalized)) return fail('excel_mangled');
  if (normalized.length !== 18 && normalized.length !== 15) return fail('length', { length: String(normalized.length) });
  const legacy = normalized.length === 15;
  if (legacy ? !/^\d{15}$/.test(normalized) : !/^\d{17}[\dX]$/.test(normalized)) return fail('charset');
  if (!PROVINCES.has(normalized.slice(0, 2))) return fail('division', { division: normalized.slice(0, 6) });
  const birth = legacy ? '19' + normalized.slice(6, 12) : normalized.slice(6, 14);
  const birthDate = toIsoDate(birth);
  if (!birthDate || birthDate < '1890-01-01' || birthDate > isoDay(today)) return fail('birthdate', { date: birth });
  if (!legacy) {
    const expected = checkCharacter(normalized);
    if (normalized[17] !== expected) {
      if (normalized.endsWith('000')) return fail('excel_mangled');
      return fail('checksum', { expected });
    }
  }
  const sequenceDigit = Number(legacy ? normalized[14] : normalized[16]);
  return { valid: true, normalized, legacy, birthDate, sex: sequenceDigit % 2 === 1 ? 'male' : 'female', divisionCode: normalized.slice(0, 6) };
}

function toIsoDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Age in whole years on `on` (a birthday counts from that day). */
export function ageOn(birthDate: string, on: Date = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = on.getFullYear() - y;
  if (on.getMonth() + 1 < m || (on.getMonth() + 1 === m && on.getDate() < d)) age -= 1;
  return age;
}

/** Masked display for roles that may not see full numbers: 640202********123X. */
export function maskIdNumber(id: string): string {
  if (id.length === 18) return `${id.slice(0, 6)}********${id.slice(14)}`;
  if (id.length === 15) return `${id.slice(0, 6)}******${id.slice(12)}`;
  return id.length > 4 ? `${'*'.repeat(id.length - 4)}${id.slice(-4)}` : '****';
}

/**
 * The mask for whoever may not see full numbers (a viewer; any export with IDs masked): only the
 * six-digit division code. The usual mask (`maskIdNumber`: first 6, last 4) hides exactly the birth
 * date, which the same screens and exports show — together they were the whole number (a cold trial
 * rebuilt 40 of 40). With the sequence and check digits hidden too, a birth date and a sex still
 * leave hundreds of candidates.
 */
export function maskIdNumberStrict(id: string): string {
  return id.length > 6 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 6)}` : '*'.repeat(Math.max(id.length, 4));
}

/** The mask for a caller: the usual one for a role that may reveal IDs anyway, the strict one otherwise. */
export function idMaskFor(mayReveal: boolean): (id: string) => string {
  return mayReveal ? maskIdNumber : maskIdNumberStrict;
}

/** Make a valid 18-digit ID (synthetic data and tests): division + birth date + sequence → check char. */
export function composeIdNumber(divisionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${divisionCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
