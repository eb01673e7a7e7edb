/** A set-up office with its first administrator, and users of every role, through the contract. */
import type { Role } from '../../shared/domain/roles';
import type { SessionInfo, SetupInput, User } from '../../shared/contract';
import { expectOk } from './results';
import type { TestHost } from './test-host';

export const ADMIN_PASSWORD = 'Admin-pass-2025';
export const USER_PASSWORD = 'Clerk-pass-2025';

export const SETUP_INPUT = {
  office: { code: 'DWK-CYJ', name: '朝阳街社区居委会', divisionCode: '640202' },
  admin: { username: 'admin', displayName: '王主任', password: ADMIN_PASSWORD },
} satisfies SetupInput;

export interface TestOffice {
  admin: { username: string; password: string; userId: string };
  /** A connection where the administrator is signed in. */
  adminConn: string;
}

let connectionCounter = 0;
/** A fresh connection id (one window or browser tab). */
export function newConnection(label = 'conn'): string {
  connectionCounter += 1;
  return `${label}-${connectionCounter}`;
}

export async function setupOffice(t: TestHost): Promise<TestOffice> {
  expectOk(await t.call(newConnection('setup'), 'office.setup', SETUP_INPUT));
  const adminConn = newConnection('admin');
  const session = await login(t, adminConn, SETUP_INPUT.admin.username, ADMIN_PASSWORD);
  return { admin: { username: SETUP_INPUT.admin.username, password: ADMIN_PASSWORD, userId: session.userId }, adminConn };
}

export async function login(t: TestHost, connectionId: string, username: string, password: string): Promise<SessionInfo> {
  return expectOk(await t.call(connectionId, 'accounts.login', { username, password }));
}

export interface TestUser {
  user: User;
  password: string;
  /** A connection where this user is signed in. */
  conn: string;
}

/** Create a user through accounts.users.create (as the admin) and sign them in on a new connection. */
export async function createUser(t: TestHost, office: TestOffice, role: Role, username: string = `${role}-${newConnection('u')}`): Promise<TestUser> {
  const user = expectOk(
    await t.call(office.adminConn, 'accounts.users.create', { username, displayName: `${role} 用户`, role, password: USER_PASSWORD }),
  );
  const conn = newConnection(role);
  await login(t, conn, username, USER_PASSWORD);
  return { user, password: USER_PASSWORD, conn };
}
