/**
 * CSV as RFC 4180 describes it and as Excel writes it: comma-separated, fields in double quotes
 * may hold commas, line breaks and `""` for a quote; records end with CRLF, LF or a lone CR.
 * Fed in chunks of any size (a record may straddle them), so whole files are never held.
 * Written here because the rules fit on a page and no CSV package is among the dependencies.
 */

/** Excel's own limit for one cell; a longer one is almost always an unclosed quote swallowing the file. */
export const MAX_CELL_CHARS = 32_767;
/** Excel's column limit (XFD); more is not a roster. */
export const MAX_COLUMNS = 16_384;

export class CsvFormatError extends Error {
  constructor(
    readonly code: 'cell_too_long' | 'unclosed_quote' | 'too_many_columns',
    /** 1-based record number (a spreadsheet's row number) where the problem starts. */
    readonly row: number,
  ) {
    super(`${code} at row ${row}`);
    this.name = 'CsvFormatError';
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface CsvOptions {
  delimiter?: string;
  maxCellChars?: number;
}

/** Incremental parser: `push` chunks, collect the records it completes, then `end`. */
export class CsvParser {
  private readonly delimiter: number;
  private readonly maxCell: number;
  private record: string[] = [];
  private field = '';
  private inQuotes = false;
  /** The previous chunk ended on a quote inside a quoted field: it closes or starts `""`. */
  private quotePending = false;
  /** The previous chunk ended on CR: a following LF belongs to it. */
  private crPending = false;
  /** Anything consumed since the last record ended (so a final newline adds no empty record). */
  private dirty = false;
  private fieldStartRow = 1;
  /** Number of the record being read, 1-based. */
  row = 1;

  constructor(options: CsvOptions = {}) {
    this.delimiter = (options.delimiter ?? ',').charCodeAt(0);
    this.maxCell = options.maxCellChars ?? MAX_CELL_CHARS;
  }

  push(chunk: string): string[][] {
    const out: string[][] = [];
    const n = chunk.length;
    let i = 0;
    if (this.crPending) {
      this.crPending = false;
      if (n > 0 && chunk.charCodeAt(0) === LF) i = 1;
    }
    if (this.quotePending && n > 0) {
      this.quotePending = false;
      if (chunk.charCodeAt(0) === QUOTE) {
        this.append('"');
        i = Math.max(i, 1);
      } else {
        this.inQuotes = false;
      }
    }
    while (i < n) {
      if (this.inQuotes) {
        const q = chunk.indexOf('"', i);
        if (q < 0) {
          this.append(chunk.slice(i));
          i = n;
          break;
        }
        this.append(chunk.slice(i, q));
        if (q + 1 >= n) {
          this.quotePending = true;
          i = n;
          break;
        }
        if (chunk.charCodeAt(q + 1) === QUOTE) {
          this.append('"');
          i = q + 2;
        } else {
          this.inQuotes = false;
          i = q + 1;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      this.dirty = true;
      if (c === this.delimiter) {
        this.endField();
        i += 1;
      } else if (c === LF || c === CR) {
        this.endField();
        out.push(this.record);
        this.record = [];
        this.dirty = false;
        this.row += 1;
        this.fieldStartRow = this.row;
        if (c === CR) {
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === LF) i += 1;
          } else {
            this.crPending = true;
          }
        }
        i += 1;
      } else if (c === QUOTE && this.field.length === 0) {
        // A quote opens a quoted field only at its start; elsewhere it is an ordinary character.
        this.inQuotes = true;
        this.fieldStartRow = this.row;
        i += 1;
      } else {
        // Plain run up to the next special character.
        let j = i + 1;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === this.delimiter || d === LF || d === CR || d === QUOTE) break;
          j += 1;
        }
        if (j < n && chunk.charCodeAt(j) === QUOTE) j += 1; // a stray quote mid-field is kept as text
        this.append(chunk.slice(i, j));
        i = j;
      }
    }
    if (this.inQuotes) this.dirty = true;
    return out;
  }

  /** Finish: the last record (if the file does not end with a newline). */
  end(): string[][] {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) throw new CsvFormatError('unclosed_quote', this.fieldStartRow);
    if (!this.dirty) return [];
    this.endField();
    const last = this.record;
    this.record = [];
    this.dirty = false;
    return [last];
  }

  private append(text: string): void {
    if (text.length === 0) return;
    this.dirty = true;
    this.field += text;
    if (this.field.length > this.maxCell) throw new CsvFormatError('cell_too_long', this.inQuotes ? this.fieldStartRow : this.row);
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    if (this.record.length > MAX_COLUMNS) throw new CsvFormatError('too_many_columns', this.row);
  }
}

/** Parse a whole string (tests, small inputs). */
export function parseCsv(text: string, options?: CsvOptions): string[][] {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()];
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field as RFC 4180 wants it: quoted when it holds a comma, quote, line break or edge space. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record, CRLF-terminated as Excel writes them. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}
