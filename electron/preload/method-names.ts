/**
 * The contract's method names, for the sandboxed preload's one check (refusing unknown channel
 * names). The list is not kept by hand: electron.vite.config.ts's plugin (vitest.config.mts uses it
 * too) makes `Object.keys(contract)` this virtual module at build time, so a new contract section needs
 * no second edit, and the preload bundles neither zod nor a schema to know them.
 */
import methodNames from 'virtual:contract-method-names';
import type { MethodName } from '../../shared/contract';

const listed: ReadonlySet<string> = new Set(methodNames);

/** The same answer as the contract's `isMethodName`, without loading the contract. */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && listed.has(name);
}
