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
