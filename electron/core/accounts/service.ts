import type { SectionHandlers } from '../handlers';
import type { Ctx } from '../context';
import { ContractFailure, invalidInput } from '../errors';
import { uuidv7 } from '../ids';
import { ROLE_PERMISSIONS } from '../../../shared/domain/roles';
import type { SessionInfo } from '../../../shared/contract';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { flushSealedLoginFailures, recordAudit } from '../audit';
import {
  countActiveAdmins,
  findUserById,
  findUserByName,
  insertUser,
  listUsers,
  recordLoginFailure,
  recordLoginSuccess,
  toUser,
  updateUser,
  deleteUser,
  type UserRow,
} from './repository';

function sessionInfo(ctx: Ctx, user: UserRow, locked: boolean): SessionInfo {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    permissions: [...ROLE_PERMISSIONS[user.role]],
    locked,
    idleLockMinutes: ctx.settings().idleLockMinutes,
  };
}

/** Local wall-clock time for messages such as "locked until 14:35". */
function localMinute(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function requireActor(ctx: Ctx) {
  if (!ctx.actor) throw new ContractFailure('UNAUTHENTICATED');
  return ctx.actor;
}

function requireUser(ctx: Ctx, id: string): UserRow {
  const user = findUserById(ctx.db, id);
  if (!user) throw new ContractFailure('NOT_FOUND');
  return user;
}

/**
 * Count one wrong password for `user`; at the office's threshold lock the account for
 * lockoutMinutes and return until when (the caller answers ACCOUNT_LOCKED), else undefined.
 */
function countFailure(ctx: Ctx, user: UserRow): string | undefined {
  const settings = ctx.settings();
  const attempts = user.failed_attempts + 1;
  if (attempts >= settings.lockoutThreshold) {
    const until = new Date(ctx.now.getTime() + settings.lockoutMinutes * 60_000).toISOString();
    recordLoginFailure(ctx.db, user.id, 0, until);
    return until;
  }
  recordLoginFailure(ctx.db, user.id, attempts, null);
  return undefined;
}

/** Whose entry a sign-in is: there is no signed-in caller yet. */
const byUser = (user: Pick<UserRow, 'id' | 'username'>) => ({ user: { id: user.id, username: user.username }, entity: 'users', entityId: user.id });

/** A wrong sign-in or unlock: the entry is kept although the call fails (keepWrites). */
function failedSignIn(ctx: Ctx, action: 'login.failed' | 'unlock.failed', reason: string, username: string, user?: UserRow): void {
  recordAudit(ctx, action, { reason }, user ? byUser(user) : { user: { id: null, username } });
}

/** Key slots exist only for an encrypted database; a plain one has none to change. */
function keySlotChanged(ctx: Ctx, action: 'keyslot.set' | 'keyslot.remove', user: Pick<UserRow, 'id' | 'username'>): void {
  if (ctx.services.vault.encrypted) recordAudit(ctx, action, { slot: 'user', username: user.username }, { entity: 'users', entityId: user.id });
}

/** A disabled or removed user's password stops opening the database: their slot goes, and so do their sessions. */
function disableKeySlot(ctx: Ctx, user: Pick<UserRow, 'id' | 'username'>): void {
  if (ctx.services.vault.removeUserSlot(user.id)) keySlotChanged(ctx, 'keyslot.remove', user);
  endSessionsOf(ctx, user.id);
}

/**
 * At a sign-in that knows the password: a slot made before slots carried key pairs is rewritten (so a
 * change of the database key can reach this user; a missing slot is never made here), and slots of users who are disabled or gone —
 * left by versions that kept them — are removed.
 */
function keepSlotsCurrent(ctx: Ctx, user: UserRow, password: string): void {
  const vault = ctx.services.vault;
  if (!vault.encrypted || !vault.keyFile) return;
  if (vault.hasUserSlot(user.id) && !vault.slotCanBeSealed(user.id)) {
    vault.setUserSlot({ userId: user.id, username: user.username, password });
    keySlotChanged(ctx, 'keyslot.set', user);
  }
  const enabled = new Set(listUsers(ctx.db).filter((u) => !u.disabled).map((u) => u.id));
  for (const slot of vault.keyFile.slots) {
    if (slot.kind === 'user' && slot.userId && !enabled.has(slot.userId) && vault.removeUserSlot(slot.userId)) {
      keySlotChanged(ctx, 'keyslot.remove', { id: slot.userId, username: slot.username ?? '' });
    }
  }
}

/** Signing in again after an admin action ends every session of that user. */
function endSessionsOf(ctx: Ctx, userId: string): void {
  for (const connectionId of ctx.services.sessions.endUser(userId)) {
    ctx.services.emit(connectionId, 'session.changed', { state: 'ended' });
  }
}

/** The accounts section but the key change, which needs the host (database-key.ts). */
export const accountsHandlers: Omit<SectionHandlers<'accounts'>, 'accounts.databaseKey.change'> = {
  'accounts.login': (input, ctx) => {
    ctx.office(); // NOT_INITIALIZED before setup
    flushSealedLoginFailures(ctx);
    const settings = ctx.settings();
    const cost = ctx.services.passwordCostLog2;
    const user = findUserByName(ctx.db, input.username);
    // Every refusal below keeps its audit entry (keepWrites): failed sign-ins are what the trail is for.
    if (!user) {
      burnPasswordCheck(input.password, cost);
      failedSignIn(ctx, 'login.failed', 'unknown_user', input.username);
      // The same answer as a first wrong password for a real user, so names cannot be probed.
      throw new ContractFailure('BAD_CREDENTIALS', { remaining: settings.lockoutThreshold - 1 }, undefined, true);
    }
    const now = ctx.now.getTime();
    if (user.locked_until && Date.parse(user.locked_until) > now) {
      failedSignIn(ctx, 'login.failed', 'locked', input.username, user);
      throw new ContractFailure('ACCOUNT_LOCKED', { until: localMinute(user.locked_until) }, undefined, true);
    }
    if (!verifyPassword(input.password, user.password_hash)) {
      const lockedUntil = countFailure(ctx, user);
      failedSignIn(ctx, 'login.failed', lockedUntil ? 'wrong_password_locked' : 'wrong_password', input.username, user);
      if (lockedUntil) throw new ContractFailure('ACCOUNT_LOCKED', { until: localMinute(lockedUntil) }, undefined, true);
      throw new ContractFailure('BAD_CREDENTIALS', { remaining: settings.lockoutThreshold - user.failed_attempts - 1 }, undefined, true);
    }
    if (user.disabled) {
      failedSignIn(ctx, 'login.failed', 'disabled', input.username, user);
      throw new ContractFailure('ACCOUNT_DISABLED', {}, undefined, true);
    }
    // On an encrypted database a password opens nothing without its slot — even once someone else
    // has opened it (a restored users table may still list someone removed since: install.ts).
    if (ctx.services.vault.encrypted && !ctx.services.vault.hasUserSlot(user.id)) {
      failedSignIn(ctx, 'login.failed', 'no_key_slot', input.username, user);
      throw new ContractFailure('BAD_CREDENTIALS', { remaining: settings.lockoutThreshold - user.failed_attempts - 1 }, undefined, true);
    }
    recordLoginSuccess(ctx.db, user.id, ctx.now.toISOString());
    recordAudit(ctx, 'login', {}, byUser(user));
    keepSlotsCurrent(ctx, user, input.password);
    ctx.services.sessions.start(ctx.connectionId, user.id, now);
    return sessionInfo(ctx, user, false);
  },

  'accounts.logout': (_input, ctx) => {
    // A locked session has no caller (ctx.actor), yet signing out of it is still this user's act.
    const session = ctx.services.sessions.get(ctx.connectionId);
    const user = session && findUserById(ctx.db, session.userId);
    if (user) recordAudit(ctx, 'logout', {}, byUser(user));
    ctx.services.sessions.end(ctx.connectionId);
    return {};
  },

  'accounts.session': (_input, ctx) => {
    const session = ctx.services.sessions.get(ctx.connectionId);
    const user = session && findUserById(ctx.db, session.userId);
    return { session: session && user ? sessionInfo(ctx, user, session.locked) : null };
  },

  'accounts.lock': (_input, ctx) => {
    const session = ctx.services.sessions.get(ctx.connectionId);
    if (!session) throw new ContractFailure('UNAUTHENTICATED');
    if (!session.locked) {
      session.locked = true;
      const user = findUserById(ctx.db, session.userId);
      if (user) recordAudit(ctx, 'lock', {}, byUser(user));
    }
    return {};
  },

  'accounts.unlock': (input, ctx) => {
    const actor = requireActor(ctx);
    const session = ctx.services.sessions.get(ctx.connectionId);
    const user = requireUser(ctx, actor.userId);
    if (!session) throw new ContractFailure('UNAUTHENTICATED');
    if (!verifyPassword(input.password, user.password_hash)) {
      // A locked window is no way around the lockout: wrong unlock passwords count like wrong logins.
      const lockedUntil = countFailure(ctx, user);
      failedSignIn(ctx, 'unlock.failed', lockedUntil ? 'wrong_password_locked' : 'wrong_password', user.username, user);
      if (lockedUntil) {
        endSessionsOf(ctx, user.id);
        throw new ContractFailure('ACCOUNT_LOCKED', { until: localMinute(lockedUntil) }, undefined, true);
      }
      throw invalidInput(['password'], 'accounts.current_password_wrong', {}, { keepWrites: true });
    }
    if (user.failed_attempts > 0) recordLoginFailure(ctx.db, user.id, 0, null);
    recordAudit(ctx, 'unlock', {}, byUser(user));
    session.locked = false;
    session.lastActivity = ctx.now.getTime();
    return sessionInfo(ctx, user, false);
  },

  'accounts.heartbeat': (_input, ctx) => sessionInfo(ctx, requireUser(ctx, requireActor(ctx).userId), false),

  'accounts.changePassword': (input, ctx) => {
    const actor = requireActor(ctx);
    const user = requireUser(ctx, actor.userId);
    if (!verifyPassword(input.currentPassword, user.password_hash)) {
      throw invalidInput(['currentPassword'], 'accounts.current_password_wrong');
    }
    updateUser(ctx.write(), user.id, null, { passwordHash: hashPassword(input.newPassword, ctx.services.passwordCostLog2) });
    recordAudit(ctx, 'password.change', {}, { entity: 'users', entityId: user.id });
    ctx.services.vault.setUserSlot({ userId: user.id, username: user.username, password: input.newPassword });
    keySlotChanged(ctx, 'keyslot.set', user);
    return {};
  },

  'accounts.users.list': (_input, ctx) => listUsers(ctx.db).map(toUser),

  'accounts.users.create': (input, ctx) => {
    if (findUserByName(ctx.db, input.username)) {
      throw new ContractFailure('DUPLICATE_USERNAME', { username: input.username }, [
        { path: ['username'], code: 'accounts.duplicate_username', message: `User name "${input.username}" is taken`, params: { username: input.username } },
      ]);
    }
    const id = uuidv7();
    insertUser(ctx.write(), id, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: hashPassword(input.password, ctx.services.passwordCostLog2),
    });
    recordAudit(ctx, 'user.create', { username: input.username, role: input.role }, { entity: 'users', entityId: id });
    ctx.services.vault.setUserSlot({ userId: id, username: input.username, password: input.password });
    keySlotChanged(ctx, 'keyslot.set', { id, username: input.username });
    return toUser(requireUser(ctx, id));
  },

  'accounts.users.update': (input, ctx) => {
    const user = requireUser(ctx, input.id);
    const losesAdmin = user.role === 'admin' && !user.disabled && ((input.role && input.role !== 'admin') || input.disabled === true);
    if (losesAdmin && countActiveAdmins(ctx.db) <= 1) throw new ContractFailure('LAST_ADMIN');
    // Disabling removed the key slot; enabling makes a new one, which takes a password the administrator sets now.
    const enabling = input.disabled === false && user.disabled === 1;
    if (enabling && !input.newPassword) throw invalidInput(['newPassword'], 'accounts.enable_needs_password');
    if (input.newPassword && !enabling) throw invalidInput(['newPassword'], 'accounts.password_only_to_enable');
    const passwordHash = enabling ? hashPassword(input.newPassword!, ctx.services.passwordCostLog2) : undefined;
    updateUser(ctx.write(), user.id, input.version, { displayName: input.displayName, role: input.role, disabled: input.disabled, passwordHash });
    if (input.disabled === true && user.disabled === 0) disableKeySlot(ctx, user);
    if (enabling) {
      recordLoginFailure(ctx.db, user.id, 0, null);
      recordAudit(ctx, 'password.reset', { username: user.username }, { entity: 'users', entityId: user.id });
      ctx.services.vault.setUserSlot({ userId: user.id, username: user.username, password: input.newPassword! });
      keySlotChanged(ctx, 'keyslot.set', user);
    }
    return toUser(requireUser(ctx, user.id));
  },

  'accounts.users.resetPassword': (input, ctx) => {
    const user = requireUser(ctx, input.id);
    // A disabled user has no key slot, and a reset must not give them one: enabling sets the password.
    if (user.disabled) throw invalidInput(['newPassword'], 'accounts.reset_disabled');
    updateUser(ctx.write(), user.id, input.version, { passwordHash: hashPassword(input.newPassword, ctx.services.passwordCostLog2) });
    recordLoginFailure(ctx.db, user.id, 0, null); // a reset also lifts a lockout
    recordAudit(ctx, 'password.reset', { username: user.username }, { entity: 'users', entityId: user.id });
    ctx.services.vault.setUserSlot({ userId: user.id, username: user.username, password: input.newPassword });
    keySlotChanged(ctx, 'keyslot.set', user);
    if (user.id !== ctx.actor?.userId) endSessionsOf(ctx, user.id);
    return toUser(requireUser(ctx, user.id));
  },

  /** The database is open (the recovery key unwrapped it); give the named user a new password and slot. */
  'accounts.recover': (input, ctx) => {
    flushSealedLoginFailures(ctx);
    // The key is the credential: check it here too, since an open database (someone signed in
    // earlier) does not pass through the sealed path that unwrapped it.
    if (!ctx.services.vault.recoveryKeyOpens(input.recoveryKey)) {
      burnPasswordCheck(input.recoveryKey, ctx.services.passwordCostLog2);
      // Guessing at the recovery key is a sign-in attempt like any other: kept in the trail.
      failedSignIn(ctx, 'login.failed', 'wrong_recovery_key', input.username);
      throw invalidInput(['recoveryKey'], 'accounts.recovery_key_wrong', {}, { keepWrites: true });
    }
    const user = findUserByName(ctx.db, input.username);
    if (!user) throw invalidInput(['username'], 'not_found');
    updateUser(ctx.write(), user.id, null, { passwordHash: hashPassword(input.newPassword, ctx.services.passwordCostLog2), disabled: false });
    recordLoginFailure(ctx.db, user.id, 0, null);
    recordAudit(ctx, 'recovery', {}, byUser(user));
    ctx.services.vault.setUserSlot({ userId: user.id, username: user.username, password: input.newPassword });
    if (ctx.services.vault.encrypted) recordAudit(ctx, 'keyslot.set', { slot: 'user', username: user.username }, byUser(user));
    return {};
  },

  'accounts.recoveryKey.renew': (input, ctx) => {
    const user = requireUser(ctx, requireActor(ctx).userId);
    if (!verifyPassword(input.password, user.password_hash)) throw invalidInput(['password'], 'accounts.current_password_wrong');
    const recoveryKey = ctx.services.vault.renewRecoveryKey();
    recordAudit(ctx, 'recoverykey.renew', { slot: 'recovery', encrypted: recoveryKey !== null });
    return { recoveryKey };
  },

  /** Remove a user: the record becomes a tombstone and their key slot is deleted. */
  'accounts.users.remove': (input, ctx) => {
    const user = requireUser(ctx, input.id);
    if (user.id === ctx.actor?.userId) throw invalidInput(['id'], 'accounts.remove_self');
    if (user.role === 'admin' && !user.disabled && countActiveAdmins(ctx.db) <= 1) throw new ContractFailure('LAST_ADMIN');
    deleteUser(ctx.write(), user.id, input.version);
    recordAudit(ctx, 'user.remove', { username: user.username, role: user.role }, { entity: 'users', entityId: user.id });
    disableKeySlot(ctx, user);
    return {};
  },
};
