import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { ADMIN, seededCore } from './support/core-harness';
import { renderApp } from './support/render-app';

const core = seededCore();

describe('login', () => {
  it('shows the Chinese error for a wrong password, clears it and puts the cursor back', async () => {
    const { user } = renderApp();
    const username = await screen.findByTestId('login-username');
    expect(document.activeElement).toBe(username);
    await user.type(username, ADMIN.username);
    await user.type(screen.getByTestId('login-password'), 'wrong-pass1{Enter}');

    const alert = await screen.findByTestId('login-error');
    expect(alert.textContent).toContain('用户名或密码错误，请重新输入。');
    expect(screen.getByText('再输错 4 次，账户将被暂时锁定。')).toBeTruthy();
    const password = screen.getByTestId<HTMLInputElement>('login-password');
    await waitFor(() => expect(document.activeElement).toBe(password));
    expect(password.value).toBe('');

    await user.type(password, `${ADMIN.password}{Enter}`);
    await screen.findByTestId('app-shell');
    expect(screen.queryByTestId('login-error')).toBeNull();
  });

  it('says when the account is locked, with the time it opens again', async () => {
    const { user } = renderApp();
    await user.type(await screen.findByTestId('login-username'), ADMIN.username);
    for (let i = 0; i < 5; i++) {
      await user.type(screen.getByTestId('login-password'), `wrong-pass${i}{Enter}`);
      await screen.findByTestId('login-error');
    }
    const alert = await screen.findByTestId('login-error');
    expect(alert.textContent).toMatch(/密码错误次数过多，账户已锁定，请在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 之后再试/);
  });

  it('signing out returns to the login screen and forgets the session', async () => {
    const { user } = renderApp();
    await user.type(await screen.findByTestId('login-username'), ADMIN.username);
    await user.type(screen.getByTestId('login-password'), `${ADMIN.password}{Enter}`);
    await screen.findByTestId('app-shell');
    await user.click(screen.getByTestId('logout-button'));
    await screen.findByTestId('login-username');
    const session = await core.call('test-conn', 'accounts.session', {});
    expect(session.ok && session.value).toEqual({ session: null });
  });
});
