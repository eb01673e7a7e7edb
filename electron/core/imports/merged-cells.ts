/**
 * Merged cells in a roster's data rows (合并单元格). Offices merge 户主姓名, 户号, 家庭住址 and 网格 down
 * over the rows of one household (序号 too, sometimes), and a clerk reads the merged value on every
 * member's row. Excel stores the value only in the range's top-left cell, and lists the ranges in
 * `<mergeCells>` at the END of the sheet's XML, after every row; exceljs's streaming reader skips
 * them altogether (exceljs issue #3000). So the ranges are read first, in a pass of their own over
 * the sheet's zip entry that inflates it as a stream and looks for the bytes `mergeCell` only (no
 * XML parse; nothing is kept but the ranges, four numbers each); then they are applied to the rows
 * as exceljs streams them.
 */
import type { Readable } from 'node:stream';
import type { Cell } from './cells';
import { openZipEntry } from './zip-entry';

/** Far more than any roster holds (a 100,000-row roster merging four columns per household has ~150,000). */
export const MAX_MERGED_RANGES = 1_000_000;
/** Excel's last column (XFD). */
const MAX_COLUMNS = 16_384;

const NEEDLE = Buffer.from('mergeCell');
const LT = 0x3c;
const GT = 0x3e;
/** A `<mergeCell ref="…"/>` tag, with or without a namespace prefix; its ref as A1:B2 or a lone A1. */
const TAG = /<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?["'][^>]*>/g;

/** Merge ranges of one sheet, 1-based rows and columns as Excel numbers them, ordered by top row. */
export class MergedRanges {
  private constructor(
    readonly count: number,
    private readonly tops: Uint32Array,
    private readonly lefts: Uint32Array,
    private readonly bottoms: Uint32Array,
    private readonly rights: Uint32Array,
  ) {}

  static none(): MergedRanges {
    const empty = new Uint32Array(0);
    return new MergedRanges(0, empty, empty, empty, empty);
  }

  /**
   * From ranges as a flat list, four numbers each: top, left, bottom, right. Ranges of one cell
   * merge nothing and are left out; the rest are ordered by their top row.
   */
  static of(flat: ArrayLike<number>): MergedRanges {
    const order: number[] = [];
    for (let k = 0; k + 3 < flat.length; k += 4) if (flat[k + 2] > flat[k] || flat[k + 3] > flat[k + 1]) order.push(k);
    order.sort((a, b) => flat[a] - flat[b]);
    const column = (offset: number) => Uint32Array.from(order, (k) => flat[k + offset]);
    return new MergedRanges(order.length, column(0), column(1), column(2), column(3));
  }

  /**
   * A function that gives each row its merged cells' values, to be called on the rows in sheet
   * order. Only ranges whose top-left cell is at row `from` or below take part: a range that
   * begins in the header (or a title above it) gives nothing to the data rows it reaches into.
   * Columns at `width` and beyond are left alone unless the row itself reaches that far.
   */
  filler(from: number, width: number): (row: number, cells: Cell[]) => Cell[] {
    const active: { top: number; left: number; bottom: number; right: number; value: Cell }[] = [];
    let next = 0;
    return (row, cells) => {
      let kept = 0;
      for (const range of active) if (range.bottom >= row) active[kept++] = range;
      active.length = kept;
      for (; next < this.count && this.tops[next] <= row; next++) {
        const top = this.tops[next];
        const left = this.lefts[next];
        // A range whose top row was never seen (not stored: nothing in it) has no value to give.
        if (top < from || top !== row) continue;
        const value = cells[left - 1] ?? null;
        if (value === null || value === '') continue;
        active.push({ top, left, bottom: this.bottoms[next], right: Math.min(this.rights[next], MAX_COLUMNS), value });
      }
      // A row with nothing of its own is blank to the clerk even where a merged block runs past it;
      // one whose only text is merged across columns is a label (一、第一网格; 填表人：… 审核人：…),
      // not a person, and is left as it is rather than copied into the name and ID columns.
      if (active.length === 0 || isLabelOrBlank(row, cells, active)) return cells;
      const filled = cells.slice();
      const end = Math.max(width, cells.length);
      for (const range of active) {
        const last = Math.min(range.right, end);
        for (let column = range.top === row ? range.left + 1 : range.left; column <= last; column++) {
          while (filled.length < column) filled.push(null);
          filled[column - 1] = range.value;
        }
      }
      return filled;
    };
  }
}

function isLabelOrBlank(row: number, cells: Cell[], active: readonly { top: number; left: number; right: number }[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    if (cells[i] === null || cells[i] === '') continue;
    if (!active.some((r) => r.top === row && r.left === i + 1 && r.right > r.left)) return false;
  }
  return true;
}

/**
 * The merge ranges of sheet `sheetNumber` (the N of xl/worksheets/sheetN.xml, as exceljs numbers
 * its worksheets). None when the file's zip directory cannot be read: exceljs reads the archive
 * front to back and may still manage, and the rows then come as before, without merged values.
 */
export async function readMergedRanges(file: string, sheetNumber: number): Promise<MergedRanges> {
  const part = new RegExp(`(^|/)xl/worksheets/sheet${sheetNumber}[.]xml$`);
  let entry: Readable | null;
  try {
    entry = openZipEntry(file, (name) => part.test(name));
  } catch {
    return MergedRanges.none();
  }
  return entry ? MergedRanges.of(await scanMergeCells(entry)) : MergedRanges.none();
}

/**
 * Every `<mergeCell ref>` in a sheet's XML, flat: top, left, bottom, right of each. Chunks without the bytes `mergeCell` (all but the last
 * few) are only searched, never decoded; a tag cut by a chunk boundary is carried to the next.
 */
export async function scanMergeCells(xml: AsyncIterable<Buffer | string>): Promise<number[]> {
  const ranges: number[] = [];
  let carry: Buffer | null = null;
  for await (const chunk of xml) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const buffer: Buffer = carry ? Buffer.concat([carry, bytes]) : bytes;
    carry = null;
    const hit = buffer.indexOf(NEEDLE);
    if (hit >= 0) {
      const from = buffer.lastIndexOf(LT, hit);
      const text = buffer.toString('latin1', from < 0 ? 0 : from);
      for (const m of text.matchAll(TAG)) {
        const left = columnNumber(m[1]);
        const top = Number(m[2]);
        const right = m[3] ? columnNumber(m[3]) : left;
        const bottom = m[4] ? Number(m[4]) : top;
        if (top < 1 || left < 1) continue;
        ranges.push(Math.min(top, bottom), Math.min(left, right), Math.max(top, bottom), Math.max(left, right));
        if (ranges.length > 4 * MAX_MERGED_RANGES) throw new RangeError(`more than ${MAX_MERGED_RANGES} merged ranges`);
      }
    }
    // Keep an unfinished tag at the end (a mergeCell tag is short; anything long is not one).
    const lt = buffer.lastIndexOf(LT);
    if (lt >= 0 && buffer.indexOf(GT, lt) < 0 && buffer.length - lt <= 1024) carry = Buffer.from(buffer.subarray(lt));
  }
  return ranges;
}

/** A → 1, Z → 26, AA → 27 … */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
