/** 账户 accounts: sign-in, sessions, idle lock, users and roles, key slots. */
import { defineFeature } from '../feature';
import { accountsHandlers } from './service';
import { databaseKeyHandlers } from './database-key';

export const accountsFeature = defineFeature({
  folder: 'accounts',
  handlers: (host) => ({ ...accountsHandlers, ...databaseKeyHandlers(host) }),
  recordTables: ['users'],
  // Sign-in secrets and lockout state stay in the office: the bureau learns who did what, not how they sign in.
  withheldFromSync: { users: ['password_hash', 'failed_attempts', 'locked_until'] },
  counts: { users: 'users' },
  auditActions: [
    'login',
    'login.failed',
    'logout',
    'lock',
    'unlock',
    'unlock.failed',
    'password.change',
    'password.reset',
    'user.create',
    'user.remove',
    'keyslot.set',
    'keyslot.remove',
    'recovery',
    'recoverykey.renew',
    'databasekey.change',
  ],
});
