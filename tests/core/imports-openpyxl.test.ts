/**
 * Workbooks written by other programs than Excel: Python's openpyxl (how many other systems export
 * their rosters) declares the relationship namespace on each `<sheet>` element and points the
 * workbook's relationships at absolute part names (`/xl/worksheets/sheet1.xml`); other writers use
 * another prefix than `r:`, put the attributes in another order, or escape the sheet name. The
 * sheet keeps its real name in every case, and `sheet` chooses it by that name.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { setupOffice } from '../support/office';
import { createTestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { HEADER, family, inDir, jobOk, liveResidents, personRow, runJob, zipOf } from './imports-fixtures';

afterEach(disposeTestResources);

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const column = (i: number) => String.fromCharCode(65 + i);

interface SheetSpec {
  /** As it appears in workbook.xml, already escaped and with its attributes in the order wanted. */
  element: string;
  /** The N of xl/worksheets/sheetN.xml. */
  part: number;
  rId: string;
  /** How workbook.xml.rels points at the part. */
  target: string;
  rows: (string | number)[][];
}

/**
 * An .xlsx laid out as openpyxl 3.1 writes one: the parts in its order (worksheets and shared
 * strings before workbook.xml and its relationships), shared strings for text, `t="n"` numbers.
 */
function writeWorkbook(file: string, sheets: SheetSpec[], workbookOpen = `<workbook xmlns="${MAIN}">`): string {
  const strings: string[] = [];
  const stringIndex = (s: string) => {
    const at = strings.indexOf(s);
    return at >= 0 ? at : strings.push(s) - 1;
  };
  const entries: Record<string, Buffer> = {};
  entries['docProps/app.xml'] = Buffer.from(`${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`);
  for (const sheet of sheets) {
    const rows = sheet.rows.map((cells, r) => {
      const xml = cells.map((v, c) =>
        typeof v === 'number' ? `<c r="${column(c)}${r + 1}" t="n"><v>${v}</v></c>` : `<c r="${column(c)}${r + 1}" t="s"><v>${stringIndex(v)}</v></c>`,
      );
      return `<row r="${r + 1}">${xml.join('')}</row>`;
    });
    entries[`xl/worksheets/sheet${sheet.part}.xml`] = Buffer.from(`${XML}<worksheet xmlns="${MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/></sheetPr><sheetData>${rows.join('')}</sheetData></worksheet>`);
  }
  entries['xl/sharedStrings.xml'] = Buffer.from(`${XML}<sst xmlns="${MAIN}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`);
  entries['xl/styles.xml'] = Buffer.from(`${XML}<styleSheet xmlns="${MAIN}"><numFmts count="0"/><fonts count="1"><font><sz val="11"/></font></fonts></styleSheet>`);
  entries['xl/workbook.xml'] = Buffer.from(
    `${XML}${workbookOpen}<workbookPr/><workbookProtection/><bookViews><workbookView visibility="visible" minimized="0" activeTab="0"/></bookViews>` +
      `<sheets>${sheets.map((s) => s.element).join('')}</sheets><definedNames/><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`,
  );
  entries['xl/_rels/workbook.xml.rels'] = Buffer.from(
    `${XML}<Relationships xmlns="${PKG_REL}">${sheets.map((s) => `<Relationship Type="${REL}/worksheet" Target="${s.target}" Id="${s.rId}"/>`).join('')}` +
      `<Relationship Type="${REL}/styles" Target="styles.xml" Id="rId${sheets.length + 1}"/></Relationships>`,
  );
  entries['_rels/.rels'] = Buffer.from(`${XML}<Relationships xmlns="${PKG_REL}"><Relationship Type="${REL}/officeDocument" Target="xl/workbook.xml" Id="rId1"/></Relationships>`);
  entries['[Content_Types].xml'] = Buffer.from(
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      sheets.map((s) => `<Override PartName="/xl/worksheets/sheet${s.part}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '</Types>',
  );
  fs.writeFileSync(file, zipOf(entries, { deflate: true }));
  return file;
}

const roster = () => [HEADER, ...family().map(personRow)];

async function office() {
  const t = createTestHost();
  const o = await setupOffice(t);
  return { t, conn: o.adminConn };
}

describe('workbooks written by openpyxl and other writers', () => {
  it('an openpyxl workbook (xmlns:r on each <sheet>, absolute targets) names its sheet 花名册 and imports it by that name', async () => {
    const { t, conn } = await office();
    const file = writeWorkbook(inDir(t.dir, 'openpyxl.xlsx'), [
      { element: `<sheet xmlns:r="${REL}" name="花名册" sheetId="1" state="visible" r:id="rId1"/>`, part: 1, rId: 'rId1', target: '/xl/worksheets/sheet1.xml', rows: roster() },
    ]);
    const preview = await jobOk(t, conn, 'imports.preview', { file });
    expect(preview).toMatchObject({ format: 'xlsx', sheet: '花名册', sheets: ['花名册'], total: 4, invalid: 0 });
    const chosen = await jobOk(t, conn, 'imports.preview', { file, sheet: '花名册' });
    expect(chosen).toMatchObject({ sheet: '花名册', total: 4, valid: 4 });
    const missing = await runJob(t, conn, 'imports.preview', { file, sheet: 'Sheet1' });
    expect(missing.ok ? null : missing.error.issues?.[0]).toMatchObject({ code: 'imports.sheet_missing', params: { sheets: '花名册' } });
    const done = await jobOk(t, conn, 'imports.commit', { file, sheet: '花名册' });
    expect(done).toMatchObject({ written: true, created: 4 });
    expect(liveResidents(t)).toHaveLength(4);
  });

  it('any relationship prefix, attributes in any order, escaped names, parts out of sheet order: each sheet by its own name', async () => {
    const { t, conn } = await office();
    const notes = [['说明'], ['本文件为花名册']];
    const file = writeWorkbook(
      inDir(t.dir, 'mixed.xlsx'),
      [
        // First in the workbook, but stored as sheet3.xml; prefix ns0 declared on the workbook element.
        { element: `<sheet ns0:id="rId7" sheetId="5" name="说明 &amp; 备注"/>`, part: 3, rId: 'rId7', target: 'worksheets/sheet3.xml', rows: notes },
        { element: `<sheet xmlns:rel="${REL}" rel:id="rId2" name='居民&#x82B1;名册&lt;2025&gt;' sheetId="2"/>`, part: 1, rId: 'rId2', target: '/xl/worksheets/../worksheets/sheet1.xml', rows: roster() },
      ],
      `<workbook xmlns="${MAIN}" xmlns:ns0="${REL}">`,
    );
    const preview = await jobOk(t, conn, 'imports.preview', { file, sheet: '居民花名册<2025>' });
    expect(preview).toMatchObject({ sheet: '居民花名册<2025>', sheets: ['说明 & 备注', '居民花名册<2025>'], total: 4, invalid: 0 });
    // Without a sheet named, the first sheet holds no roster, so the import looks on and finds it.
    const auto = await jobOk(t, conn, 'imports.preview', { file });
    expect(auto).toMatchObject({ sheet: '居民花名册<2025>', total: 4 });
    const first = await runJob(t, conn, 'imports.preview', { file, sheet: '说明 & 备注' });
    expect(first.ok ? null : first.error.issues?.[0]).toMatchObject({ code: 'imports.no_header' });
  });
});
