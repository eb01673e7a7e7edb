/** Log redaction: no full ID number, password or token ever reaches a log line. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../electron/core/log';

const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));
const id18 = fc.tuple(digits(17), fc.constantFrom(...'0123456789Xx')).map(([body, check]) => body + check);

describe('redact: ID numbers', () => {
  it('masks an 18-character ID number to its first 6 and last 4 characters', () => {
    expect(redact('resident 640202199001011234 registered')).toBe('resident 640202********1234 registered');
  });

  it('masks an ID number ending in X or x', () => {
    expect(redact('id=64020219900101123X')).toBe('id=640202********123X');
    expect(redact('(64020219900101123x)')).toBe('(640202********123x)');
  });

  it('masks a legacy 15-digit ID number to its first 6 and last 3 digits', () => {
    expect(redact('old card 640202900101123 found')).toBe('old card 640202******123 found');
  });

  it('masks every ID number in a line, inside JSON and Chinese text too', () => {
    const line = '{"a":"640202199001011234","b":"640205195508204528"} 居民张三身份证640202900101123已登记';
    expect(redact(line)).toBe('{"a":"640202********1234","b":"640205********4528"} 居民张三身份证640202******123已登记');
  });

  it('for any ID number in any surrounding text, the birth date digits never survive', () => {
    fc.assert(
      fc.property(id18, fc.constantFrom(' ', '，', '：', '"', '(', '\n', '身份证'), (id, sep) => {
        const out = redact(`居民${sep}${id}${sep}已登记`);
        expect(out).not.toContain(id);
        expect(out).toContain(`${id.slice(0, 6)}********${id.slice(14)}`);
      }),
    );
  });

  it('does not mask digits that are part of a longer number', () => {
    expect(redact('batch 6402021990010112345')).toBe('batch 6402021990010112345');
    expect(redact('batch 640202199001011234567')).toBe('batch 640202199001011234567');
  });

  it('masks an ID number written right after letters or before them (id=…, abc…, …号码)', () => {
    expect(redact('id=110101199003071234')).toBe('id=110101********1234');
    expect(redact('abc110101199003071234')).toBe('abc110101********1234');
    expect(redact('ref A64020219900101123X')).toBe('ref A640202********123X');
    expect(redact('110101199003071234abc')).toBe('110101********1234abc');
    expect(redact('no640202900101123')).toBe('no640202******123');
  });

  it('masks a 20-character disability certificate number (the ID plus category and grade) to the ID mask and its last two', () => {
    expect(redact('cert 64020219900101123412 issued')).toBe('cert 640202********123412 issued');
    expect(redact('残疾人证64020219900101123X71')).toBe('残疾人证640202********123X71');
    expect(redact('{"disabilityCert":"64020219900101123441"}')).toBe('{"disabilityCert":"640202********123441"}');
  });

  it('masks ID and certificate numbers in full-width digits', () => {
    expect(redact('身份证１１０１０１１９９００３０７１２３４')).toBe('身份证１１０１０１********１２３４');
    expect(redact('１１０１０１１９９００３０７１２３Ｘ')).toBe('１１０１０１********１２３Ｘ');
    expect(redact('证号１１０１０１１９９００３０７１２３４１２')).toBe('证号１１０１０１********１２３４１２');
  });

  it('leaves timestamps, counts, hashes and short codes as they are', () => {
    const text =
      'at 1733212345678 (1733212345678901 µs, 1733212345678901234 ns) wrote 100000 rows in 8123 ms; seq 12345678901234567; ' +
      'sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08; uuid 0190d3c4-7e1a-7b2c-9d3e-4f5a6b7c8d9e; v2024.11.30; ' +
      'job a1b2c3d4e5f6789012345 build 202412031455001';
    expect(redact(text)).toBe(text);
  });

  it('for any ID number right after any letters, the birth date digits never survive', () => {
    fc.assert(
      fc.property(id18, fc.stringMatching(/^[A-Za-z]{1,6}$/), (id, letters) => {
        const out = redact(`${letters}${id}`);
        expect(out).toBe(`${letters}${id.slice(0, 6)}********${id.slice(14)}`);
      }),
    );
  });
});

describe('redact: secrets', () => {
  it.each([
    ['password=hunter2', 'password="[redacted]"'],
    ['password: hunter2 and more', 'password: "[redacted]" and more'],
    ['{"password":"correct horse 1"}', '{"password":"[redacted]"}'],
    ['{"newPassword":"N3w-pass","currentPassword":"0ld-pass"}', '{"newPassword":"[redacted]","currentPassword":"[redacted]"}'],
    ['token=abc.def.ghi', 'token="[redacted]"'],
    ['"secret": "s3"', '"secret": "[redacted]"'],
    ['PASSWORD=Shouting1', 'PASSWORD="[redacted]"'],
  ])('%s → %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    const text = 'INTERNAL 1A2B3C4D in office.status: Error: boom\n    at handler (host.ts:12:3)';
    expect(redact(text)).toBe(text);
  });
});
