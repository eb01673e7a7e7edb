import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ADMIN, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

seededCore();

describe('language', () => {
  it('switches the whole UI to English and back, and remembers the choice', async () => {
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    expect(document.documentElement.lang).toBe('zh-CN');
    await user.click(within(shell).getByTestId('nav-settings'));
    expect(await screen.findByRole('heading', { name: '设置' })).toBeTruthy();

    await user.click(screen.getByTestId('language-en'));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(within(shell).getByTestId('nav-residents').textContent).toContain('Residents');
    expect(within(shell).getByTestId('user-role').textContent).toBe('Administrator');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem('civicdesk.language')).toBe('en');

    await user.click(screen.getByTestId('language-zh-CN'));
    expect(await screen.findByRole('heading', { name: '设置' })).toBeTruthy();
    expect(within(shell).getByTestId('nav-residents').textContent).toContain('居民');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('translates a field error that is already on screen when the language changes', async () => {
    const { user } = renderApp();
    await user.type(await screen.findByTestId('login-username'), ' ');
    await user.click(screen.getByTestId('login-submit'));
    expect((await screen.findAllByText('此项必填。')).length).toBeGreaterThan(0);
    await user.click(screen.getByTestId('language-toggle'));
    expect((await screen.findAllByText('This field is required.')).length).toBeGreaterThan(0);
    expect(screen.queryByText('此项必填。')).toBeNull();
  });

  it('starts in the language chosen last time', async () => {
    window.localStorage.setItem('civicdesk.language', 'en');
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });
});
