/**
 * Accessibility (GB/T 37668, which follows WCAG 2.x): every page of the real UI passes axe-core's
 * WCAG 2.1 A and AA rules — in the browser preview, Debian's Chromium, against the real core and a
 * real database file. One browser, one preview, one database: first-run setup and the recovery
 * key, sign-in and account recovery, every page in the shell (in Chinese, then in English with the
 * dark scheme), the lock screen, and the dialogs, confirmations and notifications that open over them.
 *
 * A new page is one line in SHELL_PAGES (or ELDERCARE_TABS); the walk fails when the navbar or the
 * elderly-care tabs offer a page the list does not name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, countViolations, formatViolations, type Violation } from './support/axe';
import { artifactPath, launchBrowser, previewApi, startPreview, tempDir, type Preview } from './support/preview';

const ADMIN = { username: 'admin', password: 'secret1234' };
const DEMO_RESIDENTS = 120;

interface ShellPage {
  name: string;
  /** The route; `:resident` is a resident from the demo data. */
  path: string;
  /** Test ids that show the page has its data (a list's rows, not just its header). */
  ready?: readonly string[];
}

/** Modules still shown as a placeholder page (app/features.ts `placeholderFeature`). */
const PLACEHOLDER_MODULES = ['assistance', 'governance', 'reports'] as const;
/** 养老服务: its tabs (features/eldercare/routes.tsx); a part that adds a page adds it here. */
const ELDERCARE_TABS = ['facilities', 'orders', 'older', 'coverage', 'stats', 'settings'] as const;

/** Every page in the shell, in one place. */
const SHELL_PAGES: readonly ShellPage[] = [
  { name: 'home', path: '/', ready: ['home-schema-version'] },
  { name: 'residents', path: '/residents', ready: ['resident-row'] },
  { name: 'resident (new)', path: '/residents/new', ready: ['resident-form'] },
  { name: 'resident', path: '/residents/:resident', ready: ['resident-change', 'household-member'] },
  { name: 'resident (edit)', path: '/residents/:resident/edit', ready: ['resident-form'] },
  { name: 'imports and exports', path: '/residents/import', ready: ['import-page'] },
  ...PLACEHOLDER_MODULES.map((module) => ({ name: module, path: `/${module}` })),
  ...ELDERCARE_TABS.map((tab) => ({ name: `eldercare ${tab}`, path: `/eldercare/${tab}`, ready: [`eldercare-tab-${tab}`] })),
  { name: 'facility (new)', path: '/eldercare/facilities/new', ready: ['facility-form'] },
  { name: 'recurring orders', path: '/eldercare/orders/series', ready: ['eldercare-tab-orders'] },
  // 数据报送 on this (not enrolled) office; the enrolled page and the bureau's are checked in sync.test.ts.
  { name: 'sync', path: '/sync', ready: ['sync-not-enrolled'] },
  { name: 'alerts', path: '/alerts', ready: ['alerts-page'] },
  { name: 'audit', path: '/audit', ready: ['audit-entry'] },
  { name: 'settings', path: '/settings', ready: ['users-table', 'settings-preferences'] },
];

describe('accessibility: WCAG 2.1 A/AA on every page (axe-core)', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let residentId = '';
  const everything: Violation[] = [];

  const api = previewApi(() => preview, 'e2e-accessibility-setup');

  beforeAll(async () => {
    preview = await startPreview(path.join(tempDir(), '朝阳街社区.db'));
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  });

  afterAll(async () => {
    // The whole walk's findings, by rule and place, for whoever fixes them.
    fs.writeFileSync(artifactPath('accessibility.json'), JSON.stringify({ counts: countViolations(everything), violations: everything }, null, 2));
    await browser?.close();
    await preview?.stop();
  });

  /**
   * Checks the page as it is now and keeps what fails; each test asserts on its own findings. With
   * A11Y_SCREENSHOTS=1 each checked state is also pictured, to see that a colour fix kept the look.
   */
  async function check(where: string, found: Violation[]) {
    const violations = await axeViolations(page, where);
    if (process.env.A11Y_SCREENSHOTS) await page.screenshot({ path: artifactPath(`a11y-${where.replace(/[^\w]+/g, '-')}.png`) });
    everything.push(...violations);
    found.push(...violations);
  }

  function expectNone(found: Violation[]) {
    expect(found, `WCAG 2.1 A/AA violations:\n${formatViolations(found)}\n`).toEqual([]);
  }

  async function go(route: string) {
    await page.evaluate(`window.location.hash = ${JSON.stringify(`#${route.replace(':resident', residentId)}`)}`);
  }

  async function visit(shellPage: ShellPage, label: string, found: Violation[]) {
    await go(shellPage.path);
    for (const id of shellPage.ready ?? []) await page.getByTestId(id).first().waitFor({ timeout: 15_000 });
    await check(`${shellPage.name}${label}`, found);
  }

  /** Opens a dialog (a Mantine modal's root is a zero-size wrapper: its content is what shows). */
  async function openDialog(trigger: string, dialog: string) {
    await page.getByTestId(trigger).first().click();
    await page.getByTestId(dialog).waitFor({ state: 'attached' });
    await page.getByRole('dialog').waitFor();
  }

  async function closeDialog() {
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  }

  async function signIn() {
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-shell').waitFor({ timeout: 30_000 });
  }

  it('first-run setup: the empty form, its errors next to the fields, and the recovery key', async () => {
    const found: Violation[] = [];
    await page.goto(preview.url);
    await page.getByTestId('setup-office-code').waitFor({ timeout: 30_000 });
    await check('setup', found);
    await page.getByTestId('setup-submit').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await check('setup (errors)', found);

    await page.getByTestId('setup-office-code').fill('DWK-CYJ');
    await page.getByTestId('setup-office-name').fill('朝阳街社区');
    await page.getByTestId('setup-division').fill('640202');
    await page.getByTestId('setup-admin-username').fill(ADMIN.username);
    await page.getByTestId('setup-admin-display-name').fill('王主任');
    await page.getByTestId('setup-admin-password').fill(ADMIN.password);
    await page.getByTestId('setup-admin-password-confirm').fill(ADMIN.password);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('recovery-key').waitFor({ timeout: 30_000 });
    await check('setup (recovery key)', found);
    await page.getByTestId('recovery-key-kept').check();
    await page.getByTestId('recovery-key-continue').click();
    await page.getByTestId('app-shell').waitFor({ timeout: 30_000 });

    // A small register to fill the lists, households and the audit trail, made as a script would.
    await api('accounts.login', ADMIN);
    await api('demo.generate', { residents: DEMO_RESIDENTS, seed: 7 });
    const deadline = Date.now() + 60_000;
    let listed: { total: number; items: { id: string }[] };
    while ((listed = (await api('residents.list', { limit: 1 })) as typeof listed).total < DEMO_RESIDENTS) {
      if (Date.now() > deadline) throw new Error('demo data did not arrive');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    residentId = listed.items[0].id;
    expectNone(found);
  });

  it('sign-in: the login page, a refused password, account recovery', async () => {
    const found: Violation[] = [];
    await page.getByTestId('logout-button').click();
    await page.getByTestId('login-username').waitFor();
    await check('login', found);
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-password').fill('wrong-password1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await check('login (wrong password)', found);
    await page.getByTestId('login-forgot').click();
    await page.getByTestId('recover-key').waitFor();
    await check('account recovery', found);
    await page.reload();
    await page.getByTestId('login-username').waitFor({ timeout: 30_000 });
    await signIn();
    expectNone(found);
  });

  it('every page in the shell, in Chinese; the list names every page the navbar and the elderly-care tabs offer', async () => {
    const found: Violation[] = [];
    const offered: string[] = [];
    for (const link of await page.locator('[data-testid^="nav-"]').all()) offered.push((await link.getAttribute('href')) ?? '');
    await go('/eldercare/facilities');
    await page.getByTestId('eldercare-tab-facilities').waitFor();
    for (const tab of await page.locator('[data-testid^="eldercare-tab-"]').all()) {
      offered.push(`#/eldercare/${((await tab.getAttribute('data-testid')) ?? '').slice('eldercare-tab-'.length)}`);
    }
    const listed = SHELL_PAGES.map((p) => `#${p.path}`);
    const unlisted = offered.filter((href) => !listed.some((p) => p === href || p.startsWith(`${href}/`)));
    expect(unlisted, 'pages the app offers that SHELL_PAGES does not list').toEqual([]);

    for (const shellPage of SHELL_PAGES) await visit(shellPage, '', found);
    expectNone(found);
  });

  it('dialogs, confirmations, a revealed ID number, a notification and the lock screen', async () => {
    const found: Violation[] = [];
    await go('/residents');
    await openDialog('residents-export', 'export-dialog');
    await check('export dialog', found);
    await closeDialog();

    await go(`/residents/${residentId}`);
    await page.getByTestId('resident-change').first().waitFor();
    await page.getByTestId('resident-reveal-id').click();
    await page.getByTestId('resident-reveal-note').waitFor();
    await check('resident (ID number shown)', found);
    await openDialog('resident-change-status', 'resident-status-dialog');
    await check('resident status dialog', found);
    await closeDialog();
    await openDialog('household-merge', 'household-merge-dialog');
    await check('household merge dialog', found);
    await closeDialog();

    await go('/sync');
    await openDialog('sync-enroll-open', 'enroll-form');
    await check('sync enrollment dialog', found);
    await closeDialog();

    await go('/settings');
    await openDialog('user-create-open', 'user-create-modal');
    await check('new account dialog', found);
    await page.getByTestId('user-create-username').fill('clerk1');
    await page.getByTestId('user-create-display-name').fill('李办事员');
    await page.getByTestId('user-create-password').fill('clerk-secret-1');
    await page.getByTestId('user-create-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.locator('.mantine-Notification-root').first().waitFor();
    await check('settings (notification)', found);
    await openDialog('user-remove-clerk1', 'user-remove-modal');
    await check('remove account confirmation', found);
    await closeDialog();

    // A backup in the automatic folder: the list, its result, what it holds, the restore confirmation.
    await page.getByTestId('backup-start').click();
    await page.getByTestId('backup-result').waitFor({ timeout: 30_000 });
    await page.getByTestId('backup-row').first().waitFor();
    await page.getByTestId('backup-select').first().click();
    await page.getByTestId('restore-inspect').click();
    await page.getByTestId('restore-contents').waitFor({ timeout: 15_000 });
    await check('settings (backup made and inspected)', found);
    await openDialog('restore-start', 'restore-confirm-body');
    await check('restore confirmation', found);
    await page.getByTestId('restore-confirm-cancel').click();

    await page.getByTestId('lock-now').click();
    await page.getByTestId('lock-screen').waitFor();
    await check('lock screen', found);
    await page.getByTestId('lock-password').fill(ADMIN.password);
    await page.getByTestId('lock-submit').click();
    await page.getByTestId('lock-screen').waitFor({ state: 'detached' });
    expectNone(found);
  });

  it('every page in the shell again in English with the dark colour scheme', async () => {
    const found: Violation[] = [];
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    for (const shellPage of SHELL_PAGES) await visit(shellPage, ' [en, dark]', found);
    await page.getByTestId('lock-now').click();
    await page.getByTestId('lock-screen').waitFor();
    await check('lock screen [en, dark]', found);
    expectNone(found);
  });
});
