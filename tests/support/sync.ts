/** An office and a bureau, each a real encrypted database with its own host, enrolled through the contract. */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodOutput, SetupInput } from '../../shared/contract';
import { createTestHost, type TestHost } from './test-host';
import { setupOffice, type TestOffice, SETUP_INPUT, ADMIN_PASSWORD, newConnection, login } from './office';
import { expectOk } from './results';
import { makeTempDir } from './temp-dir';

export const BUREAU_SETUP = {
  office: { code: 'BUREAU-640200', name: '石嘴山市民政局', divisionCode: '640200' },
  admin: { username: 'admin', displayName: '市局管理员', password: ADMIN_PASSWORD },
} satisfies SetupInput;

export interface TestBureau {
  t: TestHost;
  conn: string;
}

export async function setupBureau(dir = makeTempDir('civicdesk-bureau-')): Promise<TestBureau> {
  const t = createTestHost({ dir, dbPath: path.join(dir, 'bureau.civicdesk') });
  expectOk(await t.call(newConnection('setup'), 'office.setup', BUREAU_SETUP));
  const conn = newConnection('bureau');
  await login(t, conn, 'admin', ADMIN_PASSWORD);
  expectOk(await t.host.runJob(conn, 'bureau.init', { name: '石嘴山市民政局' }));
  return { t, conn };
}

export interface TestSyncOffice {
  t: TestHost;
  office: TestOffice;
  code: string;
}

/** A new office database with code `code`, enrolled with `bureau`. */
export async function enrolledOffice(bureau: TestBureau, code = SETUP_INPUT.office.code, name = SETUP_INPUT.office.name): Promise<TestSyncOffice> {
  const dir = makeTempDir('civicdesk-office-');
  const t = createTestHost({ dir, dbPath: path.join(dir, 'office.civicdesk') });
  expectOk(await t.call(newConnection('setup'), 'office.setup', { ...SETUP_INPUT, office: { ...SETUP_INPUT.office, code, name } }));
  const adminConn = newConnection('admin');
  const session = await login(t, adminConn, 'admin', ADMIN_PASSWORD);
  const office: TestOffice = { admin: { username: 'admin', password: ADMIN_PASSWORD, userId: session.userId }, adminConn };
  const file = path.join(dir, `${code}.cdenroll`);
  const enrolled = expectOk(await bureau.t.call(bureau.conn, 'bureau.enroll', { officeCode: code, officeName: name, out: file }));
  expectOk(await t.call(adminConn, 'sync.enroll', { file, code: enrolled.oneTimeCode }));
  return { t, office, code };
}

export async function exportBundle(o: TestSyncOffice, folder: string): Promise<MethodOutput<'sync.export'>> {
  fs.mkdirSync(folder, { recursive: true });
  return expectOk(await o.t.host.runJob(o.office.adminConn, 'sync.export', { folder })) as MethodOutput<'sync.export'>;
}

export { setupOffice };
