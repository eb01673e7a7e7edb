/** 养老服务 settings in the real UI over the real core: edit, refuse out-of-range values at the field, read-only for a viewer, code tables. */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { ADMIN, adminValue, startCore, type CoreHarness } from './support/core-harness';
import { renderApp, signIn } from './support/render-app';

let core: CoreHarness | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function openEldercareSettings(harness: CoreHarness, username = ADMIN.username, password = ADMIN.password) {
  const { user } = renderApp();
  const shell = await signIn(user, username, password);
  await user.click(within(shell).getByTestId('nav-eldercare'));
  await user.click(await screen.findByTestId('eldercare-tab-settings'));
  await screen.findByTestId('eldercare-settings');
  return user;
}

describe('elderly-care settings', () => {
  it('an administrator changes the circle and an allowance band; the core keeps them', async () => {
    core = startCore();
    await core.seedOffice();
    const user = await openEldercareSettings(core);
    const minutes = await screen.findByTestId<HTMLInputElement>('eldercare-setting-circleMinutes');
    expect(minutes.value).toBe('15');
    await user.clear(minutes);
    await user.type(minutes, '20');
    const bands = screen.getByTestId('eldercare-allowance-bands');
    const monthly = within(bands).getAllByLabelText('每月金额（元）')[0] as HTMLInputElement;
    await user.clear(monthly);
    await user.type(monthly, '60');
    await user.click(screen.getByTestId('eldercare-settings-save'));
    await waitFor(async () => {
      const saved = await adminValue(core!, 'eldercare.settings.get', {});
      expect(saved.circleMinutes).toBe(20);
      expect(saved.allowanceBands[0].monthlyCents).toBe(6000);
      expect(saved.version).toBe(1);
    });
  });

  it('an emptied setting is refused next to its field, in Chinese, and nothing is saved', async () => {
    core = startCore();
    await core.seedOffice();
    const user = await openEldercareSettings(core);
    const detour = await screen.findByTestId<HTMLInputElement>('eldercare-setting-detourFactor');
    // Out-of-range numbers are clamped by the input itself on blur; an emptied one goes to the core as it is.
    await user.clear(detour);
    await user.click(screen.getByTestId('eldercare-settings-save'));
    expect(await screen.findByTestId('eldercare-settings-error')).toBeTruthy();
    expect(detour.getAttribute('aria-invalid')).toBe('true');
    const saved = await adminValue(core, 'eldercare.settings.get', {});
    expect(saved.version).toBeNull();
    expect(saved.detourFactor).toBe(1.3);
  });

  it('a viewer sees the settings but cannot change them', async () => {
    core = startCore();
    await core.seedOffice();
    await core.createUser('zhaoli', 'viewer', 'viewer1234');
    await openEldercareSettings(core, 'zhaoli', 'viewer1234');
    expect(screen.getByText('只有管理员可以修改这些设置。')).toBeTruthy();
    expect(screen.queryByTestId('eldercare-settings-save')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('eldercare-setting-circleMinutes').readOnly).toBe(true);
  });

  it('an administrator retires a built-in service and adds one of the office’s own', async () => {
    core = startCore();
    await core.seedOffice();
    const user = await openEldercareSettings(core);
    const services = await screen.findByTestId('eldercare-codes-service');
    const study = await within(services).findByTestId('eldercare-code-service-study');
    await user.click(within(study).getByRole('checkbox'));
    await user.click(within(study).getByRole('button', { name: '保存' }));
    await user.click(within(services).getByTestId('eldercare-codes-service-add'));
    const added = within(services).getByTestId('eldercare-code-service-new');
    await user.type(within(added).getByLabelText('代码'), 'Hair');
    expect(await within(added).findByText(/代码只能用小写字母/)).toBeTruthy();
    await user.clear(within(added).getByLabelText('代码'));
    await user.type(within(added).getByLabelText('代码'), 'haircut');
    await user.type(within(added).getByLabelText('中文名称'), '助理发');
    await user.type(within(added).getByLabelText('英文名称'), 'Haircut aid');
    await user.click(within(added).getByRole('button', { name: '保存' }));
    await waitFor(async () => {
      const codes = await adminValue(core!, 'eldercare.codes.list', { table: 'service' });
      expect(codes.find((c) => c.code === 'study')?.active).toBe(false);
      expect(codes.find((c) => c.code === 'haircut')).toMatchObject({ zh: '助理发', builtIn: false, active: true });
    });
    expect(await within(services).findByTestId('eldercare-code-service-haircut')).toBeTruthy();
  });
});
