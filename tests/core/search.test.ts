/**
 * The one search box: Chinese names (whole, prefix, given name), pinyin initials and full pinyin
 * (polyphonic surnames read as surnames), ID numbers (whole or last 4–6), phones (whole or last 4),
 * address fragments; ranked, filtered, kept current on every edit, and driven by indexes only.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResidentFilters, SearchHit } from '../../shared/contract';
import { composeIdNumber } from '../../shared/domain/id-number';
import { expectOk } from '../support/results';
import { fullWidth, idNumberEndingInX, register, setupRegistry, type RegistryOffice } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

/** Birth dates against the test clock's 2025-03-10: 84, exactly 60 today, 59 until tomorrow, 35, 30. */
const PEOPLE = {
  zhangSanfeng: { name: '张三丰', idNumber: composeIdNumber('640202', '1965-03-10', 11), phone: '13995120001', address: '朝阳街道康乐小区3号楼1单元' },
  zhangSan: { name: '张三', idNumber: idNumberEndingInX('1940-05-05', '640205'), phone: '13995123456', address: '人民路街道胜利小区5号楼2单元302室' },
  shanXiongxin: { name: '单雄信', idNumber: composeIdNumber('640221', '1965-03-11', 13), phone: null, address: '长兴街道青山小区' },
  zengGuofan: { name: '曾国藩', idNumber: composeIdNumber('640202', '1990-07-01', 15), phone: null, address: '锦林街道' },
  liSi: { name: '李四', idNumber: composeIdNumber('640202', '1995-01-01', 17), phone: null, address: null },
} as const;

/** Everyone's number is fixed, so that no ID tail can happen to equal a phone tail a test searches for. */
const otherId = (sequence: number) => composeIdNumber('640205', '1988-08-08', sequence);

interface SearchOffice {
  t: TestHost;
  office: RegistryOffice;
  ids: Record<keyof typeof PEOPLE | 'wangWu', string>;
  gridId: string;
}

async function searchOffice(): Promise<SearchOffice> {
  const t = createTestHost();
  const office = await setupRegistry(t);
  const grid = expectOk(await t.call(office.adminConn, 'grids.create', { code: 'G01', name: '第一网格', worker: null }));
  // 王五's phone ends in the same four digits as 李四's ID number (registered first, so ranking, not order, puts the ID first).
  const wangWu = await register(t, office.clerk.conn, { name: '王五', idNumber: otherId(501), phone: `1399500${PEOPLE.liSi.idNumber.slice(-4)}` });
  const ids = { wangWu: wangWu.id } as SearchOffice['ids'];
  for (const [key, p] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, (typeof PEOPLE)[keyof typeof PEOPLE]][]) {
    const extra = key === 'zhangSan' ? { gridId: grid.id, lowIncomeCategory: 'dibao' as const } : {};
    ids[key] = (await register(t, office.clerk.conn, { name: p.name, idNumber: p.idNumber, phone: p.phone, household: { mode: 'new', address: p.address }, ...extra })).id;
  }
  return { t, office, ids, gridId: grid.id };
}

async function search(s: SearchOffice, query: string, filters: ResidentFilters = {}): Promise<SearchHit[]> {
  return expectOk(await s.t.call(s.office.clerk.conn, 'residents.search', { query, filters })).items;
}
const hits = (items: SearchHit[]) => items.map((i) => [i.name, i.match]);
const names = (items: SearchHit[]) => items.map((i) => i.name);

describe('pinyin', () => {
  it('zs, zhs, zhsan, zhangs and zhangsan all find 张三 (any case), by pinyin', async () => {
    const s = await searchOffice();
    for (const query of ['zs', 'zhs', 'zhsan', 'zhangs', 'zhangsan', 'ZS', 'ZhangSan', ' zhang san ']) {
      const found = await search(s, query);
      expect(found.find((i) => i.id === s.ids.zhangSan)?.match, query).toBe('pinyin');
    }
    expect(names(await search(s, 'zsf'))).toEqual(['张三丰']);
    expect(names(await search(s, 'zhsf'))).toEqual(['张三丰']);
    expect(await search(s, 'zsx')).toEqual([]);
    expect(await search(s, 'sanzhang')).toEqual([]);
  });

  it('reads polyphonic surnames as surnames: 单 is shan (not dan), 曾 is zeng (not ceng)', async () => {
    const s = await searchOffice();
    for (const query of ['shan', 'sxx', 'shxx', 'shanxiongxin']) expect(names(await search(s, query)), query).toEqual(['单雄信']);
    for (const query of ['dan', 'danxiongxin']) expect(await search(s, query), query).toEqual([]);
    for (const query of ['zeng', 'zgf', 'zengguofan']) expect(names(await search(s, query)), query).toEqual(['曾国藩']);
    expect(await search(s, 'cengguofan')).toEqual([]);
  });
});

describe('names', () => {
  it('a surname finds everyone whose name starts with it; a given name alone finds them too', async () => {
    const s = await searchOffice();
    expect(hits(await search(s, '张'))).toEqual([
      ['张三丰', 'name_prefix'],
      ['张三', 'name_prefix'],
    ]);
    expect(hits(await search(s, '三丰'))).toEqual([['张三丰', 'name_part']]);
    expect(hits(await search(s, '雄信'))).toEqual([['单雄信', 'name_part']]);
    expect(hits(await search(s, '信'))).toEqual([['单雄信', 'name_part']]);
    expect(await search(s, '赵')).toEqual([]);
  });

  it('ranks an exact name before a name prefix, and a prefix before a given-name part', async () => {
    const s = await searchOffice();
    // 张三丰 was registered before 张三: the order is by match quality, not by registration.
    expect(hits(await search(s, '张三'))).toEqual([
      ['张三', 'name_exact'],
      ['张三丰', 'name_prefix'],
    ]);
    await register(s.t, s.office.clerk.conn, { name: '三毛', idNumber: otherId(503) });
    expect(hits(await search(s, '三'))).toEqual([
      ['三毛', 'name_prefix'],
      ['张三丰', 'name_part'],
      ['张三', 'name_part'],
    ]);
  });

  it('people with the same name come oldest first, read in that order off the name index (no sort of every namesake)', async () => {
    const s = await searchOffice();
    for (const [i, born] of ['2001-02-03', '1948-11-30', '1975-06-15'].entries()) {
      await register(s.t, s.office.clerk.conn, { name: '刘华', idNumber: composeIdNumber('640202', born, 21 + 2 * i) });
    }
    const db = s.t.host.db;
    const statements: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => (statements.push(sql), prepare(sql))) as typeof db.prepare;
    const found = await search(s, '刘华');
    db.prepare = prepare;
    expect(found.map((i) => [i.match, i.birthDate])).toEqual([
      ['name_exact', '1948-11-30'],
      ['name_exact', '1975-06-15'],
      ['name_exact', '2001-02-03'],
    ]);
    const limited = expectOk(await s.t.call(s.office.clerk.conn, 'residents.search', { query: '刘华', limit: 2 })).items;
    expect(limited.map((i) => i.birthDate)).toEqual(['1948-11-30', '1975-06-15']);
    const exact = statements.find((sql) => /WHERE r\.name = @name/.test(sql))!;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${exact}`).all({ name: '刘华', limit: 50 }) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING INDEX residents_name_birth/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});

describe('ID numbers and phones', () => {
  it('a whole ID number, typed in any form, finds its resident first and alone, as id_exact', async () => {
    const s = await searchOffice();
    const id = PEOPLE.zhangSan.idNumber;
    for (const query of [id, id.toLowerCase(), fullWidth(id), `${id.slice(0, 6)} ${id.slice(6)}`]) {
      expect(hits(await search(s, query)), query).toEqual([['张三', 'id_exact']]);
    }
    expect(await search(s, composeIdNumber('640202', '1999-09-09', 99))).toEqual([]);
  });

  it('the last 4, 5 or 6 characters of an ID number find it, an X (or x) at the end included', async () => {
    const s = await searchOffice();
    const id = PEOPLE.zhangSan.idNumber;
    expect(id.endsWith('X')).toBe(true);
    for (const n of [4, 5, 6]) {
      for (const query of [id.slice(-n), id.slice(-n).toLowerCase()]) expect(hits(await search(s, query)), query).toEqual([['张三', 'id_suffix']]);
    }
    // A tail is the end of the number, not any piece of it.
    expect((await search(s, id.slice(-8, -4))).find((i) => i.id === s.ids.zhangSan)).toBeUndefined();
  });

  it('ranks an ID tail before a phone tail with the same digits', async () => {
    const s = await searchOffice();
    expect(hits(await search(s, PEOPLE.liSi.idNumber.slice(-4)))).toEqual([
      ['李四', 'id_suffix'],
      ['王五', 'phone'],
    ]);
  });

  it('a whole phone number or its last 4 digits find the resident; dashes and spaces are ignored', async () => {
    const s = await searchOffice();
    for (const query of ['13995123456', '139-9512-3456', '139 9512 3456', ' 139-9512-3456 ', '3456']) expect(hits(await search(s, query)), query).toEqual([['张三', 'phone']]);
    expect(names(await search(s, '1399512'))).toEqual(['张三丰', '张三']);
    // A landline as offices write it, with its area code and a dash.
    await register(s.t, s.office.clerk.conn, { name: '钟敏', idNumber: otherId(505), phone: '0952-2012345' });
    for (const query of ['0952-2012345', '09522012345', '2345']) expect(names(await search(s, query)), query).toEqual(['钟敏']);
  });
});

describe('addresses', () => {
  it('any fragment of two or more characters, anywhere in the address, finds the resident', async () => {
    const s = await searchOffice();
    for (const query of ['胜利', '胜利小区', '小区5号', '5号楼2单元', '302室', '人民路']) {
      expect(hits(await search(s, query)), query).toEqual([['张三', 'address']]);
    }
    expect(names(await search(s, '康乐小区3号楼'))).toEqual(['张三丰']);
    expect(names(await search(s, '街道'))).toEqual(['张三丰', '张三', '单雄信', '曾国藩']);
    expect(await search(s, '胜利大街')).toEqual([]);
  });
});

describe('filters combine with the query', () => {
  it('grid, low-income category, older60/older80 (from birth dates, on the clock’s day), age range and status', async () => {
    const s = await searchOffice();
    expect(names(await search(s, '张', { gridId: s.gridId }))).toEqual(['张三']);
    expect(names(await search(s, '张', { lowIncomeCategory: 'dibao' }))).toEqual(['张三']);
    expect(names(await search(s, '张', { tag: 'low_income' }))).toEqual(['张三']);
    expect(names(await search(s, '街道', { tag: 'older60' }))).toEqual(['张三丰', '张三']); // 60 today counts; 单雄信 is 60 tomorrow
    expect(names(await search(s, '街道', { tag: 'older80' }))).toEqual(['张三']);
    expect(names(await search(s, '街道', { ageMin: 59, ageMax: 60 }))).toEqual(['张三丰', '单雄信']);
    expect(names(await search(s, '街道', { ageMax: 59 }))).toEqual(['单雄信', '曾国藩']);
    expect(names(await search(s, 'zs', { ageMin: 61 }))).toEqual(['张三']);
    expect(await search(s, PEOPLE.zhangSanfeng.idNumber, { gridId: s.gridId })).toEqual([]);

    const moving = expectOk(await s.t.call(s.office.clerk.conn, 'residents.get', { id: s.ids.zhangSanfeng }));
    expectOk(await s.t.call(s.office.clerk.conn, 'residents.setStatus', { id: moving.id, version: moving.version, status: 'moved_out', date: '2025-03-01' }));
    expect(names(await search(s, '张', { status: 'active' }))).toEqual(['张三']);
    expect(names(await search(s, '张', { status: 'moved_out' }))).toEqual(['张三丰']);
    expect(names(await search(s, '张'))).toEqual(['张三丰', '张三']);
  });

  it('the list applies the same filters, with the total for the scrollbar', async () => {
    const s = await searchOffice();
    const older60 = expectOk(await s.t.call(s.office.clerk.conn, 'residents.list', { filters: { tag: 'older60' }, sort: 'age' }));
    expect([older60.total, older60.items.map((r) => [r.name, r.age])]).toEqual([
      2,
      [
        ['张三丰', 60],
        ['张三', 84],
      ],
    ]);
    expect(older60.items.every((r) => r.tags.includes('older60'))).toBe(true);
    const oldestFirst = expectOk(await s.t.call(s.office.clerk.conn, 'residents.list', { filters: { ageMin: 59 }, sort: 'age', descending: true }));
    expect([oldestFirst.total, oldestFirst.items.map((r) => r.name)]).toEqual([3, ['张三', '张三丰', '单雄信']]);
    const page = expectOk(await s.t.call(s.office.clerk.conn, 'residents.list', { filters: { ageMin: 59 }, sort: 'age', descending: true, offset: 1, limit: 1 }));
    expect([page.total, page.items.map((r) => r.name)]).toEqual([3, ['张三丰']]);
    // A page scrolled to can skip the count: the same rows, no total.
    const uncounted = expectOk(
      await s.t.call(s.office.clerk.conn, 'residents.list', { filters: { ageMin: 59 }, sort: 'age', descending: true, offset: 1, limit: 1, withTotal: false }),
    );
    expect([uncounted.total, uncounted.items.map((r) => r.name)]).toEqual([null, ['张三丰']]);
  });
});

describe('the index follows every change', () => {
  it('a new name, phone or address replaces the old one in the index', async () => {
    const s = await searchOffice();
    const before = expectOk(await s.t.call(s.office.clerk.conn, 'residents.get', { id: s.ids.zhangSan }));
    expectOk(
      await s.t.call(s.office.clerk.conn, 'residents.update', { id: before.id, version: before.version, name: '李三', phone: '18809521234', address: '星海镇幸福小区7号楼' }),
    );
    const isHim = (items: SearchHit[]) => items.some((i) => i.id === s.ids.zhangSan);
    for (const old of ['张三', 'zhangsan', 'zhsan', '13995123456', '3456', '胜利小区', '5号楼2单元']) expect(isHim(await search(s, old)), old).toBe(false);
    expect(hits(await search(s, '李三'))).toEqual([['李三', 'name_exact']]);
    for (const now of ['lisan', 'ls', '18809521234', '1234', '幸福小区', '7号楼']) expect(isHim(await search(s, now)), now).toBe(true);
    // The ID number did not change: still found by it.
    expect(hits(await search(s, PEOPLE.zhangSan.idNumber))).toEqual([['李三', 'id_exact']]);
  });

  it('a merged (tombstoned) record is found by nothing any more; the kept one by what it gained', async () => {
    const s = await searchOffice();
    const keep = expectOk(await s.t.call(s.office.clerk.conn, 'residents.get', { id: s.ids.liSi }));
    const gone = expectOk(await s.t.call(s.office.clerk.conn, 'residents.get', { id: s.ids.zhangSanfeng }));
    expectOk(await s.t.call(s.office.supervisor.conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: gone.id, mergeVersion: gone.version }));
    const p = PEOPLE.zhangSanfeng;
    for (const query of ['张三丰', '三丰', 'zsf', p.idNumber, p.idNumber.slice(-4), '康乐小区']) {
      expect((await search(s, query)).some((i) => i.id === gone.id), query).toBe(false);
    }
    // 李四 had no phone or address: the kept record took them, and the index knows.
    expect(hits(await search(s, p.phone))).toEqual([['李四', 'phone']]);
    expect(hits(await search(s, '康乐小区'))).toEqual([['李四', 'address']]);
    expect(names(await search(s, '张'))).toEqual(['张三']);
  });
});

describe('what the search runs', () => {
  it('never LIKE, never a scan of residents: each statement starts from the full-text index or a B-tree index', async () => {
    const s = await searchOffice();
    const db = s.t.host.db;
    const statements = new Set<string>();
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      statements.add(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      for (const query of ['张三', '张', '三丰', 'zs', PEOPLE.zhangSan.idNumber, '301x', '3456', '13995123456', '胜利小区']) {
        await search(s, query, { gridId: s.gridId, tag: 'older60', ageMax: 90, status: 'active' });
        await search(s, query);
      }
    } finally {
      db.prepare = prepare;
    }
    const searches = [...statements].filter((sql) => /FROM residents/.test(sql));
    expect(searches.length).toBeGreaterThanOrEqual(3);
    for (const sql of searches) {
      expect(sql).not.toMatch(/\bLIKE\b|\bGLOB\b|instr\(/i);
      const params = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], null]));
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
      expect(plan.join(' | '), sql).not.toMatch(/\bSCAN r\b|\bSCAN residents\b/);
      expect(plan[0], sql).toMatch(/^SCAN s VIRTUAL TABLE|^SEARCH r USING (INDEX|INTEGER PRIMARY KEY)/);
    }
  });

  it('queries full of full-text syntax (quotes, *, ^, -, parentheses, AND/OR/NOT, column filters) never fail', async () => {
    const s = await searchOffice();
    const nasty = ['"', '""', '"张三', '张三"', '*', 'zs*', '^', '^张', '-', '-张', '张-三', '(', ')', '(张三)', 'AND', 'OR', 'NOT', '张 AND 李', '张 OR', 'NOT 张',
      'NEAR(张 三)', 'name:张', 'py:zs', '{name py}:zs', ':', '+', "'", '\\', '%', '_', '%张%', '13995"123', '3456*', '1234-', 'x', '0', '张\u0000三', '🙂', '张三🙂'];
    for (const query of nasty) {
      const result = await s.t.call(s.office.clerk.conn, 'residents.search', { query });
      expect(result.ok, `${JSON.stringify(query)} → ${JSON.stringify(result)}`).toBe(true);
    }
    expect(s.t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('nor does anything else typed (random text and random mixes of full-text syntax)', async () => {
    const s = await searchOffice();
    const pieces = ['"', '*', '^', '-', '(', ')', ':', '{', '}', '+', 'AND', 'OR', 'NOT', 'NEAR', ' ', '张', '三', 'zs', '3', 'x', 'name', 'py'];
    const typed = fc.oneof(fc.string({ maxLength: 60 }), fc.array(fc.constantFrom(...pieces), { maxLength: 15 }).map((p) => p.join('').slice(0, 60)));
    await fc.assert(
      fc.asyncProperty(typed, async (query) => {
        const result = await s.t.call(s.office.clerk.conn, 'residents.search', { query });
        expect(result.ok, `${JSON.stringify(query)} → ${JSON.stringify(result)}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
