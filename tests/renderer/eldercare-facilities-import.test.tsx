/**
 * Facilities from a spreadsheet in the real UI over the real core: the dry run lists each bad row
 * with the column as the file heads it and what is wrong, nothing is written and the commit is
 * blocked; the corrected file checks clean and imports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { ADMIN, adminValue, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();
const TIMEOUT = { timeout: 8000 };

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

const HEADER = ['编号', '设施名称', '设施类型', '运营方式', '经度', '纬度', '坐标系', '服务项目'];

function writeCsv(file: string, rows: string[][]): string {
  fs.writeFileSync(file, `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
  return file;
}

describe('facilities import', () => {
  it('lists a bad row’s column and problem, writes nothing, and imports the corrected file', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'civicdesk-facilities-ui-'));
    folders.push(folder);
    const file = path.join(folder, '养老设施.csv');
    writeCsv(file, [HEADER, ['YL-01', '朝阳街道日间照料中心', '日间照料中心', '公建民营', '106.3831', '39.0148', '高德', '助餐(周一至周五)'], ['YL-02', '星海湾老年食堂', '宇宙飞船', '公办', '', '', '', '助餐:每天']]);

    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-eldercare'));
    await user.click(await screen.findByTestId('places-import-open', {}, TIMEOUT));
    await user.click(await screen.findByTestId('places-import-pick'));
    const input = await screen.findByTestId('path-prompt-input');
    await user.type(input, file);
    await user.click(screen.getByTestId('path-prompt-ok'));

    const report = await screen.findByTestId('places-import-report', {}, TIMEOUT);
    expect(within(report).getByTestId('places-import-count-invalid').getAttribute('data-value')).toBe('1');
    const issue = within(report).getByTestId('places-import-issue');
    expect(issue.getAttribute('data-row')).toBe('3');
    expect(issue.textContent).toContain('设施类型');
    expect(issue.textContent).toContain('设施类型「宇宙飞船」不在设施类型代码表中（或已停用）。');
    expect(within(report).getByTestId<HTMLButtonElement>('places-import-commit').disabled).toBe(true);
    expect(await adminValue(core, 'eldercare.facilities.list', {})).toEqual([]);

    // The clerk corrects the file and checks it again: clean, then imported in one step.
    writeCsv(file, [HEADER, ['YL-01', '朝阳街道日间照料中心', '日间照料中心', '公建民营', '106.3831', '39.0148', '高德', '助餐(周一至周五)'], ['YL-02', '星海湾老年食堂', 'meal_point', '公办', '', '', '', '助餐:每天']]);
    await user.click(within(report).getByTestId('places-import-recheck'));
    expect(await screen.findByTestId('places-import-clean', {}, TIMEOUT)).toBeTruthy();
    await user.click(screen.getByTestId('places-import-commit'));
    expect((await screen.findByTestId('places-import-done', {}, TIMEOUT)).textContent).toContain('新增 2');
    await waitFor(async () => {
      const list = await adminValue(core, 'eldercare.facilities.list', {});
      expect(list.map((f) => f.code).sort()).toEqual(['YL-01', 'YL-02']);
      expect(list.find((f) => f.code === 'YL-01')?.position).toMatchObject({ lng: 106.3831, lat: 39.0148, crs: 'gcj02' });
    });
  }, 60_000);
});
