/**
 * Facilities and compounds from spreadsheets: a Chinese CSV in GBK (as Excel on Chinese Windows
 * saves it) and in UTF-8, and an .xlsx made here with exceljs. The dry run reports every row and
 * writes nothing; a bad row blocks the whole commit and names its row and column; a clean commit
 * writes every row in one transaction; re-importing changes only what changed. Positions keep the
 * system the sheet names (高德 → GCJ-02, 百度 → BD-09, GPS → WGS-84).
 */
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import gcoord from 'gcoord';
import { expectFailure, expectOk } from '../support/results';
import { setupRegistry } from '../support/residents-registry';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { inDir, runJob, writeCsv } from './imports-fixtures';

afterEach(disposeTestResources);

const FACILITY_HEADER = ['编号', '设施名称', '设施类型', '运营方式', '运营单位', '地址', '网格', '经度', '纬度', '坐标系', '床位数', '服务项目', '开业日期', '备注'];

const facilityRows = (): string[][] => [
  ['YL-01', '朝阳街道日间照料中心', '日间照料中心', '公建民营', '颐康养老公司', '朝阳西街8号', 'G01', '106.3831', '39.0148', '高德', '10', '助餐(周一至周五)；助浴(周六)', '2020/5/1', ''],
  ['YL-02', '星海湾老年食堂', 'meal_point', '公办', '', '星海湾小区2号楼', '第一网格', '106.3912', '39.0207', '百度', '0', '助餐:每天', '2021年3月8日', '中午供餐'],
  ['', '游艺西街居家养老服务站', '居家养老服务站', '民办', '', '', '', '106.37', '39.01', 'GPS', '', '助洁、助医(1,3,5)', '', ''],
];

async function desk() {
  const t = createTestHost();
  const o = await setupRegistry(t);
  expectOk(await t.call(o.adminConn, 'grids.create', { code: 'G01', name: '第一网格' }));
  return { t, o, clerk: o.clerk.conn };
}

const count = (t: ReturnType<typeof createTestHost>, table: string) => t.host.db.prepare(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`).pluck().get() as number;

describe('facilities from a GBK CSV', () => {
  it('the dry run checks every row and writes nothing; the commit writes them all, positions in the system the sheet names', async () => {
    const { t, clerk } = await desk();
    const file = writeCsv(inDir(t.dir, '养老设施.csv'), [['石嘴山市大武口区养老服务设施名录'], FACILITY_HEADER, ...facilityRows()], 'gbk');

    const dry = expectOk(await runJob(t, clerk, 'eldercare.import.facilities', { file }));
    expect(dry).toMatchObject({ format: 'csv', encoding: 'gb18030', total: 3, valid: 3, invalid: 0, created: 3, updated: 0, committed: false, header: { row: 2 } });
    expect(dry.rows.map((r) => [r.row, r.name, r.status, r.action])).toEqual([
      [3, '朝阳街道日间照料中心', 'ok', 'create'],
      [4, '星海湾老年食堂', 'ok', 'create'],
      [5, '游艺西街居家养老服务站', 'ok', 'create'],
    ]);
    expect(count(t, 'facilities')).toBe(0);

    const done = expectOk(await runJob(t, clerk, 'eldercare.import.facilities', { file, commit: true, expectSha256: dry.fileSha256 }));
    expect(done).toMatchObject({ committed: true, created: 3 });
    const list = expectOk(await t.call(clerk, 'eldercare.facilities.list', {}));
    const byName = new Map(list.map((f) => [f.name, f]));
    const dayCare = byName.get('朝阳街道日间照料中心')!;
    expect(dayCare).toMatchObject({
      code: 'YL-01',
      kind: 'day_care',
      operator: 'public_private',
      operatorName: '颐康养老公司',
      gridName: '第一网格',
      beds: 10,
      openedOn: '2020-05-01',
      services: [
        { code: 'meal', days: [1, 2, 3, 4, 5] },
        { code: 'bath', days: [6] },
      ],
      position: { lng: 106.3831, lat: 39.0148, crs: 'gcj02' },
    });
    const [wLng, wLat] = gcoord.transform([106.3831, 39.0148], gcoord.GCJ02, gcoord.WGS84);
    expect(dayCare.position!.wgs84.lng).toBeCloseTo(wLng, 7);
    expect(dayCare.position!.wgs84.lat).toBeCloseTo(wLat, 7);
    expect(byName.get('星海湾老年食堂')).toMatchObject({ kind: 'meal_point', operator: 'public', gridName: '第一网格', openedOn: '2021-03-08', position: { crs: 'bd09' }, services: [{ code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] }] });
    expect(byName.get('游艺西街居家养老服务站')).toMatchObject({ code: null, operator: 'private', position: { crs: 'wgs84', wgs84: { lng: 106.37, lat: 39.01 } }, services: [{ code: 'clean', days: [1, 2, 3, 4, 5, 6, 7] }, { code: 'medical', days: [1, 3, 5] }] });
    // Every row of the commit is one call: one transaction id in the change log.
    expect(t.host.db.prepare("SELECT count(DISTINCT tx) FROM change_log WHERE entity = 'facilities'").pluck().get()).toBe(1);

    // The same file again changes nothing; a changed cell updates that facility only (matched by code, else by name).
    expect(expectOk(await runJob(t, clerk, 'eldercare.import.facilities', { file, commit: true }))).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const changed = facilityRows();
    changed[0][10] = '12';
    changed[2][13] = '新备注';
    const file2 = writeCsv(inDir(t.dir, '养老设施2.csv'), [FACILITY_HEADER, ...changed], 'utf8');
    const again = expectOk(await runJob(t, clerk, 'eldercare.import.facilities', { file: file2, commit: true }));
    expect(again).toMatchObject({ encoding: 'utf8', created: 0, updated: 2, unchanged: 1, committed: true });
    expect(count(t, 'facilities')).toBe(3);
    const after = expectOk(await t.call(clerk, 'eldercare.facilities.list', { query: '日间照料' }));
    expect(after[0]).toMatchObject({ beds: 12, version: 2 });
  });

  it('a bad row blocks the whole commit and names its row, column and what is wrong, in the clerk’s language', async () => {
    const { t, clerk } = await desk();
    const rows = facilityRows();
    rows[1][2] = '宇宙飞船'; // unknown kind
    rows[2][9] = '谷歌地图'; // unknown coordinate system
    const file = writeCsv(inDir(t.dir, '有错.csv'), [FACILITY_HEADER, ...rows, ['YL-01', '重复编号', '日间照料中心', '公办', '', '', '', '', '', '', '', '', '', '']], 'gbk');
    const result = expectOk(await runJob(t, clerk, 'eldercare.import.facilities', { file, commit: true }));
    expect(result).toMatchObject({ total: 4, valid: 1, invalid: 3, committed: false });
    expect(count(t, 'facilities')).toBe(0);
    expect(t.host.db.prepare("SELECT count(*) FROM change_log WHERE entity = 'facilities'").pluck().get()).toBe(0);
    const bad = result.rows.filter((r) => r.status === 'invalid');
    expect(bad.map((r) => [r.row, r.errors.map((e) => [e.column, e.code])])).toEqual([
      [3, [['设施类型', 'eldercare.kind_unknown']]],
      [4, [['坐标系', 'eldercare.import_crs']]],
      [5, [['编号', 'eldercare.import_code_repeated']]],
    ]);
    expect(bad[0].errors[0].message).toBe('设施类型「宇宙飞船」不在设施类型代码表中（或已停用）。');
    expect(bad[2].errors[0].message).toBe('编号与第 2 行重复。');
    const english = expectOk(await runJob(t, clerk, 'eldercare.import.facilities', { file, language: 'en' }));
    expect(english.rows.find((r) => r.row === 4)!.errors[0].message).toMatch(/^Unknown coordinate system "谷歌地图"/);
  });

  it('refuses a file without a kind column, one with no recognizable header, and one changed since its dry run', async () => {
    const { t, clerk } = await desk();
    const noKind = writeCsv(inDir(t.dir, '缺列.csv'), [['名称', '运营方式'], ['某站', '公办']], 'utf8');
    const e1 = expectFailure(await runJob(t, clerk, 'eldercare.import.facilities', { file: noKind }), 'INVALID_INPUT');
    expect(e1.issues?.[0]).toMatchObject({ path: ['file'], code: 'eldercare.import_missing_column', message: '找不到「设施类型」列。' });
    const noHeader = writeCsv(inDir(t.dir, '无表头.csv'), [['a', 'b'], ['1', '2']], 'utf8');
    expect(expectFailure(await runJob(t, clerk, 'eldercare.import.facilities', { file: noHeader }), 'INVALID_INPUT').issues?.[0]).toMatchObject({ code: 'eldercare.import_no_header' });
    const file = writeCsv(inDir(t.dir, '设施.csv'), [FACILITY_HEADER, ...facilityRows()], 'gbk');
    const dry = expectOk(await runJob(t, clerk, 'eldercare.import.facilities', { file }));
    writeCsv(file, [FACILITY_HEADER, ...facilityRows().slice(0, 1)], 'gbk');
    expect(expectFailure(await runJob(t, clerk, 'eldercare.import.facilities', { file, commit: true, expectSha256: dry.fileSha256 }), 'INVALID_INPUT').issues?.[0]).toMatchObject({ code: 'eldercare.import_file_changed' });
    expect(count(t, 'facilities')).toBe(0);
    expect(expectFailure(await runJob(t, clerk, 'eldercare.import.facilities', { file: inDir(t.dir, '不存在.csv') }), 'INVALID_INPUT').issues?.[0]).toMatchObject({ path: ['file'], code: 'imports.file_missing' });
  });

  it('a viewer may not import', async () => {
    const { t, o } = await desk();
    const file = writeCsv(inDir(t.dir, '设施.csv'), [FACILITY_HEADER, ...facilityRows()], 'gbk');
    expectFailure(await runJob(t, o.viewer.conn, 'eldercare.import.facilities', { file }), 'FORBIDDEN');
  });
});

describe('compounds from an .xlsx', () => {
  async function compoundsXlsx(file: string, rows: (string | number | null)[][]): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('小区');
    sheet.addRow(['朝阳街社区小区坐标（从高德地图拾取）']);
    sheet.mergeCells('A1:F1');
    sheet.addRow(['小区名称', '地址', '所属网格', '经度', '纬度', '坐标系']);
    for (const r of rows) sheet.addRow(r);
    await workbook.xlsx.writeFile(file);
    return file;
  }

  it('reads numeric coordinates, matches by name on re-import, and refuses half a position', async () => {
    const { t, clerk } = await desk();
    const file = await compoundsXlsx(inDir(t.dir, '小区.xlsx'), [
      ['星海湾小区', '朝阳西街12号', 'G01', 106.3825, 39.0153, 'GCJ-02'],
      ['文明小区', '文明路3号', null, 106.3901, 39.0188, '腾讯'],
      ['无坐标小区', null, null, null, null, null],
    ]);
    const dry = expectOk(await runJob(t, clerk, 'eldercare.import.compounds', { file }));
    expect(dry).toMatchObject({ format: 'xlsx', sheet: '小区', total: 3, invalid: 0, created: 3, committed: false, header: { row: 2 } });
    expectOk(await runJob(t, clerk, 'eldercare.import.compounds', { file, commit: true }));
    const list = expectOk(await t.call(clerk, 'eldercare.compounds.list', {}));
    expect(list.map((c) => [c.name, c.gridName, c.position?.crs ?? null])).toEqual([
      ['文明小区', null, 'gcj02'],
      ['无坐标小区', null, null],
      ['星海湾小区', '第一网格', 'gcj02'],
    ]);

    const bad = await compoundsXlsx(inDir(t.dir, '小区2.xlsx'), [
      ['星海湾小区', '朝阳西街12号', 'G01', 106.3825, 39.0153, 'GCJ-02'],
      ['文明小区', '文明路3号（新）', null, 106.3901, 39.0188, '腾讯'],
      ['半个坐标小区', null, null, 106.39, null, 'GCJ-02'],
      ['不明网格小区', null, 'G99', null, null, null],
      ['文明小区', null, null, null, null, null],
    ]);
    const refused = expectOk(await runJob(t, clerk, 'eldercare.import.compounds', { file: bad, commit: true }));
    expect(refused.committed).toBe(false);
    expect(refused.rows.filter((r) => r.status === 'invalid').map((r) => [r.row, r.errors.map((e) => [e.column, e.code])])).toEqual([
      [5, [['纬度', 'eldercare.import_position_half']]],
      [6, [['所属网格', 'eldercare.grid_unknown']]],
      [7, [['小区名称', 'eldercare.import_name_repeated']]],
    ]);
    expect(expectOk(await t.call(clerk, 'eldercare.compounds.list', { query: '文明' }))[0].address).toBe('文明路3号');

    const fixed = await compoundsXlsx(inDir(t.dir, '小区3.xlsx'), [
      ['星海湾小区', '朝阳西街12号', 'G01', 106.3825, 39.0153, 'GCJ-02'],
      ['文明小区', '文明路3号（新）', null, 106.3901, 39.0188, '腾讯'],
      ['新建小区', null, null, 106.395, 39.021, '百度'],
    ]);
    expect(expectOk(await runJob(t, clerk, 'eldercare.import.compounds', { file: fixed, commit: true }))).toMatchObject({ created: 1, updated: 1, unchanged: 1, committed: true });
    expect(count(t, 'compounds')).toBe(4);
    // Cells are read as the residents import reads them: full-width brackets folded (NFKC).
    expect(expectOk(await t.call(clerk, 'eldercare.compounds.list', { query: '文明' }))[0]).toMatchObject({ address: '文明路3号(新)', version: 2 });
  });
});
