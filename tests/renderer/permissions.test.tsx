import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { ADMIN, seededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();

describe('what each role sees', () => {
  it('a viewer sees neither user management, office settings nor the database check', async () => {
    await core.createUser('zhaoli', 'viewer');
    const { user } = renderApp();
    const shell = await signIn(user, 'zhaoli', 'viewer1234');
    expect(within(shell).getByTestId('user-role').textContent).toBe('查阅人员');
    await user.click(within(shell).getByTestId('nav-settings'));
    await screen.findByTestId('settings-password');
    expect(screen.queryByTestId('users-section')).toBeNull();
    expect(screen.queryByTestId('settings-office')).toBeNull();
    expect(screen.queryByTestId('settings-maintenance')).toBeNull();
  });

  it('an administrator manages users; a taken user name is shown on the field in Chinese', async () => {
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-settings'));
    const section = await screen.findByTestId('users-section');
    await within(section).findByTestId('user-row-admin');

    await user.click(within(section).getByTestId('user-create-open'));
    await user.type(await screen.findByTestId('user-create-username'), 'admin');
    await user.type(screen.getByTestId('user-create-display-name'), '张三');
    await user.selectOptions(screen.getByTestId('user-create-role'), 'viewer');
    await user.type(screen.getByTestId('user-create-password'), 'viewer1234{Enter}');
    expect((await screen.findAllByText('用户名“admin”已被使用，请换一个。')).length).toBeGreaterThan(0);

    await user.clear(screen.getByTestId('user-create-username'));
    await user.type(screen.getByTestId('user-create-username'), 'zhangsan');
    await user.click(screen.getByTestId('user-create-submit'));
    const row = await within(section).findByTestId('user-row-zhangsan');
    expect(within(row).getByTestId<HTMLSelectElement>('user-role-zhangsan').value).toBe('viewer');
  });

  it('the last administrator cannot demote themselves: the table says why and snaps back', async () => {
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-settings'));
    const select = await screen.findByTestId<HTMLSelectElement>('user-role-admin');
    await user.selectOptions(select, 'clerk');
    expect((await screen.findByTestId('users-error')).textContent).toContain('不能停用或降级最后一位管理员');
    await waitFor(() => expect(screen.getByTestId<HTMLSelectElement>('user-role-admin').value).toBe('admin'));
  });

  it('runs the database check as a job and reports the result', async () => {
    const { user } = renderApp();
    const shell = await signIn(user, ADMIN.username, ADMIN.password);
    await user.click(within(shell).getByTestId('nav-settings'));
    await user.click(await screen.findByTestId('integrity-start'));
    expect((await screen.findByTestId('integrity-result')).textContent).toMatch(/检查完成，未发现问题（共 \d+ 条变更记录）/);
  });
});
