/**
 * 数据报送 in the real UI (browser preview, Debian's Chromium, real core, real database files): a
 * bureau database made with the core (setup, `bureau.init`, `bureau.enroll` writing the office's
 * enrollment file); the office imports that file with its one-time code through the typed-path
 * window, exports its first bundle to a folder and sees it listed as exported there; then the
 * bureau's own database in the preview enrolls another office and shows its one-time code. Each
 * state passes axe-core's WCAG 2.1 A/AA rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD } from '../support/office';
import { expectOk } from '../support/results';
import { setupBureau } from '../support/sync';
import { disposeTestResources } from '../support/temp-dir';
import { axeViolations, formatViolations } from './support/axe';
import { artifactPath, launchBrowser, previewApi, startPreview, tempDir, type Preview } from './support/preview';

const OFFICE_ADMIN = { username: 'admin', password: 'secret1234' };

describe('sync with the bureau in the browser preview', () => {
  let dir: string;
  let officeDir: string;
  let bureauDb: string;
  let enrollment: { file: string; code: string };
  let preview: Preview | undefined;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = tempDir('civicdesk-e2e-sync-');
    officeDir = path.join(dir, '朝阳街社区');
    const bureauDir = path.join(dir, '市民政局');
    fs.mkdirSync(officeDir);
    fs.mkdirSync(bureauDir);
    // The bureau: its database and the office's enrollment file, which reaches the office's folder (a USB stick, an e-mail).
    const bureau = await setupBureau(bureauDir);
    bureauDb = bureau.t.dbPath;
    const file = path.join(officeDir, '市局来件', 'DWK-CYJ.cdenroll');
    fs.mkdirSync(path.dirname(file));
    const made = expectOk(await bureau.t.call(bureau.conn, 'bureau.enroll', { officeCode: 'DWK-CYJ', officeName: '朝阳街社区', out: file }));
    enrollment = { file, code: made.oneTimeCode };
    await bureau.t.close();

    preview = await startPreview(path.join(officeDir, '朝阳街社区.db'));
    const api = previewApi(() => preview!, 'e2e-sync-setup');
    await api('office.setup', {
      office: { code: 'DWK-CYJ', name: '朝阳街社区', divisionCode: '640202' },
      admin: { username: OFFICE_ADMIN.username, displayName: '王主任', password: OFFICE_ADMIN.password },
    });
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
});
