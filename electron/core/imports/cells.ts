/**
 * Cell values as spreadsheets hand them over, made into what a clerk meant: full-width digits,
 * letters and spaces folded (NFKC), Excel's text guards (`="…"`, a leading apostrophe) removed, and
 * dates in every shape the offices use turned into ISO dates.
 */

/** What a reader gives for one cell: text, a number (xlsx numeric cells only), or nothing. */
export type Cell = string | number | null;

const SPACES = /[\s\u3000]+/g;
const EXCEL_TEXT_FORMULA = /^="(.*)"$/s;
/** The apostrophe exports put before text that starts like a formula (export.ts FORMULA_START; tab and CR are spaces by now). */
const FORMULA_GUARD = /^'(?=[=+\-@\s])/;

/**
 * The text of a cell, normalized: NFKC (全角 → 半角, U+3000 → space), runs of spaces as one, trimmed.
 * `="640202…"` is how exports (ours and others') keep long numbers as text in CSV; `'=` guards a
 * cell that would otherwise be taken as a formula.
 */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return numberText(cell);
  let text = cell.normalize('NFKC').replace(SPACES, ' ').trim();
  const formula = EXCEL_TEXT_FORMULA.exec(text);
  if (formula) text = formula[1].trim();
  return text.replace(FORMULA_GUARD, '').trim();
}

/** Whole numbers without exponent or decimals (JS prints integers up to 1e21 in full). */
function numberText(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

/**
 * A numeric cell in the ID column can never hold an ID: Excel keeps 15 significant digits, so an
 * 18-digit number has already lost its tail (or shows as 6.40202E+17).
 */
export function isMangledNumber(cell: Cell): boolean {
  return typeof cell === 'number' && Math.abs(cell) >= 1e14;
}

const YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** 1900-01-01 … 2199-12-31 as Excel serial numbers. */
const SERIAL_MIN = 1;
const SERIAL_MAX = 109_574;

/**
 * A date as YYYY-MM-DD, or null when it is not one. Accepts 1950/3/7, 1950-03-07, 1950.3.7,
 * 19500307, 1950年3月7日 (with or without a time after it) and Excel serial numbers.
 */
export function parseDate(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return fromSerial(cell);
  const text = cellText(cell);
  if (text === '') return null;
  let m = YMD.exec(text) ?? COMPACT.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // A serial number that arrived as text (CSV saved from a sheet whose date column was General).
  if (/^\d{1,6}(\.\d+)?$/.test(text)) return fromSerial(Number(text));
  m = /^(\d{4})-(\d{2})-(\d{2})T/.exec(text);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * Excel's day count from 1900-01-00, including its famous 29 February 1900 (serial 60), which never
 * existed: serials from 61 on are one day ahead of a true count from 1899-12-31.
 */
export function fromSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
  const day = Math.floor(serial);
  if (day === 60) return null;
  const epoch = Date.UTC(1899, 11, day < 60 ? 31 : 30);
  const d = new Date(epoch + day * 86_400_000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Header text for matching: NFKC, no spaces, no punctuation or markers such as * ： （必填）. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\((必填|选填|required|optional)\)/g, '')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
