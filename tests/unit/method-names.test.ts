/**
 * The preload's zod-free list of method names (shared/contract/method-names.ts) against the
 * contract itself: a method missing from the list would be refused by the Electron bridge, a
 * stale name would reach main for nothing.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { contract, isMethodName as isContractMethod, type MethodName } from '../../shared/contract';
import { METHOD_NAMES, isMethodName } from '../../shared/contract/method-names';

describe('METHOD_NAMES', () => {
  it('equals Object.keys(contract) exactly: same names, same order, no repeats', () => {
    expect([...METHOD_NAMES]).toEqual(Object.keys(contract));
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
  });

  it('has the type MethodName, so a method added to the contract but not listed fails tsc too', () => {
    expectTypeOf<(typeof METHOD_NAMES)[number]>().toEqualTypeOf<MethodName>();
  });

  it('answers isMethodName as the contract does, for names, near misses and non-strings', () => {
    const probes: unknown[] = [
      ...Object.keys(contract),
      'accounts.login ',
      'Accounts.login',
      'accounts',
      '',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'constructor',
      null,
      undefined,
      42,
      {},
      { toString: () => 'accounts.login' },
      ['accounts.login'],
    ];
    for (const probe of probes) expect(isMethodName(probe), String(probe)).toBe(isContractMethod(probe));
  });
});
