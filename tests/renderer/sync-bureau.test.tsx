/**
 * 数据报送 on a bureau's database (`bureau.init` run on it), in the whole app over the real core and
 * real offices: office databases enrolled with this bureau make real bundles, the bureau takes them in
 * (through the screen, or beforehand through the core), writes real receipts that the offices import,
 * and raises a real alarm when an office that went back to an old backup sends a second, different
 * bundle under a sequence already received. The screens show it as a clerk would read it: each
 * file's outcome and why, the offices' gaps and held bundles, the city's totals and figures for a
 * period, alarms in words, residents registered in two offices, a standard published; each role is
 * offered only what it may do.
 *
 * One handler override is left, for a state that cannot be made for real: a view the core fails to read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import type { IntakeResult, MethodOutput } from '../../shared/contract';
import type { Handlers } from '../../electron/core/handlers';
import { ContractFailure } from '../../electron/core/errors';
import { maskIdNumber, maskIdNumberStrict } from '../../shared/domain/id-number';
import { createTestHost } from '../support/test-host';
import { SETUP_INPUT, login, newConnection, ADMIN_PASSWORD } from '../support/office';
import { expectOk } from '../support/results';
import { newIdNumber } from '../support/residents-registry';
import type { TestSyncOffice } from '../support/sync';
import { cutShort, eldercareWork, nextBundle, officeEnrolledBy, resident, sameSequenceTwice, type EnrollAt } from '../support/sync-scenes';
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

/** The connection the tests' own bureau calls go through (its administrator, signed in); the app has its own. */
const SEED = 'seed-bureau';

/** A bureau: the office set up as usual, then made a bureau by `bureau.init`, as the CLI does. */
async function startBureau(handlerOverrides: Partial<Handlers> = {}): Promise<CoreHarness> {
  const started = startCore({ handlerOverrides });
  core = started;
  await started.seedOffice();
  expectOk(await started.call(SEED, 'accounts.login', { username: ADMIN.username, password: ADMIN.password }));
  expectOk(await started.host.runJob(SEED, 'bureau.init', { name: '石嘴山市民政局' }));
  return started;
}

/** The bureau enrolling an office, as its administrator would (the file's place granted as the save dialog grants it). */
function enrollAt(bureau: CoreHarness): EnrollAt {
  return async (officeCode, officeName, out) => {
    const file = bureau.host.grantFile(SEED, { path: out, use: 'write' });
    const made = expectOk(await bureau.call(SEED, 'bureau.enroll', { officeCode, officeName, out: file.handle })) as MethodOutput<'bureau.enroll'>;
    return made.oneTimeCode;
  };
}

/** Bundle files taken in by the bureau through the core (the files granted as the open dialog grants them). */
async function takeIn(bureau: CoreHarness, files: string[]): Promise<IntakeResult[]> {
  const handles = files.map((file) => bureau.host.grantFile(SEED, { path: file, use: 'read' }).handle);
  const out = expectOk(await bureau.host.runJob(SEED, 'bureau.import', { files: handles })) as MethodOutput<'bureau.import'>;
  return out.results;
}

/** The bureau's receipt for an office, written by the core into a folder of its own: the file. */
async function receiptOf(bureau: CoreHarness, office: TestSyncOffice): Promise<string> {
  const folder = bureau.host.grantFile(SEED, { path: makeTempDir('civicdesk-receipt-'), use: 'folder' });
  return (expectOk(await bureau.call(SEED, 'bureau.receipt', { officeCode: office.code, folder: folder.handle })) as MethodOutput<'bureau.receipt'>).file;
}

/** The office imports the bureau's receipt (its clerk, by path as the CLI does). */
async function officeTakes(office: TestSyncOffice, receipt: string) {
  return expectOk(await office.t.call(office.office.adminConn, 'sync.receipt.import', { file: receipt }));
}

/** The rows each applied bundle of an office wrote, by sequence, as the bureau's audit trail records them. */
function rowsApplied(bureau: CoreHarness, office: string): Map<number, number> {
  const details = bureau.host.db.prepare("SELECT detail FROM audit_log WHERE action = 'bureau.import' ORDER BY seq").pluck().all() as string[];
  const applied = details.map((d) => JSON.parse(d) as { office: string; sequence: number; status: string; rows?: number }).filter((d) => d.office === office && d.status === 'applied');
  return new Map(applied.map((d) => [d.sequence, d.rows ?? 0]));
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

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

const officeRow = (page: HTMLElement, code: string) => within(page).getAllByTestId('bureau-office-row').find((r) => r.getAttribute('data-code') === code)!;

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
  it('adds files one at a time, takes them in together — applied, duplicate, held for the missing one, cut short, not a bundle — writes the receipts the offices import, and applies the held one when the gap fills', async () => {
    const bureau = await startBureau();
    const hbj = await officeEnrolledBy(enrollAt(bureau), 'DWK-HBJ', '河滨街道社区服务中心');
    const xjl = await officeEnrolledBy(enrollAt(bureau), 'DWK-XJL', '新街路社区');
    await resident(hbj, '马德明');
    const b1 = await nextBundle(hbj);
    await resident(hbj, '高桂兰');
    const b2 = await nextBundle(hbj);
    await resident(hbj, '陈建国');
    const b3 = await nextBundle(hbj);
    await resident(xjl, '李秀英');
    const x1 = await nextBundle(xjl);

    // One USB stick with what reached the bureau: bundle 1 (and a copy of it), bundle 3 but not 2,
    // the other office's bundle cut short by a pulled stick, and a photo that is no bundle.
    const usb = makeTempDir('civicdesk-usb-');
    const files = [
      path.join(usb, path.basename(b1)),
      path.join(usb, '副本 ' + path.basename(b1)),
      path.join(usb, path.basename(b3)),
      cutShort(x1, usb),
      path.join(usb, '照片.cdbundle'),
    ];
    fs.copyFileSync(b1, files[0]);
    fs.copyFileSync(b1, files[1]);
    fs.copyFileSync(b3, files[2]);
    fs.writeFileSync(files[4], Buffer.from('\xff\xd8\xff\xe0 JFIF', 'latin1'));
    const receiptsDir = makeTempDir('civicdesk-receipts-');

    const { user, page } = await openBureau();
    await user.click(within(page).getByTestId('bureau-import-open'));
    const start = await screen.findByTestId('bureau-import-start');
    expect(start.hasAttribute('disabled')).toBe(true);
    for (const file of files) {
      await user.click(screen.getByTestId('bureau-import-add'));
      await typePath(user, file);
    }
    // The same file twice is listed once.
    await user.click(screen.getByTestId('bureau-import-add'));
    await typePath(user, files[0]);
    expect(screen.getAllByTestId('bureau-import-file')).toHaveLength(5);
    await user.click(screen.getByTestId('bureau-import-receipts-choose'));
    await typePath(user, receiptsDir);
    expect(screen.getByTestId('bureau-import-start').textContent).toBe('接收 5 个数据包');
    await user.click(screen.getByTestId('bureau-import-start'));

    const results = await screen.findByTestId('bureau-import-results', {}, { timeout: 20_000 });
    expect(within(results).getByTestId('bureau-import-summary').textContent).toBe('共 5 个文件：入库 1 个，重复 1 个，暂存 1 个，拒收 2 个。');
    const rows = within(results).getAllByTestId('bureau-import-result');
    // In the order given, each under its path.
    rows.forEach((row, i) => expect(row.textContent).toContain(files[i]));
    const [applied, copy, held, cut, photo] = rows;
    expect(within(applied).getByTestId('intake-status').textContent).toBe('已入库');
    expect(applied.textContent).toContain('DWK-HBJ');
    const rows1 = rowsApplied(bureau, 'DWK-HBJ').get(1)!;
    expect(rows1).toBeGreaterThan(2);
    expect(applied.textContent).toContain(rows1.toLocaleString('zh-CN'));
    expect(within(copy).getByTestId('intake-status').textContent).toBe('重复（未改动）');
    expect(within(held).getByTestId('intake-status').textContent).toBe('暂存');
    // The intake says which bundle it waits for.
    expect(within(held).getByTestId('bureau-import-reason').textContent).toBe('等待第 2 号数据包');
    expect(within(cut).getByTestId('intake-status').textContent).toBe('已拒收');
    expect(within(cut).getByTestId('bureau-import-reason').textContent).toBe('数据包不完整（可能拷贝中断），请重新导出');
    // Whose it claimed to be, read from its whole header.
    expect(cut.textContent).toContain('DWK-XJL');
    expect(within(photo).getByTestId('bureau-import-reason').textContent).toBe('这不是 CivicDesk 数据包');
    expect(photo.textContent).toContain('—');

    // A receipt for each office a file came from, really written, and what the office makes of it.
    const written = within(results).getByTestId('bureau-import-receipts-written');
    const receipts = fs.readdirSync(receiptsDir).filter((n) => n.endsWith('.cdreceipt')).sort();
    expect(receipts).toEqual(['DWK-HBJ-receipt-000001.cdreceipt', 'DWK-XJL-receipt-000001.cdreceipt']);
    for (const name of receipts) expect(written.textContent).toContain(path.join(receiptsDir, name));
    const taken = await officeTakes(hbj, path.join(receiptsDir, receipts[0]));
    expect(taken.acknowledgedSequence).toBe(1);
    expect(taken.bundles).toContainEqual({ sequence: 3, status: 'held', reason: 'waiting_for' });
    // The cut copy is the bureau's to see: refused before its signature was checked, it proves nothing about the office.
    expect((await officeTakes(xjl, path.join(receiptsDir, receipts[1]))).bundles).toEqual([]);

    // Behind the dialog, the offices' table has moved: bundle 1 in, 2 missing, 3 held.
    const hbjRow = officeRow(page, 'DWK-HBJ');
    await waitFor(() => expect(within(hbjRow).getByTestId('bureau-office-applied').textContent).toBe('第 1 号'));
    expect(within(hbjRow).getByTestId('bureau-office-missing').textContent).toBe('缺号第 2 号');
    expect(within(hbjRow).getByTestId('bureau-office-held').textContent).toBe('暂存第 3 号');

    // More: an empty list again; bundle 2 arrives, and releases bundle 3.
    await user.click(screen.getByTestId('bureau-import-again'));
    expect(screen.queryByTestId('bureau-import-results')).toBeNull();
    expect(screen.queryAllByTestId('bureau-import-file')).toHaveLength(0);
    await user.click(screen.getByTestId('bureau-import-add'));
    await typePath(user, b2);
    await user.click(screen.getByTestId('bureau-import-start'));
    const again = await screen.findByTestId('bureau-import-results', {}, { timeout: 20_000 });
    const two = within(again).getByTestId('bureau-import-result');
    expect(within(two).getByTestId('intake-status').textContent).toBe('已入库');
    // Its rows and bundle 3's, applied after it.
    const byBundle = rowsApplied(bureau, 'DWK-HBJ');
    expect([...byBundle.keys()]).toEqual([1, 2, 3]);
    expect(two.textContent).toContain((byBundle.get(2)! + byBundle.get(3)!).toLocaleString('zh-CN'));
    await user.click(screen.getByTestId('bureau-import-close'));
    await waitFor(() => expect(within(officeRow(page, 'DWK-HBJ')).getByTestId('bureau-office-applied').textContent).toBe('第 3 号'));
    expect(officeRow(page, 'DWK-HBJ').textContent).toContain('无');
    expect(within(officeRow(page, 'DWK-HBJ')).queryByTestId('bureau-office-held')).toBeNull();
  }, 90_000);
});

/**
 * A city for the bureau's views, made for real: 河滨 (elderly-care work, a resident 马德明) sends
 * bundle 1 and bundle 3 (2 never arrives); 新街路 registers the same 马德明 (one ID number), sends its
 * bundle 1, then goes back to a backup taken before it and sends another bundle 1 (the alarm);
 * 胜利街 is enrolled but has sent nothing.
 */
async function city(bureau: CoreHarness) {
  const enroll = enrollAt(bureau);
  const hbj = await officeEnrolledBy(enroll, 'DWK-HBJ', '河滨街道社区服务中心');
  const xjl = await officeEnrolledBy(enroll, 'DWK-XJL', '新街路社区');
  await enroll('DWK-SLJ', '胜利街社区', path.join(makeTempDir('civicdesk-enroll-'), 'DWK-SLJ.cdenroll'));
  const shared = newIdNumber();
  await resident(hbj, '马德明', shared);
  await eldercareWork(hbj);
  const h1 = await nextBundle(hbj);
  await resident(hbj, '高桂兰');
  await nextBundle(hbj);
  await resident(hbj, '陈建国');
  const h3 = await nextBundle(hbj);
  await resident(xjl, '马德明', shared);
  const twice = await sameSequenceTwice(xjl, () => resident(xjl, '李秀英'));
  const results = await takeIn(bureau, [h1, h3, twice.first, twice.second]);
  expect(results.map((r) => [r.office, r.sequence, r.status, r.reason ?? null])).toEqual([
    ['DWK-HBJ', 1, 'applied', null],
    ['DWK-HBJ', 3, 'held', 'waiting_for'],
    ['DWK-XJL', 1, 'applied', null],
    ['DWK-XJL', 1, 'rejected', 'sequence_conflict'],
  ]);
  return { hbj, xjl, shared, twice };
}

describe('bureau: the city’s picture', () => {
  it('offices with their gaps, held bundles, alarms and records; city totals; a receipt written per office that the office takes', async () => {
    const bureau = await startBureau();
    const { hbj } = await city(bureau);
    const { user, page } = await openBureau();
    expect(within(page).getByTestId('bureau-name').textContent).toBe('石嘴山市民政局');

    const totals = within(page).getByTestId('bureau-totals');
    expect(totals.textContent).toContain('已登记社区 3 个');
    // What the applied bundles hold (新街路's second bundle 1 was refused; 河滨's bundle 3 is held): tables with nothing are not listed.
    const shown = within(totals).getAllByTestId('bureau-total');
    expect(Object.fromEntries(shown.map((t) => [t.getAttribute('data-table'), Number(t.getAttribute('data-value'))]))).toEqual({ residents: 3, households: 3, facilities: 1, service_orders: 1, users: 2 });
    expect(shown.map((t) => t.textContent)).toEqual(['居民 3 人', '户 3 户', '养老机构/站点 1 个', '服务工单 1 张', '用户 2 个']);

    const hbjRow = officeRow(page, 'DWK-HBJ');
    expect(within(hbjRow).getByTestId('bureau-office-applied').textContent).toBe('第 1 号');
    expect(within(hbjRow).getByTestId('bureau-office-missing').textContent).toBe('缺号第 2 号');
    expect(within(hbjRow).getByTestId('bureau-office-held').textContent).toBe('暂存第 3 号');
    expect(within(hbjRow).getByTestId('bureau-office-alarms').textContent).toBe('无');
    expect(within(hbjRow).getByTestId('bureau-office-counts').textContent).toBe('居民 2 人、户 2 户、养老机构/站点 1 个、服务工单 1 张、用户 1 个');
    const xjlRow = officeRow(page, 'DWK-XJL');
    expect(within(xjlRow).getByTestId('bureau-office-applied').textContent).toBe('第 1 号');
    expect(within(xjlRow).getByTestId('bureau-office-alarms').textContent).toBe('1 条');
    expect(within(xjlRow).getByTestId('bureau-office-counts').textContent).toBe('居民 1 人、户 1 户、用户 1 个');
    const sljRow = officeRow(page, 'DWK-SLJ');
    expect(within(sljRow).getByTestId('bureau-office-last').textContent).toBe('尚未收到');
    expect(within(sljRow).getByTestId('bureau-office-applied').textContent).toBe('—');
    expect(sljRow.textContent).toContain('尚未报送');

    // A receipt for one office, into a folder chosen in the dialog; the office takes it.
    const folder = makeTempDir('civicdesk-receipt-');
    await user.click(within(hbjRow).getByTestId('bureau-receipt'));
    await typePath(user, folder);
    const written = await within(page).findByTestId('bureau-receipt-result');
    const file = path.join(folder, 'DWK-HBJ-receipt-000001.cdreceipt');
    expect(written.textContent).toBe(`已为河滨街道社区服务中心写出第 1 号回执：${file}`);
    const taken = await officeTakes(hbj, file);
    expect(taken).toMatchObject({ receiptSeq: 1, acknowledgedSequence: 1, bundles: [{ sequence: 1, status: 'applied' }, { sequence: 3, status: 'held', reason: 'waiting_for' }] });
    // The next one counts on.
    await user.click(within(hbjRow).getByTestId('bureau-receipt'));
    await typePath(user, folder);
    await waitFor(() => expect(within(page).getByTestId('bureau-receipt-result').textContent).toContain('第 2 号回执'));
  }, 120_000);

  it('the alarm in words, with what the intake wrote of it; resolved, it leaves the open list; residents registered in two offices, masked', async () => {
    const bureau = await startBureau();
    const { shared, twice } = await city(bureau);
    const { user, page } = await openBureau();

    const alarms = within(page).getByTestId('bureau-alarms');
    const alarm = await within(alarms).findByTestId('bureau-alarm-row');
    expect(alarm.getAttribute('data-kind')).toBe('sequence_conflict');
    expect(alarm.textContent).toContain('同一序号出现内容不同的数据包');
    expect(alarm.textContent).toContain('DWK-XJL');
    const lines = within(alarm).getByTestId('bureau-alarm-detail').children;
    const detail = Object.fromEntries([...lines].map((l) => [l.getAttribute('data-key'), l.textContent]));
    expect(Object.keys(detail)).toEqual(['sequence', 'bundleId', 'sha256', 'knownSha256']);
    expect(detail.sequence).toBe('数据包序号：1');
    expect(detail.bundleId).toMatch(/^数据包编号：[0-9a-f-]{36}$/);
    // The refused file's hash and the one received first, each as its first 12 characters (the whole one its title).
    expect(detail.sha256).toBe(`本数据包校验值：${sha256(twice.second).slice(0, 12)}…`);
    expect(detail.knownSha256).toBe(`先到数据包的校验值：${sha256(twice.first).slice(0, 12)}…`);
    expect([...lines].find((l) => l.getAttribute('data-key') === 'sha256')!.getAttribute('title')).toBe(sha256(twice.second));

    await user.click(within(alarm).getByTestId('bureau-alarm-resolve'));
    await waitFor(() => expect(within(alarms).getByTestId('bureau-alarms-empty').textContent).toBe('没有未处理的报警。'));
    await waitFor(() => expect(within(officeRow(page, 'DWK-XJL')).getByTestId('bureau-office-alarms').textContent).toBe('无'));
    await user.click(within(alarms).getByTestId('bureau-alarms-all'));
    await waitFor(() => expect(within(alarms).getAllByTestId('bureau-alarm-row')).toHaveLength(1));
    expect(within(alarms).getByTestId('bureau-alarm-row').textContent).toContain('已处理');
    expect(within(alarms).queryByTestId('bureau-alarm-resolve')).toBeNull();

    const duplicates = within(page).getByTestId('bureau-duplicates');
    expect(within(duplicates).getByTestId('bureau-duplicates-total').textContent).toBe('共 1 人在两个以上社区登记。');
    const duplicate = within(duplicates).getByTestId('bureau-duplicate-row');
    // The administrator may see ID numbers: the usual mask, never the whole number.
    expect(duplicate.textContent).toContain(maskIdNumber(shared));
    expect(duplicate.textContent).not.toContain(shared);
    expect(duplicate.textContent).toContain('马德明 — 河滨街道社区服务中心（DWK-HBJ）');
    expect(duplicate.textContent).toContain('马德明 — 新街路社区（DWK-XJL）');
  }, 120_000);

  it('the figures by office for this year, another year and dates of one’s own, with the city’s total; an end before the start is refused under it', async () => {
    const bureau = await startBureau();
    await city(bureau);
    const { user, page } = await openBureau();
    const stats = within(page).getByTestId('bureau-stats');
    const year = new Date().getFullYear();
    const table = await within(stats).findByTestId('bureau-stats-table');
    expect(within(stats).getByTestId<HTMLSelectElement>('bureau-stats-period').value).toBe(String(year));
    expect([table.getAttribute('data-from'), table.getAttribute('data-to')]).toEqual([`${year}-01-01`, `${year}-12-31`]);
    expect(within(table).getAllByTestId('bureau-stats-figure').map((th) => th.textContent)).toEqual(['养老服务人次', '服务老人数', '在运营养老服务设施']);
    const values = (row: HTMLElement) => [...row.querySelectorAll('td')].map((td) => td.textContent);
    const byOffice = () => Object.fromEntries(within(stats).getAllByTestId('bureau-stats-row').map((r) => [r.getAttribute('data-code'), values(r)]));
    // Every enrolled office has its row; only applied bundles count (新街路's refused one does not).
    expect(byOffice()).toEqual({ 'DWK-HBJ': ['1', '1', '1'], 'DWK-SLJ': ['0', '0', '0'], 'DWK-XJL': ['0', '0', '0'] });
    expect(values(within(stats).getByTestId('bureau-stats-totals'))).toEqual(['1', '1', '1']);
    expect(within(stats).getByTestId('bureau-stats-totals').textContent).toContain('全市合计');

    // Last year: no service was delivered then; the facility operates whatever the period.
    await user.selectOptions(within(stats).getByTestId('bureau-stats-period'), String(year - 1));
    await waitFor(() => expect(within(stats).getByTestId('bureau-stats-table').getAttribute('data-from')).toBe(`${year - 1}-01-01`));
    await waitFor(() => expect(byOffice()['DWK-HBJ']).toEqual(['0', '0', '1']));

    // Dates of one's own: from the start of this year to today; then an end before the start.
    await user.selectOptions(within(stats).getByTestId('bureau-stats-period'), 'custom');
    const from = within(stats).getByTestId<HTMLInputElement>('bureau-stats-from');
    const to = within(stats).getByTestId<HTMLInputElement>('bureau-stats-to');
    expect(from.value).toBe(`${year}-01-01`);
    await waitFor(() => expect(byOffice()['DWK-HBJ']).toEqual(['1', '1', '1']));
    await user.clear(to);
    await user.type(to, `${year - 1}-12-31`);
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    expect(stats.textContent).toContain('截止日期不能早于起始日期。');
  }, 120_000);
});

describe('bureau: publishing a standard', () => {
  it('an administrator publishes the elderly-care standards from a JSON file: a file of the wrong form is refused under the file, the right one shows its version — and the office that takes the next receipt has them', async () => {
    const bureau = await startBureau();
    const hbj = await officeEnrolledBy(enrollAt(bureau), 'DWK-HBJ', '河滨街道社区服务中心');
    await resident(hbj, '马德明');
    await takeIn(bureau, [await nextBundle(hbj)]);
    const folder = makeTempDir('civicdesk-standards-');
    const wrong = path.join(folder, '标准（错）.json');
    fs.writeFileSync(wrong, JSON.stringify({ allowanceBands: '很多' }));
    const right = path.join(folder, '2027年养老服务标准.json');
    const standards = {
      allowanceBands: [{ fromAge: 80, toAge: null, monthlyCents: 12_000 }],
      homeCareSubsidy: { enabled: true, minAge: 70, levels: ['severe', 'complete'], monthlyCents: 20_000 },
    };
    fs.writeFileSync(right, JSON.stringify(standards));

    const { user, page } = await openBureau();
    await user.click(within(page).getByTestId('bureau-publish-open'));
    const form = await screen.findByTestId('bureau-publish-form');
    const kind = within(form).getByTestId<HTMLSelectElement>('bureau-publish-kind');
    expect([...kind.options].map((o) => [o.value, o.textContent])).toEqual([['eldercare.standards', '养老服务标准（高龄津贴、居家养老服务补贴）']]);

    // No file: the contract's own check, under the file.
    await user.click(within(form).getByTestId('bureau-publish-submit'));
    expect(within(form).getByTestId('bureau-publish-file').getAttribute('aria-invalid')).toBe('true');

    await user.click(within(form).getByTestId('bureau-publish-choose'));
    await typePath(user, wrong);
    await user.click(within(form).getByTestId('bureau-publish-submit'));
    await waitFor(() => expect(within(form).getByTestId('bureau-publish-file').getAttribute('aria-invalid')).toBe('true'));
    // The core's words, the kind by its name.
    expect(form.textContent).toContain('文件内容不符合「养老服务标准（高龄津贴、居家养老服务补贴）」的格式：allowanceBands');
    expect(within(form).queryByTestId('bureau-publish-error')).toBeNull();
    expect(within(form).getByTestId('bureau-publish-kind').getAttribute('aria-invalid')).not.toBe('true');

    await user.click(within(form).getByTestId('bureau-publish-choose'));
    await typePath(user, right);
    expect(within(form).getByTestId('bureau-publish-file').getAttribute('aria-invalid')).not.toBe('true');
    await user.click(within(form).getByTestId('bureau-publish-submit'));
    const result = await within(form).findByTestId('bureau-publish-result');
    const version = result.getAttribute('data-version')!;
    expect(version).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(result.textContent).toBe(`已发布养老服务标准（高龄津贴、居家养老服务补贴），版本 ${version}。之后写出的每份回执都会带上它。`);
    expect(within(form).queryByTestId('bureau-publish-submit')).toBeNull();
    await user.click(within(form).getByTestId('bureau-publish-close'));

    // The next receipt carries it; the office's settings follow.
    await officeTakes(hbj, await receiptOf(bureau, hbj));
    const settings = expectOk(await hbj.t.call(hbj.office.adminConn, 'eldercare.settings.get', {}));
    expect(settings.allowanceBands).toEqual(standards.allowanceBands);
    expect(settings.homeCareSubsidy.monthlyCents).toBe(20_000);
  }, 90_000);
});

describe('bureau: what each role is offered', () => {
  it('a viewer sees the picture (ID numbers masked strictly) but is offered no enrolling, intake, publishing, receipts or resolving', async () => {
    const started = await startBureau();
    const { shared } = await city(started);
    await started.createUser('viewer1', 'viewer', 'viewer1234');
    const { page } = await openBureau('viewer1', 'viewer1234');
    await waitFor(() => expect(within(page).getAllByTestId('bureau-office-row')).toHaveLength(3));
    await waitFor(() => expect(within(page).getAllByTestId('bureau-alarm-row')).toHaveLength(1));
    await within(page).findByTestId('bureau-stats-table');
    for (const id of ['bureau-enroll-open', 'bureau-import-open', 'bureau-publish-open', 'bureau-receipt', 'bureau-alarm-resolve']) {
      expect(within(page).queryByTestId(id), id).toBeNull();
    }
    await waitFor(() => expect(within(page).getByTestId('bureau-duplicate-row').textContent).toContain(maskIdNumberStrict(shared)));
  }, 120_000);

  it('says calmly when the bureau’s views cannot be read, and still offers enrolling', async () => {
    // Kept as an override: a failure inside the core's view (a damaged bureau table, a bug) cannot be
    // made for real from a test without breaking the database the rest of the page reads.
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
