import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import type { FileDialogs } from '../../shared/contract';
import { ADMIN, OFFICE, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
// After the folders' cleanup: hooks run last-registered first, so the core closes before they go.
const core = seededCore();

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'civicdesk-usb-'));
  folders.push(folder);
  return folder;
}

/** The browser preview's (and these tests') stand-in for the folder dialog: the path is typed. */
async function chooseFolder(user: Awaited<ReturnType<typeof openSettings>>, section: HTMLElement, folder: string) {
  await user.click(within(section).getByTestId('backup-choose-folder'));
  await user.type(await screen.findByTestId('path-prompt-input'), folder);
  await user.click(screen.getByTestId('path-prompt-ok'));
  await waitFor(() => expect(within(section).getByTestId<HTMLInputElement>('backup-folder').value).toBe(folder));
}

async function openSettings(username: string, password: string) {
  const { user } = renderApp();
  const shell = await signIn(user, username, password);
  await user.click(within(shell).getByTestId('nav-settings'));
  return user;
}

describe('backup and restore', () => {
  it('an administrator backs up to a folder, sees the file listed, and inspects it', async () => {
    const usb = tempFolder();
    const user = await openSettings(ADMIN.username, ADMIN.password);

    const section = await screen.findByTestId('settings-backup');
    await chooseFolder(user, section, usb);
    await user.click(within(section).getByTestId('backup-start'));

    const result = await within(section).findByTestId('backup-result', {}, { timeout: 10_000 });
    const written = readdirSync(usb).filter((name) => name.endsWith('.cdbak'));
    expect(written).toHaveLength(1);
    expect(result.textContent).toContain('备份完成');
    expect(result.textContent).toContain(written[0]);

    // The list now shows that folder, with the new backup in it.
    const row = await within(section).findByTestId('backup-row');
    expect(row.getAttribute('data-file')).toBe(join(usb, written[0]));
    expect(row.textContent).toContain(OFFICE.name);
    expect(row.textContent).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(row.textContent).toContain('用户 1 个');

    await user.click(within(row).getByTestId('backup-select'));
    expect(within(section).getByTestId<HTMLInputElement>('restore-file').value).toBe(join(usb, written[0]));
    // Nothing to restore before the backup has been inspected.
    expect(within(section).queryByTestId('restore-start')).toBeNull();
    await user.click(within(section).getByTestId('restore-inspect'));

    const contents = await within(section).findByTestId('restore-contents');
    expect(within(contents).getByTestId('restore-office').textContent).toContain(OFFICE.name);
    expect(within(contents).getByTestId('restore-counts').textContent).toContain('用户 1 个');
    expect(within(contents).getByTestId('restore-start')).toBeTruthy();

    // The confirmation says the current database is kept and everyone signs in again; cancelling changes nothing.
    await user.click(within(contents).getByTestId('restore-start'));
    expect((await screen.findByTestId('restore-confirm-body')).textContent).toContain('当前数据库不会删除');
    await user.click(screen.getByTestId('restore-confirm-cancel'));
    await waitFor(() => expect(screen.queryByTestId('restore-confirm-body')).toBeNull());
  }, 30_000);

  it('a backup whose header was edited since it was made shows its counts as unverified', async () => {
    const usb = tempFolder();
    const user = await openSettings(ADMIN.username, ADMIN.password);
    const section = await screen.findByTestId('settings-backup');
    await chooseFolder(user, section, usb);
    await user.click(within(section).getByTestId('backup-start'));
    await within(section).findByTestId('backup-result', {}, { timeout: 10_000 });
    const [written] = readdirSync(usb).filter((name) => name.endsWith('.cdbak'));
    expect(within(await within(section).findByTestId('backup-row')).queryByTestId('counts-unverified')).toBeNull();

    const bytes = readFileSync(join(usb, written));
    const at = bytes.indexOf(Buffer.from('"users":1'));
    expect(at).toBeGreaterThan(0);
    bytes.write('"users":7', at, 'latin1');
    const other = tempFolder();
    writeFileSync(join(other, 'edited.cdbak'), bytes);
    // A fresh backup into that folder shows it in the list, beside the edited one.
    await chooseFolder(user, section, other);
    await user.click(within(section).getByTestId('backup-start'));
    await waitFor(() => expect(within(section).getAllByTestId('backup-row')).toHaveLength(2), { timeout: 10_000 });
    const rows = within(section).getAllByTestId('backup-row');
    const edited = rows.find((r) => r.getAttribute('data-file') === join(other, 'edited.cdbak'))!;
    expect(edited.textContent).toContain('用户 7 个');
    expect(within(edited).getByTestId('counts-unverified').textContent).toContain('未核验');
    expect(within(rows.find((r) => r !== edited)!).queryByTestId('counts-unverified')).toBeNull();
  }, 30_000);

  it('restoring a backup keeps the current database aside and returns to the sign-in screen', async () => {
    const usb = tempFolder();
    const user = await openSettings(ADMIN.username, ADMIN.password);
    const section = await screen.findByTestId('settings-backup');
    await chooseFolder(user, section, usb);
    await user.click(within(section).getByTestId('backup-start'));
    await within(section).findByTestId('backup-result', {}, { timeout: 10_000 });
    // After a backup the file field already names it: inspect, then restore.
    await user.click(within(section).getByTestId('restore-inspect'));
    await user.click(await within(section).findByTestId('restore-start'));
    await user.click(await screen.findByTestId('restore-confirm'));

    expect(await screen.findByTestId('login-username', {}, { timeout: 15_000 })).toBeTruthy();
    const dbFolder = readdirSync(dirname(core.host.services.vault.dbPath));
    expect(dbFolder.some((name) => name.includes('before-restore'))).toBe(true);
    // The restored database opens with the same administrator.
    await signIn(user, ADMIN.username, ADMIN.password);
  }, 30_000);

  it('a missing folder is named in Chinese, not as a raw error', async () => {
    const missing = join(tempFolder(), 'not-plugged-in');
    const user = await openSettings(ADMIN.username, ADMIN.password);
    const section = await screen.findByTestId('settings-backup');
    await chooseFolder(user, section, missing);
    await user.click(within(section).getByTestId('backup-start'));
    expect((await within(section).findByTestId('backup-result')).textContent).toContain(`找不到文件夹 ${missing}`);
  }, 30_000);

  it('with the system dialogs (Electron), the folder and the backup file come from them and nothing is typed', async () => {
    const usb = tempFolder();
    const chosen: string[] = [];
    const dialogs: FileDialogs = {
      chooseFolder: vi.fn(async () => core.choose(usb, 'folder')),
      openFile: vi.fn(async () => (chosen[0] ? core.choose(chosen[0], 'read') : null)),
      saveFile: vi.fn(async () => null),
    };
    if (!window.civicdesk) throw new Error('no bridge');
    window.civicdesk.dialogs = dialogs;
    const user = await openSettings(ADMIN.username, ADMIN.password);
    const section = await screen.findByTestId('settings-backup');
    expect(within(section).getByTestId<HTMLInputElement>('backup-folder').readOnly).toBe(true);
    await user.click(within(section).getByTestId('backup-choose-folder'));
    await waitFor(() => expect(within(section).getByTestId<HTMLInputElement>('backup-folder').value).toBe(usb));
    await user.click(within(section).getByTestId('backup-start'));
    await within(section).findByTestId('backup-result', {}, { timeout: 10_000 });
    const [written] = readdirSync(usb).filter((name) => name.endsWith('.cdbak'));
    expect(written).toBeTruthy();

    // Restore: pick the file in the open dialog (filtered to backups), then inspect it.
    // A copy under another name (as on a USB stick from another PC), so the choice visibly changes the field.
    const copy = join(usb, '月底备份.cdbak');
    copyFileSync(join(usb, written), copy);
    chosen.push(copy);
    await user.click(within(section).getByTestId('backup-use-automatic'));
    expect(within(section).getByTestId<HTMLInputElement>('backup-folder').value).toBe('');
    await user.click(within(section).getByTestId('restore-choose'));
    expect(dialogs.openFile).toHaveBeenCalledWith(expect.objectContaining({ kind: 'backup' }));
    await waitFor(() => expect(within(section).getByTestId<HTMLInputElement>('restore-file').value).toBe(copy));
    await user.click(within(section).getByTestId('restore-inspect'));
    expect(within(await within(section).findByTestId('restore-contents')).getByTestId('restore-office').textContent).toContain(OFFICE.name);
    expect(screen.queryByTestId('path-prompt-input')).toBeNull();
  }, 30_000);

  it('a viewer does not see the section', async () => {
    await core.createUser('viewer1', 'viewer', 'viewer1234');
    await openSettings('viewer1', 'viewer1234');
    expect(await screen.findByTestId('settings-preferences')).toBeTruthy();
    expect(screen.queryByTestId('settings-backup')).toBeNull();
  }, 30_000);
});
