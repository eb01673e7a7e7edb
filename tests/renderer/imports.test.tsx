/**
 * The import wizard against the real core, with files the tests write themselves. The renderer
 * tests' bridge has no native dialogs (like the browser preview), so paths go through the typed-path
 * window; one test gives the bridge fake native dialogs to pin that they are used instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { composeIdNumber } from '../../shared/domain/id-number';
import { en, zhCN } from '../../shared/i18n';
import type { FileDialogs } from '../../shared/contract';
import { HEADER, family, personRow, writeCsv, writeRosterXlsx, type Person } from '../core/imports-fixtures';
import { ADMIN, adminValue, startCore, type CoreHarness } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

let core: CoreHarness | undefined;
const folders: string[] = [];
afterEach(async () => {
  await core?.close();
  core = undefined;
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'civicdesk-import-ui-'));
  folders.push(folder);
  return folder;
}

/** Four valid people (two households) and, on file row 6, an ID that Excel turned into a number. */
function rosterWithOneBadRow(dir: string): string {
  const rows = [HEADER, ...family().map(personRow), ['5', '杨红梅', '6.40202E+17', '女', '1960-02-02', '户主', '', '朝阳街5号']];
  return writeCsv(path.join(dir, '朝阳街花名册.csv'), rows, 'gbk');
}

async function registeredTotal(c: CoreHarness): Promise<number | null> {
  return (await adminValue(c, 'residents.list', { limit: 1 })).total;
}

type User = ReturnType<typeof renderApp>['user'];

/** From the residents list's 导入 button to the wizard. */
async function openWizard(user: User) {
  const shell = await signIn(user, ADMIN.username, ADMIN.password);
  await user.click(within(shell).getByTestId('nav-residents'));
  await user.click(await screen.findByTestId('residents-import'));
  return screen.findByTestId('import-wizard');
}

/** The typed-path window of the browser preview (and these tests). */
async function typePath(user: User, file: string) {
  const input = await screen.findByTestId('path-prompt-input');
  await user.clear(input);
  await user.type(input, file);
  await user.click(screen.getByTestId('path-prompt-ok'));
}

async function chooseFile(user: User, file: string) {
  await user.click(screen.getByTestId('import-choose'));
  await typePath(user, file);
}

const count = (name: string) => screen.getByTestId(`import-count-${name}`).getAttribute('data-value');

describe('import wizard', () => {
  it('checks a GBK roster, shows the counts and the invalid row, imports the valid rows after a confirmation, and undoes the import', async () => {
    core = startCore();
    await core.seedOffice();
    const file = rosterWithOneBadRow(tempFolder());
    const { user } = renderApp();
    await openWizard(user);

    await chooseFile(user, file);
    const review = await screen.findByTestId('import-review', {}, { timeout: 10_000 });
    expect(screen.getByTestId('import-file-info').textContent).toContain('GBK');
    expect([count('total'), count('valid'), count('created'), count('invalid'), count('households')]).toEqual(['5', '4', '4', '1', '2']);
    const invalid = within(review).getAllByTestId('import-invalid-row');
    expect(invalid).toHaveLength(1);
    expect(invalid[0].getAttribute('data-row')).toBe('6');
    expect(invalid[0].getAttribute('data-code')).toBe('residents.id_excel_mangled');
    expect(invalid[0].textContent).toContain('身份证号');
    expect(invalid[0].textContent).toContain(zhCN.validation.residents.id_excel_mangled);

    // The reason follows the language on screen, as everything else does, without checking the file again.
    if (!window.civicdesk) throw new Error('no bridge');
    const calls = vi.spyOn(window.civicdesk, 'invoke');
    const reason = () => within(review).getByTestId('import-invalid-row').textContent;
    await user.click(screen.getByTestId('language-toggle'));
    await waitFor(() => expect(reason()).toContain(en.validation.residents.id_excel_mangled));
    expect(reason()).not.toContain(zhCN.validation.residents.id_excel_mangled);
    await user.click(screen.getByTestId('language-toggle'));
    await waitFor(() => expect(reason()).toContain(zhCN.validation.residents.id_excel_mangled));
    expect(calls.mock.calls.map(([method]) => method)).not.toContain('imports.preview');
    calls.mockRestore();
    // The recognized mapping is shown, one select per column.
    expect(screen.getAllByTestId('import-column')).toHaveLength(HEADER.length);
    expect(screen.getByTestId<HTMLSelectElement>('import-map-1').value).toBe('name');
    expect(await registeredTotal(core)).toBe(0);

    // Invalid rows: the import asks first, and cancelling the question writes nothing.
    await user.click(screen.getByTestId('import-commit'));
    expect((await screen.findByTestId('import-confirm-body')).textContent).toContain('1 行有错误');
    await user.click(screen.getByTestId('import-confirm-cancel'));
    expect(await registeredTotal(core)).toBe(0);
    await user.click(screen.getByTestId('import-commit'));
    await user.click(await screen.findByTestId('import-confirm'));

    const result = await screen.findByTestId('import-result', {}, { timeout: 15_000 });
    expect(result.textContent).toContain('新增 4 人');
    expect(result.textContent).toContain('1 行没有导入');
    expect(await registeredTotal(core)).toBe(4);
    const history = await screen.findByTestId('import-history');
    await waitFor(() => expect(within(history).getAllByTestId('import-history-row')[0].getAttribute('data-import-id')).toBe(result.getAttribute('data-import-id')));
    // Who imported it is named.
    expect(within(history).getAllByTestId('import-history-row')[0].textContent).toContain(ADMIN.displayName);

    await user.click(screen.getByTestId('import-undo'));
    await user.click(await screen.findByTestId('import-undo-confirm'));
    expect((await screen.findByTestId('import-undone', {}, { timeout: 10_000 })).textContent).toContain('删除 4 人');
    expect(await registeredTotal(core)).toBe(0);
    await waitFor(() => expect(within(history).getAllByTestId('import-history-row')[0].getAttribute('data-undone')).toBe('1'));
    expect(within(history).queryByTestId('import-history-undo')).toBeNull();

    // The import remembered the file's mapping; forgetting it removes it.
    const mappings = screen.getByTestId('import-mappings');
    await waitFor(() => expect(within(mappings).getAllByTestId('import-mapping-row')).toHaveLength(1));
    expect(within(mappings).getByTestId('import-mapping-row').textContent).toContain('公民身份号码 → 身份证号');
    await user.click(within(mappings).getByTestId('import-mapping-forget'));
    await waitFor(() => expect(within(mappings).queryAllByTestId('import-mapping-row')).toHaveLength(0));
    expect(await adminValue(core, 'imports.mappings.list', {})).toEqual([]);
  }, 60_000);

  it('a mapping change checks the file again; a mapping without the name column is refused next to the mapping', async () => {
    core = startCore();
    await core.seedOffice();
    const file = rosterWithOneBadRow(tempFolder());
    const { user } = renderApp();
    await openWizard(user);
    await chooseFile(user, file);
    await screen.findByTestId('import-review', {}, { timeout: 10_000 });
    expect(screen.getByTestId('import-mapping-source').getAttribute('data-source')).toBe('recognized');

    // 姓名 (column B) ignored: the core refuses, the message sits by the mapping, the counts go.
    await user.selectOptions(screen.getByTestId('import-map-1'), '');
    const error = await screen.findByTestId('import-mapping-error', {}, { timeout: 10_000 });
    expect(error.getAttribute('data-code')).toBe('imports.mapping_required');
    expect(error.textContent).toContain('必须指定“姓名”和“身份证号”所在的列');
    expect(screen.queryByTestId('import-review')).toBeNull();
    expect(screen.queryByTestId('import-commit')).toBeNull();

    // Put it back and drop the ID column's twin — the phone — instead: checked again, as set.
    await user.selectOptions(screen.getByTestId('import-map-1'), 'name');
    await user.selectOptions(screen.getByTestId('import-map-6'), '');
    await waitFor(() => expect(screen.getByTestId('import-mapping-source').getAttribute('data-source')).toBe('input'), { timeout: 10_000 });
    await screen.findByTestId('import-review', {}, { timeout: 10_000 });
    expect(screen.queryByTestId('import-mapping-error')).toBeNull();
    expect(count('created')).toBe('4');
  }, 60_000);

  it('a workbook: the sheet and the merged two-row header are shown; a wrong sheet or header rows are refused by those controls', async () => {
    core = startCore();
    await core.seedOffice();
    const file = await writeRosterXlsx(path.join(tempFolder(), '花名册.xlsx'), family());
    const { user } = renderApp();
    await openWizard(user);
    await chooseFile(user, file);
    await screen.findByTestId('import-review', {}, { timeout: 10_000 });
    // The first sheet (说明) has no header; the roster's is under a title row, merged over two rows.
    expect(screen.getByTestId('import-file-info').textContent).toBe('XLSX，工作表“花名册”，表头在第 2–3 行');
    expect(screen.getByTestId<HTMLInputElement>('import-header-first').value).toBe('2');
    expect(count('created')).toBe('4');

    // Header rows 1–1 (the title): no name or ID column there — said by the header controls, the counts go.
    await user.clear(screen.getByTestId('import-header-last'));
    await user.type(screen.getByTestId('import-header-last'), '1');
    await user.clear(screen.getByTestId('import-header-first'));
    await user.type(screen.getByTestId('import-header-first'), '1');
    expect(screen.getByTestId<HTMLInputElement>('import-header-first').value).toBe('1');
    expect(screen.getByTestId<HTMLInputElement>('import-header-last').value).toBe('1');
    await user.click(screen.getByTestId('import-header-apply'));
    const error = await screen.findByTestId('import-mapping-error', {}, { timeout: 10_000 });
    expect(['imports.no_header', 'imports.header_rows', 'imports.mapping_required']).toContain(error.getAttribute('data-code'));
    expect(screen.queryByTestId('import-file-error')).toBeNull();
    expect(screen.queryByTestId('import-review')).toBeNull();

    // The other sheet: nothing recognizable there either.
    await user.selectOptions(screen.getByTestId('import-sheet'), '说明');
    await waitFor(() => expect(screen.getByTestId('import-mapping-error').getAttribute('data-code')).toBe('imports.no_header'), { timeout: 10_000 });
    // Back to the roster: checked again, as at first.
    await user.selectOptions(screen.getByTestId('import-sheet'), '花名册');
    await screen.findByTestId('import-review', {}, { timeout: 10_000 });
    expect(count('created')).toBe('4');
  }, 60_000);

  it('a file that cannot be read is named next to the file step, and nothing crashes', async () => {
    core = startCore();
    await core.seedOffice();
    const dir = tempFolder();
    const xls = path.join(dir, '旧花名册.xls');
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const { user } = renderApp();
    await openWizard(user);
    await chooseFile(user, path.join(dir, '不存在.csv'));
    const missing = await screen.findByTestId('import-file-error', {}, { timeout: 10_000 });
    expect(missing.textContent).toContain('找不到文件');
    await user.click(screen.getByTestId('import-choose'));
    await typePath(user, xls);
    await waitFor(() => expect(screen.getByTestId('import-file-error').textContent).toContain('.xls'), { timeout: 10_000 });
    expect(screen.queryByTestId('import-review')).toBeNull();
  }, 60_000);

  it('the error report is saved where the save dialog says, and the wizard tells where', async () => {
    core = startCore();
    await core.seedOffice();
    const dir = tempFolder();
    const file = rosterWithOneBadRow(dir);
    // Fake native dialogs on the bridge: the wizard must use them and never show the typed-path window.
    const report = path.join(dir, '报告', '错误报告.xlsx');
    fs.mkdirSync(path.dirname(report));
    const dialogs: FileDialogs = {
      openFile: vi.fn(async () => core?.choose(file, 'read') ?? null),
      saveFile: vi.fn(async () => core?.choose(report, 'write') ?? null),
      chooseFolder: vi.fn(async () => null),
    };
    if (!window.civicdesk) throw new Error('no bridge');
    window.civicdesk.dialogs = dialogs;
    const { user } = renderApp();
    await openWizard(user);
    await user.click(screen.getByTestId('import-choose'));
    await screen.findByTestId('import-review', {}, { timeout: 10_000 });
    expect(dialogs.openFile).toHaveBeenCalledWith(expect.objectContaining({ kind: 'spreadsheet' }));
    await user.click(screen.getByTestId('import-report'));
    const done = await screen.findByTestId('import-report-done', {}, { timeout: 10_000 });
    expect(dialogs.saveFile).toHaveBeenCalledWith(expect.objectContaining({ kind: 'xlsx', defaultName: '朝阳街花名册-错误报告.xlsx' }));
    expect(done.textContent).toContain(report);
    expect(fs.statSync(report).size).toBeGreaterThan(0);
    expect(screen.queryByTestId('path-prompt-input')).toBeNull();
  }, 60_000);
});

describe('who may import', () => {
  it('a viewer may export but not import: no 导入 button, and the import page says why', async () => {
    core = startCore();
    await core.seedOffice();
    await core.createUser('viewer1', 'viewer', 'viewer1234');
    const { user } = renderApp();
    const shell = await signIn(user, 'viewer1', 'viewer1234');
    await user.click(within(shell).getByTestId('nav-residents'));
    expect(await screen.findByTestId('residents-export')).toBeTruthy();
    expect(screen.queryByTestId('residents-import')).toBeNull();
    window.location.hash = '#/residents/import';
    expect(await screen.findByTestId('import-forbidden')).toBeTruthy();
    expect(screen.queryByTestId('import-wizard')).toBeNull();
    expect(await screen.findByTestId('import-history')).toBeTruthy();
  }, 30_000);
});

describe('import progress and cancel', () => {
  /** Many distinct valid people, each the head of a household of their own. */
  function people(n: number): Person[] {
    return Array.from({ length: n }, (_, i) => {
      const birth = `19${40 + (i % 50)}-0${1 + (i % 9)}-1${i % 9}`;
      const id = composeIdNumber('640202', birth, 100 + Math.floor(i / 450));
      return { name: `测试${i}`, id, sex: Number(id[16]) % 2 === 1 ? '男' : '女', birth, relation: '户主', phone: '', address: `朝阳街${i}号` };
    });
  }

  it('a slow check shows rows/s and time left, and Cancel stops it calmly', async () => {
    // The real check finishes a small file before a click could land; this one reports progress
    // until it is cancelled, through the job machinery the real one uses.
    core = startCore({
      handlerOverrides: {
        'imports.preview': async (_input, _ctx, job) => {
          for (let done = 0; ; done += 400) {
            await job.checkpoint(done, 100_000);
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        },
      },
    });
    await core.seedOffice();
    const { user } = renderApp();
    await openWizard(user);
    await chooseFile(user, '/any/花名册.csv');
    const progress = await screen.findByTestId('import-preview-progress');
    await waitFor(() => expect(within(progress).getByTestId('import-preview-progress-figures').textContent).toMatch(/\d[\d,]* 行\/秒 · 剩余约 \d/), { timeout: 10_000 });
    await user.click(within(progress).getByTestId('import-preview-progress-cancel'));
    expect(await screen.findByTestId('import-preview-cancelled', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByTestId('import-preview-progress')).toBeNull();
  }, 60_000);

  it('cancelling the import itself leaves the register unchanged', async () => {
    core = startCore();
    await core.seedOffice();
    const dir = tempFolder();
    const rows = people(3000);
    expect(new Set(rows.map((p) => p.id)).size).toBe(rows.length);
    const file = writeCsv(path.join(dir, '大花名册.csv'), [HEADER, ...rows.map(personRow)], 'utf8-bom');
    const { user } = renderApp();
    await openWizard(user);
    await chooseFile(user, file);
    await screen.findByTestId('import-review', {}, { timeout: 20_000 });
    expect(count('created')).toBe('3000');
    await user.click(screen.getByTestId('import-commit'));
    const progress = await screen.findByTestId('import-commit-progress');
    await user.click(within(progress).getByTestId('import-commit-progress-cancel'));
    expect(await screen.findByTestId('import-commit-cancelled', {}, { timeout: 20_000 })).toBeTruthy();
    expect(await registeredTotal(core)).toBe(0);
    expect(await adminValue(core, 'imports.list', {})).toEqual([]);
    // The review is still there: the clerk can import after all.
    expect(screen.getByTestId('import-commit')).toBeTruthy();
  }, 90_000);
});
