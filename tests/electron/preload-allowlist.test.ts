/**
 * The preload's allowlist of method names (electron/preload/method-names.ts) is derived from the
 * contract at build time, not kept by hand: a method missing from it would be refused by the
 * Electron bridge, a stale name would reach main for nothing. Checked on the source (as vitest
 * builds it, with the same `define`) and on the preload bundle `npm test` builds first.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract, isMethodName as isContractMethod } from '../../shared/contract';
import { isMethodName } from '../../electron/preload/method-names';

describe("the preload's method allowlist", () => {
  it('admits every contract method, however many sections there are', () => {
    for (const name of Object.keys(contract)) expect(isMethodName(name), name).toBe(true);
  });

  it('is in the built preload bundle, names and all, without zod or any schema', () => {
    const bundle = fs.readFileSync('out/preload/index.js', 'utf8');
    for (const name of Object.keys(contract)) expect(bundle, name).toContain(JSON.stringify(name));
    expect(bundle).not.toMatch(/require\(["']zod["']\)|ZodError|safeParse/);
    expect(bundle.length).toBeLessThan(12_000);
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
