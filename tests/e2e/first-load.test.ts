/**
 * The first load of the browser preview, as a clerk on a fresh machine sees it: nothing the page asks
 * for is missing (no 404, not even the tab icon), the console stays clean, and Chinese text is drawn
 * with the font bundled in the renderer — Debian's Chromium here has no CJK fonts of its own, like a
 * fresh CI machine, so without the bundle every Chinese glyph would be an empty box.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchBrowser, startPreview, tempDir, type Preview } from './support/preview';

describe('first load of the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const failedResponses: string[] = [];
  const fontResponses: string[] = [];

  beforeAll(async () => {
    preview = await startPreview(path.join(tempDir(), '新机器.db'));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} @ ${message.location().url}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) => failedResponses.push(`${request.url()} failed: ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failedResponses.push(`${response.status()} ${new URL(response.url()).pathname}`);
      if (/\.woff2$/.test(new URL(response.url()).pathname)) fontResponses.push(new URL(response.url()).pathname);
    });
    await page.goto(preview.url);
    await page.getByTestId('setup-office-code').waitFor();
    await page.evaluate('document.fonts.ready.then(() => true)');
    // The tab icon is asked for after the page has loaded; give it its turn.
    await page.waitForLoadState('networkidle');
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('asks for nothing that is missing and logs no console error', () => {
    expect(failedResponses).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('has a tab icon the server answers, where the page names it and where browsers look by default', async () => {
    // Chromium does not attribute its icon requests to the page, so ask for them here.
    const href = await page.evaluate<string | null>(`document.querySelector('link[rel~="icon"]')?.getAttribute('href') ?? null`);
    expect(href, 'index.html links an icon').not.toBeNull();
    for (const url of [new URL(href ?? '', page.url()).href, `${preview.origin}/favicon.ico`]) {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()['content-type'], url).toMatch(/^image\//);
    }
  });

  it('draws Chinese text with the bundled Noto Sans SC, loaded from the app itself', async () => {
    const sample = await page.getByTestId('setup-submit').innerText();
    expect(sample).toMatch(/\p{Script=Han}/u);
    // Run in the page (a string: the tests are type-checked without the DOM library).
    const fonts = await page.evaluate<{ body: string; loaded: string[]; covers: boolean }>(`(async () => {
      await document.fonts.ready;
      return {
        body: getComputedStyle(document.body).fontFamily,
        loaded: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family + ' ' + f.weight),
        covers: document.fonts.check('16px "Noto Sans SC"', ${JSON.stringify(sample)}),
      };
    })()`);
    expect(fonts.body.split(',')[0].trim().replace(/["']/g, '')).toBe('Noto Sans SC');
    expect(fonts.loaded.some((f) => /^"?Noto Sans SC"? /.test(f)), fonts.loaded.join(', ')).toBe(true);
    expect(fonts.covers).toBe(true);
    // The glyphs came from the renderer's own files (the CSP allows no other font source).
    expect(fontResponses.length).toBeGreaterThan(0);
    expect(fontResponses.every((p) => p.startsWith('/assets/'))).toBe(true);
    await page.screenshot({ path: artifactPath('first-load-cjk.png') });
  });
});
