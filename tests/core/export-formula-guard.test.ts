/**
 * CSV exports never hand Excel a formula: a text cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is written with a leading apostrophe (the `-2+3+cmd|' /C calc'!A0` a clerk once
 * typed into a note was exported as a live formula), numbers stay numbers, and importing the file
 * again gives back the text as it was typed.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { setupOffice } from '../support/office';
import { expectOk } from '../support/results';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { parseCsv } from '../../electron/core/imports/csv';
import { family, inDir, jobOk, liveResidents, writeRosterXlsx } from './imports-fixtures';

afterEach(disposeTestResources);

const NOTES = ["-2+3+cmd|' /C calc'!A0", '+1+1', '@SUM(A1:A9)', '\tHYPERLINK("http://x")', '\r=1+1', '=1+1'];

describe('CSV export formula guard', () => {
  it('prefixes every formula-like text cell with an apostrophe, leaves numbers alone, and re-imports the text unchanged', async () => {
    const t = createTestHost();
    const { adminConn: conn } = await setupOffice(t);
    await jobOk(t, conn, 'imports.commit', { file: await writeRosterXlsx(inDir(t.dir, 'roster.xlsx'), family()) });
    const rows = t.host.db.prepare('SELECT id, version FROM residents ORDER BY id_number').all() as { id: string; version: number }[];
    const notes = new Map<string, string>();
    for (const [i, row] of rows.entries()) {
      const note = NOTES[i];
      expectOk(await t.call(conn, 'residents.update', { id: row.id, version: row.version, notes: note, ...(i === 0 ? { address: NOTES[4] } : {}) }));
      notes.set(row.id, note);
    }
    const out = inDir(t.dir, 'out.csv');
    await jobOk(t, conn, 'exports.residents', { file: out, encoding: 'utf8' });
    const table = parseCsv(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
    const header = table[0];
    const notesColumn = header.indexOf('备注');
    const ageColumn = header.indexOf('年龄');
    expect(notesColumn).toBeGreaterThan(0);
    const exported = table.slice(1).map((r) => r[notesColumn]);
    for (const cell of [...exported, ...table.slice(1).map((r) => r[header.indexOf('家庭住址')])]) {
      // What Excel would evaluate: a cell whose first character starts a formula.
      expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(exported).toContain("'-2+3+cmd|' /C calc'!A0");
    // Numeric columns are written as numbers.
    for (const r of table.slice(1)) expect(r[ageColumn]).toMatch(/^\d+$/);

    const before = liveResidents(t).map((p) => p.notes);
    const other = createTestHost();
    const o2 = await setupOffice(other);
    await jobOk(other, o2.adminConn, 'imports.commit', { file: out });
    expect(liveResidents(other).map((p) => p.notes)).toEqual(before);
  });
});
