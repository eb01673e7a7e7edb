/**
 * Merged cells in the data rows of an .xlsx roster: 户号, 户主姓名, 家庭住址 and 网格 merged down over
 * the members of a household give their value to every member's row, as a clerk reads the sheet;
 * nothing outside a merge range is filled, and the header is found as before.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { composeIdNumber } from '../../shared/domain/id-number';
import { MergedRanges, readMergedRanges, scanMergeCells } from '../../electron/core/imports/merged-cells';
import { setupOffice } from '../support/office';
import { expectOk } from '../support/results';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { family, inDir, jobOk, liveResidents, runJob, writeRosterXlsx, writeSheetXlsx } from './imports-fixtures';

afterEach(disposeTestResources);

async function office() {
  const t = createTestHost();
  const o = await setupOffice(t);
  return { t, conn: o.adminConn };
}

const HEADER = ['序号', '户号', '户主姓名', '姓名', '公民身份号码', '与户主关系', '联系电话', '家庭住址', '网格'];

/**
 * Three households as a community office keeps them: 序号, 户号, 户主姓名, 家庭住址 and 网格 merged
 * down over each family's rows; the last merge runs one row past the family, onto an empty row.
 */
async function householdRoster(file: string): Promise<string> {
  const [ma, hai, xiaolong, li] = family();
  const zhang = composeIdNumber('640202', '1975-04-18', 131);
  const wang = composeIdNumber('640202', '1977-09-30', 142);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['2025年朝阳街社区户籍花名册']);
  sheet.mergeCells('A1:I1');
  sheet.addRow(HEADER);
  sheet.addRow([1, 'CY-001', '马建国', ma.name, ma.id, '户主', ma.phone, '朝阳街12号', 'G01']);
  sheet.addRow([null, null, null, hai.name, hai.id, '妻', '', null, null]);
  sheet.addRow([null, null, null, xiaolong.name, xiaolong.id, '长子', xiaolong.phone, null, null]);
  sheet.addRow([2, 'CY-002', '李桂英', li.name, li.id, '户主', li.phone, '惠农区河滨街3号', '第二网格']);
  sheet.addRow([3, 'CY-003', '张伟', '张伟', zhang, '户主', '13995239999', '朝阳街15号', 'G01']);
  sheet.addRow([null, null, null, '王丽', wang, '妻', '', null, null]);
  for (const column of ['A', 'B', 'C', 'H', 'I']) {
    sheet.mergeCells(`${column}3:${column}5`);
    sheet.mergeCells(`${column}7:${column}9`); // row 9 holds nothing of its own
  }
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('merged cells in data rows', () => {
  it('户号, 户主, address and grid merged over a household reach every member; households and counts come out right', async () => {
    const { t, conn } = await office();
    expectOk(await t.call(conn, 'grids.create', { code: 'G01', name: '第一网格', worker: null }));
    expectOk(await t.call(conn, 'grids.create', { code: 'G02', name: '第二网格', worker: null }));
    const file = await householdRoster(inDir(t.dir, 'households.xlsx'));
    const preview = await jobOk(t, conn, 'imports.preview', { file });
    expect(preview).toMatchObject({ header: { first: 2, last: 2 }, total: 6, valid: 6, invalid: 0, created: 6, households: 3, blank: 1 });
    expect(preview.rows).toEqual([]);
    const done = await jobOk(t, conn, 'imports.commit', { file });
    expect(done).toMatchObject({ written: true, created: 6, households: 3 });
    const people = Object.fromEntries(liveResidents(t).map((p) => [p.name, p]));
    const where = (name: string) => [people[name].address, people[name].grid, people[name].household];
    expect(where('海秀兰')).toEqual(where('马建国'));
    expect(where('马小龙')).toEqual(where('马建国'));
    expect(where('马建国').slice(0, 2)).toEqual(['朝阳街12号', 'G01']);
    expect(where('王丽')).toEqual(where('张伟'));
    expect(where('张伟').slice(0, 2)).toEqual(['朝阳街15号', 'G01']);
    expect(where('李桂英').slice(0, 2)).toEqual(['惠农区河滨街3号', 'G02']);
    expect(new Set(liveResidents(t).map((p) => p.household)).size).toBe(3);
  });

  it('the error report shows an invalid member’s row with its household’s merged values, under its own row number', async () => {
    const { t, conn } = await office();
    const [head, spouse] = family();
    const file = writeSheetXlsx(
      inDir(t.dir, 'report.xlsx'),
      [
        ['户号', '户主姓名', '姓名', '身份证号', '与户主关系', '家庭住址'],
        ['CY-001', '马建国', head.name, head.id, '户主', '朝阳街12号'],
        [null, null, spouse.name, spouse.id, '妻', null],
        [null, null, '马小虎', '640202198011020000', '子', null],
      ],
      ['A2:A4', 'B2:B4', 'F2:F4'],
    );
    const out = inDir(t.dir, 'errors.xlsx');
    const preview = await jobOk(t, conn, 'imports.preview', { file, reportFile: out });
    expect(preview).toMatchObject({ total: 3, invalid: 1, households: 1 });
    expect(preview.rows.map((r) => r.row)).toEqual([4]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const row = workbook.worksheets[0].getRow(2).values as unknown[];
    expect(row.slice(1, 2)).toEqual([4]);
    expect(row.slice(3)).toEqual(['CY-001', '马建国', '马小虎', '640202198011020000', '子', '朝阳街12号']);
  });

  it('a horizontally merged cell gives its value to each column it spans (a number merged over 联系电话 and 备用电话)', async () => {
    const { t, conn } = await office();
    const [, , , alone] = family();
    const file = writeSheetXlsx(
      inDir(t.dir, 'wide.xlsx'),
      [
        ['姓名', '身份证号', '联系电话', '备用电话', '家庭住址', null, '备注'],
        [alone.name, alone.id, '13995231234', null, '惠农区河滨街3号', null, null],
      ],
      ['E1:F1', 'C2:D2', 'E2:F2'],
    );
    const preview = await jobOk(t, conn, 'imports.preview', { file });
    expect(preview).toMatchObject({ total: 1, invalid: 0 });
    expect(preview.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'phone', 'phone2', 'address', null, 'notes']);
    await jobOk(t, conn, 'imports.commit', { file });
    const [person] = liveResidents(t);
    expect(person).toMatchObject({ phone: '13995231234', phone2: '13995231234', address: '惠农区河滨街3号', notes: null });
  });

  it('a label merged across the row (a grid heading, the 填表人 footer) is not copied into the name and ID columns', async () => {
    const { t, conn } = await office();
    const [head, spouse] = family();
    const file = writeSheetXlsx(
      inDir(t.dir, 'labels.xlsx'),
      [
        ['序号', '户号', '姓名', '身份证号', '与户主关系', '家庭住址'],
        ['一、第一网格', null, null, null, null, null],
        [1, 'CY-001', head.name, head.id, '户主', '朝阳街12号'],
        [null, null, spouse.name, spouse.id, '妻', null],
        ['填表人：刘红    审核人：马兰', null, null, null, null, null],
      ],
      ['A2:F2', 'A3:A4', 'B3:B4', 'F3:F4', 'A5:F5'],
    );
    const preview = await jobOk(t, conn, 'imports.preview', { file });
    expect(preview).toMatchObject({ total: 2, invalid: 0, blank: 2, households: 1 });
  });

  it('a merge that runs from the header into the data neither moves the header nor turns a header label into data', async () => {
    const { t, conn } = await office();
    // 家庭住址 (header row 3) merged down over the first person's address cell.
    const file = await writeRosterXlsx(inDir(t.dir, 'boundary.xlsx'), family(), (sheet) => sheet.mergeCells('H3:H4'));
    const preview = await jobOk(t, conn, 'imports.preview', { file, sheet: '花名册' });
    expect(preview).toMatchObject({ header: { first: 2, last: 3 }, total: 4, invalid: 0 });
    expect(preview.columns.map((c) => c.field)).toEqual([null, 'name', 'idNumber', 'sex', 'birthDate', 'relation', 'phone', 'address']);
    await jobOk(t, conn, 'imports.commit', { file, sheet: '花名册' });
    expect(liveResidents(t).map((p) => p.address)).not.toContain('家庭住址');
  });

  it('20,000 merged ranges over 20,000 rows: read in one cheap pass, applied while streaming', async () => {
    const { t, conn } = await office();
    const households = 10_000;
    const rows: (string | number | null)[][] = [['序号', '户号', '姓名', '身份证号', '与户主关系', '家庭住址']];
    const merges: string[] = [];
    const day = (i: number) => new Date(Date.UTC(1940, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    for (let h = 0; h < households; h++) {
      const r = rows.length + 1;
      rows.push([h + 1, `H${h + 1}`, `户主${h}`, composeIdNumber('640202', day(2 * h), 101), '户主', `幸福路${h + 1}号`]);
      rows.push([null, null, `成员${h}`, composeIdNumber('640202', day(2 * h + 1), 102), '妻', null]);
      merges.push(`B${r}:B${r + 1}`, `F${r}:F${r + 1}`);
    }
    const file = writeSheetXlsx(inDir(t.dir, 'many.xlsx'), rows, merges);
    const started = performance.now();
    const ranges = await readMergedRanges(file, 1);
    const scanMs = performance.now() - started;
    expect(ranges.count).toBe(20_000);
    expect(scanMs).toBeLessThan(2000);
    const preview = await jobOk(t, conn, 'imports.preview', { file });
    expect(preview).toMatchObject({ total: 20_000, invalid: 0, created: 20_000, households: 10_000 });
  }, 120_000);
});

describe('the merge ranges and how they fill a row', () => {
  it('a workbook whose sheet is damaged inside is refused as unreadable, with no error escaping the import', async () => {
    const { t, conn } = await office();
    const people = Array.from({ length: 3000 }, (_, i) => ({ ...family()[0], name: `居民${i}`, id: composeIdNumber('640202', '1960-01-01', i % 1000) }));
    const file = await writeRosterXlsx(inDir(t.dir, 'damaged.xlsx'), people, (sheet) => sheet.mergeCells('H4:H6'));
    const bytes = fs.readFileSync(file);
    // The sheet is by far the largest part: its compressed bytes fill the middle of the file.
    for (let i = 0; i < 256; i++) bytes[Math.floor(bytes.length / 2) + i] ^= 0x5a;
    fs.writeFileSync(file, bytes);
    const result = await runJob(t, conn, 'imports.preview', { file, sheet: '花名册' });
    expect(result.ok ? null : result.error.issues?.[0]).toMatchObject({ path: ['file'], code: 'imports.file_unreadable' });
  });

  const sheetXml = (merges: string) =>
    Buffer.from(
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;mergeCell ref="Z1:Z9"/&gt;</t></is></c></row></sheetData>${merges}</worksheet>`,
    );

  it('finds every range wherever the XML is cut into chunks, with or without a namespace prefix, and not in cell text', async () => {
    const xml = sheetXml('<mergeCells count="3"><mergeCell ref="B3:B5"/><x:mergeCell ref="A10:C10"/><mergeCell ref="$D$7:$E$8"/></mergeCells>');
    const expected = [3, 2, 5, 2, 10, 1, 10, 3, 7, 4, 8, 5];
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: xml.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), xml.length];
        const chunks = points.slice(1).map((end, i) => xml.subarray(points[i], end));
        expect(await scanMergeCells(Readable.from(chunks))).toEqual(expected);
      }),
    );
  });

  it('fills the rest of each range from its top-left cell only; ranges above the data and rows with nothing of their own get nothing', () => {
    // A1:A3 starts in the header (row 1); B2:C3 is a 2×2 block; D2:D4 runs onto row 4, which is empty.
    const ranges = MergedRanges.of([1, 1, 3, 1, 2, 2, 3, 3, 2, 4, 4, 4]);
    const fill = ranges.filler(2, 5);
    expect(fill(2, [null, '户1', null, '地址', 'x'])).toEqual([null, '户1', '户1', '地址', 'x']);
    expect(fill(3, [null, null, null, null, 'y'])).toEqual([null, '户1', '户1', '地址', 'y']);
    expect(fill(4, [null, null, null, null, null])).toEqual([null, null, null, null, null]);
    expect(fill(5, ['a', null, null, null, null])).toEqual(['a', null, null, null, null]);
    // A row whose only text is merged across columns is a label and stays as it is.
    const labels = MergedRanges.of([6, 1, 6, 5, 7, 2, 7, 3]).filler(2, 5);
    expect(labels(6, ['一、第一网格', null, null, null, null])).toEqual(['一、第一网格', null, null, null, null]);
    expect(labels(7, ['张三', '地址', null, null, null])).toEqual(['张三', '地址', '地址', null, null]);
  });

  it('a range whose top-left cell is blank, or whose top row never came, fills nothing', () => {
    const fill = MergedRanges.of([2, 1, 3, 1, 4, 2, 5, 2]).filler(1, 3);
    expect(fill(2, [null, 'a'])).toEqual([null, 'a']);
    expect(fill(3, [null, 'b'])).toEqual([null, 'b']);
    expect(fill(5, ['c', null])).toEqual(['c', null]);
  });
});
