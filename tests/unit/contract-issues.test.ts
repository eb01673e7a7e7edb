/** toContractIssues: zod's issues become our field paths, stable codes, parameters and English text. */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { setupInputSchema, toContractIssues } from '../../shared/contract';
import { en } from '../../shared/i18n';

/** Parsed the way the core dispatcher parses input: with the offending values reported. */
function issuesOf(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) throw new Error('expected the value to be refused');
  return toContractIssues(parsed.error);
}

describe('toContractIssues', () => {
  it('uses a schema’s own code (its message) with the nested field path', () => {
    const issues = issuesOf(setupInputSchema, {
      office: { code: 'DWK-CYJ', name: '朝阳街社区', divisionCode: '12345' },
      admin: { username: 'admin', displayName: '王', password: 'Good-pass-1' },
    });
    expect(issues).toEqual([{ path: ['office', 'divisionCode'], code: 'office.division_code', params: {}, message: en.validation.office.division_code }]);
  });

  it('a missing field is required', () => {
    expect(issuesOf(z.object({ name: z.string() }), {})).toMatchObject([{ path: ['name'], code: 'required', message: en.validation.required }]);
  });

  it('a value of the wrong type is invalid_type', () => {
    expect(issuesOf(z.object({ age: z.number() }), { age: 'old' })).toMatchObject([{ path: ['age'], code: 'invalid_type' }]);
  });

  it('short and long strings carry their limit, in the message too', () => {
    expect(issuesOf(z.string().min(3), 'ab')).toEqual([{ path: [], code: 'too_short', params: { minimum: 3 }, message: 'Enter at least 3 characters.' }]);
    expect(issuesOf(z.string().max(2), 'abc')).toEqual([{ path: [], code: 'too_long', params: { maximum: 2 }, message: 'Enter at most 2 characters.' }]);
  });

  it('small and big numbers carry their limit', () => {
    expect(issuesOf(z.number().min(3), 1)).toMatchObject([{ code: 'too_small', params: { minimum: 3 }, message: 'Must be at least 3.' }]);
    expect(issuesOf(z.number().max(240), 500)).toMatchObject([{ code: 'too_big', params: { maximum: 240 }, message: 'Must be at most 240.' }]);
  });

  it('a schema’s own code for a limit still gets the limit as a parameter', () => {
    expect(issuesOf(z.object({ name: z.string().min(2, { message: 'too_short' }) }), { name: 'x' })).toEqual([
      { path: ['name'], code: 'too_short', params: { minimum: 2 }, message: 'Enter at least 2 characters.' },
    ]);
  });

  it('a value outside an enum is invalid_value', () => {
    expect(issuesOf(z.object({ role: z.enum(['admin', 'clerk']) }), { role: 'root' })).toMatchObject([{ path: ['role'], code: 'invalid_value' }]);
  });

  it('unknown keys of a strict object are unknown_field, naming the keys', () => {
    expect(issuesOf(z.object({}).strict(), { a: 1, b: 2 })).toEqual([
      { path: [], code: 'unknown_field', params: { keys: 'a, b' }, message: 'Unrecognized field(s): a, b.' },
    ]);
  });

  it('a message that is not one of our codes falls back to the generic code for the issue', () => {
    expect(issuesOf(z.string().regex(/^\d+$/, { message: 'Digits only please' }), 'x')).toMatchObject([{ code: 'invalid', message: en.validation.invalid }]);
    expect(issuesOf(z.string().min(4, { message: 'not_a_known_code' }), 'x')).toMatchObject([{ code: 'too_short', params: { minimum: 4 } }]);
  });

  it('array positions appear in the path as numbers', () => {
    expect(issuesOf(z.object({ ids: z.array(z.string()) }), { ids: ['a', 7] })).toMatchObject([{ path: ['ids', 1], code: 'invalid_type' }]);
  });

  it('reports every issue, in order', () => {
    const issues = issuesOf(z.object({ a: z.string(), b: z.number().min(1) }), { b: 0 });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [['a'], 'required'],
      [['b'], 'too_small'],
    ]);
  });
});
