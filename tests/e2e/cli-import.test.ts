/**
 * `civicdesk residents import` and `residents export` as an office runs them: the real binary on a
 * real (encrypted) database, files made here. Exit 0 done, 1 rejected (any invalid row without
 * --skip-invalid: nothing written), 2 usage; --json prints only JSON on stdout.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { composeIdNumber } from '../../shared/domain/id-number';
import { csvRecord } from '../../electron/core/imports/csv';
import { civicdeskCli, newOffice as newOfficeIn } from './support/cli';

const PASSWORD = 'secret1234';

const civicdesk = civicdeskCli({ password: PASSWORD, timeout: 90_000 });

const newOffice = () => newOfficeIn(civicdesk);

const HEADER = ['姓名', '身份证号', '性别', '与户主关系', '联系电话', '家庭住址'];
const head = ['马建国', composeIdNumber('640202', '1952-03-15', 451), '男', '户主', '13995231234', '朝阳街12号'];
const spouse = ['海秀兰', composeIdNumber('640202', '1955-08-20', 452), '女', '配偶', '', ''];
const mangled = ['王五', '6.40202E+17', '男', '户主', '', ''];

function gbkCsv(file: string, rows: string[][]): string {
  fs.writeFileSync(file, iconv.encode(rows.map((r) => csvRecord(r)).join(''), 'gbk'));
  return file;
}

/** Change-log entries: every write appends one, so an unchanged count means nothing was written. */
function changeLog(db: string): number {
  const info = civicdesk(['db', 'info', '--db', db, '--user', 'admin', '--json']);
  expect(info.code, info.stderr).toBe(0);
  return (JSON.parse(info.stdout) as { counts: { changeLog: number } }).counts.changeLog;
}

function found(db: string, query: string): number {
  const run = civicdesk(['residents', 'search', query, '--db', db, '--user', 'admin', '--json']);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as unknown[]).length;
}

// Each run starts the CLI afresh (tsx, scrypt at the app's cost): seconds apiece on 2 shared cores.
describe('civicdesk residents import / export', { timeout: 300_000 }, () => {
  it('an invalid row without --skip-invalid: the JSON lists it, nothing is written, exit 1; --dry-run writes nothing either', () => {
    const { dir, db } = newOffice();
    const file = gbkCsv(path.join(dir, '花名册.csv'), [HEADER, head, spouse, mangled]);
    const before = changeLog(db);
    const run = civicdesk(['residents', 'import', file, '--db', db, '--user', 'admin', '--json']);
    expect(run.code, run.stderr).toBe(1);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ total: 3, valid: 2, invalid: 1, created: 2, updated: 0, unchanged: 0, written: false });
    expect(out.rows).toEqual([{ row: 4, errors: [{ field: 'idNumber', code: 'residents.id_excel_mangled', params: {}, message: expect.stringContaining('文本') }] }]);
    expect(changeLog(db)).toBe(before);

    const dry = civicdesk(['residents', 'import', file, '--db', db, '--user', 'admin', '--dry-run', '--lang', 'en']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('Row 4 ID number');
    expect(dry.stdout).toContain('--dry-run');
    expect(changeLog(db)).toBe(before);
  });

  it('--skip-invalid imports the valid rows and --report writes the same JSON to a file; a second run changes nothing', () => {
    const { dir, db } = newOffice();
    const file = gbkCsv(path.join(dir, '花名册.csv'), [HEADER, head, spouse, mangled]);
    const report = path.join(dir, 'report.json');
    const errors = path.join(dir, 'errors.xlsx');
    const run = civicdesk(['residents', 'import', file, '--db', db, '--user', 'admin', '--skip-invalid', '--report', report, '--errors', errors, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { importId: string; written: boolean; households: number };
    expect(out).toMatchObject({ written: true, households: 1, importId: expect.any(String) });
    expect(JSON.parse(fs.readFileSync(report, 'utf8'))).toEqual(out);
    expect(fs.readFileSync(errors).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(found(db, '海秀兰')).toBe(1);
    const after = changeLog(db);

    const again = civicdesk(['residents', 'import', file, '--db', db, '--user', 'admin', '--skip-invalid', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(changeLog(db)).toBe(after);
  });

  it('exports to .xlsx and to GBK or UTF-8 CSV with IDs kept as text, and the export imports into another office', () => {
    const { dir, db } = newOffice();
    expect(civicdesk(['residents', 'import', gbkCsv(path.join(dir, 'in.csv'), [HEADER, head, spouse]), '--db', db, '--user', 'admin']).code).toBe(0);
    const xlsx = path.join(dir, '居民.xlsx');
    const exported = civicdesk(['residents', 'export', '--db', db, '--user', 'admin', '--out', xlsx, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ rows: 2, format: 'xlsx', idsMasked: false });
    const gbk = path.join(dir, '居民.csv');
    expect(civicdesk(['residents', 'export', '--db', db, '--user', 'admin', '--out', gbk, '--encoding', 'gbk']).code).toBe(0);
    const text = iconv.decode(fs.readFileSync(gbk), 'gbk');
    expect(text.startsWith('户编号,姓名,身份证号')).toBe(true);
    expect(text).toContain(`"=""${head[1]}"""`);
    const utf8 = path.join(dir, 'utf8.csv');
    expect(civicdesk(['residents', 'export', '--db', db, '--user', 'admin', '--out', utf8, '--encoding', 'utf8']).code).toBe(0);
    expect(fs.readFileSync(utf8).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    const other = newOffice();
    const back = civicdesk(['residents', 'import', xlsx, '--db', other.db, '--user', 'admin', '--json']);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ created: 2, invalid: 0, households: 1 });
  });

  it('a file that is not a roster is refused with a clear message, exit 1, and usage mistakes exit 2', () => {
    const { dir, db } = newOffice();
    const before = changeLog(db);
    const junk = path.join(dir, 'junk.xlsx');
    fs.writeFileSync(junk, crypto.randomBytes(64 * 1024));
    const run = civicdesk(['residents', 'import', junk, '--db', db, '--user', 'admin', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('.xlsx');
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT', issues: [{ code: 'imports.file_not_xlsx' }] } });
    expect(civicdesk(['residents', 'import', '--db', db, '--user', 'admin']).code).toBe(2);
    expect(civicdesk(['residents', 'export', '--db', db, '--user', 'admin', '--out', path.join(dir, 'x.pdf')]).code).toBe(2);
    expect(civicdesk(['residents', 'export', '--db', db, '--user', 'admin', '--out', path.join(dir, 'x.csv'), '--encoding', 'big5']).code).toBe(2);
    expect(changeLog(db)).toBe(before);
  });
});
