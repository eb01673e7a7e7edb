/**
 * Spreadsheets for the import tests, made by the tests themselves: CSV in GBK or UTF-8 (with or
 * without BOM), .xlsx with merged header rows and Excel serial dates, and people with valid IDs.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { composeIdNumber } from '../../shared/domain/id-number';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { csvRecord } from '../../electron/core/imports/csv';
import { expectOk } from '../support/results';
import type { TestHost } from '../support/test-host';

export interface Person {
  name: string;
  id: string;
  sex: '男' | '女';
  birth: string;
  relation: string;
  phone: string;
  address: string;
}

/** A family of three plus a woman living alone; IDs valid, birth dates and sexes agree with them. */
export function family(): Person[] {
  return [
    { name: '马建国', id: composeIdNumber('640202', '1952-03-15', 451), sex: '男', birth: '1952-03-15', relation: '户主', phone: '13995231234', address: '朝阳街12号' },
    { name: '海秀兰', id: composeIdNumber('640202', '1955-08-20', 452), sex: '女', birth: '1955-08-20', relation: '妻', phone: '', address: '' },
    { name: '马小龙', id: composeIdNumber('640202', '1980-11-02', 453), sex: '男', birth: '1980-11-02', relation: '长子', phone: '13995230000', address: '' },
    { name: '李桂英', id: composeIdNumber('640205', '1941-01-09', 262), sex: '女', birth: '1941-01-09', relation: '户主', phone: '0952-2012345', address: '惠农区河滨街3号' },
  ];
}

export const HEADER = ['序号', '姓名', '公民身份号码', '性别', '出生日期', '与户主关系', '联系电话', '家庭住址'];

export function personRow(p: Person, i: number): string[] {
  return [String(i + 1), p.name, p.id, p.sex, p.birth, p.relation, p.phone, p.address];
}

/** Write rows as CSV: GBK (Excel on Chinese Windows), UTF-8 with BOM, or UTF-8 without. */
export function writeCsv(file: string, rows: string[][], encoding: 'gbk' | 'utf8-bom' | 'utf8'): string {
  const text = rows.map((r) => csvRecord(r)).join('');
  const bytes = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.concat([encoding === 'utf8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  fs.writeFileSync(file, bytes);
  return file;
}

/**
 * An .xlsx as offices make them: a title merged across the top, group labels merged over the field
 * names, 序号 merged down over both header rows, dates as Excel serial numbers.
 */
export async function writeRosterXlsx(file: string, people: Person[], extra: (sheet: ExcelJS.Worksheet) => void = () => {}): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('说明').addRow(['本文件为花名册']);
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['2025年朝阳街社区居民花名册']);
  sheet.addRow(['序号', '基本信息', null, null, null, '家庭', '联系方式', null]);
  sheet.addRow([null, '姓名', '身份证号码', '性别', '出生日期', '与户主关系', '联系电话', '家庭住址']);
  sheet.mergeCells('A1:H1');
  sheet.mergeCells('B2:E2');
  sheet.mergeCells('G2:H2');
  sheet.mergeCells('A2:A3');
  people.forEach((p, i) => {
    const serial = (Date.parse(p.birth) - Date.UTC(1899, 11, 30)) / 86_400_000;
    sheet.addRow([i + 1, p.name, p.id, p.sex, serial, p.relation, p.phone, p.address]);
  });
  extra(sheet);
  await workbook.xlsx.writeFile(file);
  return file;
}

export function inDir(dir: string, name: string): string {
  return path.join(dir, name);
}

/** Run a job to its end; the Result as it arrives in job.finished. */
export async function runJob<M extends MethodName>(t: TestHost, conn: string, method: M, input: MethodInput<M>) {
  return (await t.host.runJob(conn, method, input)) as { ok: true; value: MethodOutput<M> } | { ok: false; error: import('../../shared/contract').ContractError };
}

export async function jobOk<M extends MethodName>(t: TestHost, conn: string, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return expectOk(await runJob(t, conn, method, input));
}

/** Live residents as a clerk would compare them: by ID number, without ids and timestamps. */
export function liveResidents(t: TestHost): Record<string, unknown>[] {
  return t.host.db
    .prepare(
      `SELECT r.name, r.id_number, r.sex, r.birth_date, r.phone, r.phone2, r.address, r.relation, r.ethnicity, r.marital_status, r.hukou_type,
              r.employment, r.health_status, r.living_alone, r.empty_nest, r.left_behind, r.serious_illness, r.disability_cert,
              r.low_income_category, r.notes, r.status, g.code AS grid, h.n AS household
       FROM residents r LEFT JOIN grids g ON g.id = r.grid_id
       LEFT JOIN (SELECT household_id, min(id_number) AS n FROM residents WHERE deleted_at IS NULL GROUP BY household_id) h ON h.household_id = r.household_id
       WHERE r.deleted_at IS NULL ORDER BY r.id_number`,
    )
    .all() as Record<string, unknown>[];
}

export function changeLogLength(t: TestHost): number {
  return (t.host.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
}

/**
 * A plain zip of the given files, in the order given: what an .xlsx looks like from outside.
 * Entries are stored, or deflated as spreadsheet programs write them with `deflate`.
 */
export function zipOf(entries: Record<string, Buffer>, { deflate = false }: { deflate?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const stored = deflate ? zlib.deflateRawSync(data) : data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(deflate ? 8 : 0, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(stored.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, stored);
    central.push(dir, nameBytes);
    offset += local.length + nameBytes.length + stored.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

/**
 * An .xlsx written by hand, one sheet, for layouts exceljs's writer makes slow or impossible (it
 * checks each new merge against every earlier one): cells as inline strings or numbers, and the
 * merge ranges (`B3:B5`) in `<mergeCells>` after the rows, where Excel puts them.
 */
export function writeSheetXlsx(file: string, rows: (string | number | null)[][], merges: string[], sheetName = '花名册'): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const column = (i: number): string => (i >= 26 ? column(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));
  const sheetRows = rows.map((cells, r) => {
    const xml = cells.map((v, c) => {
      const ref = `${column(c)}${r + 1}`;
      if (v === null) return '';
      return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escape(v)}</t></is></c>`;
    });
    return `<row r="${r + 1}">${xml.join('')}</row>`;
  });
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const mergeXml = merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  const entries: Record<string, Buffer> = {
    '[Content_Types].xml': Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="${escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${main}" xmlns:r="${rel}"><sheetData>${sheetRows.join('')}</sheetData>${mergeXml}</worksheet>`,
    ),
  };
  fs.writeFileSync(file, zipOf(entries));
  return file;
}
