/** 账户 accounts: login, sessions, idle lock, users and roles. */
import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../domain/roles';
import { passwordSchema, usernameSchema } from '../domain/office';
import { method } from './define';
import { idSchema, timestampSchema, versionSchema } from './common';

export const roleSchema = z.enum(ROLES);

export const sessionInfoSchema = z.object({
  userId: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  permissions: z.array(z.enum(PERMISSIONS)),
  /** Locked by inactivity: only unlock and logout are accepted until the password is given again. */
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
  /** Signed in with a password shorter than today's rule (PASSWORD_MIN_LENGTH): the window asks for a new one. */
  mustChangePassword: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  lockedUntil: timestampSchema.nullable(),
  lastLoginAt: timestampSchema.nullable(),
  version: versionSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type User = z.infer<typeof userSchema>;

/**
 * A user name as typed at sign-in or recovery: length-limited before anything is looked up or kept
 * (user names are at most 32 characters; 64 leaves room for what a clerk may paste).
 */
export const SIGN_IN_NAME_MAX = 64;
const signInNameSchema = z.string().trim().min(1, { message: 'required' }).max(SIGN_IN_NAME_MAX);

const displayNameSchema = z.string().trim().min(1, { message: 'required' }).max(40, { message: 'too_long' });
const empty = z.object({}).strict();

export const accountsContract = {
  'accounts.login': method({
    kind: 'mutation',
    access: 'public',
    input: z.object({ username: signInNameSchema, password: z.string().min(1, { message: 'required' }).max(1024) }),
    output: sessionInfoSchema,
  }),
  'accounts.logout': method({ kind: 'mutation', access: 'public', whileLocked: true, input: empty, output: empty }),
  'accounts.session': method({
    kind: 'query',
    access: 'public',
    whileLocked: true,
    input: empty,
    output: z.object({ session: sessionInfoSchema.nullable() }),
  }),
  /** Lock this session now (the window's lock button): nothing but unlock, sign-out and the session answer until the password is typed. */
  'accounts.lock': method({ kind: 'mutation', access: 'session', whileLocked: true, input: empty, output: empty }),
  'accounts.unlock': method({
    kind: 'mutation',
    access: 'session',
    whileLocked: true,
    input: z.object({ password: z.string().min(1, { message: 'required' }) }),
    output: sessionInfoSchema,
  }),
  /** The window reports keyboard/mouse activity (throttled) so an active clerk is not locked out. */
  'accounts.heartbeat': method({ kind: 'mutation', access: 'session', input: empty, output: sessionInfoSchema }),
  'accounts.changePassword': method({
    kind: 'mutation',
    access: 'session',
    input: z
      .object({ currentPassword: z.string().min(1, { message: 'required' }), newPassword: passwordSchema })
      .refine((v) => v.currentPassword !== v.newPassword, { message: 'accounts.password_unchanged', path: ['newPassword'] }),
    output: empty,
  }),
  'accounts.users.list': method({ kind: 'query', access: 'accounts.manage', input: empty, output: z.array(userSchema) }),
  'accounts.users.create': method({
    kind: 'mutation',
    access: 'accounts.manage',
    input: z.object({ username: usernameSchema, displayName: displayNameSchema, role: roleSchema, password: passwordSchema }),
    output: userSchema,
  }),
  'accounts.users.update': method({
    kind: 'mutation',
    access: 'accounts.manage',
    input: z.object({
      id: idSchema,
      version: versionSchema,
      displayName: displayNameSchema.optional(),
      role: roleSchema.optional(),
      disabled: z.boolean().optional(),
      /** Required to enable a disabled user: disabling removed their key slot, and a new password makes a new one. */
      newPassword: passwordSchema.optional(),
    }),
    output: userSchema,
  }),
  /** Every password lost: the printed recovery key (恢复密钥) opens the database and sets a new password. */
  'accounts.recover': method({
    kind: 'mutation',
    access: 'public',
    input: z.object({ recoveryKey: z.string().trim().min(1, { message: 'required' }), username: signInNameSchema, newPassword: passwordSchema }),
    output: empty,
  }),
  /** Replace the recovery key (after use, or if the printout is lost); the new one is shown once. */
  'accounts.recoveryKey.renew': method({
    kind: 'mutation',
    access: 'accounts.manage',
    input: z.object({ password: z.string().min(1, { message: 'required' }) }),
    output: z.object({ recoveryKey: z.string().nullable() }),
  }),
  /**
   * Change the database key (更换数据库密钥): the pages are rewritten under a new random key, every
   * enabled user's slot is rewrapped, and a new recovery key is shown once. For when someone left
   * with a copy of an old `.keys` file or a backup. `needPassword`: users whose slot could not be
   * rewrapped (made before key pairs); they need a new password from the administrator.
   */
  'accounts.databaseKey.change': method({
    kind: 'job',
    access: 'accounts.manage',
    input: z.object({ password: z.string().min(1, { message: 'required' }) }),
    output: z.object({ recoveryKey: z.string(), resealed: z.array(z.string()), needPassword: z.array(z.string()) }),
  }),
  'accounts.users.remove': method({
    kind: 'mutation',
    access: 'accounts.manage',
    input: z.object({ id: idSchema, version: versionSchema }),
    output: empty,
  }),
  'accounts.users.resetPassword': method({
    kind: 'mutation',
    access: 'accounts.manage',
    input: z.object({ id: idSchema, version: versionSchema, newPassword: passwordSchema }),
    output: userSchema,
  }),
};
