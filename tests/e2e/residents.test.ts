/**
 * Residents in the real UI (browser preview, Debian's Chromium, real core, real database file):
 * register a resident with the keyboard alone, see the duplicate warning for a namesake born the
 * same day, find the first by pinyin initials, and edit one record in two windows at once — the
 * second save gets the conflict (STALE_VERSION) message; a form's last keystrokes survive the window
 * going away; then merge the two households and split them again from the household card.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { composeIdNumber, maskIdNumber } from '../../shared/domain/id-number';
import { artifactPath, launchBrowser, previewApi, startPreview, tempDir, type Preview } from './support/preview';

const ADMIN = { username: 'admin', password: 'secret1234' };
const DEMO_RESIDENTS = 3000;
/** A rare compound surname: pinyin initials `oyjw` match nobody in the demo data. */
const NAME = '欧阳靖雯';
const BIRTH = '1956-10-03';
const FIRST_ID = composeIdNumber('640202', BIRTH, 482);
const SECOND_ID = composeIdNumber('640221', BIRTH, 606);

describe('residents in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let firstUrl = '';

  /** The office is set up through the HTTP API with the preview's token, as a script would. */
  const api = previewApi(() => preview, 'e2e-residents-setup');

  beforeAll(async () => {
    preview = await startPreview(path.join(tempDir(), '朝阳街社区.db'));
    await api('office.setup', {
      office: { code: 'DWK-CYJ', name: '朝阳街社区', divisionCode: '640202' },
      admin: { username: ADMIN.username, displayName: '王主任', password: ADMIN.password },
    });
    await api('accounts.login', ADMIN);
    await api('demo.generate', { residents: DEMO_RESIDENTS, seed: 7 });
    // The demo runs as a job; the list's total says when it is done.
    const deadline = Date.now() + 60_000;
    while (((await api('residents.list', { limit: 1 })) as { total: number }).total < DEMO_RESIDENTS) {
      if (Date.now() > deadline) throw new Error('demo data did not arrive');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    browser = await launchBrowser();
    ({ page } = await signedInPage());
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  async function signedInPage() {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    const p = await ctx.newPage();
    p.on('pageerror', (error) => {
      throw error;
    });
    await p.goto(preview.url);
    await p.getByTestId('login-username').fill(ADMIN.username);
    await p.getByTestId('login-password').fill(ADMIN.password);
    await p.getByTestId('login-password').press('Enter');
    await p.getByTestId('app-shell').waitFor({ timeout: 30_000 });
    return { context: ctx, page: p };
  }

  it('shows the register as a virtualized table: only the rows in view exist, more arrive on scrolling', async () => {
    await page.getByTestId('nav-residents').click();
    const table = page.getByTestId('residents-table');
    await table.waitFor();
    await expect.poll(() => table.getAttribute('data-total')).toBe(String(DEMO_RESIDENTS));
    await page.getByTestId('resident-row').first().waitFor();
    const rendered = await page.getByTestId('resident-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    expect(await page.getByTestId('residents-count').innerText()).toBe(`共 ${DEMO_RESIDENTS} 人`);
    // Search box focused, ↓ selects rows.
    await expect.poll(() => focusedTestId(page)).toBe('residents-search');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('[data-testid="resident-row"][aria-selected="true"]').getAttribute('data-index')).toBe('1');
    await page.screenshot({ path: artifactPath('residents-list.png') });
    // Far down the list: the rows there are fetched when they come into view.
    await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => page.locator(`[data-testid="resident-row"][data-index="${DEMO_RESIDENTS - 1}"]`).count(), { timeout: 10_000 }).toBe(1);
    // Pages fetched on scrolling do not count the list again; the total the first page gave stays.
    expect(await table.getAttribute('data-total')).toBe(String(DEMO_RESIDENTS));
  });

  it('registers a resident with the keyboard alone (type + Enter, no clicks in the form)', async () => {
    await page.getByTestId('resident-register').click();
    const form = page.getByTestId('resident-form');
    await form.waitFor();
    await expect.poll(() => focusedTestId(page)).toBe('resident-id-number');

    await page.keyboard.type(FIRST_ID);
    await expect.poll(() => page.getByTestId('resident-birth-date').innerText()).toBe('1956年10月3日');
    expect(await page.getByTestId('resident-sex').innerText()).toBe('女');
    await page.keyboard.press('Enter');
    await page.keyboard.type(NAME);
    await page.keyboard.press('Enter');
    await page.keyboard.type('13995120001');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // no second phone
    await page.keyboard.press('Enter'); // a new household of her own
    await page.keyboard.type('朝阳街幸福小区7号楼1单元302');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown'); // the first grid
    await page.keyboard.press('Enter');
    await page.keyboard.type('回族');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown'); // marital status: married
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Enter'); // marital → low-income
    await page.keyboard.press('Space'); // lives alone
    for (let i = 0; i < 5; i++) await page.keyboard.press('Enter'); // flags → certificate → notes
    await page.keyboard.type('独居，腿脚不便，每周电话问候');
    expect(await focusedTestId(page)).toBe('resident-notes');
    await screenshotWhole(page, 'resident-form.png');
    await page.keyboard.press('Enter');

    await page.getByTestId('resident-page').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('resident-name-title').innerText()).toBe(NAME);
    expect(await page.getByTestId('resident-id-display').innerText()).toBe(maskIdNumber(FIRST_ID));
    expect(await page.getByTestId('resident-tags').innerText()).toContain('独居');
    await page.getByTestId('resident-change').first().waitFor();
    firstUrl = page.url();
    await screenshotWhole(page, 'resident-page.png');
  });

  it('warns about a namesake born the same day, links to the first record, and still saves on request', async () => {
    await page.getByTestId('resident-back').click();
    await page.getByTestId('resident-register').click();
    await page.getByTestId('resident-form').waitFor();
    await expect.poll(() => focusedTestId(page)).toBe('resident-id-number');
    await page.keyboard.type(SECOND_ID);
    await page.keyboard.press('Enter');
    await page.keyboard.type(NAME);
    await page.keyboard.press('Control+Enter');

    const warning = page.getByTestId('resident-duplicates');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('可能已经登记过');
    expect(await warning.innerText()).toContain(maskIdNumber(FIRST_ID));
    expect(await page.getByTestId('resident-duplicate-link').getAttribute('href')).toBe(new URL(firstUrl).hash);
    await expect.poll(() => focusedTestId(page)).toBe('resident-save-anyway');
    await page.keyboard.press('Enter');
    await page.getByTestId('resident-page').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('resident-id-display').innerText()).toBe(maskIdNumber(SECOND_ID));
  });

  it('finds the first by pinyin initials in the search box and opens it with Enter', async () => {
    await page.getByTestId('resident-back').click();
    const search = page.getByTestId('residents-search');
    await search.waitFor();
    await page.keyboard.press('Control+K');
    await page.keyboard.type('oyjw');
    const results = page.getByTestId('resident-result');
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBe(2);
    expect(await results.first().getByTestId('resident-match').innerText()).toBe('拼音');
    expect(await results.first().getByTestId('resident-row-id').innerText()).toBe(maskIdNumber(FIRST_ID));
    await page.keyboard.press('Enter');
    await page.getByTestId('resident-page').waitFor();
    expect(page.url()).toBe(firstUrl);
  });

  it('edits the same resident in two windows: the second save gets the conflict message', async () => {
    const editHash = `${new URL(firstUrl).hash}/edit`;
    const other = await signedInPage();
    for (const p of [page, other.page]) {
      await p.evaluate(`window.location.hash = ${JSON.stringify(editHash)}`);
      await p.getByTestId('resident-phone').waitFor();
    }

    await page.getByTestId('resident-phone').fill('13995120002');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('resident-page').waitFor({ timeout: 15_000 });

    await other.page.getByTestId('resident-notes').fill('另一窗口的修改');
    await other.page.keyboard.press('Control+Enter');
    const stale = other.page.getByTestId('resident-stale');
    await stale.waitFor({ timeout: 15_000 });
    expect(await stale.innerText()).toContain('这条记录已被他人修改');
    await screenshotWhole(other.page, 'resident-conflict.png');

    await other.page.getByTestId('resident-reload-latest').click();
    await expect.poll(() => other.page.getByTestId('resident-phone').inputValue()).toBe('13995120002');
    await other.context.close();
  });

  it('keeps what was typed into a form when the window goes away mid-typing (before the draft’s debounce), and offers it back', async () => {
    const other = await signedInPage();
    const p = other.page;
    await p.getByTestId('nav-residents').click();
    await p.getByTestId('resident-register').click();
    await p.getByTestId('resident-name').waitFor();
    await p.getByTestId('resident-name').fill('司马未存');
    await p.getByTestId('resident-notes').fill('关窗前最后一笔');
    // At once: the draft's 600 ms debounce has not run, so only the flush on pagehide can keep this.
    await p.reload();
    const login = p.getByTestId('login-username');
    const shell = p.getByTestId('app-shell');
    await Promise.race([login.waitFor({ timeout: 30_000 }), shell.waitFor({ timeout: 30_000 })]);
    if (await login.isVisible()) {
      await login.fill(ADMIN.username);
      await p.getByTestId('login-password').fill(ADMIN.password);
      await p.getByTestId('login-password').press('Enter');
      await shell.waitFor({ timeout: 30_000 });
    }
    await p.getByTestId('nav-residents').click();
    await p.getByTestId('resident-register').click();
    await p.getByTestId('resident-draft-offer').waitFor({ timeout: 15_000 });
    await p.getByTestId('resident-draft-restore').click();
    expect(await p.getByTestId('resident-name').inputValue()).toBe('司马未存');
    expect(await p.getByTestId('resident-notes').inputValue()).toBe('关窗前最后一笔');
    await other.context.close();
  });

  it('merges the namesake’s household into the first one’s (合户, confirmed by name), then splits her off again (分户); the history shows both', async () => {
    // Every form above kept its draft in the office database: nothing in the browser's plain-text storage.
    expect(await page.evaluate<number>("Object.keys(localStorage).filter((k) => k.startsWith('civicdesk.draft.')).length")).toBe(0);
    await page.evaluate(`window.location.hash = ${JSON.stringify(new URL(firstUrl).hash)}`);
    const card = page.getByTestId('resident-household');
    await expect.poll(() => card.getByTestId('household-member').count(), { timeout: 10_000 }).toBe(1);

    await card.getByTestId('household-merge').click();
    const merge = page.getByTestId('household-merge-dialog');
    // Found by pinyin initials; her own household is not offered, so the one option is the namesake's.
    await merge.getByTestId('household-merge-other').fill('oyjw');
    await page.getByRole('option', { name: /欧阳靖雯/ }).click();
    await merge.getByTestId('household-merge-other-members').waitFor();
    await merge.getByTestId('household-merge-relation').selectOption('sibling');
    await merge.getByTestId('household-merge-submit').click();
    const confirm = merge.getByTestId('household-merge-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('并入 欧阳靖雯户（朝阳街幸福小区7号楼1单元302）');
    await merge.getByTestId('household-merge-submit').click();
    await expect.poll(() => card.getByTestId('household-member').count(), { timeout: 10_000 }).toBe(2);
    expect(await card.getByTestId('household-members').innerText()).toContain('兄弟姐妹');

    await card.getByTestId('household-split').click();
    const split = page.getByTestId('household-split-dialog');
    await split.getByLabel('欧阳靖雯（兄弟姐妹）').check();
    await split.getByTestId('household-split-address').fill('朝阳街幸福小区7号楼2单元101');
    await screenshotWhole(page, 'household-split.png');
    await split.getByTestId('household-split-submit').click();
    await expect.poll(() => card.getByTestId('household-member').count(), { timeout: 10_000 }).toBe(1);
    // The sister's time in this household stays on the card, from the merge to the split.
    const history = await card.getByTestId('household-history').innerText();
    expect(history).toContain('兄弟姐妹');
    expect(history.split('\n').filter((line) => line.includes('欧阳靖雯'))).toHaveLength(2);
  });
});

/**
 * The whole page in one picture: the window grows to the page's height for the shot (a full-page
 * capture would paint the fixed header over the middle of the page), then shrinks back.
 */
async function screenshotWhole(page: Page, name: string) {
  const size = page.viewportSize() ?? { width: 1366, height: 860 };
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: artifactPath(name) });
  await page.setViewportSize(size);
}

/** Which field has the keyboard (a string expression: this file is type-checked without the DOM library). */
function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate<string | null>("document.activeElement && document.activeElement.getAttribute('data-testid')");
}
