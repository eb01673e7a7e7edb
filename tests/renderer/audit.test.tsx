import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { seededCore, type SeededCore } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

const core = seededCore();

async function openAudit(harness: SeededCore) {
  await harness.createUser('zhou.jian', 'supervisor', 'super12345');
  // A failed sign-in for the trail to show.
  await harness.call('elsewhere', 'accounts.login', { username: 'zhou.jian', password: 'wrong-guess1' });
  const { user } = renderApp();
  const shell = await signIn(user, 'zhou.jian', 'super12345');
  await user.click(within(shell).getByTestId('nav-audit'));
  await screen.findByTestId('audit-table');
  return user;
}

describe('audit trail page', () => {
  it('a supervisor browses the trail newest first with Chinese dates and names, and filters by action', async () => {
    const user = await openAudit(core);
    const rows = await screen.findAllByTestId('audit-entry');
    // The newest entry is the supervisor's own sign-in.
    expect(rows[0].getAttribute('data-action')).toBe('login');
    expect(rows[0].textContent).toContain('zhou.jian');
    expect(rows[0].textContent).toContain('登录');
    expect(rows[0].textContent).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(screen.getByTestId('audit-total').textContent).toMatch(/^共 \d+ 条$/);

    await user.selectOptions(screen.getByTestId('audit-filter-action'), 'login.failed');
    await waitFor(() => {
      const filtered = screen.getAllByTestId('audit-entry');
      expect(filtered.map((r) => r.getAttribute('data-action'))).toEqual(['login.failed']);
    });
    expect(screen.getByTestId('audit-entry').textContent).toContain('登录失败');
    expect(screen.getByTestId('audit-entry').textContent).toContain('原因: 密码错误');
  });

  it('"verify chain" reports an intact chain, and names the entry someone edited', async () => {
    const user = await openAudit(core);
    await user.click(screen.getByTestId('audit-verify-start'));
    expect((await screen.findByTestId('audit-verify-result')).textContent).toMatch(/日志链完整：\d+ 条记录全部校验通过/);
    expect(screen.getByTestId('audit-head').textContent).toMatch(/[0-9a-f]{64}/);

    const db = core.host.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET username = 'someone.else' WHERE seq = 3").run();
    await user.click(screen.getByTestId('audit-verify-start'));
    await waitFor(() => expect(screen.getByTestId('audit-verify-result').textContent).toContain('日志链在第 3 条处断开：记录内容被改动'));
  });

  it('clerks do not see the page in the navigation', async () => {
    await core.createUser('li.na', 'clerk', 'clerk12345');
    const { user } = renderApp();
    const shell = await signIn(user, 'li.na', 'clerk12345');
    expect(within(shell).queryByTestId('nav-audit')).toBeNull();
    expect(within(shell).getByTestId('nav-settings')).toBeTruthy();
  });
});
