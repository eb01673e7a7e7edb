/**
 * Finding the header of a roster and what each column holds. Offices' sheets start with a title
 * row or two, group columns under merged cells (基本信息 over 姓名/身份证号/性别), and name the same
 * thing many ways (身份证号, 公民身份号码, 身份证号码 …). The header is the block of rows that
 * names the most known columns; each column takes the lowest name in that block that is known.
 */
import { createHash } from 'node:crypto';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from '../../../shared/contract/imports';
import { catalogs } from '../../../shared/i18n';
import { cellText, headerKey, type Cell } from './cells';

/** Names clerks give each column, besides our own export headers (both languages, added below). */
const SYNONYMS: Record<ImportField, string[]> = {
  name: ['姓名', '名字', '居民姓名', '人员姓名', '成员姓名', '户成员姓名', 'name', 'full name', 'fullname'],
  idNumber: [
    '身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '居民身份证号码', '身份证', '身份证件号码', '证件号码', '证件号',
    'id', 'id number', 'id no', 'idcard', 'id card number', 'citizen id',
  ],
  sex: ['性别', 'sex', 'gender'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '生日', '出生时间', 'birth date', 'date of birth', 'dob', 'birthday'],
  age: ['年龄', '周岁', 'age'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '电话号码', '联系方式', '本人电话', 'phone', 'mobile', 'tel', 'telephone'],
  phone2: ['备用电话', '其他电话', '联系电话2', '电话2', '紧急联系电话', 'phone 2', 'other phone'],
  address: ['地址', '家庭住址', '住址', '现住址', '居住地址', '家庭地址', '现居住地址', '详细地址', 'address', 'home address'],
  grid: ['网格', '所属网格', '网格名称', '网格编号', 'grid'],
  ethnicity: ['民族', 'ethnicity', 'nationality', 'ethnic group'],
  maritalStatus: ['婚姻状况', '婚姻', '婚姻情况', 'marital status', 'marital'],
  hukouType: ['户口类型', '户口性质', '户籍类型', '户籍性质', '户别', 'hukou', 'hukou type'],
  employment: ['就业状况', '就业情况', '就业', 'employment'],
  healthStatus: ['健康状况', '健康情况', 'health', 'health status'],
  relation: ['与户主关系', '与户主的关系', '家庭关系', '关系', 'relation', 'relationship', 'relation to head'],
  householdKey: ['户号', '户编号', '家庭编号', '户编码', '户序号', 'household', 'household no', 'household number', 'household id'],
  headIdNumber: ['户主身份证号', '户主身份证号码', '户主公民身份号码', '户主证件号码', 'head id', 'head id number'],
  headName: ['户主', '户主姓名', 'head', 'head name', 'head of household'],
  livingAlone: ['独居', '是否独居', 'living alone'],
  emptyNest: ['空巢', '是否空巢', 'empty nest'],
  leftBehind: ['留守', '是否留守', 'left behind'],
  seriousIllness: ['重病', '重大疾病', '是否重病', '大病', 'serious illness'],
  disabilityCert: ['残疾证号', '残疾人证号', '残疾证号码', '残疾人证号码', '残疾证', 'disability certificate', 'disability cert'],
  lowIncomeCategory: ['低收入人口类别', '低收入类别', '低收入人口类型', '救助类别', '保障类别', 'low income category', 'low-income category'],
  notes: ['备注', '说明', '其他说明', 'notes', 'note', 'remarks'],
};

let aliasIndex: Map<string, ImportField> | undefined;

/** Normalized header text → field, built once from the synonyms and both catalogs' export headers. */
function aliases(): Map<string, ImportField> {
  if (aliasIndex) return aliasIndex;
  const index = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const labels = [...SYNONYMS[field], ...Object.values(catalogs).map((c) => c.imports.columns[field])];
    for (const label of labels) {
      const key = headerKey(label);
      if (key && !index.has(key)) index.set(key, field);
    }
  }
  return (aliasIndex = index);
}

export function recognizeHeader(text: string): ImportField | null {
  return aliases().get(headerKey(text)) ?? null;
}

export interface HeaderBlock {
  first: number;
  last: number;
  /** One entry per column: its header text (the lowest non-empty cell in the block) and field. */
  columns: { column: number; header: string; field: ImportField | null }[];
}

/** How many rows from the top may hold titles and the header. */
export const HEADER_SCAN_ROWS = 20;
/** How many rows a header may span (group row over field row, or title over both). */
const HEADER_DEPTH = 3;

/**
 * Choose the header block among the first rows: for each candidate last row, combine it with up to
 * two rows above; the block that recognizes the most distinct fields wins (ties: the shorter,
 * earlier block). Needs both name and ID number, the two things an import cannot do without.
 */
export function detectHeader(rows: { row: number; cells: Cell[] }[]): HeaderBlock | null {
  let best: HeaderBlock | null = null;
  let bestScore = 0;
  for (let end = 0; end < rows.length; end++) {
    let chosen: HeaderBlock | null = null;
    let chosenScore = 0;
    for (let depth = 1; depth <= HEADER_DEPTH && end - depth + 1 >= 0; depth++) {
      const block = rows.slice(end - depth + 1, end + 1);
      const candidate = combine(block);
      const fields = new Set(candidate.columns.map((c) => c.field).filter((f) => f !== null));
      if (!fields.has('name') || !fields.has('idNumber')) continue;
      // A row above joins the header when it names more fields, or labels a column the rows
      // below leave blank (序号 merged down over two header rows); a title row does neither.
      if (fields.size > chosenScore || (chosen && fields.size === chosenScore && labelsBlankColumn(block))) {
        chosen = candidate;
        chosenScore = fields.size;
      }
    }
    if (chosen && chosenScore > bestScore) {
      best = chosen;
      bestScore = chosenScore;
    }
  }
  return best;
}

function labelsBlankColumn(block: { cells: Cell[] }[]): boolean {
  const [top, ...below] = block;
  return top.cells.some((c, i) => cellText(c) !== '' && below.every((r) => cellText(r.cells[i] ?? null) === ''));
}

/** The header block spanning rows `first`–`last` (1-based sheet rows), as the clerk named it. */
export function headerFromRows(rows: { row: number; cells: Cell[] }[], first: number, last: number): HeaderBlock {
  const block = rows.filter((r) => r.row >= first && r.row <= last);
  return { ...combine(block), first, last };
}

function combine(block: { row: number; cells: Cell[] }[]): HeaderBlock {
  const width = Math.max(0, ...block.map((r) => r.cells.length));
  const columns: HeaderBlock['columns'] = [];
  const taken = new Set<ImportField>();
  for (let column = 0; column < width; column++) {
    let header = '';
    let field: ImportField | null = null;
    // Bottom-up: the field row under a merged group label names the column more precisely.
    for (let k = block.length - 1; k >= 0; k--) {
      const text = cellText(block[k].cells[column] ?? null);
      if (!text) continue;
      header ||= text;
      const recognized = recognizeHeader(text);
      if (recognized) {
        header = text;
        field = recognized;
        break;
      }
    }
    // A field named twice (two 电话 columns): the second is the spare number, else ignored.
    if (field && taken.has(field)) field = field === 'phone' && !taken.has('phone2') ? 'phone2' : null;
    if (field) taken.add(field);
    columns.push({ column, header, field });
  }
  return { first: block[0]?.row ?? 1, last: block.at(-1)?.row ?? 1, columns };
}

/** A short stable name for a header layout: the same columns under the same names, in order. */
export function layoutOf(block: HeaderBlock): string {
  const text = block.columns.map((c) => headerKey(c.header)).join('\u0001');
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export function mappingOf(block: HeaderBlock): ColumnMapping[] {
  return block.columns.map((c) => ({ column: c.column, field: c.field }));
}
