/** What other features may use of accounts (they import nothing else from this folder; eslint-plugin-boundaries checks). */
export { burnPasswordCheck, hashPassword, verifyPassword } from './password';
export { findUserById, insertUser, listUsers } from './repository';
export { SessionStore } from './sessions';
export type { Session } from './sessions';
export { afterWrongPassword, isLocked, localMinute, remainingAttempts } from './lockout';
