/**
 * Importing a roster in the real UI (browser preview, Debian's Chromium, real core, real database
 * file): a GBK CSV the test writes itself, with one row whose ID Excel turned into a number. The
 * preview has no system file dialog, so the path goes through the typed-path window. Check → counts
 * and the invalid row → import the valid rows → find an imported resident in the list → undo from
 * the list of past imports → the register is as before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { composeIdNumber } from '../../shared/domain/id-number';
import { artifactPath, launchBrowser, previewApi, startPreview, tempDir, type Preview } from './support/preview';

const ADMIN = { username: 'admin', password: 'secret1234' };

/** Two households and a woman living alone; row 6 of the file has a spreadsheet-damaged ID. */
const ROWS = [
  ['序号', '姓名', '公民身份号码', '性别', '出生日期', '与户主关系', '联系电话', '家庭住址'],
  ['1', '纳金花', composeIdNumber('640202', '1949-07-21', 512), '女', '1949/7/21', '户主', '13995201111', '朝阳街道幸福小区2号楼'],
  ['2', '马德明', composeIdNumber('640202', '1947-02-03', 513), '男', '1947年2月3日', '配偶', '', ''],
  ['3', '丁玉兰', composeIdNumber('640205', '1938-12-30', 522), '女', '19381230', '户主', '0952-2015566', '河滨街3号'],
  ['4', '苏建华', composeIdNumber('640202', '1975-05-05', 531), '男', '1975-05-05', '户主', '13995209999', '朝阳街道幸福小区5号楼'],
  ['5', '周秀芳', '6.40202E+17', '女', '1961-03-08', '户主', '', '朝阳街道幸福小区7号楼'],
];

function gbkCsv(file: string): string {
  // Excel on Chinese Windows: GBK, CRLF, quotes only where needed (none here).
  fs.writeFileSync(file, iconv.encode(ROWS.map((r) => r.join(',')).join('\r\n') + '\r\n', 'gbk'));
  return file;
}

describe('spreadsheet import in the browser preview', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let roster: string;

  const api = previewApi(() => preview, 'e2e-imports-setup');
  const registered = async () => ((await api('residents.list', { limit: 1 })) as { total: number }).total;

  beforeAll(async () => {
    dir = tempDir();
    roster = gbkCsv(path.join(dir, '朝阳街居民花名册.csv'));
    // The bytes really are GBK, not UTF-8 (纳 is D4 C9 in GBK).
    expect(fs.readFileSync(roster).includes(Buffer.from([0xc4, 0xc9]))).toBe(true);
    preview = await startPreview(path.join(dir, '朝阳街社区.db'));
    await api('office.setup', {
      office: { code: 'DWK-CYJ', name: '朝阳街社区', divisionCode: '640202' },
      admin: { username: ADMIN.username, displayName: '王主任', password: ADMIN.password },
    });
    await api('accounts.login', ADMIN);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(preview.url);
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('app-shell').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks the GBK file: counts, the invalid row with its number and reason, nothing written yet', async () => {
    await page.getByTestId('nav-residents').click();
    await page.getByTestId('residents-import').click();
    await page.getByTestId('import-wizard').waitFor();
    await page.getByTestId('import-choose').click();
    // The preview's prompt hands out handles only inside the folder it was started with.
    const outside = path.join(os.tmpdir(), 'not-in-the-preview-folder.csv');
    await page.getByTestId('path-prompt-input').fill(outside);
    await page.getByTestId('path-prompt-ok').click();
    await page.getByText('只能选择文件夹', { exact: false }).waitFor({ timeout: 10_000 });
    await page.getByTestId('path-prompt-input').fill(roster);
    await page.getByTestId('path-prompt-ok').click();
    await page.getByTestId('import-review').waitFor({ timeout: 30_000 });

    const count = (name: string) => page.getByTestId(`import-count-${name}`).getAttribute('data-value');
    expect(await count('total')).toBe('5');
    expect(await count('valid')).toBe('4');
    expect(await count('created')).toBe('4');
    expect(await count('invalid')).toBe('1');
    expect(await count('households')).toBe('3');
    expect(await page.getByTestId('import-file-info').innerText()).toContain('GBK');
    const invalid = page.getByTestId('import-invalid-row');
    expect(await invalid.count()).toBe(1);
    expect(await invalid.getAttribute('data-row')).toBe('6');
    expect(await invalid.innerText()).toContain('身份证号');
    expect(await registered()).toBe(0);
    await page.screenshot({ path: artifactPath('import-preview.png'), fullPage: true, animations: 'disabled' });
  });

  it('imports the valid rows after the confirmation, and the list finds an imported resident', async () => {
    await page.getByTestId('import-commit').click();
    expect(await page.getByTestId('import-confirm-body').innerText()).toContain('1 行有错误');
    await page.getByTestId('import-confirm').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain('新增 4 人');
    await page.screenshot({ path: artifactPath('import-result.png'), fullPage: true, animations: 'disabled' });
    expect(await registered()).toBe(4);

    await page.getByTestId('import-to-list').click();
    await page.getByTestId('residents-search').fill('丁玉兰');
    await page.getByTestId('resident-result').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('resident-result').first().innerText()).toContain('丁玉兰');
  });

  it('exports the list to a GBK CSV through the same typed-path window, and says where it went', async () => {
    await page.getByTestId('residents-search').fill('');
    await page.getByTestId('residents-export').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByText('CSV', { exact: true }).click();
    await dialog.getByTestId('export-encoding-gbk').check();
    await page.screenshot({ path: artifactPath('export-dialog.png'), animations: 'disabled' });
    await dialog.getByTestId('export-start').click();
    const out = path.join(dir, '导出', '朝阳街居民.csv');
    fs.mkdirSync(path.dirname(out));
    await page.getByTestId('path-prompt-input').fill(out);
    await page.getByTestId('path-prompt-ok').click();
    const result = page.getByTestId('export-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain(`已导出 4 人到 ${out}`);
    const text = iconv.decode(fs.readFileSync(out), 'gb18030');
    for (const name of ['纳金花', '马德明', '丁玉兰', '苏建华']) expect(text).toContain(name);
    expect(text).not.toContain('周秀芳');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('undoes the import from the list of past imports: the register is empty again', async () => {
    await page.getByTestId('residents-import').click();
    const row = page.getByTestId('import-history-row').first();
    await row.waitFor();
    expect(await row.innerText()).toContain('朝阳街居民花名册.csv');
    await row.getByTestId('import-history-undo').click();
    await page.getByTestId('import-history-undo-confirm').click();
    await expect.poll(() => row.getAttribute('data-undone'), { timeout: 15_000 }).toBe('1');
    expect(await page.getByTestId('import-history-undone').innerText()).toContain('删除 4 人');
    expect(await registered()).toBe(0);

    await page.getByTestId('import-back').click();
    await page.getByTestId('residents-search').fill('丁玉兰');
    await expect.poll(() => page.getByTestId('resident-result').count(), { timeout: 10_000 }).toBe(0);
  });
});
