import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, checkCharacter, checkIdNumber, composeIdNumber, maskIdNumber, normalizeIdNumber } from '../../shared/domain/id-number';

const TODAY = new Date(2026, 10, 29);
const DIVISIONS = ['640200', '640202', '640205', '640221', '110101', '310104'];

/** Any real calendar date between 1900 and 2025, as YYYY-MM-DD. */
const birthDate = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2025, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const validId = fc.tuple(fc.constantFrom(...DIVISIONS), birthDate, fc.integer({ min: 0, max: 999 })).map(([div, date, seq]) => composeIdNumber(div, date, seq));
const ALPHABET = '0123456789X';

describe('resident ID numbers (GB 11643-1999)', () => {
  it('accepts every composed ID and reads back its birth date, sex and division', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DIVISIONS), birthDate, fc.integer({ min: 0, max: 999 }), (div, date, seq) => {
        const check = checkIdNumber(composeIdNumber(div, date, seq), TODAY);
        expect(check).toMatchObject({ valid: true, legacy: false, birthDate: date, divisionCode: div, sex: seq % 2 === 1 ? 'male' : 'female' });
      }),
    );
  });

  it('rejects every valid ID with any one character changed', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, position, shift) => {
        const replacement = ALPHABET[(ALPHABET.indexOf(id[position]) + shift) % ALPHABET.length];
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(checkIdNumber(changed, TODAY).valid).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('computes the published check characters', () => {
    // The worked example from GB 11643-1999 appendix: 11010519491231002X.
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X', TODAY).valid).toBe(true);
    expect(checkIdNumber('110105194912310021', TODAY)).toMatchObject({ valid: false, error: { code: 'checksum', params: { expected: 'X' } } });
  });

  it('rejects impossible birth dates: 1900-02-29 is not a date, 2000-02-29 is', () => {
    const notLeap = '64020219000229' + '123';
    expect(checkIdNumber(notLeap + checkCharacter(notLeap), TODAY)).toMatchObject({ valid: false, error: { code: 'birthdate' } });
    const leap = '64020220000229' + '124';
    expect(checkIdNumber(leap + checkCharacter(leap), TODAY)).toMatchObject({ valid: true, birthDate: '2000-02-29', sex: 'female' });
    const future = '64020220300101' + '123';
    expect(checkIdNumber(future + checkCharacter(future), TODAY)).toMatchObject({ valid: false, error: { code: 'birthdate' } });
  });

  it('normalizes lowercase x, full-width digits and spaces before checking', () => {
    expect(normalizeIdNumber(' １１０１０５ １９４９１２３１００２ｘ ')).toBe('11010519491231002X');
    expect(checkIdNumber('11010519491231002x', TODAY)).toMatchObject({ valid: true, normalized: '11010519491231002X' });
  });

  it('recognizes spreadsheet-mangled IDs: scientific notation and zeroed trailing digits', () => {
    expect(checkIdNumber('6.40202E+17', TODAY)).toMatchObject({ valid: false, error: { code: 'excel_mangled' } });
    expect(checkIdNumber('6.40202195003071E+17', TODAY)).toMatchObject({ valid: false, error: { code: 'excel_mangled' } });
    expect(checkIdNumber('640202195003071000', TODAY)).toMatchObject({ valid: false, error: { code: 'excel_mangled' } });
  });

  it('flags legacy 15-digit IDs instead of converting them', () => {
    expect(checkIdNumber('640202500307123', TODAY)).toEqual({
      valid: true,
      normalized: '640202500307123',
      legacy: true,
      birthDate: '1950-03-07',
      sex: 'male',
      divisionCode: '640202',
    });
  });

  it('names the problem: length, charset, unknown province', () => {
    expect(checkIdNumber('6402021950', TODAY)).toMatchObject({ error: { code: 'length', params: { length: '10' } } });
    expect(checkIdNumber('64020219500307A23X', TODAY)).toMatchObject({ error: { code: 'charset' } });
    expect(checkIdNumber('', TODAY)).toMatchObject({ error: { code: 'empty' } });
    const noProvince = '99020219500307123';
    expect(checkIdNumber(noProvince + checkCharacter(noProvince), TODAY)).toMatchObject({ error: { code: 'division' } });
  });

  it('masks all but the division and the last four characters', () => {
    expect(maskIdNumber('64020219500307123X')).toBe('640202********123X');
    expect(maskIdNumber('640202500307123')).toBe('640202******123');
  });

  it('counts age in whole years, a birthday counting from that day', () => {
    expect(ageOn('1950-03-07', new Date(2026, 2, 6))).toBe(75);
    expect(ageOn('1950-03-07', new Date(2026, 2, 7))).toBe(76);
  });
});
