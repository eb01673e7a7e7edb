/**
 * Facilities and compounds from a spreadsheet (.xlsx, or CSV in UTF-8 or GBK), read with the
 * residents import's readers: every row is checked first (a dry run reports each row: ok, or its
 * issues naming the column as the file heads it, in the clerk's language); a commit writes every row
 * in ONE transaction, and nothing at all when any row has an issue. Rows match existing records —
 * facilities by code, else by name; compounds by name — and change only the columns the file has.
 *
 * Positions come with a coordinate-system column (WGS-84 / GCJ-02 / BD-09, or the map they were
 * copied from: 高德、腾讯 → GCJ-02, 百度 → BD-09, GPS → WGS-84).
 */
import type { Ctx, JobControl } from '../../context';
import { invalidInput } from '../../errors';
import { uuidv7 } from '../../ids';
import type { Row, SqlValue, WriteContext } from '../../db/writes';
import { readableFile } from '../../files';
import { ImportFileError, cellText, headerKey, openSource, parseDate, type Cell, type OpenedSource } from '../../imports';
import type { PlacesImportResult } from '../../../../shared/contract/eldercare/facilities';
import type { placesImportInputSchema } from '../../../../shared/contract/eldercare/facilities';
import type { z } from 'zod';
import { catalogs, translate, type Language, type ValidationCode } from '../../../../shared/i18n';
import { issueMessage } from '../../../../shared/domain/import-issues';
import { CODE_PATTERN, FACILITY_STATUSES, OPERATORS, PILOT_STATUSES } from '../../../../shared/domain/eldercare/codes';
import { PLACE_KINDS, STAFF_ROLES, parseWeekdays, readCrs } from '../../../../shared/domain/eldercare/facilities';
import { isInChina } from '../../../../shared/domain/eldercare/positions';
import { readCodes } from '../settings/service';
import { positionColumns } from './mapping';
import {
  facilityColumns,
  findCompoundByName,
  findFacilityByCode,
  findFacilityByName,
  gridsForLookup,
  insertCompound,
  insertFacility,
  updateCompound,
  updateFacility,
} from './repository';

type ImportInput = z.output<typeof placesImportInputSchema>;

/** How many rows from the top may hold titles and the header. */
const HEADER_SCAN_ROWS = 20;
const CHECKPOINT_ROWS = 500;

const FACILITY_FIELDS = [
  'code', 'name', 'kind', 'operator', 'operatorName', 'status', 'address', 'grid', 'lng', 'lat', 'crs', 'phone', 'beds', 'places', 'staff', 'services',
  'openingHours', 'pilot', 'openedOn', 'notes',
] as const;
const COMPOUND_FIELDS = ['name', 'address', 'grid', 'lng', 'lat', 'crs'] as const;
type Field = (typeof FACILITY_FIELDS)[number];

/** Names offices give each column, besides our own labels (both languages, added below). */
const SYNONYMS: Record<Field, string[]> = {
  code: ['编号', '设施编号', '机构编号', '站点编号', '编码', '代码', 'code', 'id'],
  name: ['名称', '设施名称', '机构名称', '站点名称', '服务设施名称', '小区名称', '小区', '小区名', '住宅小区', 'name'],
  kind: ['类型', '设施类型', '机构类型', '类别', '设施类别', 'kind', 'type'],
  operator: ['运营方式', '运营模式', '运营性质', '性质', '办理性质', '举办性质', 'operation'],
  operatorName: ['运营单位', '运营机构', '运营方', '承接单位', '运营主体', 'operator', 'operator name'],
  status: ['状态', '运营状态', 'status'],
  address: ['地址', '详细地址', '所在地址', '位置', 'address'],
  grid: ['网格', '所属网格', '网格名称', '网格编号', 'grid'],
  lng: ['经度', 'lng', 'lon', 'long', 'longitude', 'x'],
  lat: ['纬度', 'lat', 'latitude', 'y'],
  crs: ['坐标系', '坐标系统', '坐标类型', '坐标来源', '坐标', 'crs', 'coordinate system', 'datum'],
  phone: ['电话', '联系电话', '联系方式', 'phone', 'tel'],
  beds: ['床位', '床位数', '床位数量', '养老床位', 'beds'],
  places: ['服务位', '其他床位', '场所容量', 'places'],
  staff: ['人员', '工作人员', '人员配置', '从业人员', 'staff'],
  services: ['服务项目', '服务内容', '提供服务', '十助服务', '服务', 'services'],
  openingHours: ['开放时间', '营业时间', '服务时间', 'opening hours', 'hours'],
  pilot: ['标准化试点', '试点', '试点级别', 'pilot'],
  openedOn: ['开业日期', '成立日期', '运营日期', '开办日期', 'opened on', 'opened'],
  notes: ['备注', '说明', 'notes', 'remarks'],
};

let aliasIndex: Map<string, Field> | undefined;
function aliases(): Map<string, Field> {
  if (aliasIndex) return aliasIndex;
  const index = new Map<string, Field>();
  for (const field of FACILITY_FIELDS) {
    const labels = [...SYNONYMS[field], ...Object.values(catalogs).map((c) => (c.eldercare.import.columns as Record<Field, string>)[field])];
    for (const label of labels) {
      const key = headerKey(label);
      if (key && !index.has(key)) index.set(key, field);
    }
  }
  return (aliasIndex = index);
}

/** Words for a value: the code, its labels in both catalogs, and local words. */
function wordIndex<T extends string>(codes: readonly T[], labelKey: string, words: Partial<Record<T, string[]>>): Map<string, T> {
  const index = new Map<string, T>();
  for (const code of codes) {
    const all = [code, ...(words[code] ?? []), ...Object.keys(catalogs).map((l) => translate(l as Language, `${labelKey}.${code}`))];
    for (const word of all) index.set(headerKey(word), code);
  }
  return index;
}

const OPERATOR_WORDS = () =>
  wordIndex(OPERATORS, 'eldercare.facilities.operators', {
    public: ['公办', '公办公营', '政府办', '国办'],
    public_private: ['公建民营', '公办民营', '公建民办', '委托运营'],
    private: ['民办', '民营', '私营', '社会办', '社会力量办'],
  });
const STATUS_WORDS = () =>
  wordIndex(FACILITY_STATUSES, 'eldercare.facilities.statuses', {
    active: ['运营', '运营中', '在用', '正常', '开放', '在营', '正常运营'],
    planned: ['规划', '规划中', '筹建', '在建', '拟建', '计划'],
    closed: ['停用', '已停用', '关闭', '停业', '已关闭', '撤销'],
  });
const PILOT_WORDS = () =>
  wordIndex(PILOT_STATUSES, 'eldercare.facilities.pilots', {
    none: ['无', '否', '非试点', '不是', '-', '/'],
    county: ['县级', '区级', '县区级', '县（区）级'],
    city: ['市级'],
    province: ['省级', '自治区级', '省（区）级'],
    national: ['国家级', '全国', '国家'],
  });

/** An issue on a row: the field, and its code under validation.*. */
interface RowIssue {
  field: Field;
  code: ValidationCode;
  params: Record<string, string | number>;
}

interface CheckedRow {
  row: number;
  name: string;
  /** The columns the row sets (only those the file has). */
  values: Row;
  issues: RowIssue[];
  /** The in-file identity for repeats (facility: code, else name; compound: name). */
  identity: { field: Field; value: string };
  action: 'create' | 'update' | 'unchanged' | null;
  existing: { id: string; version: number } | null;
}

interface Lookups {
  grids: Map<string, string>;
  kinds: Map<string, string>;
  services: Map<string, string>;
  placeKinds: Map<string, string>;
  staffRoles: Map<string, string>;
  operators: Map<string, string>;
  statuses: Map<string, string>;
  pilots: Map<string, string>;
}

function lookups(ctx: Ctx): Lookups {
  const grids = new Map<string, string>();
  for (const g of gridsForLookup(ctx.db)) {
    grids.set(headerKey(g.code), g.id);
    if (!grids.has(headerKey(g.name))) grids.set(headerKey(g.name), g.id);
  }
  const codeIndex = (table: 'facility_kind' | 'service') => {
    const m = new Map<string, string>();
    for (const c of readCodes(ctx.db, table)) if (c.active) for (const w of [c.code, c.zh, c.en]) m.set(headerKey(w), c.code);
    return m;
  };
  const labelIndex = (codes: readonly string[], key: string) => wordIndex(codes, key, {});
  return {
    grids,
    kinds: codeIndex('facility_kind'),
    services: codeIndex('service'),
    placeKinds: labelIndex(PLACE_KINDS, 'eldercare.facilities.placeKinds'),
    staffRoles: labelIndex(STAFF_ROLES, 'eldercare.facilities.staffRoles'),
    operators: OPERATOR_WORDS(),
    statuses: STATUS_WORDS(),
    pilots: PILOT_WORDS(),
  };
}

// ── Reading cells ───────────────────────────────────────────────────────────────────────────────

type Cells = Partial<Record<Field, Cell>>;

class RowReader {
  readonly issues: RowIssue[] = [];
  readonly values: Row = {};
  constructor(
    private readonly cells: Cells,
    private readonly present: ReadonlySet<Field>,
  ) {}

  has(field: Field): boolean {
    return this.present.has(field);
  }
  text(field: Field): string {
    return cellText(this.cells[field] ?? null);
  }
  issue(field: Field, code: ValidationCode, params: Record<string, string | number> = {}): void {
    this.issues.push({ field, code, params });
  }
  /** Plain text into `column` (empty → null), at most `max` characters. */
  plain(field: Field, column: string, max: number, required = false): void {
    if (!this.has(field)) return;
    const text = this.text(field);
    if (required && !text) return this.issue(field, 'required');
    if (text.length > max) return this.issue(field, 'too_long');
    this.values[column] = text || null;
  }
  /** A coded value by its words; `fallback` for an empty cell (undefined: required). */
  coded(field: Field, column: string, words: Map<string, string>, fallback?: string): void {
    if (!this.has(field)) return;
    const text = this.text(field);
    if (!text) {
      if (fallback === undefined) this.issue(field, 'required');
      else this.values[column] = fallback;
      return;
    }
    const code = words.get(headerKey(text));
    if (!code) this.issue(field, field === 'kind' ? 'eldercare.kind_unknown' : 'eldercare.import_value', field === 'kind' ? { kind: text } : { value: text });
    else this.values[column] = code;
  }
  count(field: Field, column: string): void {
    if (!this.has(field)) return;
    const text = this.text(field);
    if (!text) {
      this.values[column] = 0;
      return;
    }
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n > 1_000_000) this.issue(field, 'eldercare.import_number');
    else this.values[column] = n;
  }
  date(field: Field, column: string): void {
    if (!this.has(field)) return;
    const cell = this.cells[field] ?? null;
    if (cellText(cell) === '') {
      this.values[column] = null;
      return;
    }
    const date = parseDate(cell);
    if (!date) this.issue(field, 'eldercare.import_date', { value: cellText(cell) });
    else this.values[column] = date;
  }
  grid(lookup: Map<string, string>): void {
    if (!this.has('grid')) return;
    const text = this.text('grid');
    if (!text) {
      this.values.grid_id = null;
      return;
    }
    const id = lookup.get(headerKey(text));
    if (!id) this.issue('grid', 'eldercare.grid_unknown');
    else this.values.grid_id = id;
  }
  /** Longitude, latitude and coordinate system together, or none of them. */
  position(): void {
    if (!this.has('lng') && !this.has('lat')) return;
    const lngText = this.text('lng');
    const latText = this.text('lat');
    const crsText = this.text('crs');
    if (!lngText && !latText) {
      Object.assign(this.values, positionColumns(null));
      return;
    }
    if (!lngText || !latText) return this.issue(lngText ? 'lat' : 'lng', 'eldercare.import_position_half');
    const lng = Number(lngText);
    const lat = Number(latText);
    if (!Number.isFinite(lng)) return this.issue('lng', 'eldercare.import_coordinate');
    if (!Number.isFinite(lat)) return this.issue('lat', 'eldercare.import_coordinate');
    if (!isInChina(lng, lat)) return this.issue('lng', 'eldercare.position_outside');
    if (!crsText) return this.issue('crs', 'eldercare.import_crs_missing');
    const crs = readCrs(crsText);
    if (!crs) return this.issue('crs', 'eldercare.import_crs', { value: crsText });
    Object.assign(this.values, positionColumns({ lng, lat, crs }));
  }
  /** "日间照料床位:30；助餐座位:60" → {day_care: 30, meal_seats: 60}; keys by code or label. */
  pairs(field: Field, column: string, words: Map<string, string>): void {
    if (!this.has(field)) return;
    const text = this.text(field);
    const out: Record<string, number> = {};
    for (const part of text.split(/[;；、,，\n]+/).map((p) => p.trim()).filter(Boolean)) {
      const m = /^(.+?)\s*[:：=]\s*(\d+)$/.exec(part);
      const key = m ? (words.get(headerKey(m[1])) ?? (CODE_PATTERN.test(m[1]) ? m[1] : undefined)) : undefined;
      if (!m || !key) return this.issue(field, 'eldercare.import_pairs', { value: part });
      out[key] = Number(m[2]);
    }
    this.values[column] = JSON.stringify(sortedKeys(out));
  }
  /** "助餐(每天)；助浴(周六)" or "助餐:1-5; 助洁" → [{code, days}]; a service without days is offered every day. */
  services(words: Map<string, string>): void {
    if (!this.has('services')) return;
    const text = this.text('services');
    const out: { code: string; days: number[] }[] = [];
    for (const item of splitServices(text)) {
      const m = /^([^:：(（]+?)\s*(?:[(（]([^)）]*)[)）]|[:：]\s*(.+))?$/.exec(item);
      const label = (m?.[1] ?? item).trim();
      const code = words.get(headerKey(label));
      if (!code) return this.issue('services', 'eldercare.service_unknown', { service: label });
      const spec = (m?.[2] ?? m?.[3] ?? '').trim();
      const days = spec ? parseWeekdays(spec) : [1, 2, 3, 4, 5, 6, 7];
      if (!days) return this.issue('services', 'eldercare.import_days', { service: label, days: spec });
      if (out.some((s) => s.code === code)) return this.issue('services', 'eldercare.service_repeated', { service: label });
      out.push({ code, days });
    }
    this.values.services = JSON.stringify(out);
  }
}

function sortedKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** Items at the top level (separators inside brackets belong to an item's days); commas split items only outside a day spec. */
function splitServices(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  let afterColon = false;
  for (const ch of text) {
    if (ch === '(' || ch === '（') depth += 1;
    if (ch === ')' || ch === '）') depth = Math.max(0, depth - 1);
    if (ch === ':' || ch === '：') afterColon = true;
    const hard = /[;；、\n]/.test(ch);
    const soft = /[,，]/.test(ch);
    if (depth === 0 && (hard || (soft && !afterColon))) {
      if (current.trim()) items.push(current.trim());
      current = '';
      afterColon = false;
      continue;
    }
    current += ch;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

// ── The two kinds of rows ───────────────────────────────────────────────────────────────────────

interface Kind {
  fields: readonly Field[];
  /** Columns the file must have (besides the name, which finds the header). */
  required: readonly Field[];
  check(r: RowReader, l: Lookups): void;
  identity(values: Row): { field: Field; value: string };
  /** The record the row stands for, with its stored columns, if there is one. */
  existing(ctx: Ctx, values: Row): { id: string; version: number; columns: Row } | null;
  write(w: WriteContext, row: CheckedRow): void;
}

const facilityKind: Kind = {
  fields: FACILITY_FIELDS,
  required: ['kind', 'operator'],
  check(r, l) {
    r.plain('code', 'code', 32);
    r.plain('name', 'name', 80, true);
    r.coded('kind', 'kind', l.kinds);
    r.coded('operator', 'operator', l.operators);
    r.plain('operatorName', 'operator_name', 80);
    r.coded('status', 'status', l.statuses, 'active');
    r.plain('address', 'address', 200);
    r.grid(l.grids);
    r.position();
    r.plain('phone', 'phone', 40);
    r.count('beds', 'beds');
    r.pairs('places', 'places', l.placeKinds);
    r.pairs('staff', 'staff', l.staffRoles);
    r.services(l.services);
    r.plain('openingHours', 'opening_hours', 200);
    r.coded('pilot', 'pilot', l.pilots, 'none');
    r.date('openedOn', 'opened_on');
    r.plain('notes', 'notes', 2000);
  },
  identity(values) {
    return values.code ? { field: 'code', value: String(values.code) } : { field: 'name', value: String(values.name ?? '') };
  },
  existing(ctx, values) {
    const byCode = values.code ? findFacilityByCode(ctx.db, String(values.code)) : undefined;
    const byName = byCode ? undefined : findFacilityByName(ctx.db, String(values.name));
    // A facility found by name that has another code is a different one (codes are the office's identities).
    const found = byCode ?? (byName && (!values.code || byName.code === null) ? byName : undefined);
    if (!found) return null;
    return { id: found.id, version: found.version, columns: facilityColumns(ctx.db, found.id) ?? {} };
  },
  write(w, row) {
    if (row.existing) updateFacility(w, row.existing.id, row.existing.version, row.values);
    else {
      const defaults: Row = { status: 'active', pilot: 'none', beds: 0, places: '{}', staff: '{}', services: '[]' };
      insertFacility(w, uuidv7(), { ...defaults, ...row.values });
    }
  },
};

const compoundKind: Kind = {
  fields: COMPOUND_FIELDS,
  required: [],
  check(r, l) {
    r.plain('name', 'name', 80, true);
    r.plain('address', 'address', 200);
    r.grid(l.grids);
    r.position();
  },
  identity(values) {
    return { field: 'name', value: String(values.name ?? '') };
  },
  existing(ctx, values) {
    const found = findCompoundByName(ctx.db, String(values.name));
    if (!found) return null;
    const { id, version, ...columns } = found;
    return { id, version, columns: columns as unknown as Row };
  },
  write(w, row) {
    if (row.existing) updateCompound(w, row.existing.id, row.existing.version, row.values);
    else insertCompound(w, uuidv7(), { address: null, grid_id: null, ...positionColumns(null), ...row.values });
  },
};

// ── The run ─────────────────────────────────────────────────────────────────────────────────────

interface Header {
  row: number;
  columns: { column: number; header: string; field: Field | null }[];
}

/** The header is the row among the first ones naming the most known columns, the name among them. */
function findHeader(rows: { row: number; cells: Cell[] }[], fields: readonly Field[]): Header | null {
  let best: Header | null = null;
  let bestScore = 0;
  for (const r of rows.slice(0, HEADER_SCAN_ROWS)) {
    const taken = new Set<Field>();
    const columns = r.cells.map((cell, column) => {
      const header = cellText(cell);
      const field = aliases().get(headerKey(header)) ?? null;
      if (!field || !fields.includes(field) || taken.has(field)) return { column, header, field: null };
      taken.add(field);
      return { column, header, field };
    });
    if (!taken.has('name')) continue;
    if (taken.size > bestScore) {
      best = { row: r.row, columns };
      bestScore = taken.size;
    }
  }
  return best;
}

function sameValue(a: SqlValue | undefined, b: SqlValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return (a ?? null) === b;
}

async function run(kind: Kind, raw: ImportInput, ctx: Ctx, job: JobControl): Promise<PlacesImportResult> {
  const language = raw.language;
  const file = readableFile(ctx, raw.file, ['file'], language);
  let source: OpenedSource;
  const all: { row: number; cells: Cell[] }[] = [];
  try {
    source = await openSource(file, raw.sheet);
    let n = 0;
    for await (const r of source.rows()) {
      all.push(r);
      if (++n % CHECKPOINT_ROWS === 0) await job.checkpoint(n, Math.max(n, Math.round((n * source.facts.size) / Math.max(1, source.bytesRead()))));
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw invalidInput(['file'], error.code, error.params, { language });
    throw error;
  }
  if (raw.commit && raw.expectSha256 && raw.expectSha256 !== source.facts.sha256) throw invalidInput(['file'], 'eldercare.import_file_changed', {}, { language });
  const header = findHeader(all, kind.fields);
  if (!header) throw invalidInput(['file'], 'eldercare.import_no_header', { rows: HEADER_SCAN_ROWS }, { language });
  const present = new Set(header.columns.flatMap((c) => (c.field ? [c.field] : [])));
  for (const field of kind.required) {
    if (!present.has(field)) throw invalidInput(['file'], 'eldercare.import_missing_column', { column: translate(language, `eldercare.import.columns.${field}`) }, { language });
  }
  const headerOf = (field: Field) => header.columns.find((c) => c.field === field)?.header ?? translate(language, `eldercare.import.columns.${field}`);
  const l = lookups(ctx);

  const checked: CheckedRow[] = [];
  const firstSeen = new Map<string, number>();
  let blank = 0;
  for (const r of all) {
    if (r.row <= header.row) continue;
    const cells: Cells = {};
    for (const c of header.columns) if (c.field) cells[c.field] = r.cells[c.column] ?? null;
    if (Object.values(cells).every((cell) => cellText(cell ?? null) === '')) {
      blank += 1;
      continue;
    }
    const reader = new RowReader(cells, present);
    kind.check(reader, l);
    const identity = kind.identity(reader.values);
    const seenKey = `${identity.field}:${headerKey(identity.value)}`;
    const first = identity.value ? firstSeen.get(seenKey) : undefined;
    if (first !== undefined) reader.issue(identity.field, identity.field === 'code' ? 'eldercare.import_code_repeated' : 'eldercare.import_name_repeated', { row: first });
    else if (identity.value) firstSeen.set(seenKey, r.row);
    const row: CheckedRow = { row: r.row, name: reader.text('name'), values: reader.values, issues: reader.issues, identity, action: null, existing: null };
    if (row.issues.length === 0) {
      const existing = kind.existing(ctx, row.values);
      if (existing) {
        row.existing = { id: existing.id, version: existing.version };
        row.action = Object.entries(row.values).every(([column, value]) => sameValue(existing.columns[column], value)) ? 'unchanged' : 'update';
      } else {
        row.action = 'create';
      }
    }
    checked.push(row);
  }

  const invalid = checked.filter((r) => r.issues.length > 0).length;
  const count = (action: CheckedRow['action']) => checked.filter((r) => r.action === action).length;
  let committed = false;
  if (raw.commit && invalid === 0) {
    // Synchronous: no other call runs between the first write and the last, and a failure leaves nothing.
    ctx.db
      .transaction(() => {
        const w = ctx.write();
        for (const r of checked) if (r.action === 'create' || r.action === 'update') kind.write(w, r);
      })
      .immediate();
    committed = true;
  }
  await job.checkpoint(all.length, all.length);

  const rows = [...checked].sort((a, b) => Number(b.issues.length > 0) - Number(a.issues.length > 0) || a.row - b.row).slice(0, raw.maxRows);
  return {
    format: source.format,
    encoding: source.encoding,
    sheet: source.sheet(),
    header: { row: header.row, columns: header.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })) },
    fileSha256: source.facts.sha256,
    total: checked.length,
    valid: checked.length - invalid,
    invalid,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    blank,
    rows: rows
      .sort((a, b) => a.row - b.row)
      .map((r) => ({
        row: r.row,
        name: r.name,
        status: r.issues.length ? ('invalid' as const) : ('ok' as const),
        action: r.action,
        errors: r.issues.map((i) => ({ field: i.field, column: headerOf(i.field), code: i.code, params: i.params, message: issueMessage(language, i.code, i.params) })),
      })),
    truncated: checked.length > rows.length,
    committed,
  };
}

export function importFacilities(input: ImportInput, ctx: Ctx, job: JobControl): Promise<PlacesImportResult> {
  return run(facilityKind, input, ctx, job);
}

export function importCompounds(input: ImportInput, ctx: Ctx, job: JobControl): Promise<PlacesImportResult> {
  return run(compoundKind, input, ctx, job);
}
