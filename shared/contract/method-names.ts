/**
 * Every contract method's name, as plain string literals, in the contract's own order. For the
 * sandboxed preload: it only refuses unknown channel names, and importing the contract itself
 * would bundle zod and every schema into it. tests/unit/method-names.test.ts proves this list
 * equals `Object.keys(contract)` (and its type equals `MethodName`), so it cannot drift: when you
 * add a method to the contract, add its name here too.
 *
 * Keep this file free of value imports: whatever it imports lands in the preload bundle.
 */
import type { MethodName } from './index';

export const METHOD_NAMES = [
  'office.status',
  'office.setup',
  'office.settings.get',
  'office.settings.update',
  'accounts.login',
  'accounts.logout',
  'accounts.session',
  'accounts.lock',
  'accounts.unlock',
  'accounts.heartbeat',
  'accounts.changePassword',
  'accounts.users.list',
  'accounts.users.create',
  'accounts.users.update',
  'accounts.recover',
  'accounts.recoveryKey.renew',
  'accounts.users.remove',
  'accounts.users.resetPassword',
  'system.info',
  'system.changes.list',
  'system.checkIntegrity',
  'system.verify',
  'jobs.cancel',
  'backup.create',
  'backup.list',
  'backup.inspect',
  'backup.restore',
  'residents.search',
  'residents.list',
  'residents.get',
  'residents.checkDuplicates',
  'residents.create',
  'residents.update',
  'residents.setStatus',
  'residents.revealId',
  'residents.merge',
  'households.get',
  'households.periodsOf',
  'households.update',
  'households.moveMember',
  'households.setHead',
  'households.split',
  'households.merge',
  'grids.list',
  'grids.create',
  'demo.generate',
  'audit.list',
  'audit.facets',
  'audit.head',
  'audit.verify',
  'imports.preview',
  'imports.commit',
  'imports.undo',
  'imports.list',
  'exports.residents',
  'imports.mappings.list',
  'imports.mappings.forget',
  'drafts.save',
  'drafts.get',
  'drafts.discard',
  'drafts.list',
] as const satisfies readonly MethodName[];

const listed: ReadonlySet<string> = new Set(METHOD_NAMES);

/** The same answer as the contract's `isMethodName`, without loading the contract. */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && listed.has(name);
}
