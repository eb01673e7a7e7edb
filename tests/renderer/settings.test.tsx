import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { User } from '../../shared/contract';
import { ADMIN, startCore, type CoreHarness } from './support/core-harness';
import { hashPassword } from '../../electron/core/accounts/password';
import { renderApp, signIn } from './support/render-app';

let core: CoreHarness | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function openSettings(harness: CoreHarness, username = ADMIN.username, password = ADMIN.password) {
  await harness.seedOffice();
  const { user } = renderApp();
  const shell = await signIn(user, username, password);
  await user.click(within(shell).getByTestId('nav-settings'));
  return user;
}

describe('settings', () => {
  it('puts "current password is wrong" on the current-password field', async () => {
    core = startCore();
    const user = await openSettings(core);
    await user.type(await screen.findByTestId('password-current'), 'not-mine-1');
    await user.type(screen.getByTestId('password-new'), 'newpass123');
    await user.type(screen.getByTestId('password-confirm'), 'newpass123{Enter}');
    expect(await screen.findByText('当前密码不正确。')).toBeTruthy();
    expect(screen.getByTestId('password-current').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows STALE_VERSION in Chinese and reloads the values someone else saved', async () => {
    core = startCore();
    const user = await openSettings(core);
    const idle = await screen.findByTestId<HTMLInputElement>('office-idleLockMinutes');
    expect(idle.value).toBe('10');
    // Another administrator saves first.
    const other = await core.asAdmin('office.settings.update', { version: 1, idleLockMinutes: 25 });
    expect(other.ok).toBe(true);

    await user.clear(idle);
    await user.type(idle, '5');
    await user.click(screen.getByTestId('office-settings-submit'));
    expect((await screen.findByTestId('office-settings-error')).textContent).toContain('这条记录已被他人修改（当前版本 2）');
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('office-idleLockMinutes').value).toBe('25'));
    expect(screen.getByText('已重新载入最新设置，请确认后再保存。')).toBeTruthy();
  });

  it('shows the progress of the database check and stops it on request', async () => {
    core = startCore({
      handlerOverrides: {
        // A check that never ends by itself, so there is time to see progress and cancel it.
        'system.checkIntegrity': async (_input, _ctx, job) => {
          for (let done = 0; ; done++) {
            await job.checkpoint(done, 1000);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        },
      },
    });
    const user = await openSettings(core);
    await user.click(await screen.findByTestId('integrity-start'));
    expect(await screen.findByTestId('integrity-progress')).toBeTruthy();
    await user.click(screen.getByTestId('integrity-cancel'));
    expect((await screen.findByTestId('integrity-result')).textContent).toBe('检查已停止，数据未作更改。');
  });

  it('a password shorter than 10 characters (from before the rule) still signs in, and the window asks for a new one until it is changed', async () => {
    core = startCore();
    await core.seedOffice();
    await core.createUser('old.timer', 'clerk', 'clerk12345');
    // As an older version stored it: an 8-character password, hash and key slot.
    const row = core.host.db.prepare("SELECT id FROM users WHERE username = 'old.timer'").get() as { id: string };
    core.host.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hashPassword('Old-pw-8', 10), row.id);
    core.host.services.vault.setUserSlot({ userId: row.id, username: 'old.timer', password: 'Old-pw-8' });
    const { user } = renderApp();
    const shell = await signIn(user, 'old.timer', 'Old-pw-8');
    expect((await within(shell).findByTestId('must-change-password')).textContent).toContain('少于 10 位');
    await user.click(within(shell).getByTestId('nav-settings'));
    await user.type(await screen.findByTestId('password-current'), 'Old-pw-8');
    await user.type(screen.getByTestId('password-new'), 'Longer-pass-10');
    await user.type(screen.getByTestId('password-confirm'), 'Longer-pass-10{Enter}');
    await waitFor(() => expect(screen.queryByTestId('must-change-password')).toBeNull());
  });

  it('a new password of 9 characters is refused at its field, saying 10', async () => {
    core = startCore();
    const user = await openSettings(core);
    await user.type(await screen.findByTestId('password-current'), ADMIN.password);
    await user.type(screen.getByTestId('password-new'), 'Abcdefg12');
    await user.type(screen.getByTestId('password-confirm'), 'Abcdefg12{Enter}');
    expect(await screen.findByText('密码至少 10 位（可以用一句好记的话，再加上数字）。')).toBeTruthy();
    expect(screen.getByTestId('password-new').getAttribute('aria-invalid')).toBe('true');
  });

  it('a clerk signed in here is sent to login when an administrator disables the account elsewhere', async () => {
    core = startCore();
    await core.seedOffice();
    await core.createUser('clerk1', 'clerk', 'clerk12345');
    const { user } = renderApp();
    await signIn(user, 'clerk1', 'clerk12345');
    const listed = await core.asAdmin('accounts.users.list', {});
    const clerk = listed.ok ? (listed.value as User[]).find((u) => u.username === 'clerk1') : undefined;
    expect(clerk).toBeDefined();
    expect((await core.asAdmin('accounts.users.update', { id: clerk!.id, version: clerk!.version, disabled: true })).ok).toBe(true);
    expect(await screen.findByTestId('login-username')).toBeTruthy();
  });
});

describe('changing the database key', () => {
  it('asks to confirm, shows progress, then the new recovery key once; the old password of no one changes', async () => {
    core = startCore();
    const user = await openSettings(core);
    const section = await screen.findByTestId('settings-database-key');
    await user.type(within(section).getByTestId('database-key-password'), ADMIN.password);
    await user.click(within(section).getByTestId('database-key-start'));
    await user.click(await screen.findByTestId('database-key-confirm'));
    const result = await screen.findByTestId('database-key-result', {}, { timeout: 15_000 });
    expect(result.textContent).toContain('数据库密钥已更换');
    expect(result.textContent).toMatch(/([0-9A-Z]{6}-){7}[0-9A-Z]{6}/);
    // Still signed in; once kept, the key is gone from the screen.
    await user.click(within(result).getByTestId('database-key-kept'));
    expect(screen.queryByTestId('database-key-result')).toBeNull();
    expect(within(section).getByTestId('database-key-password')).toBeTruthy();
  }, 30_000);

  it('puts a wrong password in the section, changing nothing', async () => {
    core = startCore();
    const user = await openSettings(core);
    const section = await screen.findByTestId('settings-database-key');
    await user.type(within(section).getByTestId('database-key-password'), 'not-mine-1');
    await user.click(within(section).getByTestId('database-key-start'));
    await user.click(await screen.findByTestId('database-key-confirm'));
    expect((await screen.findByTestId('database-key-error')).textContent).toContain('当前密码不正确');
  });
});

describe('enabling a disabled user', () => {
  it('asks the administrator for a new password, since disabling removed the key slot', async () => {
    core = startCore();
    await core.seedOffice();
    await core.createUser('clerk1', 'clerk', 'clerk12345');
    const listed = await core.asAdmin('accounts.users.list', {});
    const clerk = listed.ok ? (listed.value as User[]).find((u) => u.username === 'clerk1') : undefined;
    expect((await core.asAdmin('accounts.users.update', { id: clerk!.id, version: clerk!.version, disabled: true })).ok).toBe(true);
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-settings'));
    expect(screen.queryByTestId('user-reset-clerk1')).toBeNull();
    await user.click(await screen.findByTestId('user-toggle-clerk1'));
    await screen.findByText(/停用时已删除该用户的密钥槽/);
    const modal = screen.getByRole('dialog');
    await user.type(within(modal).getByTestId('user-reset-password'), 'newpass123');
    await user.type(within(modal).getByTestId('user-reset-confirm'), 'newpass123');
    await user.click(within(modal).getByTestId('user-reset-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const after = await core.asAdmin('accounts.users.list', {});
    expect(after.ok && (after.value as User[]).find((u) => u.username === 'clerk1')?.disabled).toBe(false);
  });
});
