/** Sample inputs for the accounts section's methods. */
import { type SectionSamples } from '../shared';
import { ADMIN_PASSWORD, SETUP_INPUT } from '../../office';

export const samples: SectionSamples = (c) => ({
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
  'accounts.databaseKey.change': { password: c.callerPassword },
});
