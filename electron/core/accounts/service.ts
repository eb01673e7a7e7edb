import type { SectionHandlers } from '../handlers';
import type { Ctx } from '../context';
import { ContractFailure, fieldFailure } from '../errors';
import { uuidv7 } from '../ids';
import { ROLE_PERMISSIONS } from '../../../shared/domain/roles';
import type { SessionInfo } from '../../../shared/contract';
import { findOffice, findSettings, DEFAULT_SETTINGS } from '../office/repository';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
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
    idleLockMinutes: findSettings(ctx.db)?.idleLockMinutes ?? DEFAULT_SETTINGS.idleLockMinutes,
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
  const settings = findSettings(ctx.db) ?? { ...DEFAULT_SETTINGS };
  const attempts = user.failed_attempts + 1;
  if (attempts >= settings.lockoutThreshold) {
    const until = new Date(ctx.now.getTime() + settings.lockoutMinutes * 60_000).toISOString();
    recordLoginFailure(ctx.db, user.id, 0, until);
    return until;
  }
  recordLoginFailure(ctx.db, user.id, attempts, null);
  return undefined;
}

/** Signing in again after an admin action ends every session of that user. */
function endSessionsOf(ctx: Ctx, userId: string): void {
  for (const connectionId of ctx.services.sessions.endUser(userId)) {
    ctx.services.emit(connectionId, 'session.changed', { state: 'ended' });
  }
}

export const accountsHandlers: SectionHandlers<'accounts'> = {
  'accounts.login': (input, ctx) => {
    if (!findOffice(ctx.db)) throw new ContractFailure('NOT_INITIALIZED');
    const settings = findSettings(ctx.db) ?? { ...DEFAULT_SETTINGS };
    const cost = ctx.services.passwordCostLog2;
    const user = findUserByName(ctx.db, input.username);
    if (!user) {
      burnPasswordCheck(input.password, cost);
      // The same answer as a first wrong password for a real user, so names cannot be probed.
      throw new ContractFailure('BAD_CREDENTIALS', { remaining: settings.lockoutThreshold - 1 });
    }
    const now = ctx.now.getTime();
    if (user.locked_until && Date.parse(user.locked_until) > now) {
      throw new ContractFailure('ACCOUNT_LOCKED', { until: localMinute(user.locked_until) });
    }
    if (!verifyPassword(input.password, user.password_hash)) {
      const lockedUntil = countFailure(ctx, user);
      if (lockedUntil) throw new ContractFailure('ACCOUNT_LOCKED', { until: localMinute(lockedUntil) }, undefined, true);
      throw new ContractFailure('BAD_CREDENTIALS', { remaining: settings.lockoutThreshold - user.failed_attempts - 1 }, undefined, true);
    }
    if (user.disabled) throw new ContractFailure('ACCOUNT_DISABLED');
    recordLoginSuccess(ctx.db, user.id, ctx.now.toISOString());
    ctx.services.sessions.start(ctx.connectionId, user.id, now);
    return sessionInfo(ctx, user, false);
  },

  'accounts.logout': (_input, ctx) => {
    ctx.services.sessions.end(ctx.connectionId);
    return {};
  },

  'accounts.session': (_input, ctx) => {
    const session = ctx.services.sessions.get(ctx.connectionId);
    const user = session && findUserById(ctx.db, session.userId);
    return { session: session && user ? sessionInfo(ctx, user, session.locked) : null };
  },

  'accounts.unlock': (input, ctx) => {
    const actor = requireActor(ctx);
    const session = ctx.services.sessions.get(ctx.connectionId);
    const user = requireUser(ctx, actor.userId);
    if (!session) throw new ContractFailure('UNAUTHENTICATED');
    if (!verifyPassword(input.password, user.password_hash)) {
      // A locked window is no way around the lockout: wrong unlock passwords count like wrong logins.
      const lockedUntil = countFailure(ctx, user);
      if (lockedUntil) {
        endSessionsOf(ctx, user.id);
        throw new ContractFailure('ACCOUNT_LOCKED', { until: localMinute(lockedUntil) }, undefined, true);
      }
      const wrong = fieldFailure(['password'], 'current_password_wrong');
      throw new ContractFailure(wrong.code, wrong.params, wrong.issues, true);
    }
    if (user.failed_attempts > 0) recordLoginFailure(ctx.db, user.id, 0, null);
    session.locked = false;
    session.lastActivity = ctx.now.getTime();
    return sessionInfo(ctx, user, false);
  },

  'accounts.heartbeat': (_input, ctx) => sessionInfo(ctx, requireUser(ctx, requireActor(ctx).userId), false),

  'accounts.changePassword': (input, ctx) => {
    const actor = requireActor(ctx);
    const user = requireUser(ctx, actor.userId);
    if (!verifyPassword(input.currentPassword, user.password_hash)) {
      throw fieldFailure(['currentPassword'], 'current_password_wrong');
    }
    updateUser(ctx.write(), user.id, null, { passwordHash: hashPassword(input.newPassword, ctx.services.passwordCostLog2) });
    ctx.services.vault.setUserSlot({ userId: user.id, username: user.username, password: input.newPassword });
    return {};
  },

  'accounts.users.list': (_input, ctx) => listUsers(ctx.db).map(toUser),

  'accounts.users.create': (input, ctx) => {
    if (findUserByName(ctx.db, input.username)) {
      throw new ContractFailure('DUPLICATE_USERNAME', { username: input.username }, [
        { path: ['username'], code: 'duplicate_username', message: `User name "${input.username}" is taken`, params: { username: input.username } },
      ]);
    }
    const office = findOffice(ctx.db);
    if (!office) throw new ContractFailure('NOT_INITIALIZED');
    const id = uuidv7();
    insertUser(ctx.write(), id, {
      officeId: office.id,
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: hashPassword(input.password, ctx.services.passwordCostLog2),
    });
    ctx.services.vault.setUserSlot({ userId: id, username: input.username, password: input.password });
    return toUser(requireUser(ctx, id));
  },

  'accounts.users.update': (input, ctx) => {
    const user = requireUser(ctx, input.id);
    const losesAdmin = user.role === 'admin' && !user.disabled && ((input.role && input.role !== 'admin') || input.disabled === true);
    if (losesAdmin && countActiveAdmins(ctx.db) <= 1) throw new ContractFailure('LAST_ADMIN');
    updateUser(ctx.write(), user.id, input.version, { displayName: input.displayName, role: input.role, disabled: input.disabled });
    if (input.disabled === true) endSessionsOf(ctx, user.id);
    return toUser(requireUser(ctx, user.id));
  },

  'accounts.users.resetPassword': (input, ctx) => {
    const user = requireUser(ctx, input.id);
    updateUser(ctx.write(), user.id, input.version, { passwordHash: hashPassword(input.newPassword, ctx.services.passwordCostLog2) });
    recordLoginFailure(ctx.db, user.id, 0, null); // a reset also lifts a lockout
    ctx.services.vault.setUserSlot({ userId: user.id, username: user.username, password: input.newPassword });
    if (user.id !== ctx.actor?.userId) endSessionsOf(ctx, user.id);
    return toUser(requireUser(ctx, user.id));
  },

  /** The database is open (the recovery key unwrapped it); give the named user a new password and slot. */
  'accounts.recover': (input, ctx) => {
    const user = findUserByName(ctx.db, input.username);
    if (!user) throw fieldFailure(['username'], 'not_found');
    updateUser(ctx.write(), user.id, null, { passwordHash: hashPassword(input.newPassword, ctx.services.passwordCostLog2), disabled: false });
    recordLoginFailure(ctx.db, user.id, 0, null);
    ctx.services.vault.setUserSlot({ userId: user.id, username: user.username, password: input.newPassword });
    return {};
  },

  'accounts.recoveryKey.renew': (input, ctx) => {
    const user = requireUser(ctx, requireActor(ctx).userId);
    if (!verifyPassword(input.password, user.password_hash)) throw fieldFailure(['password'], 'current_password_wrong');
    return { recoveryKey: ctx.services.vault.renewRecoveryKey() };
  },

  /** Remove a user: the record becomes a tombstone and their key slot is deleted. */
  'accounts.users.remove': (input, ctx) => {
    const user = requireUser(ctx, input.id);
    if (user.id === ctx.actor?.userId) throw fieldFailure(['id'], 'remove_self');
    if (user.role === 'admin' && !user.disabled && countActiveAdmins(ctx.db) <= 1) throw new ContractFailure('LAST_ADMIN');
    deleteUser(ctx.write(), user.id, input.version);
    ctx.services.vault.removeUserSlot(user.id);
    endSessionsOf(ctx, user.id);
    return {};
  },
};
