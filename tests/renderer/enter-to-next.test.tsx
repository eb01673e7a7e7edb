import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EnterForm } from '../../renderer/src/app/forms/enter-to-next';
import { startCore, type CoreHarness } from './support/core-harness';
import { renderApp } from './support/render-app';

function Fields({ onSubmit }: { onSubmit: () => void }) {
  return (
    <EnterForm
      onSubmit={(event) => {
        event?.preventDefault();
        onSubmit();
      }}
    >
      <input aria-label="first" autoFocus />
      <input type="hidden" name="skipped" />
      <input aria-label="disabled" disabled />
      <select aria-label="second">
        <option>a</option>
      </select>
      <textarea aria-label="notes" />
      <input aria-label="last" />
      <button type="submit">go</button>
    </EnterForm>
  );
}

describe('Enter moves to the next field', () => {
  it('skips hidden and disabled inputs, keeps Enter for a textarea, and submits from the last field', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<Fields onSubmit={onSubmit} />);
    expect(document.activeElement).toBe(screen.getByLabelText('first'));
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByLabelText('second'));
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByLabelText('notes'));
    await user.keyboard('line{Enter}');
    expect(screen.getByLabelText<HTMLTextAreaElement>('notes').value).toBe('line\n');
    await user.click(screen.getByLabelText('last'));
    expect(onSubmit).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('leaves an Enter that confirms an input-method candidate alone', () => {
    render(<Fields onSubmit={() => undefined} />);
    const first = screen.getByLabelText('first');
    fireEvent.keyDown(first, { key: 'Enter', code: 'Enter', isComposing: true });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Enter', code: 'Enter', keyCode: 229 });
    expect(document.activeElement).toBe(first);
  });
});

describe('Enter in the setup form', () => {
  let core: CoreHarness;
  beforeEach(() => {
    core = startCore();
  });
  afterEach(async () => {
    await core.close();
  });

  it('walks the fields in order and submits from the last one', async () => {
    const { user } = renderApp();
    const order = [
      'setup-office-code',
      'setup-office-name',
      'setup-division',
      'setup-admin-username',
      'setup-admin-display-name',
      'setup-admin-password',
      'setup-admin-password-confirm',
    ];
    const firstField = await screen.findByTestId(order[0]);
    await waitFor(() => expect(document.activeElement).toBe(firstField));
    for (const next of order.slice(1)) {
      await user.keyboard('x{Enter}');
      expect(document.activeElement?.getAttribute('data-testid'), `after Enter, towards ${next}`).toBe(next);
    }
    await user.keyboard('{Enter}');
    // Submitting ran the validation: the one-letter office code is refused in Chinese.
    expect(await screen.findByText('机构代码为 2–32 位字母、数字或短横线，例如 DWK-CYJ，请向民政局确认。')).toBeTruthy();
  });
});
