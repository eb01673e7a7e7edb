/**
 * 数据报送 on an office's database, in the whole app over the real core: enrollment with the
 * bureau's real enrollment file (a real bureau database made beside it), a wrong code or another
 * office's file refused under their fields; export to a folder with the bundle listed as exported;
 * the bundles' states as the bureau's receipts leave them; what each role is offered. Receipt import
 * is written beside these screens: its method answers here through a handler override (resolving the
 * window's handle with the core's own function), as does sync.status for the bundles' later states.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import type { FileDialogs, MethodOutput, OutboxBundle } from '../../shared/contract';
import { auditHeadCode } from '../../shared/domain/sync';
import { readableFile } from '../../electron/core/files';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { expectOk } from '../support/results';
import { setupBureau, type TestBureau } from '../support/sync';
import { ADMIN, OFFICE, seededCore, startCore, type CoreHarness } from './support/core-harness';
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

describe('the bundles table', () => {
  let core: CoreHarness | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 10, day, hour, 30)).toISOString();
  const bundle = (sequence: number, more: Partial<OutboxBundle>): OutboxBundle => ({
    sequence,
    bundleId: `0193-bundle-${sequence}`,
    fileName: `DWK-CYJ-${String(sequence).padStart(6, '0')}.cdbundle`,
    changes: 10,
    bytes: 2048,
    sha256: 'ab'.repeat(32),
    createdAt: at(sequence),
    exportedAt: null,
    exportedTo: null,
    uploadedAt: null,
    acknowledgedAt: null,
    bureauStatus: null,
    bureauReason: null,
    ...more,
  });

  it('shows each bundle’s way — acknowledged and applied, rejected with why, held waiting for the missing one, uploaded, not sent — in words, with sizes and counts in Chinese format', async () => {
    // The receipt's effects as sync.status reports them (receipt import is another part of the work).
    const status: MethodOutput<'sync.status'> = {
      role: 'office',
      enrollment: { officeCode: OFFICE.code, bureauId: 'b-1', bureauName: '石嘴山市民政局', enrolledAt: at(1), uploadUrl: 'https://mzj.example.cn/sync' },
      pendingChanges: 12345,
      acknowledgedSequence: 1,
      lastReceiptAt: at(6, 15),
      auditHead: { seq: 812, hash: 'c0ffee'.repeat(10) + 'abcd', code: auditHeadCode(812, 'c0ffee'.repeat(10) + 'abcd') },
      anchoredHead: { seq: 640, hash: '1234abcd'.repeat(8) },
      bundles: [
        bundle(1, { changes: 12345, bytes: 1536, exportedAt: at(1, 10), exportedTo: '/media/usb', acknowledgedAt: at(6, 15), bureauStatus: 'applied' }),
        bundle(2, { bytes: 2.5 * 1024 * 1024, exportedAt: at(2, 10), exportedTo: '/media/usb', bureauStatus: 'rejected', bureauReason: 'bad_signature' }),
        bundle(3, { exportedAt: at(3, 10), exportedTo: '/media/usb', bureauStatus: 'held', bureauReason: 'waiting_for' }),
        bundle(4, { uploadedAt: at(4, 11) }),
        bundle(5, { bytes: 500 }),
      ],
    };
    core = startCore({ handlerOverrides: { 'sync.status': () => status } });
    await core.seedOffice();
    const { page } = await openSync();
    const rows = within(page).getAllByTestId('sync-bundle-row');
    expect(rows.map((r) => r.getAttribute('data-sequence'))).toEqual(['5', '4', '3', '2', '1']);
    const row = (sequence: number) => rows.find((r) => r.getAttribute('data-sequence') === String(sequence))!;

    const first = row(1);
    expect(within(first).getByTestId('bundle-bureau-status').textContent).toBe('已入库');
    expect(within(first).getByTestId('bundle-state-acknowledged').textContent).toBe('市局已确认');
    expect(within(first).getByTestId('bundle-state-exported').textContent).toBe('已导出');
    expect(first.textContent).toContain('12,345');
    expect(first.textContent).toContain('1.5 KB');

    const rejected = row(2);
    expect(within(rejected).getByTestId('bundle-bureau-status').textContent).toBe('已拒收');
    expect(within(rejected).getByTestId('bundle-reason').textContent).toBe('签名不对：不是登记机构签发的，或内容被改过');
    expect(within(rejected).queryByTestId('bundle-state-acknowledged')).toBeNull();
    expect(rejected.textContent).toContain('2.5 MB');

    const held = row(3);
    expect(within(held).getByTestId('bundle-bureau-status').textContent).toBe('暂存（等待前序数据包）');
    // Bundle 1 is acknowledged, so bundle 2 is the one the bureau waits for.
    expect(within(held).getByTestId('bundle-reason').textContent).toBe('等待第 2 号数据包');

    const uploaded = row(4);
    expect(within(uploaded).getByTestId('bundle-state-uploaded').textContent).toBe('已上传');
    expect(within(uploaded).queryByTestId('bundle-bureau-status')).toBeNull();
    expect(within(uploaded).queryByTestId('bundle-state-unsent')).toBeNull();

    const unsent = row(5);
    expect(within(unsent).getByTestId('bundle-state-unsent').textContent).toBe('未报送');
    expect(unsent.textContent).toContain('500 字节');

    // The statuses carry their colour as well as their words.
    expect(within(first).getByTestId('bundle-bureau-status').getAttribute('data-status')).toBe('applied');

    expect(within(page).getByTestId('sync-pending').textContent).toContain('有 12,345 条变更');
    expect(within(page).getByTestId('sync-acknowledged').textContent).toContain('第 1 号及以前');
    expect(within(page).getByTestId('sync-upload').hasAttribute('disabled')).toBe(false);
    expect(within(page).getByTestId('sync-upload-hint').textContent).toContain('https://mzj.example.cn/sync');
    expect(within(page).getByTestId('sync-audit-head-code').textContent).toBe(status.auditHead!.code);
    expect(within(page).getByTestId('sync-anchored-head').textContent).toContain(`第 640 条（${auditHeadCode(640, '1234abcd'.repeat(8))}）`);
  }, 30_000);
});

describe('importing a receipt', () => {
  let core: CoreHarness | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  it('takes the file from the open dialog and shows the acknowledged number and the alerts it raised, with a way to them', async () => {
    const receipt = path.join(makeTempDir('civicdesk-usb-'), 'DWK-CYJ-receipt-000004.cdreceipt');
    fs.writeFileSync(receipt, 'receipt');
    let asked: string | null = null;
    core = startCore({
      handlerOverrides: {
        'sync.receipt.import': (input, ctx) => {
          asked = readableFile(ctx, input.file, ['file']);
          return { receiptSeq: 4, acknowledgedSequence: 3, bundles: [{ sequence: 3, status: 'applied' }], auditHead: null, alertsRaised: 2 };
        },
      },
    });
    await core.seedOffice();
    await enrollDirectly(core, await enrollmentFile(await setupBureau(), OFFICE.code, OFFICE.name));
    const { user, page } = await openSync();
    await user.click(within(page).getByTestId('sync-receipt-import'));
    await typePath(user, receipt);
    const result = await within(page).findByTestId('sync-receipt-result');
    expect(asked).toBe(receipt);
    expect(result.textContent).toContain('已导入第 4 号回执：市局已确认到第 3 号数据包。');
    expect(within(result).getByTestId('sync-receipt-alerts').textContent).toContain('回执带来 2 条新提醒');
    await user.click(within(result).getByRole('link', { name: '查看提醒' }));
    expect(await screen.findByTestId('alerts-page')).toBeTruthy();
  }, 60_000);
});

async function statusOf(core: Pick<CoreHarness, 'asAdmin'>): Promise<MethodOutput<'sync.status'>> {
  const result = await core.asAdmin('sync.status', {});
  if (!result.ok) throw new Error(result.error.code);
  return result.value as MethodOutput<'sync.status'>;
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
