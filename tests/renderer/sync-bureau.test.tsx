/**
 * 数据报送 on a bureau's database (`bureau.init` run on it), in the whole app over the real core:
 * enrolling an office shows its one-time code once — and that code really opens the file it wrote,
 * for a real office database; taking in bundles shows each file's outcome; the offices, totals,
 * alarms and duplicates read as a clerk would read them; each role is offered only what it may do.
 *
 * bureau.offices / alarms / duplicates / import / receipt are written in parallel with these screens:
 * here they answer through handler overrides with contract-shaped values (resolving the window's
 * file handles with the core's own functions, so a screen that passes a wrong handle fails).
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import type { BureauOffice, MethodOutput } from '../../shared/contract';
import type { Handlers } from '../../electron/core/handlers';
import { chosenFolder, readableFile } from '../../electron/core/files';
import { ContractFailure } from '../../electron/core/errors';
import { createTestHost } from '../support/test-host';
import { SETUP_INPUT, login, newConnection, ADMIN_PASSWORD } from '../support/office';
import { expectOk } from '../support/results';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { ADMIN, startCore, type CoreHarness } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

afterEach(disposeTestResources);

let core: CoreHarness | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

type User = ReturnType<typeof renderApp>['user'];

/** A bureau: the office set up as usual, then made a bureau by `bureau.init`, as the CLI does. */
async function startBureau(handlerOverrides: Partial<Handlers> = {}): Promise<CoreHarness> {
  const started = startCore({ handlerOverrides });
  core = started;
  await started.seedOffice();
  const conn = 'seed-bureau';
  expectOk(await started.call(conn, 'accounts.login', { username: ADMIN.username, password: ADMIN.password }));
  expectOk(await started.host.runJob(conn, 'bureau.init', { name: '石嘴山市民政局' }));
  await started.call(conn, 'accounts.logout', {});
  return started;
}

async function openBureau(username = ADMIN.username, password = ADMIN.password) {
  const { user } = renderApp();
  const shell = await signIn(user, username, password);
  await user.click(within(shell).getByTestId('nav-sync'));
  const page = await screen.findByTestId('sync-page');
  expect(page.getAttribute('data-role')).toBe('bureau');
  return { user, page };
}

async function typePath(user: User, file: string) {
  const input = await screen.findByTestId('path-prompt-input');
  // A save dialog's prompt starts with the proposed file name.
  await user.clear(input);
  await user.type(input, file);
  await user.click(screen.getByTestId('path-prompt-ok'));
  await waitFor(() => expect(screen.queryByTestId('path-prompt-input')).toBeNull());
}

const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 10, day, hour, 30)).toISOString();

describe('bureau: enrolling an office', () => {
  it('shows the one-time code once, large and copyable, with the warning — and that code enrolls the office with the file written', async () => {
    await startBureau();
    const folder = makeTempDir('civicdesk-enroll-');
    const out = path.join(folder, 'DWK-HBJ.cdenroll');
    const { user, page } = await openBureau();
    await user.click(within(page).getByTestId('bureau-enroll-open'));
    const form = await screen.findByTestId('bureau-enroll-form');

    // Nothing filled in: each field says so, before the core is asked.
    await user.click(within(form).getByTestId('bureau-enroll-submit'));
    for (const field of ['bureau-enroll-code', 'bureau-enroll-name', 'bureau-enroll-out']) {
      expect(within(form).getByTestId(field).getAttribute('aria-invalid'), field).toBe('true');
    }

    await user.type(within(form).getByTestId('bureau-enroll-code'), 'DWK-HBJ');
    await user.type(within(form).getByTestId('bureau-enroll-name'), '河滨街道社区服务中心');
    await user.click(within(form).getByTestId('bureau-enroll-choose'));
    // The save dialog proposes a name after the office.
    expect((await screen.findByTestId<HTMLInputElement>('path-prompt-input')).value).toBe('DWK-HBJ 河滨街道社区服务中心 登记文件.cdenroll');
    await typePath(user, out);
    await user.click(within(form).getByTestId('bureau-enroll-submit'));

    const result = await screen.findByTestId('bureau-enroll-result', {}, { timeout: 10_000 });
    const code = within(result).getByTestId('bureau-one-time-code').textContent ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(result.textContent).toContain(`已为河滨街道社区服务中心生成登记文件：${out}`);
    expect(within(result).getByTestId('bureau-one-time-code-warning').textContent).toContain('请通过电话或当面把登记码告诉社区，不要和登记文件放在一起发送');
    expect(within(result).getByTestId('bureau-one-time-code-copy').textContent).toBe('复制登记码');
    expect(fs.existsSync(out)).toBe(true);
    // The code is nowhere in the file it goes with.
    expect(fs.readFileSync(out, 'utf8')).not.toContain(code);
    expect(fs.readFileSync(out, 'utf8')).not.toContain(code.replace(/-/g, ''));

    // The code on screen is the one that opens the file: a real office enrolls with the pair.
    const dir = makeTempDir('civicdesk-office-');
    const office = createTestHost({ dir, dbPath: path.join(dir, 'office.civicdesk') });
    expectOk(await office.call(newConnection('setup'), 'office.setup', { ...SETUP_INPUT, office: { ...SETUP_INPUT.office, code: 'DWK-HBJ', name: '河滨街道社区服务中心' } }));
    const conn = newConnection('admin');
    await login(office, conn, 'admin', ADMIN_PASSWORD);
    expect(expectOk(await office.call(conn, 'sync.enroll', { file: out, code })).bureauName).toBe('石嘴山市民政局');

    // It closes only once the clerk says the code is noted; opened again, the code is gone.
    expect(within(result).getByTestId('bureau-one-time-code-done').hasAttribute('disabled')).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('bureau-one-time-code')).toBeTruthy();
    await user.click(within(result).getByTestId('bureau-one-time-code-noted'));
    await user.click(within(result).getByTestId('bureau-one-time-code-done'));
    await waitFor(() => expect(screen.queryByTestId('bureau-one-time-code')).toBeNull());
    await user.click(within(page).getByTestId('bureau-enroll-open'));
    const again = await screen.findByTestId('bureau-enroll-form');
    expect(within(again).getByTestId<HTMLInputElement>('bureau-enroll-code').value).toBe('');
    expect(screen.queryByTestId('bureau-one-time-code')).toBeNull();

    // The same office again: refused under its code.
    await user.type(within(again).getByTestId('bureau-enroll-code'), 'DWK-HBJ');
    await user.type(within(again).getByTestId('bureau-enroll-name'), '河滨街道社区服务中心');
    await user.click(within(again).getByTestId('bureau-enroll-choose'));
    await typePath(user, path.join(folder, 'again.cdenroll'));
    await user.click(within(again).getByTestId('bureau-enroll-submit'));
    await waitFor(() => expect(within(again).getByTestId('bureau-enroll-code').getAttribute('aria-invalid')).toBe('true'));
    expect(again.textContent).toContain('机构 DWK-HBJ 已于');
    expect(screen.queryByTestId('bureau-one-time-code')).toBeNull();
  }, 60_000);
});

describe('bureau: taking in bundles', () => {
  it('adds files one at a time, takes them in together, and shows each file’s outcome and the receipts written', async () => {
    const usb = makeTempDir('civicdesk-usb-');
    const receiptsDir = makeTempDir('civicdesk-receipts-');
    const names = ['DWK-HBJ-000001.cdbundle', 'DWK-HBJ-000001-copy.cdbundle', 'DWK-HBJ-000003.cdbundle', 'DWK-CYJ-000002.cdbundle', '照片.cdbundle'];
    for (const name of names) fs.writeFileSync(path.join(usb, name), 'bundle bytes');
    let asked: { files: string[]; receipts: string | null } | null = null;
    await startBureau({
      'bureau.import': async (input, ctx) => {
        // The window's handles, resolved as the real intake does.
        const files = input.files.map((ref, i) => readableFile(ctx, ref, ['files', i]));
        const receipts = input.receipts ? chosenFolder(ctx, input.receipts, ['receipts']) : null;
        asked = { files, receipts };
        const outcome: Record<string, Omit<MethodOutput<'bureau.import'>['results'][number], 'file'>> = {
          'DWK-HBJ-000001.cdbundle': { office: 'DWK-HBJ', sequence: 1, status: 'applied', rows: 12345 },
          'DWK-HBJ-000001-copy.cdbundle': { office: 'DWK-HBJ', sequence: 1, status: 'duplicate', rows: 0 },
          'DWK-HBJ-000003.cdbundle': { office: 'DWK-HBJ', sequence: 3, status: 'held', reason: 'waiting_for' },
          'DWK-CYJ-000002.cdbundle': { office: 'DWK-CYJ', sequence: 2, status: 'rejected', reason: 'bad_signature' },
          '照片.cdbundle': { office: null, sequence: null, status: 'rejected', reason: 'not_a_bundle' },
        };
        return {
          results: files.map((file) => ({ file, ...outcome[path.basename(file)] })),
          receipts: receipts ? [{ office: 'DWK-HBJ', file: path.join(receipts, 'DWK-HBJ-receipt-000001.cdreceipt') }] : [],
        };
      },
    });
    const { user, page } = await openBureau();
    await user.click(within(page).getByTestId('bureau-import-open'));
    const start = await screen.findByTestId('bureau-import-start');
    expect(start.hasAttribute('disabled')).toBe(true);
    for (const name of names) {
      await user.click(screen.getByTestId('bureau-import-add'));
      await typePath(user, path.join(usb, name));
    }
    // The same file twice is listed once.
    await user.click(screen.getByTestId('bureau-import-add'));
    await typePath(user, path.join(usb, names[0]));
    expect(screen.getAllByTestId('bureau-import-file')).toHaveLength(5);
    await user.click(screen.getByTestId('bureau-import-receipts-choose'));
    await typePath(user, receiptsDir);
    expect(screen.getByTestId('bureau-import-start').textContent).toBe('接收 5 个数据包');
    await user.click(screen.getByTestId('bureau-import-start'));

    const results = await screen.findByTestId('bureau-import-results', {}, { timeout: 10_000 });
    expect(asked).toEqual({ files: names.map((name) => path.join(usb, name)), receipts: receiptsDir });
    expect(within(results).getByTestId('bureau-import-summary').textContent).toBe('共 5 个文件：入库 1 个，重复 1 个，暂存 1 个，拒收 2 个。');
    const rows = within(results).getAllByTestId('bureau-import-result');
    const row = (name: string) => rows.find((r) => r.textContent?.includes(name))!;
    expect(within(row(names[0])).getByTestId('intake-status').textContent).toBe('已入库');
    expect(row(names[0]).textContent).toContain('12,345');
    expect(within(row(names[1])).getByTestId('intake-status').textContent).toBe('重复（未改动）');
    expect(within(row(names[2])).getByTestId('intake-status').textContent).toBe('暂存（等待前序数据包）');
    expect(within(row(names[2])).getByTestId('bureau-import-reason').textContent).toBe('等待前面缺少的数据包');
    expect(within(row(names[3])).getByTestId('intake-status').textContent).toBe('已拒收');
    expect(within(row(names[3])).getByTestId('bureau-import-reason').textContent).toBe('签名不对：不是登记机构签发的，或内容被改过');
    expect(within(row(names[4])).getByTestId('bureau-import-reason').textContent).toBe('这不是 CivicDesk 数据包');
    expect(row(names[4]).textContent).toContain('—');
    expect(within(results).getByTestId('bureau-import-receipts-written').textContent).toContain(`DWK-HBJ：${path.join(receiptsDir, 'DWK-HBJ-receipt-000001.cdreceipt')}`);

    // More: an empty list again.
    await user.click(screen.getByTestId('bureau-import-again'));
    expect(screen.queryByTestId('bureau-import-results')).toBeNull();
    expect(screen.queryAllByTestId('bureau-import-file')).toHaveLength(0);
  }, 60_000);
});

describe('bureau: the city’s picture', () => {
  const offices: BureauOffice[] = [
    {
      code: 'DWK-HBJ',
      name: '河滨街道社区服务中心',
      enrolledAt: at(1),
      active: true,
      appliedSequence: 1,
      lastBundleAt: at(20, 14),
      held: [3, 4],
      missing: [2],
      openAlarms: 2,
      auditHeadSeq: 300,
      counts: { households: 41000, residents: 120500, facilities: 3, mystery_table: 7 },
    },
    { code: 'DWK-XJL', name: '新街路社区', enrolledAt: at(2), active: false, appliedSequence: 0, lastBundleAt: null, held: [], missing: [], openAlarms: 0, auditHeadSeq: 0, counts: {} },
  ];

  function views() {
    const alarms: MethodOutput<'bureau.alarms'>['items'] = [
      { id: 1, at: at(20, 14), office: 'DWK-HBJ', kind: 'audit_fork', detail: { seq: 288, expected: 'ab12', found: 'cd34' }, resolvedAt: null },
      { id: 2, at: at(19, 10), office: 'DWK-HBJ', kind: 'sequence_conflict', detail: { sequence: 2 }, resolvedAt: null },
      { id: 3, at: at(3, 10), office: 'DWK-XJL', kind: 'chain_fork', detail: {}, resolvedAt: at(4, 10) },
    ];
    const receipts: string[] = [];
    const overrides: Partial<Handlers> = {
      'bureau.offices': () => ({ bureau: { id: 'b-1', name: '石嘴山市民政局' }, offices, totals: { residents: 800000, households: 260000, facilities: 40 } }),
      'bureau.alarms': (input) => ({ items: alarms.filter((a) => !input.open || a.resolvedAt === null) }),
      'bureau.alarms.resolve': (input) => {
        alarms.find((a) => a.id === input.id)!.resolvedAt = at(21);
        return { id: input.id };
      },
      'bureau.duplicates': () => ({
        total: 250,
        items: [
          {
            idMasked: '640202********1234',
            entries: [
              { office: 'DWK-HBJ', officeName: '河滨街道社区服务中心', residentId: 'r1', name: '马德明' },
              { office: 'DWK-XJL', officeName: '新街路社区', residentId: 'r2', name: '马德明' },
            ],
          },
        ],
      }),
      'bureau.receipt': (input, ctx) => {
        const folder = chosenFolder(ctx, input.folder, ['folder']);
        const file = path.join(folder, `${input.officeCode}-receipt-000007.cdreceipt`);
        receipts.push(file);
        return { office: input.officeCode, file, receiptSeq: 7 };
      },
    };
    return { overrides, receipts };
  }

  it('offices with their gaps, held bundles, alarms and records; city totals; alarms resolved; duplicates; a receipt written per office', async () => {
    const { overrides, receipts } = views();
    await startBureau(overrides);
    const { user, page } = await openBureau();
    expect(within(page).getByTestId('bureau-name').textContent).toBe('石嘴山市民政局');

    const totals = within(page).getByTestId('bureau-totals');
    expect(totals.textContent).toContain('已登记社区 2 个');
    expect(within(totals).getAllByTestId('bureau-total').map((t) => t.textContent)).toEqual(['居民 800,000 人', '户 260,000 户', '养老机构/站点 40 个']);

    const rows = within(page).getAllByTestId('bureau-office-row');
    const hbj = rows.find((r) => r.getAttribute('data-code') === 'DWK-HBJ')!;
    expect(within(hbj).getByTestId('bureau-office-applied').textContent).toBe('第 1 号');
    expect(within(hbj).getByTestId('bureau-office-missing').textContent).toBe('缺号第 2 号');
    expect(within(hbj).getByTestId('bureau-office-held').textContent).toBe('暂存第 3、4 号');
    expect(within(hbj).getByTestId('bureau-office-alarms').textContent).toBe('2 条');
    expect(within(hbj).getByTestId('bureau-office-counts').textContent).toBe('居民 120,500 人、户 41,000 户、养老机构/站点 3 个、mystery_table：7');
    const xjl = rows.find((r) => r.getAttribute('data-code') === 'DWK-XJL')!;
    expect(within(xjl).getByTestId('bureau-office-last').textContent).toBe('尚未收到');
    expect(xjl.textContent).toContain('尚未报送');
    expect(within(xjl).getByTestId('bureau-office-alarms').textContent).toBe('无');

    // A receipt for one office, into a folder chosen in the dialog.
    const folder = makeTempDir('civicdesk-receipt-');
    await user.click(within(hbj).getByTestId('bureau-receipt'));
    await typePath(user, folder);
    const written = await within(page).findByTestId('bureau-receipt-result');
    expect(receipts).toEqual([path.join(folder, 'DWK-HBJ-receipt-000007.cdreceipt')]);
    expect(written.textContent).toBe(`已为河滨街道社区服务中心写出第 7 号回执：${receipts[0]}`);

    // Alarms: the open ones, in words; resolving one takes it off the open list; all of them on request.
    const alarms = within(page).getByTestId('bureau-alarms');
    await waitFor(() => expect(within(alarms).getAllByTestId('bureau-alarm-row')).toHaveLength(2));
    const fork = within(alarms).getAllByTestId('bureau-alarm-row').find((r) => r.getAttribute('data-kind') === 'audit_fork')!;
    expect(fork.textContent).toContain('审计日志被改写（与已确认的链头不一致）');
    expect(fork.textContent).toContain('审计记录序号：288、应为：ab12、实际：cd34');
    await user.click(within(fork).getByTestId('bureau-alarm-resolve'));
    await waitFor(() => expect(within(alarms).getAllByTestId('bureau-alarm-row')).toHaveLength(1));
    expect(within(alarms).getByTestId('bureau-alarm-row').textContent).toContain('同一序号出现内容不同的数据包');
    await user.click(within(alarms).getByTestId('bureau-alarms-all'));
    await waitFor(() => expect(within(alarms).getAllByTestId('bureau-alarm-row')).toHaveLength(3));
    expect(alarms.textContent).toContain('已处理');

    const duplicates = within(page).getByTestId('bureau-duplicates');
    expect(within(duplicates).getByTestId('bureau-duplicates-total').textContent).toBe('共 250 人在两个以上社区登记，这里列出前 1 人。');
    const duplicate = within(duplicates).getByTestId('bureau-duplicate-row');
    expect(duplicate.textContent).toContain('640202********1234');
    expect(duplicate.textContent).toContain('马德明 — 河滨街道社区服务中心（DWK-HBJ）');
    expect(duplicate.textContent).toContain('马德明 — 新街路社区（DWK-XJL）');
  }, 60_000);

  it('a viewer sees the picture but is offered no enrolling, intake, receipts or resolving', async () => {
    const started = await startBureau(views().overrides);
    await started.createUser('viewer1', 'viewer', 'viewer1234');
    const { page } = await openBureau('viewer1', 'viewer1234');
    await waitFor(() => expect(within(page).getAllByTestId('bureau-office-row')).toHaveLength(2));
    await waitFor(() => expect(within(page).getAllByTestId('bureau-alarm-row')).toHaveLength(2));
    for (const id of ['bureau-enroll-open', 'bureau-import-open', 'bureau-receipt', 'bureau-alarm-resolve']) {
      expect(within(page).queryByTestId(id), id).toBeNull();
    }
  }, 30_000);

  it('says calmly when the bureau’s views cannot be read, and still offers enrolling', async () => {
    await startBureau({
      'bureau.offices': () => {
        throw new ContractFailure('INTERNAL');
      },
    });
    const { page } = await openBureau();
    expect((await within(page).findByTestId('bureau-offices-error')).textContent).toContain('系统出现意外错误');
    expect(within(page).getByTestId('bureau-enroll-open')).toBeTruthy();
  }, 30_000);
});
