/**
 * One valid input for every contract method. The mapped type makes the compiler demand a sample
 * when a method is added, so the contract-wide tests (a handler for every method, permissions
 * enforced for every method) cover it automatically. A sample only has to pass the input schema:
 * ids of records that do not exist are fine (the handler answers NOT_FOUND, which proves it ran).
 */
import type { MethodInput, MethodName } from '../../shared/contract';
import { ADMIN_PASSWORD, SETUP_INPUT } from './office';

export interface SampleContext {
  /** A user the samples may update or reset (not the caller). */
  targetUserId: string;
  targetUserVersion: number;
  settingsVersion: number;
  /** The caller's password (unlock, change password). */
  callerPassword: string;
}

/** Well-formed UUIDv7 ids of records that do not exist. */
const NO_SUCH = {
  resident: '0195a1b2-3c4d-7e5f-8a9b-00000000000a',
  resident2: '0195a1b2-3c4d-7e5f-8a9b-00000000000b',
  household: '0195a1b2-3c4d-7e5f-8a9b-00000000000c',
  household2: '0195a1b2-3c4d-7e5f-8a9b-00000000000d',
  job: '0195a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b',
};
/** A valid 18-digit ID number (check digit included) of a man born 1985-06-12 in Dawukou. */
export const SAMPLE_ID_NUMBER = '640202198506123016';

export type MethodSamples = { [M in MethodName]: MethodInput<M> };

export function methodSamples(c: SampleContext): MethodSamples {
  return {
    'office.status': {},
    'office.setup': SETUP_INPUT,
    'office.settings.get': {},
    'office.settings.update': { version: c.settingsVersion, idleLockMinutes: 20 },
    'accounts.login': { username: SETUP_INPUT.admin.username, password: ADMIN_PASSWORD },
    'accounts.logout': {},
    'accounts.session': {},
    'accounts.lock': {},
    'accounts.unlock': { password: c.callerPassword },
    'accounts.heartbeat': {},
    'accounts.changePassword': { currentPassword: c.callerPassword, newPassword: 'Changed-pass-99' },
    'accounts.users.list': {},
    'accounts.users.create': { username: 'sample.user', displayName: '样例用户', role: 'clerk', password: 'Sample-pass-1' },
    'accounts.users.update': { id: c.targetUserId, version: c.targetUserVersion, displayName: '改过的名字' },
    'accounts.users.resetPassword': { id: c.targetUserId, version: c.targetUserVersion, newPassword: 'Reset-pass-42' },
    'accounts.users.remove': { id: c.targetUserId, version: c.targetUserVersion },
    'accounts.recover': { recoveryKey: 'AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA-AAAAAA', username: 'admin', newPassword: 'Recovered-pass-42' },
    'accounts.recoveryKey.renew': { password: c.callerPassword },
    'system.info': {},
    'system.changes.list': {},
    'system.checkIntegrity': {},
    'system.verify': {},
    // backup.create writes a real backup into the automatic folder beside the test database.
    'backup.create': {},
    'backup.list': {},
    // A file that does not exist: INVALID_INPUT on `file` (backup_missing) proves the handler ran.
    'backup.inspect': { file: '/nonexistent/civicdesk-DWK-CYJ-2025-03-10_080000.cdbak' },
    'backup.restore': { file: '/nonexistent/civicdesk-DWK-CYJ-2025-03-10_080000.cdbak' },
    'jobs.cancel': { jobId: NO_SUCH.job },
    'residents.search': { query: '张' },
    'residents.list': {},
    'residents.get': { id: NO_SUCH.resident },
    'residents.checkDuplicates': { name: '张建国', idNumber: SAMPLE_ID_NUMBER },
    'residents.create': { name: '张建国', idNumber: SAMPLE_ID_NUMBER, household: { mode: 'new', address: '朝阳街3号楼2单元' } },
    'residents.update': { id: NO_SUCH.resident, version: 1, phone: '13995123456' },
    'residents.setStatus': { id: NO_SUCH.resident, version: 1, status: 'moved_out', date: '2025-03-01' },
    'residents.revealId': { id: NO_SUCH.resident },
    'residents.merge': { keepId: NO_SUCH.resident, keepVersion: 1, mergeId: NO_SUCH.resident2, mergeVersion: 1 },
    'households.get': { id: NO_SUCH.household },
    'households.periodsOf': { residentId: NO_SUCH.resident },
    'households.update': { id: NO_SUCH.household, version: 1, address: '朝阳街5号' },
    'households.moveMember': { residentId: NO_SUCH.resident, to: { mode: 'new', address: '朝阳街7号' } },
    'households.setHead': { id: NO_SUCH.household, version: 1, headResidentId: NO_SUCH.resident },
    'households.split': { id: NO_SUCH.household, version: 1, memberIds: [NO_SUCH.resident2], newHeadId: NO_SUCH.resident2 },
    'households.merge': { keepId: NO_SUCH.household, keepVersion: 1, mergeId: NO_SUCH.household2, mergeVersion: 1 },
    'grids.list': {},
    'grids.create': { code: 'G01', name: '第一网格', worker: '刘红' },
    'demo.generate': { residents: 20, seed: 7 },
    // A file that does not exist: the import answers INVALID_INPUT on `file`, which proves it ran.
    'imports.preview': { file: '/nonexistent/花名册.xlsx' },
    'imports.commit': { file: '/nonexistent/花名册.csv', skipInvalid: true },
    'imports.undo': { importId: NO_SUCH.job },
    'imports.list': {},
    'imports.mappings.list': {},
    'imports.mappings.forget': { layout: 'no-such-layout' },
    'exports.residents': { file: '/nonexistent/居民.xlsx' },
    'audit.list': { action: 'login', limit: 10 },
    'audit.facets': {},
    'audit.head': {},
    'audit.verify': {},
    // Drafts are the caller's own: saving, reading and discarding answer for whoever signs in.
    'drafts.save': { key: 'resident:new', payload: { values: { name: '张建国' } }, baseVersion: null },
    'drafts.get': { key: 'resident:new' },
    'drafts.discard': { key: `resident:${NO_SUCH.resident}` },
    'drafts.list': {},
  };
}
