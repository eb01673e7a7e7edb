/**
 * The RFC 4180 reader: whatever cells are written (commas, quotes, CR/LF inside, Chinese, edge
 * spaces), they read back the same, however the text is cut into chunks; and the file-level
 * problems (a huge cell, an unclosed quote) are reported with the row they start on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, CsvParser, csvRecord, parseCsv } from '../../electron/core/imports/csv';

/** Cells drawn from characters that make CSV hard, plus ordinary and Chinese text. */
const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '张', '　', ' ', ',', '"', '\r', '\n', '\r\n', '=', '\t', '·'), maxLength: 12 }),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', '""', '"', 'a"b', '640202198506123016', '="640202198506123016"'),
);
const record = fc.array(cell, { minLength: 1, maxLength: 8 });
const table = fc.array(record, { minLength: 1, maxLength: 20 });

function write(rows: string[][]): string {
  return rows.map((r) => csvRecord(r)).join('');
}

/** Feed `text` to a parser cut at the given positions. */
function parseInChunks(text: string, cuts: number[]): string[][] {
  const parser = new CsvParser();
  const out: string[][] = [];
  let start = 0;
  for (const cut of [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b)) {
    out.push(...parser.push(text.slice(start, cut)));
    start = cut;
  }
  out.push(...parser.push(text.slice(start)), ...parser.end());
  return out;
}

describe('CSV reader (RFC 4180)', () => {
  it('reads back exactly the cells that were written (round trip of arbitrary cells)', () => {
    fc.assert(
      fc.property(table, (rows) => {
        expect(parseCsv(write(rows))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same records whatever the chunk boundaries (a record, a quote or CRLF may straddle them)', () => {
    fc.assert(
      fc.property(table, fc.array(fc.nat({ max: 400 }), { maxLength: 12 }), (rows, cuts) => {
        const text = write(rows);
        expect(parseInChunks(text, cuts)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('reads LF, CRLF and lone CR line ends alike, and a last line without one', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.stringMatching(/^[a-z0-9 ]{0,5}$/), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), (rows, eol, trailing) => {
          const text = rows.map((r) => r.join(',')).join(eol) + (trailing ? eol : '');
          const expected = rows.map((r) => [...r]);
          // A final empty line without a newline is no record at all.
          if (!trailing && expected.at(-1)!.length === 1 && expected.at(-1)![0] === '') expected.pop();
          expect(parseCsv(text)).toEqual(expected);
        },
      ),
    );
  });

  it('handles the classic cases: quoted commas and newlines, doubled quotes, empty fields, stray quotes', () => {
    expect(parseCsv('a,"b,c","d\r\ne"\r\n')).toEqual([['a', 'b,c', 'd\r\ne']]);
    expect(parseCsv('"say ""hi""",,x\n')).toEqual([['say "hi"', '', 'x']]);
    expect(parseCsv(',\n,,\n')).toEqual([['', ''], ['', '', '']]);
    expect(parseCsv('5"2,ok\n')).toEqual([['5"2', 'ok']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n')).toEqual([['']]);
  });

  it('counts rows as records, so a line break inside a quoted cell does not shift later row numbers', () => {
    const parser = new CsvParser();
    parser.push('h1,h2\r\n"two\r\nlines",x\r\n"never closed,y\r\n');
    expect(parser.row).toBe(3);
    expect(() => parser.end()).toThrow(CsvFormatError);
    expect(() => parseCsv('h\r\nok\r\n"never\r\nclosed')).toThrow(expect.objectContaining({ code: 'unclosed_quote', row: 3 }));
  });

  it('refuses a cell longer than Excel allows (32,767 characters), naming its row, without reading on', () => {
    const huge = 'x'.repeat(1024 * 1024);
    expect(() => parseCsv(`name,id\r\nok,1\r\n${huge},2\r\n`)).toThrow(expect.objectContaining({ code: 'cell_too_long', row: 3 }));
    expect(() => parseCsv(`name\r\n"${huge}"\r\n`)).toThrow(expect.objectContaining({ code: 'cell_too_long', row: 2 }));
    expect(parseCsv(`${'y'.repeat(32_767)}\n`)[0][0]).toHaveLength(32_767);
  });
});
