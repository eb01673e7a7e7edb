/**
 * The 15-minute service circle in Debian's Chromium through the browser preview (real core, real
 * database file): the offline map pans and zooms (drag, wheel, buttons, keys; the scale bar follows),
 * a compound clicked on the map lists its uncovered older residents, a planned facility placed on
 * the map in the what-if raises the coverage share with nothing saved, and a grid boundary file is
 * imported and drawn.
 *
 * Seeded through the HTTP API: compound A (grid A1) with a meal-aid canteen at its gate, compound B
 * 1,200 m east (beyond the default reach of 773 m), two older residents in each: 50 % covered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { composeIdNumber } from '../../shared/domain/id-number';
import { artifactPath, launchBrowser, previewApi, startPreview, tempDir, type Preview } from './support/preview';

const ADMIN = { username: 'admin', password: 'secret1234' };
const A = { lng: 106.38, lat: 39.01 };
const R = 6_371_008.8;
const RAD = Math.PI / 180;
const east = (meters: number) => ({ lng: A.lng + meters / (R * Math.cos(A.lat * RAD)) / RAD, lat: A.lat, crs: 'wgs84' as const });

describe('the service circle map in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let dir = '';
  const api = previewApi(() => preview, 'e2e-coverage-setup');
  const ids = { b: '', b1: '' };

  beforeAll(async () => {
    dir = tempDir();
    preview = await startPreview(path.join(dir, '朝阳街社区.db'));
    await api('office.setup', {
      office: { code: 'DWK-CYJ', name: '朝阳街社区', divisionCode: '640202' },
      admin: { username: ADMIN.username, displayName: '王主任', password: ADMIN.password },
    });
    await api('accounts.login', ADMIN);
    const grid = (await api('grids.create', { code: 'A1', name: '一网格' })) as { id: string };
    const a = (await api('eldercare.compounds.save', { name: '幸福小区', gridId: grid.id, position: { ...A, crs: 'wgs84' } })) as { id: string };
    const b = (await api('eldercare.compounds.save', { name: '东风小区', position: east(1200) })) as { id: string };
    ids.b = b.id;
    await api('eldercare.facilities.save', { name: '幸福老年食堂', kind: 'meal_point', operator: 'public', position: { ...A, crs: 'wgs84' }, services: [{ code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] }] });
    const people: [string, string, string][] = [
      ['张秀兰', '1948-03-02', a.id],
      ['李德福', '1955-07-19', a.id],
      ['赵玉梅', '1946-11-30', b.id],
      ['孙长林', '1952-05-05', b.id],
    ];
    for (const [i, [name, birth, compoundId]] of people.entries()) {
      const r = (await api('residents.create', { name, idNumber: composeIdNumber('640202', birth, 200 + i * 2), household: { mode: 'new', address: `朝阳街${i + 1}号` } })) as { id: string };
      if (name === '赵玉梅') ids.b1 = r.id;
      await api('eldercare.places.set', { residentId: r.id, version: null, compoundId });
    }
    // The grid's boundary, as an office would get it from its survey: a 1.6 km square round A and B.
    fs.writeFileSync(
      path.join(dir, 'grids.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: 'A1' },
            geometry: { type: 'Polygon', coordinates: [[[106.372, 39.003], [106.402, 39.003], [106.402, 39.017], [106.372, 39.017], [106.372, 39.003]]] },
          },
        ],
      }),
    );

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
    await page.getByTestId('nav-eldercare').click();
    await page.getByTestId('eldercare-tab-coverage').click();
    await page.getByTestId('coverage-map').waitFor();
  }, 80_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  const map = () => page.getByTestId('coverage-map');
  const view = async () => {
    const [scale, center, meters] = await Promise.all([map().getAttribute('data-scale'), map().getAttribute('data-center'), map().getAttribute('data-scale-meters')]);
    const [cx, cy] = (center ?? '0,0').split(',').map(Number);
    return { scale: Number(scale), cx, cy, meters: Number(meters) };
  };
  /** The canvas's page position of a point `metersEast` of A (A and B are on one parallel; the view is fitted round both). */
  const screenOf = async (metersEast: number) => {
    const box = (await page.getByTestId('coverage-map-canvas').boundingBox())!;
    const v = await view();
    // The projection's origin is the middle of the bbox: 600 m east of A.
    const x = metersEast - 600;
    return { x: box.x + box.width / 2 + (x - v.cx) * v.scale, y: box.y + box.height / 2 + v.cy * v.scale };
  };

  it('pans and zooms: drag, wheel, the buttons and the keys; the scale bar follows the zoom', async () => {
    await expect.poll(() => page.getByTestId('coverage-share').innerText(), { timeout: 20_000 }).toBe('50%');
    const start = await view();
    expect(start.scale).toBeGreaterThan(0);
    const box = (await page.getByTestId('coverage-map-canvas').boundingBox())!;
    // Drag 120 px left and 40 px up: the map's centre moves 120 px east and 40 px south.
    await page.mouse.move(box.x + 400, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + 340, box.y + 280, { steps: 5 });
    await page.mouse.move(box.x + 280, box.y + 260, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await view()).cx).toBeCloseTo(start.cx + 120 / start.scale, 0);
    expect((await view()).cy).toBeCloseTo(start.cy - 40 / start.scale, 0);

    await page.getByTestId('coverage-map-zoom-in').click();
    await expect.poll(async () => (await view()).scale).toBeCloseTo(start.scale * 1.5, 4);
    // Wheel up over the map zooms in further, around the pointer.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => (await view()).scale).toBeGreaterThan(start.scale * 1.6);
    const zoomed = await view();
    // The bar's length in metres is a round figure that fits 120 px at this scale, and it shrank.
    expect(zoomed.meters * zoomed.scale).toBeLessThanOrEqual(120);
    expect(zoomed.meters * zoomed.scale).toBeGreaterThan(40);
    expect(zoomed.meters).toBeLessThan(start.meters);
    expect(await page.getByTestId('coverage-map-scale-label').innerText()).toMatch(/^\d+(\.\d+)? (米|公里)$/);

    // Keys: focus the map, ← pans west, − zooms out, 0 fits everything again.
    await map().focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await view()).cx).toBeLessThan(zoomed.cx);
    await page.keyboard.press('-');
    await expect.poll(async () => (await view()).scale).toBeCloseTo(zoomed.scale / 1.5, 4);
    await page.keyboard.press('0');
    await expect.poll(async () => (await view()).scale).toBeCloseTo(start.scale, 4);
    expect((await view()).cx).toBeCloseTo(start.cx, 0);
  });

  it('a compound clicked on the map lists its uncovered older residents', async () => {
    const b = await screenOf(1200);
    await page.mouse.click(b.x, b.y);
    const detail = page.getByTestId('coverage-compound-detail');
    await expect.poll(() => detail.getByTestId('coverage-compound-name').innerText()).toBe('东风小区');
    await expect.poll(() => detail.getByTestId('coverage-compound-uncovered-row').count()).toBe(2);
    expect(await detail.getByRole('link', { name: '赵玉梅' }).getAttribute('href')).toBe(`#/residents/${ids.b1}`);
  });

  it('a planned facility placed on the map in the what-if raises the coverage share; nothing is saved', async () => {
    await page.getByTestId('coverage-whatif-place').click();
    // Half-way between the two compounds: 600 m from each, within the 773 m reach.
    const mid = await screenOf(600);
    await page.mouse.click(mid.x, mid.y);
    await expect.poll(() => page.getByTestId('coverage-share').innerText(), { timeout: 20_000 }).toBe('100%');
    expect(await page.getByTestId('coverage-share-before').innerText()).toContain('现状 50%');
    expect(await page.getByTestId('coverage-whatif-note').innerText()).toContain('什么都没有保存');
    expect(Number(await page.getByTestId('coverage-whatif-lng').inputValue())).toBeCloseTo(east(600).lng, 4);
    await page.screenshot({ path: artifactPath('eldercare-coverage-whatif.png'), fullPage: true });
    expect(((await api('eldercare.facilities.list', {})) as unknown[]).length).toBe(1);
    const byService = page.getByTestId('coverage-service-meal');
    expect(await byService.innerText()).toContain('100%');

    await page.getByTestId('coverage-whatif-reset').click();
    await expect.poll(() => page.getByTestId('coverage-share').innerText()).toBe('50%');
  });

  it('adds a facility on the map: a planned one placed in the what-if and saved as a planned facility', async () => {
    await page.getByTestId('coverage-whatif-place').click();
    const mid = await screenOf(600);
    await page.mouse.click(mid.x, mid.y);
    await expect.poll(() => page.getByTestId('coverage-share').innerText(), { timeout: 20_000 }).toBe('100%');
    await page.getByTestId('coverage-whatif-save-open').click();
    await page.getByTestId('coverage-save-planned-kind').click();
    await page.getByRole('option', { name: '日间照料中心' }).click();
    await page.getByTestId('coverage-save-planned-confirm').click();
    await expect
      .poll(async () => ((await api('eldercare.facilities.list', {})) as { status: string; kind: string }[]).filter((f) => f.status === 'planned').map((f) => f.kind))
      .toEqual(['day_care']);
    const saved = ((await api('eldercare.facilities.list', {})) as { status: string; position: { wgs84: { lng: number } } | null }[]).find((f) => f.status === 'planned')!;
    expect(saved.position!.wgs84.lng).toBeCloseTo(east(600).lng, 4);
  });

  it('has no axe-core violations on the page (map, what-if open, tables)', async () => {
    await page.getByTestId('coverage-whatif-type').click();
    await page.getByTestId('coverage-whatif-form').waitFor();
    // Evaluated through the debugging protocol: the page's CSP (script-src 'self') refuses a script tag.
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    // Contrast is the theme's, fixed once for every page (h-a11y, on main) and checked there on every page.
    const result = (await page.evaluate(
      `axe.run(document.querySelector('[data-testid="coverage-page"]'), { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } })`,
    )) as {
      violations: { id: string; nodes: { target: string[] }[] }[];
    };
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.getByTestId('coverage-whatif-reset').click();
  });

  it('imports a grid boundary file (checked first), then lists and draws it', async () => {
    await page.getByTestId('coverage-areas-pick').click();
    await page.getByTestId('path-prompt-input').fill(path.join(dir, 'grids.geojson'));
    await page.getByTestId('path-prompt-ok').click();
    await page.getByTestId('coverage-areas-check').click();
    await expect.poll(() => page.getByTestId('coverage-areas-result').innerText()).toContain('可导入 1 个');
    await page.getByTestId('coverage-areas-import-run').click();
    await expect.poll(() => page.getByTestId('coverage-areas').innerText()).toContain('一网格');
    const areas = (await api('eldercare.areas.list', {})) as { code: string }[];
    expect(areas.map((a) => a.code)).toEqual(['A1']);
    await page.getByTestId('coverage-map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('eldercare-coverage-areas.png') });
  });
});
