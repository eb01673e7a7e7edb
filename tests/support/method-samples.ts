/**
 * One valid input for every contract method. The mapped type makes the compiler demand a sample
 * when a method is added, so the contract-wide tests (a handler for every method, permissions
 * enforced for every method) cover it automatically.
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
    'accounts.unlock': { password: c.callerPassword },
    'accounts.heartbeat': {},
    'accounts.changePassword': { currentPassword: c.callerPassword, newPassword: 'Changed-pass-99' },
    'accounts.users.list': {},
    'accounts.users.create': { username: 'sample.user', displayName: '样例用户', role: 'clerk', password: 'Sample-pass-1' },
    'accounts.users.update': { id: c.targetUserId, version: c.targetUserVersion, displayName: '改过的名字' },
    'accounts.users.resetPassword': { id: c.targetUserId, version: c.targetUserVersion, newPassword: 'Reset-pass-42' },
    'system.info': {},
    'system.changes.list': {},
    'system.checkIntegrity': {},
    'jobs.cancel': { jobId: '0195a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b' },
  };
}
