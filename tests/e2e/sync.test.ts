/**
 * 数据报送 in the real UI (browser preview, Debian's Chromium, real core, real database files): a
 * bureau database made with the core (setup, `bureau.init`, `bureau.enroll` writing the office's
 * enrollment file); the office imports that file with its one-time code through the typed-path
 * window, exports its first bundle to a folder and sees it listed as exported there; then the
 * bureau's own database in the preview enrolls another office and shows its one-time code, takes in
 * that bundle (carried over on the "stick") with another office's two different bundles 1 — that
 * office went back to an old backup: an alarm — and shows the offices, the alarm, the resident both
 * offices registered and the figures by office; it publishes the elderly-care standards and writes
 * the office's receipt, which the office imports to see its bundle acknowledged. Each state passes
 * axe-core's WCAG 2.1 A/AA rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD } from '../support/office';
import { expectOk } from '../support/results';
import { newIdNumber } from '../support/residents-registry';
import { setupBureau } from '../support/sync';
import { eldercareWork, officeEnrolledBy, resident, sameSequenceTwice } from '../support/sync-scenes';
import { disposeTestResources } from '../support/temp-dir';
import { axeViolations, formatViolations } from './support/axe';
import { artifactPath, launchBrowser, previewApi, startPreview, tempDir, type Preview } from './support/preview';

const OFFICE_ADMIN = { username: 'admin', password: 'secret1234' };

describe('sync with the bureau in the browser preview', () => {
  let dir: string;
  let officeDir: string;
  let bureauDir: string;
  let bureauDb: string;
  let enrollment: { file: string; code: string };
  /** 新街路社区's two bundles 1 (before and after it restored an old backup), on the bureau's stick. */
  let otherOffice: { first: string; second: string };
  let standards: string;
  let receipt: string;
  let preview: Preview | undefined;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = tempDir('civicdesk-e2e-sync-');
    officeDir = path.join(dir, '朝阳街社区');
    bureauDir = path.join(dir, '市民政局');
    fs.mkdirSync(officeDir);
    fs.mkdirSync(bureauDir);
    // The bureau: its database and the office's enrollment file, which reaches the office's folder (a USB stick, an e-mail).
    const bureau = await setupBureau(bureauDir);
    bureauDb = bureau.t.dbPath;
    const file = path.join(officeDir, '市局来件', 'DWK-CYJ.cdenroll');
    fs.mkdirSync(path.dirname(file));
    const made = expectOk(await bureau.t.call(bureau.conn, 'bureau.enroll', { officeCode: 'DWK-CYJ', officeName: '朝阳街社区', out: file }));
    enrollment = { file, code: made.oneTimeCode };
    // Another office, 新街路社区: the same 马德明 (one ID number) as 朝阳街, elderly-care work the
    // city's figures count, and — after going back to a backup — a second, different bundle 1.
    const shared = newIdNumber();
    const other = await officeEnrolledBy(
      async (officeCode, officeName, out) => expectOk(await bureau.t.call(bureau.conn, 'bureau.enroll', { officeCode, officeName, out })).oneTimeCode,
      'DWK-XJL',
      '新街路社区',
    );
    await resident(other, '马德明', shared);
    await eldercareWork(other);
    const twice = await sameSequenceTwice(other, () => resident(other, '李秀英'));
    const stick = path.join(bureauDir, 'U盘');
    fs.mkdirSync(stick);
    otherOffice = { first: path.join(stick, path.basename(twice.first)), second: path.join(stick, path.basename(twice.second)) };
    fs.copyFileSync(twice.first, otherOffice.first);
    fs.copyFileSync(twice.second, otherOffice.second);
    await other.t.close();
    standards = path.join(bureauDir, '标准', '2027年养老服务标准.json');
    fs.mkdirSync(path.dirname(standards));
    fs.writeFileSync(
      standards,
      JSON.stringify({
        allowanceBands: [{ fromAge: 80, toAge: null, monthlyCents: 12_000 }],
        homeCareSubsidy: { enabled: true, minAge: 70, levels: ['severe', 'complete'], monthlyCents: 20_000 },
      }),
    );
    await bureau.t.close();

    preview = await startPreview(path.join(officeDir, '朝阳街社区.db'));
    const api = previewApi(() => preview!, 'e2e-sync-setup');
    await api('office.setup', {
      office: { code: 'DWK-CYJ', name: '朝阳街社区', divisionCode: '640202' },
      admin: { username: OFFICE_ADMIN.username, displayName: '王主任', password: OFFICE_ADMIN.password },
    });
    await api('accounts.login', OFFICE_ADMIN);
    await api('residents.create', { name: '马德明', idNumber: shared, household: { mode: 'new', address: '朝阳街幸福小区3号楼' } });
    await api('accounts.logout', {});
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => {
      throw error;
    });
    await signIn(preview, OFFICE_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    await disposeTestResources();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(p: Preview, account: { username: string; password: string }) {
    await page.goto(p.url);
    await page.getByTestId('login-username').fill(account.username, { timeout: 30_000 });
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('app-shell').waitFor({ timeout: 30_000 });
  }

  /** The preview's stand-in for the system dialog: the path typed into its window. */
  async function choosePath(file: string) {
    const input = page.getByTestId('path-prompt-input');
    await input.fill(file);
    await page.getByTestId('path-prompt-ok').click();
    await input.waitFor({ state: 'detached', timeout: 10_000 });
  }

  async function expectAccessible(where: string) {
    const violations = await axeViolations(page, where);
    expect(violations, `WCAG 2.1 A/AA violations:\n${formatViolations(violations)}\n`).toEqual([]);
  }

  it('the office imports the bureau’s enrollment file with its one-time code', async () => {
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-not-enrolled').waitFor();
    await page.getByTestId('sync-enroll-open').click();
    await page.getByTestId('enroll-choose').click();
    await choosePath(enrollment.file);
    expect(await page.getByTestId('enroll-file').inputValue()).toBe(enrollment.file);
    await page.getByTestId('enroll-code').fill(enrollment.code);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('sync-enrollment').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('sync-bureau-name').innerText()).toBe('石嘴山市民政局');
    expect(await page.getByTestId('sync-bundles-empty').count()).toBe(1);
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await expectAccessible('sync (enrolled)');
  });

  it('exports the first bundle to a folder and lists it as exported there', async () => {
    const usb = path.join(officeDir, 'U盘');
    fs.mkdirSync(usb);
    await page.getByTestId('sync-export').click();
    await choosePath(usb);
    const result = page.getByTestId('sync-export-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.innerText()).toContain('已生成第 1 号数据包');
    const written = fs.readdirSync(usb).filter((name) => name.endsWith('.cdbundle'));
    expect(written).toHaveLength(1);
    expect(await result.innerText()).toContain(usb);

    const row = page.getByTestId('sync-bundle-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getAttribute('data-sequence')).toBe('1');
    expect(await row.getByTestId('bundle-state-exported').innerText()).toBe('已导出');
    expect(await row.getByTestId('bundle-exported-to').innerText()).toContain(usb);
    expect(await row.innerText()).toContain(written[0]);
    await page.screenshot({ path: artifactPath('sync-exported.png'), fullPage: true, animations: 'disabled' });
    await expectAccessible('sync (bundle exported)');
    // The badges and the result in English with the dark scheme (the next preview is another origin: its own choice).
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    expect(await row.getByTestId('bundle-state-exported').innerText()).toBe('Exported');
    await expectAccessible('sync (bundle exported) [en, dark]');
  });

  it('on the bureau’s database the same page is the bureau’s: it enrolls another office and shows the one-time code once', async () => {
    await preview?.stop();
    preview = await startPreview(bureauDb);
    await signIn(preview, { username: 'admin', password: ADMIN_PASSWORD });
    await page.getByTestId('nav-sync').click();
    const syncPage = page.getByTestId('sync-page');
    await syncPage.waitFor();
    expect(await syncPage.getAttribute('data-role')).toBe('bureau');

    await page.getByTestId('bureau-enroll-open').click();
    await page.getByTestId('bureau-enroll-code').fill('DWK-HBJ');
    await page.getByTestId('bureau-enroll-name').fill('河滨街道社区服务中心');
    await page.getByTestId('bureau-enroll-choose').click();
    const out = path.join(path.dirname(bureauDb), 'DWK-HBJ.cdenroll');
    await choosePath(out);
    await page.getByTestId('bureau-enroll-submit').click();
    const code = page.getByTestId('bureau-one-time-code');
    await code.waitFor({ timeout: 30_000 });
    expect(await code.innerText()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(fs.existsSync(out)).toBe(true);
    expect(await page.getByTestId('bureau-one-time-code-warning').innerText()).toContain('不要和登记文件放在一起发送');
    await page.screenshot({ path: artifactPath('sync-bureau-code.png'), animations: 'disabled' });
    await expectAccessible('bureau enrollment (one-time code)');

    await page.getByTestId('bureau-one-time-code-noted').check();
    await page.getByTestId('bureau-one-time-code-done').click();
    await code.waitFor({ state: 'detached' });
    await expectAccessible('bureau page');
  });
  it('the bureau takes in the office’s bundle and the other office’s two bundles 1: applied, applied, refused with an alarm', async () => {
    // The office's USB stick reaches the bureau.
    const usb = path.join(officeDir, 'U盘');
    const mine = path.join(bureauDir, 'U盘', fs.readdirSync(usb).find((name) => name.endsWith('.cdbundle'))!);
    fs.copyFileSync(path.join(usb, path.basename(mine)), mine);

    await page.getByTestId('bureau-import-open').click();
    for (const file of [mine, otherOffice.first, otherOffice.second]) {
      await page.getByTestId('bureau-import-add').click();
      await choosePath(file);
    }
    await page.getByTestId('bureau-import-start').click();
    const results = page.getByTestId('bureau-import-results');
    await results.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('bureau-import-summary').innerText()).toBe('共 3 个文件：入库 2 个，重复 0 个，暂存 0 个，拒收 1 个。');
    const statuses = await page.getByTestId('bureau-import-result').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses).toEqual(['applied', 'applied', 'rejected']);
    expect(await page.getByTestId('bureau-import-reason').nth(2).innerText()).toBe('同一序号已收到内容不同的数据包（已报警）');
    await expectAccessible('bureau intake results');
    await page.getByTestId('bureau-import-close').click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    const row = (code: string) => page.locator(`[data-testid="bureau-office-row"][data-code="${code}"]`);
    await expect.poll(() => row('DWK-CYJ').getByTestId('bureau-office-applied').innerText()).toBe('第 1 号');
    expect(await row('DWK-XJL').getByTestId('bureau-office-applied').innerText()).toBe('第 1 号');
    expect(await row('DWK-XJL').getByTestId('bureau-office-alarms').innerText()).toBe('1 条');
    expect(await row('DWK-HBJ').innerText()).toContain('尚未报送');
    const alarm = page.getByTestId('bureau-alarm-row');
    await expect.poll(() => alarm.count()).toBe(1);
    expect(await alarm.getAttribute('data-kind')).toBe('sequence_conflict');
    expect(await alarm.innerText()).toContain('同一序号出现内容不同的数据包');
    expect(await alarm.getByTestId('bureau-alarm-detail').innerText()).toContain('数据包序号：1');
    await expect.poll(() => page.getByTestId('bureau-duplicate-row').count()).toBe(1);
    expect(await page.getByTestId('bureau-duplicate-row').innerText()).toContain('马德明 — 新街路社区（DWK-XJL）');
    const stats = page.locator('[data-testid="bureau-stats-row"][data-code="DWK-XJL"] td');
    await expect.poll(() => stats.allInnerTexts()).toEqual(['1', '1', '1']);
    expect(await page.getByTestId('bureau-stats-totals').locator('td').allInnerTexts()).toEqual(['1', '1', '1']);
    await page.screenshot({ path: artifactPath('sync-bureau-data.png'), fullPage: true, animations: 'disabled' });
    await expectAccessible('bureau page with offices, an alarm, a duplicate and figures');
    // The same in English with the dark scheme (the alarm's details and the figures' names included), then back.
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    expect(await page.getByTestId('bureau-stats-figure').allInnerTexts()).toEqual(['Elderly-care person-times', 'Older people served', 'Facilities in operation']);
    expect(await alarm.getByTestId('bureau-alarm-detail').innerText()).toContain('Bundle no.: 1');
    await expectAccessible('bureau page with data [en, dark]');
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('light');
  });

  it('an administrator publishes the elderly-care standards, and writes the office’s receipt', async () => {
    await page.getByTestId('bureau-publish-open').click();
    await page.getByTestId('bureau-publish-form').waitFor();
    await expectAccessible('bureau publish dialog');
    await page.getByTestId('bureau-publish-choose').click();
    await choosePath(standards);
    await page.getByTestId('bureau-publish-submit').click();
    const published = page.getByTestId('bureau-publish-result');
    await published.waitFor({ timeout: 30_000 });
    expect(await published.innerText()).toContain('已发布养老服务标准（高龄津贴、居家养老服务补贴），版本 ');
    await page.getByTestId('bureau-publish-close').click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    const folder = path.join(bureauDir, '回执');
    fs.mkdirSync(folder);
    await page.locator('[data-testid="bureau-office-row"][data-code="DWK-CYJ"]').getByTestId('bureau-receipt').click();
    await choosePath(folder);
    const written = page.getByTestId('bureau-receipt-result');
    await written.waitFor({ timeout: 30_000 });
    receipt = path.join(folder, 'DWK-CYJ-receipt-000001.cdreceipt');
    expect(await written.innerText()).toBe(`已为朝阳街社区写出第 1 号回执：${receipt}`);
    expect(fs.existsSync(receipt)).toBe(true);
    await expectAccessible('bureau page after a receipt');
  });

  it('the office imports the receipt and sees its bundle acknowledged, with the bureau’s news in its alerts', async () => {
    // The receipt reaches the office on a stick.
    const copy = path.join(officeDir, '回执', path.basename(receipt));
    fs.mkdirSync(path.dirname(copy));
    fs.copyFileSync(receipt, copy);
    await preview?.stop();
    preview = await startPreview(path.join(officeDir, '朝阳街社区.db'));
    await signIn(preview, OFFICE_ADMIN);
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-enrollment').waitFor();
    await page.getByTestId('sync-receipt-import').click();
    await choosePath(copy);
    const result = page.getByTestId('sync-receipt-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain('已导入第 1 号回执：市局已确认到第 1 号数据包。');
    expect(await result.getByTestId('sync-receipt-bundle').allInnerTexts()).toEqual(['第 1 号：已入库']);
    // 马德明 is registered at 新街路社区 too, and the standards came with it.
    expect(await result.getByTestId('sync-receipt-alerts').innerText()).toContain('回执带来 2 条新提醒');
    const row = page.getByTestId('sync-bundle-row');
    await expect.poll(() => row.getByTestId('bundle-state-acknowledged').count()).toBe(1);
    expect(await row.getByTestId('bundle-state-acknowledged').innerText()).toBe('市局已确认');
    expect(await row.getByTestId('bundle-bureau-status').innerText()).toBe('已入库');
    expect(await page.getByTestId('sync-acknowledged').innerText()).toContain('市局已确认收到第 1 号及以前的数据包');
    await page.screenshot({ path: artifactPath('sync-acknowledged.png'), fullPage: true, animations: 'disabled' });
    await expectAccessible('sync (receipt imported)');
  });
});
