import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { contract } from '../../shared/contract';
import { officeHandlers } from '../../electron/core/office/service';
import { startCore, type CoreHarness } from './support/core-harness';
import { finishSetup, renderApp } from './support/render-app';

let core: CoreHarness;
afterEach(async () => {
  await core.close();
});

async function fillSetup(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByTestId('setup-office-code'), 'DWK-CYJ');
  await user.type(screen.getByTestId('setup-office-name'), '朝阳街道社区服务中心');
  await user.type(screen.getByTestId('setup-division'), '640202');
  await user.type(screen.getByTestId('setup-admin-username'), 'admin');
  await user.type(screen.getByTestId('setup-admin-display-name'), '王芳');
  await user.type(screen.getByTestId('setup-admin-password'), 'secret1234');
  await user.type(screen.getByTestId('setup-admin-password-confirm'), 'secret1234');
}

describe('first-run setup', () => {
  beforeEach(() => {
    core = startCore();
  });

  it('explains bad entries in Chinese, then creates the office, signs in and lands in the shell', async () => {
    const { user } = renderApp();
    const code = await screen.findByTestId('setup-office-code');
    expect(document.activeElement).toBe(code);

    await user.type(code, 'DWK-CYJ');
    await user.type(screen.getByTestId('setup-office-name'), '朝阳街道社区服务中心');
    await user.type(screen.getByTestId('setup-division'), '12345');
    await user.type(screen.getByTestId('setup-admin-username'), 'admin');
    await user.type(screen.getByTestId('setup-admin-display-name'), '王芳');
    await user.type(screen.getByTestId('setup-admin-password'), 'secret1234');
    await user.type(screen.getByTestId('setup-admin-password-confirm'), 'secret1244');
    await user.click(screen.getByTestId('setup-submit'));

    expect(await screen.findByText('行政区划代码应为 6 位数字，例如 640202（大武口区）。')).toBeTruthy();
    expect(screen.getByText('两次输入的密码不一致。')).toBeTruthy();
    // Nothing reached the core: the office is still uninitialised.
    const status = await core.call('probe', 'office.status', {});
    expect(status.ok && status.value).toMatchObject({ initialized: false });

    await user.clear(screen.getByTestId('setup-division'));
    await user.type(screen.getByTestId('setup-division'), '640202');
    await user.clear(screen.getByTestId('setup-admin-password-confirm'));
    await user.type(screen.getByTestId('setup-admin-password-confirm'), 'secret1234');
    await user.click(screen.getByTestId('setup-submit'));

    const shell = await finishSetup(user);
    expect(within(shell).getByTestId('office-name').textContent).toBe('朝阳街道社区服务中心');
    expect(within(shell).getByTestId('user-role').textContent).toBe('管理员');
    expect(await screen.findByTestId('home-division')).toHaveProperty('textContent', '640202 大武口区');
    expect(await screen.findByTestId('home-app-version')).toHaveProperty('textContent', 'test');
  });

  it('accepts a division code that is not in the list', async () => {
    const { user } = renderApp();
    await user.type(await screen.findByTestId('setup-office-code'), 'HN-01');
    await user.type(screen.getByTestId('setup-office-name'), '惠农区某社区');
    await user.type(screen.getByTestId('setup-division'), '110105');
    await user.type(screen.getByTestId('setup-admin-username'), 'boss');
    await user.type(screen.getByTestId('setup-admin-display-name'), '李明');
    await user.type(screen.getByTestId('setup-admin-password'), 'abc1234567');
    await user.type(screen.getByTestId('setup-admin-password-confirm'), 'abc1234567{Enter}');
    await finishSetup(user);
    expect(await screen.findByTestId('home-division')).toHaveProperty('textContent', '110105');
  });
});

// The recovery key arrives with encryption at rest; until the contract's setup output carries it,
// the client strips it and there is nothing to show.
const setupSendsRecoveryKey = 'recoveryKey' in contract['office.setup'].output.shape;

describe.skipIf(!setupSendsRecoveryKey)('first-run setup of an encrypted database', () => {
  beforeEach(() => {
    core = startCore({
      handlerOverrides: {
        'office.setup': (input, ctx) => {
          const created = { ...officeHandlers['office.setup'](input, ctx), recoveryKey: 'K7QF-2MXD-9PLA-4RTE' };
          return created;
        },
      },
    });
  });

  it('shows the recovery key once and signs in only after the clerk confirms keeping it', async () => {
    const { user } = renderApp();
    await fillSetup(user);
    await user.click(screen.getByTestId('setup-submit'));
    expect((await screen.findByTestId('recovery-key')).textContent).toBe('K7QF-2MXD-9PLA-4RTE');
    const next = screen.getByTestId<HTMLButtonElement>('recovery-key-continue');
    expect(next.disabled).toBe(true);
    await user.click(screen.getByTestId('recovery-key-kept'));
    await user.click(next);
    await screen.findByTestId('app-shell');
  });
});
