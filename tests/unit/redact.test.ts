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

  it('does not mask digits that are part of a longer word or number', () => {
    expect(redact('ref A640202199001011234')).toBe('ref A640202199001011234');
    expect(redact('batch 6402021990010112345')).toBe('batch 6402021990010112345');
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
