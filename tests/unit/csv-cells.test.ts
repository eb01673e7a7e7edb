/**
 * What a cell means: dates in every shape offices type them (and Excel serial numbers, with the
 * 1900 leap-year bug), full-width text folded, Excel's text guards removed, headers and coded
 * values recognized in Chinese and English.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, fromSerial, isMangledNumber, parseDate } from '../../electron/core/imports/cells';
import { detectHeader, recognizeHeader } from '../../electron/core/imports/headers';
import { readCode, readFlag } from '../../electron/core/imports/values';

describe('dates', () => {
  it.each([
    ['1950/3/7', '1950-03-07'],
    ['1950-03-07', '1950-03-07'],
    ['19500307', '1950-03-07'],
    ['1950年3月7日', '1950-03-07'],
    ['1950年03月07日', '1950-03-07'],
    ['1950.3.7', '1950-03-07'],
    ['１９５０／３／７', '1950-03-07'],
    ['1950/3/7 0:00:00', '1950-03-07'],
    ['18329', '1950-03-07'],
  ])('%s → %s', (text, iso) => expect(parseDate(text)).toBe(iso));

  it('reads Excel serial numbers, including the days around the phantom 29 February 1900', () => {
    expect(parseDate(18329)).toBe('1950-03-07');
    expect(fromSerial(1)).toBe('1900-01-01');
    expect(fromSerial(59)).toBe('1900-02-28');
    expect(fromSerial(60)).toBeNull(); // 1900-02-29 never existed
    expect(fromSerial(61)).toBe('1900-03-01');
    expect(fromSerial(45658)).toBe('2025-01-01');
  });

  it('agrees with the serial of every real date from 1900-03-01 to 2100 (serial = days since 1899-12-30)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 73_415 }), (serial) => {
        const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
        expect(fromSerial(serial)).toBe(expected);
      }),
    );
  });

  it.each(['1950/2/30', '1950-13-01', 'yesterday', '3/7/1950', '', '0'])('%s is not a date', (text) => expect(parseDate(text)).toBeNull());
});

describe('cell text', () => {
  it('folds full-width digits, letters and spaces, trims, and removes Excel text guards', () => {
    expect(cellText('　６４０２０２１９８５０６１２３０１ｘ　')).toBe('64020219850612301x');
    expect(cellText('张　三')).toBe('张 三');
    expect(cellText('="640202198506123016"')).toBe('640202198506123016');
    expect(cellText("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(cellText(13995123456)).toBe('13995123456');
    expect(cellText(null)).toBe('');
  });

  it('knows a numeric ID cell has lost digits, whatever it shows', () => {
    expect(isMangledNumber(640202198506123000)).toBe(true);
    expect(isMangledNumber(6.40202e17)).toBe(true);
    expect(isMangledNumber(13995123456)).toBe(false);
    expect(isMangledNumber('640202198506123016')).toBe(false);
  });
});

describe('headers and values', () => {
  it.each([
    ['姓名', 'name'],
    ['公民身份号码', 'idNumber'],
    ['身份证号码', 'idNumber'],
    ['身份证号*', 'idNumber'],
    ['ID', 'idNumber'],
    ['ID Number', 'idNumber'],
    ['联系电话', 'phone'],
    ['手机', 'phone'],
    ['与户主关系', 'relation'],
    ['户主', 'headName'],
    ['家庭住址', 'address'],
    ['网格', 'grid'],
    ['出生日期（必填）', 'birthDate'],
    ['Date of birth', 'birthDate'],
  ])('header %s is %s', (text, field) => expect(recognizeHeader(text)).toBe(field));

  it('finds a two-row header under a title, with group labels merged over the field names', () => {
    const header = detectHeader([
      { row: 1, cells: ['2024年朝阳街社区居民花名册'] },
      { row: 2, cells: ['序号', '基本信息', null, null, '联系方式', null] },
      { row: 3, cells: [null, '姓名', '身份证号', '性别', '电话', '地址'] },
      { row: 4, cells: [1, '张三', '640202198506123016', '男', '13995123456', '朝阳街1号'] },
    ]);
    expect(header).toMatchObject({ first: 2, last: 3 });
    expect(header?.columns.map((c) => c.field)).toEqual([null, 'name', 'idNumber', 'sex', 'phone', 'address']);
  });

  it('reads coded values the way clerks write them', () => {
    expect(readCode('sex', '女')).toBe('female');
    expect(readCode('relation', '妻')).toBe('spouse');
    expect(readCode('relation', '长子')).toBe('child');
    expect(readCode('relation', '本人')).toBe('head');
    expect(readCode('relation', 'spouse')).toBe('spouse');
    expect(readCode('hukouType', '非农业')).toBe('urban');
    expect(readCode('lowIncomeCategory', '低保')).toBe('dibao');
    expect(readCode('relation', '邻居')).toBeUndefined();
    expect(readFlag('是')).toBe(true);
    expect(readFlag('×')).toBe(false);
    expect(readFlag('也许')).toBeUndefined();
  });
});
