import type { SectionHandlers } from '../handlers';
import type { Ctx } from '../context';
import { ContractFailure, invalidInput } from '../errors';
import { uuidv7 } from '../ids';
import { ROLE_PERMISSIONS } from '../../../shared/domain/roles';
import { PASSWORD_MIN_LENGTH } from '../../../shared/domain/office';
import type { SessionInfo } from '../../../shared/contract';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { flushSealedLoginFailures, maskTypedName, recordAudit } from '../audit';
import { afterWrongPassword, isLocked, localMinute, stricter, type LockState } from './lockout';
import {
  countActiveAdmins,
  findUserById,
  findUserByName,
  insertUser,
  listLockStates,
  listUsers,
  recordLoginFailure,
  recordLoginSuccess,
  toUser,
  updateUser,
  deleteUser,
  type UserRow,
} from './repository';

function sessionInfo(ctx: Ctx, user: UserRow, locked: boolean): SessionInfo {
  const mustChangePassword = ctx.services.sessions.get(ctx.connectionId)?.mustChangePassword ?? false;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    permissions: [...ROLE_PERMISSIONS[user.role]],
    locked,
    idleLockMinutes: ctx.settings().idleLockMinutes,
    mustChangePassword,
  };
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

const lockRule = (ctx: Ctx) => {
  const { lockoutThreshold, lockoutMinutes } = ctx.settings();
  return { lockoutThreshold, lockoutMinutes };
};
const lockStateOf = (user: Pick<UserRow, 'failed_attempts' | 'locked_until'>): LockState => ({ attempts: user.failed_attempts, lockedUntil: user.locked_until });

/**
 * Set a user's lockout state in the users table and in the sealed door's file, which must agree:
 * while the database is sealed (the next start, every CLI call) only the file can be read.
 */
function setLockState(ctx: Ctx, userId: string, state: LockState): void {
  recordLoginFailure(ctx.db, userId, state.attempts, state.lockedUntil);
  mirrorLockState(ctx, userId, state);
}

function mirrorLockState(ctx: Ctx, userId: string, state: LockState): void {
  try {
    ctx.services.sealedFailures.setLockState(userId, state);
  } catch (error) {
    // A full or read-only disk: the database still counts; the sealed door catches up at the next sign-in.
    ctx.services.log.warn('could not mirror a lockout state beside the database', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
}

/**
 * Count one wrong password for `user` by the office's lockout rule; at the threshold the account is
 * locked and this returns until when (the caller answers ACCOUNT_LOCKED), else undefined.
 */
function countFailure(ctx: Ctx, user: UserRow): string | undefined {
  const next = afterWrongPassword(lockStateOf(user), lockRule(ctx), ctx.now);
  setLockState(ctx, user.id, next);
  return next.lockedUntil ?? undefined;
}

/**
 * The database is open (perhaps just now, perhaps by another process's CLI meanwhile): take what
 * the sealed door held — its failures into the audit trail, its lockout states into the users table
 * (the stricter of the two wins) — and leave the file mirroring the table and the office's rule.
 */
function takeSealedSignIns(ctx: Ctx): void {
  flushSealedLoginFailures(ctx, (name) => findUserByName(ctx.db, name) !== undefined);
  const store = ctx.services.sealedFailures;
  try {
    for (const [userId, sealed] of Object.entries(store.lockStates())) {
      const user = findUserById(ctx.db, userId);
      if (!user) continue;
      const merged = stricter(lockStateOf(user), sealed);
      if (merged.attempts !== user.failed_attempts || merged.lockedUntil !== user.locked_until) recordLoginFailure(ctx.db, user.id, merged.attempts, merged.lockedUntil);
    }
    const states = listLockStates(ctx.db, ctx.now.toISOString()).map((u) => [u.id, lockStateOf(u)] as const);
    store.mirror(lockRule(ctx), Object.fromEntries(states));
  } catch (error) {
    ctx.services.log.warn('could not mirror lockout states beside the database', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
}

/** Whose entry a sign-in is: there is no signed-in caller yet. */
const byUser = (user: Pick<UserRow, 'id' | 'username'>) => ({ user: { id: user.id, username: user.username }, entity: 'users', entityId: user.id });

/** A wrong sign-in or unlock: the entry is kept although the call fails (keepWrites). */
function failedSignIn(ctx: Ctx, action: 'login.failed' | 'unlock.failed', reason: string, username: string, user?: UserRow): void {
  // A name that is no user's is kept masked: it may be a password typed into the wrong field.
  recordAudit(ctx, action, { reason }, user ? byUser(user) : { user: { id: null, username: maskTypedName(username) } });
}

/** Key slots exist only for an encrypted database; a plain one has none to change. */
function keySlotChanged(ctx: Ctx, action: 'keyslot.set' | 'keyslot.remove', user: Pick<UserRow, 'id' | 'username'>): void {
  if (ctx.services.vault.encrypted) recordAudit(ctx, action, { slot: 'user', username: user.username }, { entity: 'users', entityId: user.id });
}

/**
 * A slot made at an older, cheaper scrypt cost is rewrapped at today's by its user's next sign-in
 * (the password is at hand only then). Once per slot; the slot file is written as every slot change is.
 */
function upgradeKeySlot(ctx: Ctx, user: UserRow, password: string): void {
  if (ctx.services.vault.upgradeUserSlot(user.id, password)) {
    recordAudit(ctx, 'keyslot.set', { slot: 'user', username: user.username, reason: 'kdf_upgrade' }, byUser(user));
  }
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
    takeSealedSignIns(ctx);
    const rule = lockRule(ctx);
    const cost = ctx.services.passwordCostLog2;
    const user = findUserByName(ctx.db, input.username);
    // Every refusal below keeps its audit entry (keepWrites): failed sign-ins are what the trail is for.
    if (!user) {
      burnPasswordCheck(input.password, cost);
      failedSignIn(ctx, 'login.failed', 'unknown_user', input.username);
      // The same answer as a first wrong password for a real user, so names cannot be probed.
      throw new ContractFailure('BAD_CREDENTIALS', { remaining: rule.lockoutThreshold - 1 }, undefined, true);
    }
    // Locked: refused before the password is tried, so the answer is the same whatever was typed.
    if (isLocked(lockStateOf(user), ctx.now)) {
      failedSignIn(ctx, 'login.failed', 'locked', input.username, user);
      throw new ContractFailure('ACCOUNT_LOCKED', { until: localMinute(user.locked_until!) }, undefined, true);
    }
    // The sealed door already proved the password by unwrapping this user's key slot with it.
    const proven = ctx.unsealedBy === user.id;
    if (!proven && !verifyPassword(input.password, user.password_hash)) {
      const lockedUntil = countFailure(ctx, user);
      failedSignIn(ctx, 'login.failed', lockedUntil ? 'wrong_password_locked' : 'wrong_password', input.username, user);
      if (lockedUntil) throw new ContractFailure('ACCOUNT_LOCKED', { until: localMinute(lockedUntil) }, undefined, true);
      throw new ContractFailure('BAD_CREDENTIALS', { remaining: rule.lockoutThreshold - user.failed_attempts - 1 }, undefined, true);
    }
    if (user.disabled) {
      failedSignIn(ctx, 'login.failed', 'disabled', input.username, user);
      throw new ContractFailure('ACCOUNT_DISABLED', {}, undefined, true);
    }
    // On an encrypted database a password opens nothing without its slot — even once someone else
    // has opened it (a restored users table may still list someone removed since: install.ts).
    if (ctx.services.vault.encrypted && !ctx.services.vault.hasUserSlot(user.id)) {
      failedSignIn(ctx, 'login.failed', 'no_key_slot', input.username, user);
      throw new ContractFailure('BAD_CREDENTIALS', { remaining: rule.lockoutThreshold - user.failed_attempts - 1 }, undefined, true);
    }
    recordLoginSuccess(ctx.db, user.id, ctx.now.toISOString());
    mirrorLockState(ctx, user.id, { attempts: 0, lockedUntil: null });
    recordAudit(ctx, 'login', {}, byUser(user));
    keepSlotsCurrent(ctx, user, input.password);
    upgradeKeySlot(ctx, user, input.password);
    // A password from before the length rule keeps working (nobody is locked out); the session asks for a new one.
    ctx.services.sessions.start(ctx.connectionId, user.id, ctx.now.getTime(), input.password.length < PASSWORD_MIN_LENGTH);
    return sessionInfo(ctx, user, false);
  },

  'accounts.logout': (_input, ctx) => {
    // A locked session has no caller (ctx.actor), yet signing out of it is still this user's act.
    const session = ctx.services.sessions.get(ctx.connectionId);
    const user = session && findUserById(ctx.db, session.userId);
    if (user) recordAudit(ctx, 'logout', {}, byUser(user));
    ctx.services.sessions.end(ctx.connectionId);
    // Files chosen in this window were chosen by the user now signing out.
    ctx.services.files.forget(ctx.connectionId);
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
    if (user.failed_attempts > 0) setLockState(ctx, user.id, { attempts: 0, lockedUntil: null });
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
    const session = ctx.services.sessions.get(ctx.connectionId);
    if (session) session.mustChangePassword = false;
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
    setLockState(ctx, user.id, { attempts: 0, lockedUntil: null }); // a reset also lifts a lockout
    recordAudit(ctx, 'password.reset', { username: user.username }, { entity: 'users', entityId: user.id });
    ctx.services.vault.setUserSlot({ userId: user.id, username: user.username, password: input.newPassword });
    keySlotChanged(ctx, 'keyslot.set', user);
    if (user.id !== ctx.actor?.userId) endSessionsOf(ctx, user.id);
    return toUser(requireUser(ctx, user.id));
  },

  /** The database is open (the recovery key unwrapped it); give the named user a new password and slot. */
  'accounts.recover': (input, ctx) => {
    takeSealedSignIns(ctx);
    // The key is the credential: check it here too, since an open database (someone signed in
    // earlier) does not pass through the sealed path that unwrapped it.
    if (!ctx.services.vault.recoveryKeyOpens(input.recoveryKey)) {
      burnPasswordCheck(input.recoveryKey, ctx.services.passwordCostLog2);
      // Guessing at the recovery key is a sign-in attempt like any other: kept in the trail.
      failedSignIn(ctx, 'login.failed', 'wrong_recovery_key', input.username, findUserByName(ctx.db, input.username));
      throw invalidInput(['recoveryKey'], 'accounts.recovery_key_wrong', {}, { keepWrites: true });
    }
    const user = findUserByName(ctx.db, input.username);
    if (!user) throw invalidInput(['username'], 'not_found');
    updateUser(ctx.write(), user.id, null, { passwordHash: hashPassword(input.newPassword, ctx.services.passwordCostLog2), disabled: false });
    setLockState(ctx, user.id, { attempts: 0, lockedUntil: null });
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
