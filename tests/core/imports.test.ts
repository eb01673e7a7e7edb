/**
 * Spreadsheet import through the real core on a real database: every encoding and layout the
 * offices send, every row checked with the form's rules before anything is written, households
 * formed from the relation column, and export → import giving back the same residents.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { composeIdNumber, maskIdNumber } from '../../shared/domain/id-number';
import { createUser, setupOffice } from '../support/office';
import { expectOk } from '../support/results';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { HEADER, changeLogLength, family, inDir, jobOk, liveResidents, personRow, runJob, writeCsv, writeRosterXlsx } from './imports-fixtures';

afterEach(disposeTestResources);

async function office() {
  const t = createTestHost();
  const o = await setupOffice(t);
  return { t, conn: o.adminConn, office: o };
}

describe('reading the files offices send', () => {
  it.each(['gbk', 'utf8-bom', 'utf8'] as const)('a %s CSV with a title row is read, its encoding named, and preview writes nothing', async (encoding) => {
    const { t, conn } = await office();
    const file = writeCsv(inDir(t.dir, `roster-${encoding}.csv`), [['朝阳街社区居民花名册'], HEADER, ...family().map(personRow)], encoding);
    const before = changeLogLength(t);
    const preview = await jobOk(t, conn, 'imports.preview', { file });
    expect(preview).toMatchObject({ format: 'csv', encoding: encoding === 'gbk' ? 'gb18030' : encoding, total: 4, valid: 4, invalid: 0, created: 4, households: 2 });
    expect(preview.header).toEqual({ first: 2, last: 2 });
    expect(preview.columns.map((c) => c.field)).toEqual([null, 'name', 'idNumber', 'sex', 'birthDate', 'relation', 'phone', 'address']);
    expect(changeLogLength(t)).toBe(before);
    expect(liveResidents(t)).toEqual([]);
  });

  it('an .xlsx with merged header rows and Excel serial dates imports on the sheet that holds the roster', async () => {
    const { t, conn } = await office();
    const file = await writeRosterXlsx(inDir(t.dir, 'roster.xlsx'), family());
    const preview = await jobOk(t, conn, 'imports.preview', { file, sheet: '花名册' });
    expect(preview).toMatchObject({ format: 'xlsx', sheet: '花名册', sheets: ['说明', '花名册'], header: { first: 2, last: 3 }, total: 4, invalid: 0 });
    expect(preview.columns.find((c) => c.column === 0)?.header).toBe('序号');
    const missing = await runJob(t, conn, 'imports.preview', { file, sheet: '第二页' });
    expect(missing.ok ? null : missing.error.issues?.[0]).toMatchObject({ path: ['file'], code: 'imports.sheet_missing' });
    const done = await jobOk(t, conn, 'imports.commit', { file, sheet: '花名册' });
    expect(done).toMatchObject({ written: true, created: 4, households: 2 });
    const people = liveResidents(t);
    expect(people.map((p) => [p.name, p.birth_date, p.relation])).toEqual(
      expect.arrayContaining([['马建国', '1952-03-15', 'head'], ['海秀兰', '1955-08-20', 'spouse'], ['马小龙', '1980-11-02', 'child'], ['李桂英', '1941-01-09', 'head']]),
    );
    // The three 马 family members share one household; members without an address take the head's.
    const ma = people.filter((p) => String(p.name).startsWith('马') || p.name === '海秀兰');
    expect(new Set(ma.map((p) => p.household)).size).toBe(1);
    expect(ma.every((p) => p.address === '朝阳街12号')).toBe(true);
  });

  it('IDs spreadsheets mangled (6.40202E+17, zeroed tails, numeric cells) are reported as excel_mangled', async () => {
    const { t, conn } = await office();
    const people = family();
    const csv = writeCsv(
      inDir(t.dir, 'mangled.csv'),
      [HEADER, ['1', '王五', '6.40202E+17', '男', '', '户主', '', ''], ['2', '赵六', '640202198506123000', '男', '', '户主', '', ''], personRow(people[3], 2)],
      'gbk',
    );
    const preview = await jobOk(t, conn, 'imports.preview', { file: csv });
    expect(preview).toMatchObject({ total: 3, valid: 1, invalid: 2 });
    expect(preview.rows).toEqual([
      { row: 2, errors: [expect.objectContaining({ field: 'idNumber', code: 'residents.id_excel_mangled', message: expect.stringContaining('6.40202E+17') })] },
      { row: 3, errors: [expect.objectContaining({ field: 'idNumber', code: 'residents.id_excel_mangled' })] },
    ]);
    const xlsx = await writeRosterXlsx(inDir(t.dir, 'numeric.xlsx'), [], (sheet) => {
      // What Excel holds for an ID typed into a General cell: a number that cannot keep 18 digits.
      sheet.addRow([1, '王五', Number('640202198506123016'), '男', null, '户主']);
    });
    const fromXlsx = await jobOk(t, conn, 'imports.preview', { file: xlsx, language: 'en' });
    expect(fromXlsx.rows[0].errors[0]).toMatchObject({ code: 'residents.id_excel_mangled', message: expect.stringContaining('Format the column as Text') });
  });

  it('full-width digits, letters and spaces are folded; blank rows and exact repeats are skipped and counted', async () => {
    const { t, conn } = await office();
    const [head] = family();
    const wide = head.id.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const file = writeCsv(
      inDir(t.dir, 'wide.csv'),
      [HEADER, ['１', '马　建国', `\u3000${wide}\u3000`, '男', '１９５２年３月１５日', '户主', '１３９９５２３１２３４', '朝阳街１２号'], ['', '', '', '', '', '', '', ''], [], ['１', '马　建国', wide, '男', '1952/3/15', '户主', '13995231234', '朝阳街12号']],
      'utf8',
    );
    const preview = await jobOk(t, conn, 'imports.preview', { file });
    expect(preview).toMatchObject({ total: 1, valid: 1, blank: 2, duplicates: 1 });
    await jobOk(t, conn, 'imports.commit', { file });
    expect(liveResidents(t)[0]).toMatchObject({ name: '马 建国', id_number: head.id, phone: '13995231234', address: '朝阳街12号' });
  });
});

describe('every row checked with the form’s rules before anything is written', () => {
  it('reports each problem with its row, field and code, and without --skip-invalid writes nothing', async () => {
    const { t, conn } = await office();
    const [head, spouse, son, alone] = family();
    const badCheck = head.id.slice(0, 17) + (head.id[17] === '1' ? '2' : '1');
    const file = writeCsv(
      inDir(t.dir, 'errors.csv'),
      [
        HEADER,
        personRow(alone, 0),
        ['2', '张三', badCheck, '男', '', '户主', '', ''],
        ['3', '', composeIdNumber('640202', '1990-01-01', 11), '男', '', '户主', '', ''],
        ['4', '王芳', composeIdNumber('640202', '1990-01-01', 22), '男', '1990-01-02', '户主', '12345', ''],
        ['5', '周强', composeIdNumber('640202', '1990-01-01', 33), '男', '', '邻居', '', ''],
        personRow({ ...spouse, relation: '妻' }, 5),
        personRow({ ...alone, phone: '13800000000' }, 6),
        personRow(son, 7),
      ],
      'gbk',
    );
    const before = changeLogLength(t);
    const done = await jobOk(t, conn, 'imports.commit', { file, maxRows: 100 });
    expect(done.written).toBe(false);
    expect(done.importId).toBeNull();
    expect(changeLogLength(t)).toBe(before);
    const codes = Object.fromEntries(done.rows.map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.code}`).sort()]));
    expect(codes).toEqual({
      3: ['idNumber:residents.id_checksum'],
      4: ['name:required'],
      5: ['birthDate:imports.birth_date_mismatch', 'phone:residents.phone', 'sex:imports.sex_mismatch'],
      6: ['household:imports.household_head_invalid', 'relation:imports.unknown_value'],
      // Rows belong to the 户主 row above them: 海秀兰 to 王芳's (invalid), 马小龙 to the repeated 李桂英.
      7: ['household:imports.household_head_invalid'],
      8: ['idNumber:imports.duplicate_in_file'],
      9: ['household:imports.household_head_invalid'],
    });
    expect(done.rows.find((r) => r.row === 6)?.errors[0].message).toContain('户主');
    expect(done.rows.find((r) => r.row === 7)?.errors[0].message).toContain('第 5 行');
    const orphan = writeCsv(inDir(t.dir, 'orphan.csv'), [HEADER, personRow(spouse, 0), personRow(head, 1)], 'utf8');
    const orphaned = await jobOk(t, conn, 'imports.preview', { file: orphan });
    expect(orphaned.rows).toEqual([{ row: 2, errors: [expect.objectContaining({ field: 'household', code: 'imports.household_no_head' })] }]);
  });

  it('a head’s ID number in a household issue leaves the core masked, in its params and in its message', async () => {
    const { t, conn } = await office();
    const [head, spouse] = family();
    const file = writeCsv(inDir(t.dir, 'head-id.csv'), [[...HEADER, '户主身份证号'], [...personRow(spouse, 0), head.id]], 'utf8');
    const preview = await jobOk(t, conn, 'imports.preview', { file });
    const masked = maskIdNumber(head.id);
    expect(preview.rows).toEqual([{ row: 2, errors: [{ field: 'household', code: 'imports.head_not_in_file', params: { value: masked }, message: expect.stringContaining(masked) }] }]);
    expect(JSON.stringify(preview.rows)).not.toContain(head.id);
  });

  it('the error report lists each invalid row as it was, with its row number and the reasons beside it', async () => {
    const { t, conn } = await office();
    const [head] = family();
    const file = writeCsv(inDir(t.dir, 'report.csv'), [HEADER, personRow(head, 0), ['2', '王五', '6.40202E+17', '男', '', '户主', '12345', '']], 'gbk');
    const out = inDir(t.dir, 'errors.xlsx');
    const preview = await jobOk(t, conn, 'imports.preview', { file, reportFile: out });
    expect(preview.reportFile).toBe(out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '原行号', '错误原因', ...HEADER]);
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(3);
    const reasons = String(row.getCell(2).value).split('；');
    expect(reasons).toHaveLength(2);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^身份证号：.*6\.40202E\+17/), expect.stringMatching(/^联系电话：/)]));
    expect(row.getCell(5).value).toBe('6.40202E+17');
  });

  it('with skipInvalid imports the valid rows in one step, and a second run updates only what changed', async () => {
    const { t, conn } = await office();
    const people = family();
    const file = writeCsv(inDir(t.dir, 'first.csv'), [HEADER, ...people.map(personRow), ['9', '无名', '123', '', '', '户主', '', '']], 'gbk');
    const first = await jobOk(t, conn, 'imports.commit', { file, skipInvalid: true });
    expect(first).toMatchObject({ written: true, created: 4, invalid: 1, households: 2 });
    const changed = people.map((p) => (p.name === '李桂英' ? { ...p, phone: '13700000001' } : p));
    const second = writeCsv(inDir(t.dir, 'second.csv'), [HEADER, ...changed.map(personRow)], 'utf8-bom');
    const again = await jobOk(t, conn, 'imports.commit', { file: second });
    expect(again).toMatchObject({ written: true, created: 0, updated: 1, unchanged: 3, households: 0 });
    expect(liveResidents(t).find((p) => p.name === '李桂英')?.phone).toBe('13700000001');
    // An ID already registered under another name is refused, not overwritten.
    const renamed = writeCsv(inDir(t.dir, 'renamed.csv'), [HEADER, personRow({ ...people[3], name: '李贵英' }, 0)], 'utf8');
    const refused = await jobOk(t, conn, 'imports.commit', { file: renamed });
    expect(refused.rows[0].errors[0]).toMatchObject({ field: 'name', code: 'imports.id_name_mismatch' });
  });

  it('a new member whose head is already registered joins the head’s household', async () => {
    const { t, conn } = await office();
    const [head, spouse] = family();
    await jobOk(t, conn, 'imports.commit', { file: writeCsv(inDir(t.dir, 'a.csv'), [HEADER, personRow(head, 0)], 'utf8') });
    await jobOk(t, conn, 'imports.commit', { file: writeCsv(inDir(t.dir, 'b.csv'), [HEADER, personRow(head, 0), personRow(spouse, 1)], 'utf8') });
    const [a, b] = liveResidents(t).filter((p) => p.name === head.name || p.name === spouse.name);
    expect(a.household).toBe(b.household);
  });

  it('remembers a confirmed mapping for files with the same header layout', async () => {
    const { t, conn } = await office();
    const file = writeCsv(inDir(t.dir, 'odd.csv'), [['人名', '号码', '电话'], [family()[3].name, family()[3].id, '13995231234']], 'utf8');
    const none = await runJob(t, conn, 'imports.preview', { file });
    expect(none.ok ? null : none.error.issues?.[0]).toMatchObject({ code: 'imports.no_header' });
    const mapping = [
      { column: 0, field: 'name' as const },
      { column: 1, field: 'idNumber' as const },
      { column: 2, field: 'phone' as const },
    ];
    const done = await jobOk(t, conn, 'imports.commit', { file, mapping, header: { first: 1, last: 1 } });
    expect(done).toMatchObject({ written: true, created: 1, mappingSource: 'input' });
    const again = await jobOk(t, conn, 'imports.preview', { file, header: { first: 1, last: 1 } });
    expect(again).toMatchObject({ mappingSource: 'remembered', unchanged: 1 });
    expect(expectOk(await t.call(conn, 'imports.mappings.list', {}))).toHaveLength(1);
  });
});

describe('export', () => {
  it.each([['xlsx', 'utf8'], ['csv', 'gbk'], ['csv', 'utf8']] as const)('export to %s (%s) then import into a new office gives back the same residents', async (format, encoding) => {
    const { t, conn } = await office();
    const people = family();
    const source = await writeRosterXlsx(inDir(t.dir, 'roster.xlsx'), people);
    await jobOk(t, conn, 'imports.commit', { file: source });
    const [grid] = [expectOk(await t.call(conn, 'grids.create', { code: 'G01', name: '第一网格' }))];
    // On 李桂英, who lives alone: members registered later take their household's grid, as in the form.
    const li = liveResidents(t).find((p) => p.name === '李桂英')!;
    const row = t.host.db.prepare('SELECT id, version FROM residents WHERE id_number = ?').get(li.id_number) as { id: string; version: number };
    expectOk(await t.call(conn, 'residents.update', { id: row.id, version: row.version, gridId: grid.id, livingAlone: true, lowIncomeCategory: 'dibao', maritalStatus: 'married', notes: '说明,含逗号"引号"' }));
    const out = inDir(t.dir, `out.${format}`);
    const exported = await jobOk(t, conn, 'exports.residents', { file: out, encoding });
    expect(exported).toMatchObject({ rows: 4, idsMasked: false, format });
    if (format === 'csv') {
      const bytes = fs.readFileSync(out);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(encoding === 'utf8');
      const text = encoding === 'gbk' ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
      expect(text).toContain(`"=""${people[0].id}"""`); // ID as text for Excel
      expect(text.split('\r\n')[0]).toContain('身份证号');
    } else {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      const sheet = workbook.worksheets[0];
      expect(sheet.getRow(1).getCell(3).value).toBe('身份证号');
      expect(typeof sheet.getRow(2).getCell(3).value).toBe('string');
    }
    const original = liveResidents(t);

    const other = createTestHost();
    const o2 = await setupOffice(other);
    expectOk(await other.call(o2.adminConn, 'grids.create', { code: 'G01', name: '第一网格' }));
    const back = await jobOk(other, o2.adminConn, 'imports.commit', { file: out });
    expect(back).toMatchObject({ written: true, created: 4, invalid: 0, households: 2 });
    expect(liveResidents(other)).toEqual(original);
  });

  it('a role without records.revealId gets masked IDs; filters choose the rows; a bad extension is refused', async () => {
    const { t, conn, office: o } = await office();
    await jobOk(t, conn, 'imports.commit', { file: await writeRosterXlsx(inDir(t.dir, 'r.xlsx'), family()) });
    const viewer = await createUser(t, o, 'viewer');
    const out = inDir(t.dir, 'viewer.csv');
    const result = await jobOk(t, viewer.conn, 'exports.residents', { file: out, filters: { tag: 'older80' } });
    expect(result).toMatchObject({ idsMasked: true, rows: 1 });
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('640205********');
    expect(text).not.toContain(family()[3].id);
    const bad = await runJob(t, conn, 'exports.residents', { file: inDir(t.dir, 'x.pdf') });
    expect(bad.ok ? null : bad.error.issues?.[0]).toMatchObject({ path: ['file'], code: 'imports.export_format' });
    expect(fs.existsSync(`${out}.part`)).toBe(false);
  });
});
