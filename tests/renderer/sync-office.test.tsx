/**
 * 数据报送 on an office's database, in the whole app over the real core: enrollment with the
 * bureau's real enrollment file (a real bureau database made beside it), a wrong code or another
 * office's file refused under their fields; export to a folder with the bundle listed as exported;
 * the bureau's real receipt (bundles taken in by a real bureau, one of them cut short on the way)
 * imported through the open dialog, and each bundle's way as it leaves them; what each role is
 * offered. One state is still an override of sync.status: a bundle uploaded (the core cannot upload yet).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import type { FileDialogs, MethodOutput, OutboxBundle } from '../../shared/contract';
import { auditHeadCode } from '../../shared/domain/sync';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { expectOk } from '../support/results';
import { newIdNumber } from '../support/residents-registry';
import { setupBureau, type TestBureau } from '../support/sync';
import { cutShort } from '../support/sync-scenes';
import { ADMIN, OFFICE, adminValue, seededCore, startCore, type CoreHarness } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

afterEach(disposeTestResources);

type User = ReturnType<typeof renderApp>['user'];

/** The bureau's enrollment file for `code` and its one-time code, made by a real bureau database. */
async function enrollmentFile(bureau: TestBureau, code: string, name: string) {
  const file = path.join(makeTempDir('civicdesk-enroll-'), `${code}.cdenroll`);
  const made = expectOk(await bureau.t.call(bureau.conn, 'bureau.enroll', { officeCode: code, officeName: name, out: file }));
  return { file, code: made.oneTimeCode };
}

async function openSync(username = ADMIN.username, password = ADMIN.password) {
  const { user, unmount } = renderApp();
  const shell = await signIn(user, username, password);
  await user.click(within(shell).getByTestId('nav-sync'));
  return { user, unmount, page: await screen.findByTestId('sync-page') };
}

/** The browser preview's (and these tests') stand-in for the system dialogs: the path is typed. */
async function typePath(user: User, file: string) {
  await user.type(await screen.findByTestId('path-prompt-input'), file);
  await user.click(screen.getByTestId('path-prompt-ok'));
  await waitFor(() => expect(screen.queryByTestId('path-prompt-input')).toBeNull());
}

describe('office sync page', () => {
  const core = seededCore();

  it('enrollment: a wrong code is refused under the code field, another office’s file under the file field; the right pair enrolls', async () => {
    const bureau = await setupBureau();
    const own = await enrollmentFile(bureau, OFFICE.code, OFFICE.name);
    const foreign = await enrollmentFile(bureau, 'DWK-OTHER', '河滨街道社区服务中心');
    const { user, page } = await openSync();
    expect(within(page).getByTestId('sync-not-enrolled').textContent).toContain('.cdenroll');
    await user.click(within(page).getByTestId('sync-enroll-open'));
    const form = await screen.findByTestId('enroll-form');

    // Nothing chosen, nothing typed: the contract's own check, under each field.
    await user.click(within(form).getByTestId('enroll-submit'));
    expect(within(form).getByTestId('enroll-file').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByTestId('enroll-code').getAttribute('aria-invalid')).toBe('true');

    await user.click(within(form).getByTestId('enroll-choose'));
    await typePath(user, own.file);
    expect(within(form).getByTestId<HTMLInputElement>('enroll-file').value).toBe(own.file);
    const wrong = own.code.replace(/[0-9A-Z]/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(wrong).not.toBe(own.code);
    await user.type(within(form).getByTestId('enroll-code'), wrong);
    await user.click(within(form).getByTestId('enroll-submit'));
    await waitFor(() => expect(within(form).getByTestId('enroll-code').getAttribute('aria-invalid')).toBe('true'));
    expect(form.textContent).toContain('一次性登记码不对');
    expect(within(form).getByTestId('enroll-file').getAttribute('aria-invalid')).not.toBe('true');
    expect(within(form).queryByTestId('enroll-error')).toBeNull();

    // Another office's file with its own right code: the file is what is wrong.
    await user.click(within(form).getByTestId('enroll-choose'));
    await typePath(user, foreign.file);
    await user.clear(within(form).getByTestId('enroll-code'));
    await user.type(within(form).getByTestId('enroll-code'), foreign.code);
    await user.click(within(form).getByTestId('enroll-submit'));
    await waitFor(() => expect(within(form).getByTestId('enroll-file').getAttribute('aria-invalid')).toBe('true'));
    expect(form.textContent).toContain('这份登记文件是发给 河滨街道社区服务中心（DWK-OTHER）');
    expect(within(form).getByTestId('enroll-code').getAttribute('aria-invalid')).not.toBe('true');

    // The office's own file and code: enrolled, and the page now says with whom.
    await user.click(within(form).getByTestId('enroll-choose'));
    await typePath(user, own.file);
    await user.clear(within(form).getByTestId('enroll-code'));
    await user.type(within(form).getByTestId('enroll-code'), `${own.code.toLowerCase()}{Enter}`);
    expect((await screen.findByTestId('sync-bureau-name', {}, { timeout: 10_000 })).textContent).toBe('石嘴山市民政局');
    expect(screen.queryByTestId('enroll-form')).toBeNull();
    expect(screen.queryByTestId('sync-not-enrolled')).toBeNull();
    expect(screen.getByTestId('sync-bundles-empty')).toBeTruthy();
    const status = await statusOf(core);
    expect(status.enrollment?.bureauName).toBe('石嘴山市民政局');
  }, 60_000);

  it('export: the folder dialog, then the new bundle’s number, changes and size; listed as exported there; a second export finds nothing new and re-sends it', async () => {
    const bureau = await setupBureau();
    await enrollDirectly(core, await enrollmentFile(bureau, OFFICE.code, OFFICE.name));
    const usb = makeTempDir('civicdesk-usb-');
    const { user, page } = await openSync();
    const pending = Number(within(page).getByTestId('sync-pending').getAttribute('data-value'));
    expect(pending).toBeGreaterThan(0);
    expect(within(page).getByTestId('sync-pending').textContent).toContain(`有 ${pending.toLocaleString('zh-CN')} 条变更尚未打包报送`);
    // No upload address yet: the button is there but off, and says why.
    expect(within(page).getByTestId('sync-upload').hasAttribute('disabled')).toBe(true);
    expect(within(page).getByTestId('sync-upload-hint').textContent).toContain('还没有设置市局上传地址');

    await user.click(within(page).getByTestId('sync-export'));
    await typePath(user, usb);
    const result = await within(page).findByTestId('sync-export-result', {}, { timeout: 15_000 });
    const written = fs.readdirSync(usb).filter((name) => name.endsWith('.cdbundle'));
    expect(written).toHaveLength(1);
    const bytes = fs.statSync(path.join(usb, written[0])).size;
    expect(result.getAttribute('data-sequence')).toBe('1');
    expect(result.textContent).toContain('已生成第 1 号数据包');
    expect(result.textContent).toContain(`写入 ${usb}`);
    expect(result.textContent).toContain(`${(bytes / 1024).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} KB`);
    const status = await statusOf(core);
    expect(result.textContent).toContain(`（${status.bundles[0].changes.toLocaleString('zh-CN')} 条变更`);

    const row = await within(page).findByTestId('sync-bundle-row');
    expect(row.getAttribute('data-sequence')).toBe('1');
    expect(within(row).getByTestId('bundle-state-exported').textContent).toBe('已导出');
    expect(within(row).getByTestId('bundle-exported-to').textContent).toContain(usb);
    expect(within(row).queryByTestId('bundle-state-unsent')).toBeNull();
    expect(row.textContent).toContain(written[0]);
    await waitFor(() => expect(within(page).getByTestId('sync-pending').textContent).toContain('没有待报送的新变更'));

    // Again, into another folder: no new bundle; the unacknowledged one is written there unchanged.
    const usb2 = makeTempDir('civicdesk-usb-');
    await user.click(within(page).getByTestId('sync-export'));
    await typePath(user, usb2);
    await waitFor(() => expect(within(page).getByTestId('sync-export-result').textContent).toContain('没有新的变更'), { timeout: 15_000 });
    expect(within(page).getByTestId('sync-export-resent').textContent).toContain('市局尚未确认的 1 个数据包（第 1 号）已原样重新写入');
    expect(fs.readFileSync(path.join(usb2, written[0])).equals(fs.readFileSync(path.join(usb, written[0])))).toBe(true);
    expect(within(page).getAllByTestId('sync-bundle-row')).toHaveLength(1);
  }, 60_000);

  it('with the system dialogs (Electron), the enrollment file comes from the open dialog for .cdenroll files and the export folder from the folder dialog', async () => {
    const bureau = await setupBureau();
    const own = await enrollmentFile(bureau, OFFICE.code, OFFICE.name);
    const usb = makeTempDir('civicdesk-usb-');
    const dialogs: FileDialogs = {
      openFile: vi.fn(async () => core.choose(own.file, 'read')),
      saveFile: vi.fn(async () => null),
      chooseFolder: vi.fn(async () => core.choose(usb, 'folder')),
    };
    if (!window.civicdesk) throw new Error('no bridge');
    window.civicdesk.dialogs = dialogs;
    const { user, page } = await openSync();
    await user.click(within(page).getByTestId('sync-enroll-open'));
    const form = await screen.findByTestId('enroll-form');
    await user.click(within(form).getByTestId('enroll-choose'));
    expect(dialogs.openFile).toHaveBeenCalledWith(expect.objectContaining({ kind: 'enrollment' }));
    await waitFor(() => expect(within(form).getByTestId<HTMLInputElement>('enroll-file').value).toBe(own.file));
    await user.type(within(form).getByTestId('enroll-code'), `${own.code}{Enter}`);
    await screen.findByTestId('sync-bureau-name', {}, { timeout: 10_000 });
    await user.click(screen.getByTestId('sync-export'));
    expect(dialogs.chooseFolder).toHaveBeenCalled();
    await within(page).findByTestId('sync-export-result', {}, { timeout: 15_000 });
    expect(fs.readdirSync(usb).filter((name) => name.endsWith('.cdbundle'))).toHaveLength(1);
    expect(screen.queryByTestId('path-prompt-input')).toBeNull();
  }, 60_000);

  it('before enrollment, a clerk is told to ask the administrator and is offered no import', async () => {
    await core.createUser('clerk1', 'clerk', 'clerk12345');
    const { page } = await openSync('clerk1', 'clerk12345');
    expect(within(page).queryByTestId('sync-enroll-open')).toBeNull();
    expect(within(page).getByTestId('sync-enroll-ask-admin').textContent).toContain('管理员');
  }, 30_000);

  it('once enrolled, a clerk may send but not change the upload address; a viewer only sees where things stand', async () => {
    const bureau = await setupBureau();
    await enrollDirectly(core, await enrollmentFile(bureau, OFFICE.code, OFFICE.name));
    await core.createUser('clerk1', 'clerk', 'clerk12345');
    await core.createUser('viewer1', 'viewer', 'viewer1234');

    const clerk = await openSync('clerk1', 'clerk12345');
    expect(within(clerk.page).getByTestId('sync-export')).toBeTruthy();
    expect(within(clerk.page).getByTestId('sync-receipt-import')).toBeTruthy();
    expect(within(clerk.page).queryByTestId('sync-upload-url-edit')).toBeNull();
    await clerk.user.click(screen.getByTestId('logout-button'));
    await screen.findByTestId('login-username');
    clerk.unmount();

    const viewer = await openSync('viewer1', 'viewer1234');
    expect(within(viewer.page).getByTestId('sync-bureau-name').textContent).toBe('石嘴山市民政局');
    expect(within(viewer.page).queryByTestId('sync-export')).toBeNull();
    expect(within(viewer.page).queryByTestId('sync-upload')).toBeNull();
    expect(within(viewer.page).queryByTestId('sync-receipt-import')).toBeNull();
    expect(within(viewer.page).getByTestId('sync-send-readonly')).toBeTruthy();
    expect(within(viewer.page).getByTestId('sync-audit-head-code').textContent).toMatch(/^\d+-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  }, 30_000);

  it('an administrator sets the upload address: a bad one is refused under the field, a good one turns the upload on', async () => {
    const bureau = await setupBureau();
    await enrollDirectly(core, await enrollmentFile(bureau, OFFICE.code, OFFICE.name));
    const { user, page } = await openSync();
    await user.click(within(page).getByTestId('sync-upload-url-edit'));
    await user.type(within(page).getByTestId('sync-upload-url-input'), 'ftp://mzj.example.cn{Enter}');
    await waitFor(() => expect(within(page).getByTestId('sync-upload-url-input').getAttribute('aria-invalid')).toBe('true'));
    expect(within(page).getByTestId('sync-upload-url-form').textContent).toContain('请填写以 http:// 或 https:// 开头的市局上传地址');
    await user.clear(within(page).getByTestId('sync-upload-url-input'));
    await user.type(within(page).getByTestId('sync-upload-url-input'), 'https://mzj.example.cn/sync{Enter}');
    await waitFor(() => expect(within(page).getByTestId('sync-upload-url').textContent).toBe('https://mzj.example.cn/sync'));
    expect(within(page).getByTestId('sync-upload').hasAttribute('disabled')).toBe(false);
    expect((await statusOf(core)).enrollment?.uploadUrl).toBe('https://mzj.example.cn/sync');
  }, 30_000);
});

describe('the bundles’ way, as the bureau’s real receipt tells it', () => {
  const core = seededCore();

  it('imports the receipt from the open dialog: what the bureau made of each bundle — applied, cut short on the way, held for the missing one — the alerts it raised, and the table showing each bundle’s way; the same receipt again is refused', async () => {
    const bureau = await setupBureau();
    await enrollDirectly(core, await enrollmentFile(bureau, OFFICE.code, OFFICE.name));
    const made: string[] = [];
    for (const name of ['马德明', '高桂兰', '陈建国', '李秀英']) {
      await adminValue(core, 'residents.create', { name, idNumber: newIdNumber(), household: { mode: 'new' } });
      made.push((await exportAsAdmin(core, makeTempDir('civicdesk-usb-'))).file!);
    }
    // At the bureau: bundle 1 whole, bundle 2 cut short on the way (a pulled stick), bundle 3 whole; 4 not yet.
    const arrived = [made[0], cutShort(made[1], makeTempDir('civicdesk-usb-')), made[2]];
    const taken = expectOk(await bureau.t.host.runJob(bureau.conn, 'bureau.import', { files: arrived })) as MethodOutput<'bureau.import'>;
    expect(taken.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'held']);
    const receipt = expectOk(await bureau.t.call(bureau.conn, 'bureau.receipt', { officeCode: OFFICE.code, folder: makeTempDir('civicdesk-receipt-') })).file;
    // Bundle 5 is made but never written: the stick it was to go on holds a folder under bundle 4's name.
    await adminValue(core, 'residents.create', { name: '王秀兰', idNumber: newIdNumber(), household: { mode: 'new' } });
    const stick = makeTempDir('civicdesk-usb-');
    fs.mkdirSync(path.join(stick, path.basename(made[3])));
    await expect(exportAsAdmin(core, stick)).rejects.toThrow(/sync.export/);

    const { user, page } = await openSync();
    await user.click(within(page).getByTestId('sync-receipt-import'));
    await typePath(user, receipt);
    const result = await within(page).findByTestId('sync-receipt-result', {}, { timeout: 10_000 });
    expect(result.textContent).toContain('已导入第 1 号回执：市局已确认到第 1 号数据包。');
    expect(within(result).getAllByTestId('sync-receipt-bundle').map((li) => li.textContent)).toEqual([
      '第 1 号：已入库',
      // Bundle 2's cut copy is not in the receipt: a refusal made before the signature was checked
      // proves nothing about this office (anyone could write its code into a junk file).
      '第 3 号：暂存，等待第 2 号数据包',
    ]);
    // The held one is news for the office's clerks.
    expect(within(result).getByTestId('sync-receipt-alerts').textContent).toContain('回执带来 1 条新提醒');

    // The table, newest first: each bundle's way in words.
    const row = (sequence: number) => within(page).getAllByTestId('sync-bundle-row').find((r) => r.getAttribute('data-sequence') === String(sequence))!;
    await waitFor(() => expect(within(row(1)).queryByTestId('bundle-state-acknowledged')).not.toBeNull());
    expect(within(page).getAllByTestId('sync-bundle-row').map((r) => r.getAttribute('data-sequence'))).toEqual(['5', '4', '3', '2', '1']);
    expect(within(row(1)).getByTestId('bundle-bureau-status').textContent).toBe('已入库');
    expect(within(row(1)).getByTestId('bundle-bureau-status').getAttribute('data-status')).toBe('applied');
    expect(within(row(1)).getByTestId('bundle-state-acknowledged').textContent).toBe('市局已确认');
    expect(within(row(1)).getByTestId('bundle-state-exported').textContent).toBe('已导出');
    expect(within(row(2)).queryByTestId('bundle-bureau-status')).toBeNull();
    expect(within(row(2)).queryByTestId('bundle-state-acknowledged')).toBeNull();
    expect(within(row(3)).getByTestId('bundle-bureau-status').textContent).toBe('暂存');
    // Bundle 1 is acknowledged, so bundle 2 is the one the bureau waits for.
    expect(within(row(3)).getByTestId('bundle-reason').textContent).toBe('等待第 2 号数据包');
    expect(within(row(4)).queryByTestId('bundle-bureau-status')).toBeNull();
    expect(within(row(4)).getByTestId('bundle-state-exported').textContent).toBe('已导出');
    expect(within(row(5)).getByTestId('bundle-state-unsent').textContent).toBe('未报送');
    expect(within(row(5)).queryByTestId('bundle-state-exported')).toBeNull();

    const status = await statusOf(core);
    expect(within(page).getByTestId('sync-acknowledged').textContent).toContain('市局已确认收到第 1 号及以前的数据包');
    // The audit head the bureau acknowledged, as the monthly report's code.
    expect(status.anchoredHead).not.toBeNull();
    const anchored = status.anchoredHead!;
    expect(within(page).getByTestId('sync-anchored-head').textContent).toBe(`市局已确认的链头：第 ${anchored.seq} 条（${auditHeadCode(anchored.seq, anchored.hash)}）。`);

    // The alerts it raised are a click away.
    await user.click(within(result).getByRole('link', { name: '查看提醒' }));
    expect(await screen.findByTestId('alerts-page')).toBeTruthy();

    // The same receipt again: refused, nothing changed.
    await user.click(within(screen.getByTestId('app-shell')).getByTestId('nav-sync'));
    const again = await screen.findByTestId('sync-page');
    await user.click(within(again).getByTestId('sync-receipt-import'));
    await typePath(user, receipt);
    await waitFor(() => expect(within(again).getByTestId('sync-receipt-result').getAttribute('role')).toBe('alert'));
    expect(within(again).getByTestId('sync-receipt-result').textContent).toContain('这份回执（第 1 号）不比已导入的（第 1 号）新，未作任何改动。');
  }, 90_000);
});

describe('a bundle sent by upload', () => {
  let core: CoreHarness | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  it('is marked uploaded in words, and an address set turns the upload on', async () => {
    // Kept as an override of sync.status: uploading is not in the core yet (sync.upload answers
    // INTERNAL), so no bundle can be marked uploaded for real; the rest of the page is real above.
    const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 10, day, hour, 30)).toISOString();
    const uploaded: OutboxBundle = {
      sequence: 1,
      bundleId: '0193-bundle-1',
      fileName: 'DWK-CYJ-000001-bundle-1.cdbundle',
      changes: 12345,
      bytes: 2.5 * 1024 * 1024,
      sha256: 'ab'.repeat(32),
      createdAt: at(1),
      exportedAt: null,
      exportedTo: null,
      uploadedAt: at(1, 11),
      acknowledgedAt: null,
      bureauStatus: null,
      bureauReason: null,
    };
    const status: MethodOutput<'sync.status'> = {
      role: 'office',
      enrollment: { officeCode: OFFICE.code, bureauId: 'b-1', bureauName: '石嘴山市民政局', enrolledAt: at(1), uploadUrl: 'https://mzj.example.cn/sync' },
      pendingChanges: 0,
      acknowledgedSequence: 0,
      lastReceiptAt: null,
      auditHead: null,
      anchoredHead: null,
      bundles: [uploaded],
    };
    core = startCore({ handlerOverrides: { 'sync.status': () => status } });
    await core.seedOffice();
    const { page } = await openSync();
    const row = within(page).getByTestId('sync-bundle-row');
    expect(within(row).getByTestId('bundle-state-uploaded').textContent).toBe('已上传');
    expect(within(row).queryByTestId('bundle-state-unsent')).toBeNull();
    expect(within(row).queryByTestId('bundle-bureau-status')).toBeNull();
    expect(row.textContent).toContain('12,345');
    expect(row.textContent).toContain('2.5 MB');
    expect(within(page).getByTestId('sync-upload').hasAttribute('disabled')).toBe(false);
    expect(within(page).getByTestId('sync-upload-hint').textContent).toContain('https://mzj.example.cn/sync');
  }, 30_000);
});

async function statusOf(core: Pick<CoreHarness, 'asAdmin'>): Promise<MethodOutput<'sync.status'>> {
  const result = await core.asAdmin('sync.status', {});
  if (!result.ok) throw new Error(result.error.code);
  return result.value as MethodOutput<'sync.status'>;
}

/** An export as the administrator, on a connection of its own, into `folder` granted as the folder dialog grants it. */
async function exportAsAdmin(core: Pick<CoreHarness, 'host' | 'call'>, folder: string): Promise<MethodOutput<'sync.export'>> {
  const conn = 'seed-export';
  const login = await core.call(conn, 'accounts.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.ok) throw new Error(login.error.code);
  try {
    const handle = core.host.grantFile(conn, { path: folder, use: 'folder' }).handle;
    const made = await core.host.runJob(conn, 'sync.export', { folder: handle });
    if (!made.ok) throw new Error(`sync.export: ${made.error.code}`);
    return made.value as MethodOutput<'sync.export'>;
  } finally {
    await core.call(conn, 'accounts.logout', {});
  }
}

/** Enrolls the office as its administrator would, on a connection of its own with a handle for the file. */
async function enrollDirectly(core: Pick<CoreHarness, 'host' | 'call'>, enrollment: { file: string; code: string }) {
  const conn = 'seed-enroll';
  const login = await core.call(conn, 'accounts.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.ok) throw new Error(login.error.code);
  const file = core.host.grantFile(conn, { path: enrollment.file, use: 'read' });
  const enrolled = await core.call(conn, 'sync.enroll', { file: file.handle, code: enrollment.code });
  if (!enrolled.ok) throw new Error(`sync.enroll: ${enrolled.error.code}`);
  await core.call(conn, 'accounts.logout', {});
}
