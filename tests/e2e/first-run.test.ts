/**
 * The real UI in Debian's Chromium, through the browser preview, against the real core and a real
 * database file: first-run setup, sign-in, a wrong password, English and back, sign-out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchBrowser, startPreview, tempDir, type Preview } from './support/preview';

describe('first run in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir();
    preview = await startPreview(path.join(dir, '朝阳街社区.db'));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => {
      throw error;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('shows the setup screen on a new database, in Chinese, and refuses bad input next to the field', async () => {
    await page.goto(preview.url);
    await page.getByTestId('setup-office-code').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByTestId('setup-office-code').fill('DWK-CYJ');
    await page.getByTestId('setup-office-name').fill('朝阳街社区');
    await page.getByTestId('setup-division').fill('64020');
    await page.getByTestId('setup-admin-username').fill('admin');
    await page.getByTestId('setup-admin-display-name').fill('王主任');
    await page.getByTestId('setup-admin-password').fill('secret1234');
    await page.getByTestId('setup-admin-password-confirm').fill('secret1244');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => page.getByText('行政区划代码应为 6 位数字').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('两次输入的密码不一致').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('setup-errors.png') });
  });

  it('creates the office, shows the recovery key once, then lands in the app shell', async () => {
    await page.getByTestId('setup-division').fill('640202');
    await page.getByTestId('setup-admin-password-confirm').fill('secret1234');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('recovery-key').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('recovery-key').innerText()).toMatch(/^([0-9A-Z]{6}-){7}[0-9A-Z]{6}$/);
    await page.screenshot({ path: artifactPath('recovery-key.png') });
    expect(await page.getByTestId('recovery-key-continue').isDisabled()).toBe(true);
    await page.getByTestId('recovery-key-kept').check();
    await page.getByTestId('recovery-key-continue').click();
    await page.getByTestId('app-shell').waitFor({ timeout: 30_000 });
    expect(await page.getByText('朝阳街社区').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('home.png') });
  });

  it('signs out, refuses a wrong password with a Chinese message, and signs in', async () => {
    await signOut(page);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
    await page.screenshot({ path: artifactPath('login-wrong-password.png') });
    await page.getByTestId('login-password').fill('secret1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-shell').waitFor();
  });

  it('switches the whole UI to English in Settings and back to Chinese', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByText('Residents').count()).toBeGreaterThan(0);
    expect(await page.getByText('居民').count()).toBe(0);
    await page.screenshot({ path: artifactPath('settings-english.png') });
    await page.getByTestId('language-zh-CN').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByText('居民').count()).toBeGreaterThan(0);
  });

  it('keeps the office database encrypted on disk: no file in its folder is plain SQLite', () => {
    const files = fs.readdirSync(dir);
    expect(files).toContain('朝阳街社区.db');
    expect(files).toContain('朝阳街社区.db.keys');
    for (const name of files) {
      const head = fs.readFileSync(path.join(dir, name)).subarray(0, 16).toString('latin1');
      expect(head, name).not.toBe('SQLite format 3\0');
    }
    const keys = fs.readFileSync(path.join(dir, '朝阳街社区.db.keys'), 'utf8');
    expect(keys).not.toContain('secret1234');
  });

  it('signs out back to the login screen, and the core forgets the session', async () => {
    await signOut(page);
    await page.getByTestId('login-username').waitFor();
    await page.reload();
    await page.getByTestId('login-username').waitFor();
    expect(await page.getByTestId('app-shell').count()).toBe(0);
  });
});

async function signOut(page: Page) {
  const direct = page.getByTestId('logout-button');
  if ((await direct.count()) === 0 || !(await direct.first().isVisible())) await page.getByTestId('user-menu').click();
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-username').waitFor();
}
