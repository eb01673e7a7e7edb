/**
 * planSearch turns what a clerk typed into index lookups, in rank order. Pure: these tests pin
 * which lookups each kind of query becomes, and that whatever is typed, the full-text expressions
 * are well-formed (every token quoted, nothing of the input's own syntax let through) and no
 * lookup is a LIKE scan.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSearch, type SearchStep } from '../../electron/core/residents/search/plan';
import { composeIdNumber } from '../../shared/domain/id-number';

const kinds = (steps: SearchStep[]) => steps.map((s) => s.kind);
const matchOf = (step: SearchStep) => ('match' in step ? step.match : undefined);

/** `column : [^ ]"token" ["token" …] [*]` with quotes inside tokens doubled: the only shape a step may have. */
const WELL_FORMED = /^(name|py|idn|phone|addr) : (\^ )?"(?:[^"]|"")*"( \*)?$/;

describe('which lookups a query becomes', () => {
  it('a whole ID number (any typed form, 18 or 15 digits) is one exact lookup of the normalized number', () => {
    const id = composeIdNumber('640202', '1972-11-03', 12);
    const typed = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(planSearch(` ${typed} `)).toEqual([{ kind: 'id_exact', idNumber: id }]);
    expect(planSearch('11010519491231002x')).toEqual([{ kind: 'id_exact', idNumber: '11010519491231002X' }]);
    expect(planSearch('640202520814231')).toEqual([{ kind: 'id_exact', idNumber: '640202520814231' }]);
  });

  it('4–6 trailing ID characters (an x allowed last) look up ID tails first, then phone tails', () => {
    expect(planSearch('3016')).toEqual([
      { kind: 'id_suffix', index: 'lookup', match: 'idn : "3016"' },
      { kind: 'phone', index: 'lookup', match: 'phone : "3016"' },
    ]);
    expect(kinds(planSearch('12301X'))).toEqual(['id_suffix', 'phone']);
    expect(matchOf(planSearch('12301X')[0])).toBe('idn : "12301x"');
    expect(kinds(planSearch('123456'))).toEqual(['id_suffix', 'phone']);
  });

  it('7–14 digits are a phone number or its beginning; dashes and spaces are dropped', () => {
    expect(planSearch('13995123456')).toEqual([{ kind: 'phone', index: 'lookup', match: 'phone : "13995123456" *' }]);
    expect(planSearch('139-9512-3456')).toEqual([{ kind: 'phone', index: 'lookup', match: 'phone : "13995123456" *' }]);
    expect(planSearch('0952-2012345')).toEqual([{ kind: 'phone', index: 'lookup', match: 'phone : "09522012345" *' }]);
    expect(planSearch('1399512')).toEqual([{ kind: 'phone', index: 'lookup', match: 'phone : "1399512" *' }]);
  });

  it('latin letters are pinyin, lower-cased, as a prefix', () => {
    expect(planSearch('ZhangS')).toEqual([{ kind: 'pinyin', index: 'names', match: 'py : "zhangs" *' }]);
    expect(planSearch('zhang san')).toEqual([{ kind: 'pinyin', index: 'names', match: 'py : "zhangsan" *' }]);
  });

  it('Chinese text is an exact name, a name prefix, a given-name part, then an address phrase of bigrams', () => {
    expect(planSearch('张三')).toEqual([
      { kind: 'name_exact', name: '张三' },
      { kind: 'name_prefix', index: 'names', match: 'name : ^ "张三" *' },
      { kind: 'name_part', index: 'names', match: 'name : "张三" *' },
      { kind: 'address', index: 'lookup', match: 'addr : "张三"' },
    ]);
    // One character is too short for an address fragment.
    expect(kinds(planSearch('张'))).toEqual(['name_exact', 'name_prefix', 'name_part']);
    // With digits it can only be an address.
    expect(planSearch('5号楼2单元')).toEqual([{ kind: 'address', index: 'lookup', match: 'addr : "5号 号楼 楼2 2单 单元"' }]);
  });

  it('names and pinyin go to the prefix-indexed names table; ID tails, phones and addresses to the lookup table', () => {
    const indexOf = (step: SearchStep) => ('index' in step ? `${step.kind}:${step.index}` : step.kind);
    expect([...planSearch('张三'), ...planSearch('zs'), ...planSearch('3016'), ...planSearch('1399512')].map(indexOf)).toEqual([
      'name_exact',
      'name_prefix:names',
      'name_part:names',
      'address:lookup',
      'pinyin:names',
      'id_suffix:lookup',
      'phone:lookup',
      'phone:lookup',
    ]);
  });

  it('empty or punctuation-only input plans nothing', () => {
    for (const q of ['', '   ', '"', '*', '^', '-', '()', '\u3000']) expect(planSearch(q), JSON.stringify(q)).toEqual([]);
  });
});

describe('whatever is typed', () => {
  const SYNTAX = ['"', '*', '^', '-', '(', ')', ':', '{', '}', '+', 'AND', 'OR', 'NOT', 'NEAR', ' ', '张', '三', 'zs', '3', 'x', '%', '_', "'", '\\'];
  const typed = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.array(fc.constantFrom(...SYNTAX), { maxLength: 12 }).map((parts) => parts.join('')),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );

  it('every full-text step is a quoted, well-formed expression over one column, and no step is LIKE', () => {
    fc.assert(
      fc.property(typed, (query) => {
        const steps = planSearch(query);
        for (const step of steps) {
          const match = matchOf(step);
          if (match !== undefined) expect(match, JSON.stringify(query)).toMatch(WELL_FORMED);
          // The column must exist in the table the step runs against (migration 0008).
          if ('index' in step) expect(step.match.split(' ')[0]).toBeOneOf(step.index === 'names' ? ['name', 'py'] : ['idn', 'phone', 'addr']);
          expect(JSON.stringify(step)).not.toMatch(/\bLIKE\b/i);
        }
        // Ranking order never changes: a whole ID alone, otherwise exact name before prefix before part.
        const order = ['id_exact', 'name_exact', 'name_prefix', 'name_part', 'address'];
        const ranked = kinds(steps).filter((k) => order.includes(k));
        expect(ranked).toEqual([...ranked].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
        if (ranked.includes('id_exact')) expect(steps).toHaveLength(1);
      }),
      { numRuns: 600 },
    );
  });
});
