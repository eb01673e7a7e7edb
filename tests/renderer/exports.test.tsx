/**
 * 导出 on the residents list, against the real core: the file holds the list as it is filtered on
 * screen (not the whole register), in the format and encoding chosen, and the screen says where it went.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber, maskIdNumberStrict } from '../../shared/domain/id-number';
import { ADMIN, adminValue, seededCore, type SeededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});
// After the folders' cleanup: hooks run last-registered first, so the core closes before they go.
const core = seededCore();

const OLD = { name: '马桂兰', idNumber: composeIdNumber('640202', '1944-05-06', 182) };
const YOUNG = { name: '杨晓东', idNumber: composeIdNumber('640202', '1996-09-01', 271) };

async function seed(c: SeededCore) {
  for (const r of [OLD, YOUNG]) await adminValue(c, 'residents.create', { ...r, household: { mode: 'new', address: '朝阳街8号' } });
}

async function exportTo(user: ReturnType<typeof renderApp>['user'], file: string) {
  await user.click(screen.getByTestId('export-start'));
  const input = await screen.findByTestId('path-prompt-input');
  expect(input.getAttribute('value')).toMatch(/^居民-\d{4}-\d{2}-\d{2}\.(xlsx|csv)$/);
  await user.clear(input);
  await user.type(input, file);
  await user.click(screen.getByTestId('path-prompt-ok'));
  return screen.findByTestId('export-result', {}, { timeout: 15_000 });
}

describe('export from the residents list', () => {
  it('exports only the filtered list to GBK CSV, masked when asked, and says where the file went', async () => {
    await seed(core);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicdesk-export-ui-'));
    folders.push(dir);
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-residents'));
    await waitFor(() => expect(screen.getByTestId('residents-count').textContent).toContain('2'));
    // The list's own filter: 70 and older.
    await user.type(screen.getByTestId('filter-age-min'), '70');
    await waitFor(() => expect(screen.getByTestId('residents-count').textContent).toContain('1'), { timeout: 5000 });

    await user.click(screen.getByTestId('residents-export'));
    const dialog = await screen.findByTestId('export-dialog');
    await user.click(within(dialog).getByText('CSV'));
    await user.click(within(dialog).getByTestId('export-encoding-gbk'));
    const gbkFile = path.join(dir, '高龄居民.csv');
    const result = await exportTo(user, gbkFile);
    expect(result.textContent).toContain(`已导出 1 人到 ${gbkFile}`);
    const text = iconv.decode(fs.readFileSync(gbkFile), 'gb18030');
    expect(text).toContain(OLD.name);
    expect(text).not.toContain(YOUNG.name);
    // An administrator may see full IDs: the file has it, and the screen warns to keep it safe.
    expect(text).toContain(OLD.idNumber);
    expect(result.textContent).toContain('完整身份证号');

    await user.click(within(dialog).getByTestId('export-mask'));
    await user.click(within(dialog).getByTestId('export-encoding-utf8'));
    const maskedFile = path.join(dir, '高龄居民-隐藏.csv');
    const masked = await exportTo(user, maskedFile);
    await waitFor(() => expect(masked.getAttribute('data-file')).toBe(maskedFile));
    const bytes = fs.readFileSync(maskedFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const utf8 = bytes.toString('utf8');
    expect(utf8).toContain(maskIdNumberStrict(OLD.idNumber));
    expect(utf8).not.toContain(OLD.idNumber);
    expect(screen.getByTestId('export-result').textContent).toContain('身份证号已打码');
  }, 60_000);

  it('a folder that does not exist is named in the dialog, and no file is claimed', async () => {
    await seed(core);
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-residents'));
    await user.click(await screen.findByTestId('residents-export'));
    await screen.findByTestId('export-dialog');
    const missing = path.join(os.tmpdir(), 'civicdesk-no-such-folder', '居民.xlsx');
    await user.click(screen.getByTestId('export-start'));
    const input = await screen.findByTestId('path-prompt-input');
    await user.clear(input);
    await user.type(input, missing);
    await user.click(screen.getByTestId('path-prompt-ok'));
    const error = await screen.findByTestId('export-error', {}, { timeout: 15_000 });
    expect(error.textContent).toContain(`无法写入 ${missing}`);
    expect(screen.queryByTestId('export-result')).toBeNull();
  }, 60_000);
});
