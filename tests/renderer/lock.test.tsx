import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, renderHook, screen, waitFor, within } from '@testing-library/react';
import { useIdleLock } from '../../renderer/src/app/session/use-idle-lock';
import { ADMIN, APP_CONNECTION, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

describe('the window idle timer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends at most one heartbeat a minute while the clerk is active, and locks after the idle limit', () => {
    const onIdle = vi.fn();
    const onHeartbeat = vi.fn();
    renderHook(() => useIdleLock({ idleLockMinutes: 2, locked: false, onIdle, onHeartbeat }));

    act(() => void vi.advanceTimersByTime(30_000));
    fireEvent.keyDown(window, { key: 'a' });
    expect(onHeartbeat).not.toHaveBeenCalled(); // signing in counted as activity 30 s ago

    act(() => void vi.advanceTimersByTime(31_000));
    fireEvent.pointerDown(window);
    fireEvent.keyDown(window, { key: 'b' });
    expect(onHeartbeat).toHaveBeenCalledTimes(1);

    act(() => void vi.advanceTimersByTime(90_000));
    expect(onIdle).not.toHaveBeenCalled(); // 90 s since the last key, limit is 120 s
    act(() => void vi.advanceTimersByTime(45_000));
    expect(onIdle).toHaveBeenCalled();
  });

  it('does nothing while locked', () => {
    const onIdle = vi.fn();
    const onHeartbeat = vi.fn();
    renderHook(() => useIdleLock({ idleLockMinutes: 1, locked: true, onIdle, onHeartbeat }));
    act(() => void vi.advanceTimersByTime(120_000));
    fireEvent.keyDown(window, { key: 'a' });
    expect(onIdle).not.toHaveBeenCalled();
    expect(onHeartbeat).not.toHaveBeenCalled();
  });
});

describe('the lock screen', () => {
  const core = seededCore();

  it('appears when the core finds the session idle, and only the right password opens it', async () => {
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    core.clock.advance(11 * 60_000); // past the default 10-minute idle limit
    await user.click(within(shell).getByTestId('nav-settings'));

    const lock = await screen.findByTestId('lock-screen');
    expect(within(lock).getByText(/当前登录：王芳（admin）/)).toBeTruthy();
    const password = within(lock).getByTestId('lock-password');
    await waitFor(() => expect(document.activeElement).toBe(password));

    await user.type(password, 'not-it-1{Enter}');
    expect(await within(lock).findByText('当前密码不正确。')).toBeTruthy();

    await user.type(within(lock).getByTestId('lock-password'), `${ADMIN.password}`);
    await user.click(within(lock).getByTestId('lock-submit'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull());
    // The page under the lock was kept: the settings the clerk opened are there.
    // Calls refused while locked are asked again: the users table fills in.
    expect(await within(await screen.findByTestId('users-section')).findByTestId('user-row-admin')).toBeTruthy();
  });

  it('the lock button locks the session in the core too: nothing is answered for this window until the password is typed', async () => {
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('lock-now'));
    const lock = await screen.findByTestId('lock-screen');
    await waitFor(async () => {
      const answer = await core.call(APP_CONNECTION, 'accounts.session', {});
      expect(answer.ok && (answer.value as { session: { locked: boolean } }).session.locked).toBe(true);
    });
    const refused = await core.call(APP_CONNECTION, 'residents.list', {});
    expect(refused.ok ? 'ok' : refused.error.code).toBe('SESSION_LOCKED');

    await user.type(within(lock).getByTestId('lock-password'), `${ADMIN.password}{Enter}`);
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull());
    expect((await core.call(APP_CONNECTION, 'residents.list', {})).ok).toBe(true);
  });

  it('"sign out" on the lock screen returns to login', async () => {
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    core.clock.advance(11 * 60_000);
    await user.click(within(shell).getByTestId('nav-residents'));
    // The placeholder makes no call, so ask for something that does: the home page's system.info.
    await user.click(within(shell).getByTestId('nav-home'));
    await screen.findByTestId('lock-screen');
    await user.click(screen.getByTestId('lock-sign-out'));
    expect(await screen.findByTestId('login-username')).toBeTruthy();
  });
});
