import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { ADMIN, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();

describe('recovery key and user removal', () => {
  it('after a restart (database sealed) a wrong recovery key is marked on its field; the right one resets the password', async () => {
    if (!core.recoveryKey) return; // an unencrypted core has no recovery key to test
    await core.restart();
    const { user } = renderApp();
    await user.click(await screen.findByTestId('login-forgot'));
    await user.type(await screen.findByTestId('recover-key'), 'AAAA-BBBB-CCCC-DDDD');
    await user.type(screen.getByTestId('recover-username'), ADMIN.username);
    await user.type(screen.getByTestId('recover-new-password'), 'fresh12345');
    await user.type(screen.getByTestId('recover-confirm'), 'fresh12345{Enter}');
    expect(await screen.findByText('恢复密钥不正确，请对照打印件逐组核对。')).toBeTruthy();

    await user.clear(screen.getByTestId('recover-key'));
    await user.type(screen.getByTestId('recover-key'), core.recoveryKey);
    await user.click(screen.getByTestId('recover-submit'));
    expect(await screen.findByTestId('login-recovered')).toBeTruthy();
    expect(screen.getByTestId<HTMLInputElement>('login-username').value).toBe(ADMIN.username);
    await user.type(screen.getByTestId('login-password'), 'fresh12345{Enter}');
    await screen.findByTestId('app-shell');
  });

  // Once the database is open (anyone signed in since the app started) the sealed path that unwraps
  // the key is skipped: the recovery handler must check the key itself.
  it('a wrong recovery key is refused while the database is open', async () => {
    if (!core.recoveryKey) throw new Error('no recovery key');
    const { user } = renderApp();
    await user.click(await screen.findByTestId('login-forgot'));
    await user.type(await screen.findByTestId('recover-key'), 'AAAA-BBBB-CCCC-DDDD');
    await user.type(screen.getByTestId('recover-username'), ADMIN.username);
    await user.type(screen.getByTestId('recover-new-password'), 'fresh12345');
    await user.type(screen.getByTestId('recover-confirm'), 'fresh12345{Enter}');
    expect(await screen.findByText('恢复密钥不正确，请对照打印件逐组核对。', {}, { timeout: 3000 })).toBeTruthy();
  });

  it('an administrator replaces the recovery key and sees the new one once', async () => {
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-settings'));
    const section = await screen.findByTestId('settings-recovery');
    await user.type(within(section).getByTestId('recovery-renew-password'), 'wrong-pass1{Enter}');
    expect(await within(section).findByText('当前密码不正确。')).toBeTruthy();
    await user.clear(within(section).getByTestId('recovery-renew-password'));
    await user.type(within(section).getByTestId('recovery-renew-password'), `${ADMIN.password}{Enter}`);
    if (core.recoveryKey) {
      const shown = await within(section).findByTestId('recovery-key');
      expect(shown.textContent).not.toBe(core.recoveryKey);
    } else {
      expect(await within(section).findByText('本数据库未加密，没有恢复密钥。')).toBeTruthy();
    }
  });

  it('an administrator removes a user after confirming', async () => {
    await core.createUser('zhaoli', 'viewer');
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-settings'));
    await user.click(await screen.findByTestId('user-remove-zhaoli'));
    await user.click(await screen.findByTestId('user-remove-confirm'));
    await waitFor(() => expect(screen.queryByTestId('user-row-zhaoli')).toBeNull());
    expect(screen.queryByTestId('user-remove-admin')).toBeNull(); // no removing yourself
  });
});
