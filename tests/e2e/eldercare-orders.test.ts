/**
 * Service orders in the real UI (browser preview, Debian's Chromium, real core, real database file):
 * record a meal-aid demand for an older resident, dispatch it to the canteen that offers meal aid,
 * complete it and take the feedback, then see the person-time counted on the statistics page.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { composeIdNumber } from '../../shared/domain/id-number';
import { launchBrowser, previewApi, startPreview, tempDir, type Preview } from './support/preview';

const ADMIN = { username: 'admin', password: 'secret1234' };

describe('service orders in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  const api = previewApi(() => preview, 'e2e-eldercare-setup');

  beforeAll(async () => {
    preview = await startPreview(path.join(tempDir(), '朝阳街社区.db'));
    await api('office.setup', {
      office: { code: 'DWK-CYJ', name: '朝阳街社区', divisionCode: '640202' },
      admin: { username: ADMIN.username, displayName: '王主任', password: ADMIN.password },
    });
    await api('accounts.login', ADMIN);
    await api('residents.create', { name: '欧阳秀兰', idNumber: composeIdNumber('640202', '1946-03-08', 482), household: { mode: 'new', address: '朝阳街幸福小区3号楼' } });
    await api('eldercare.facilities.save', { name: '幸福里老年食堂', kind: 'meal_point', operator: 'public', services: [{ code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] }] });
    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page = await ctx.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(preview.url);
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('app-shell').waitFor({ timeout: 30_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  const card = (column: string): Locator => page.getByTestId(`board-column-${column}`).getByTestId('board-card').filter({ hasText: '欧阳秀兰' });

  it('records, dispatches, completes a meal-aid order with feedback, and counts its person-time', async () => {
    await page.getByTestId('nav-eldercare').click();
    await page.getByTestId('eldercare-tab-orders').click();
    await page.getByTestId('eldercare-order-board').waitFor();

    await page.getByTestId('board-record-demand').click();
    const demand = page.getByTestId('eldercare-demand-form');
    await demand.getByTestId('demand-resident-query').fill('oyxl');
    await demand.getByRole('button', { name: '选择 欧阳秀兰' }).click();
    await demand.getByTestId('demand-service').selectOption('meal');
    await demand.getByTestId('demand-channel').selectOption('phone');
    await demand.getByTestId('demand-submit').click();
    await card('new').waitFor();
    expect(await page.getByTestId('board-count-new').innerText()).toBe('1 张');

    await card('new').getByTestId('board-action-dispatch').click();
    const dispatch = page.getByTestId('order-dispatch-form');
    await dispatch.getByTestId('dispatch-facility').selectOption({ label: '幸福里老年食堂' });
    await dispatch.getByTestId('order-action-submit').click();
    await card('dispatched').waitFor();

    await card('dispatched').getByTestId('board-action-complete').click();
    const complete = page.getByTestId('order-complete-form');
    await complete.getByTestId('complete-duration').fill('40');
    await complete.getByTestId('complete-cost').fill('15');
    await complete.getByTestId('complete-subsidy').fill('10');
    await complete.getByTestId('order-action-submit').click();
    await card('awaiting_feedback').waitFor();

    await card('awaiting_feedback').getByTestId('board-action-feedback').click();
    const feedback = page.getByTestId('order-feedback-form');
    await feedback.getByText('★★★★★ 5 分', { exact: true }).click();
    await feedback.getByTestId('feedback-comment').fill('送餐准时');
    await feedback.getByTestId('order-action-submit').click();
    await card('closed').waitFor();
    expect(await card('closed').innerText()).toContain('满意度 5 分');

    await page.getByTestId('eldercare-tab-stats').click();
    await page.getByTestId('eldercare-stats').waitFor();
    await expect.poll(() => page.getByTestId('stats-person-times-value').innerText()).toBe('1');
    expect(await page.getByTestId('stats-people-value').innerText()).toBe('1');
    const mealRow = page.getByTestId('stats-table-service-row').filter({ hasText: '助餐' });
    expect(await mealRow.locator('td').first().innerText()).toBe('1');
    // The figure opens its record.
    await page.getByTestId('stats-person-times').click();
    await expect.poll(() => page.getByTestId('stats-drill-total').innerText()).toBe('共 1 条');
    expect(await page.getByTestId('stats-drill-row').innerText()).toContain('欧阳秀兰');
  }, 90_000);
});
