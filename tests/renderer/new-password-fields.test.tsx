/**
 * The shared new-password pair (renderer/src/app/forms/new-password-fields.tsx): Enter walks from
 * the password to its repeat, a mismatch is said at the repeat field in the language on screen,
 * and matching passwords go through.
 */
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { useForm } from '@mantine/form';
import { I18nextProvider } from 'react-i18next';
import { contract } from '../../shared/contract';
import type { Language } from '../../shared/i18n';
import { createI18n } from '../../renderer/src/app/i18n/i18n';
import { EnterForm } from '../../renderer/src/app/forms/enter-to-next';
import { schemaValidator } from '../../renderer/src/app/forms/contract-errors';
import { NewPasswordFields, passwordRepeatErrors } from '../../renderer/src/app/forms/new-password-fields';

interface Values {
  newPassword: string;
  confirm: string;
}

const schema = contract['accounts.users.resetPassword'].input.pick({ newPassword: true });

function PairForm({ onSubmit }: { onSubmit: (values: Values) => void }) {
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: { newPassword: '', confirm: '' },
    validate: schemaValidator<Values>(schema, (v) => passwordRepeatErrors('confirm', v.newPassword, v.confirm)),
  });
  return (
    <EnterForm onSubmit={form.onSubmit(onSubmit)}>
      <NewPasswordFields
        form={form}
        password={{ path: 'newPassword', label: 'password', testId: 'pair-password' }}
        repeat={{ path: 'confirm', label: 'repeat', testId: 'pair-repeat' }}
        hint="the rules"
        withAsterisk
      />
      <button type="submit">go</button>
    </EnterForm>
  );
}

function renderPair(language: Language) {
  const onSubmit = vi.fn<(values: Values) => void>();
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <MantineProvider>
        <PairForm onSubmit={onSubmit} />
      </MantineProvider>
    </I18nextProvider>,
  );
  return { user: userEvent.setup(), onSubmit, password: screen.getByTestId('pair-password'), repeat: screen.getByTestId('pair-repeat') };
}

/** The text of the elements an input's aria-describedby names. */
function describedText(input: HTMLElement): string {
  const ids = input.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('new password and its repeat', () => {
  it.each([
    ['zh-CN', '两次输入的密码不一致。'],
    ['en', 'The two passwords do not match.'],
  ] as const)('in %s, a mismatch is said at the repeat field only, and nothing is submitted', async (language, message) => {
    const { user, onSubmit, password, repeat } = renderPair(language);
    await user.click(password);
    await user.keyboard('fresh12345{Enter}');
    expect(document.activeElement).toBe(repeat);
    await user.keyboard('fresh4321{Enter}');

    expect(await screen.findByText(message)).toBeTruthy();
    expect(repeat.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(repeat)).toBe(message);
    expect(password.getAttribute('aria-invalid')).toBeNull();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits matching passwords, and shows the hint and both labels', async () => {
    const { user, onSubmit, password, repeat } = renderPair('zh-CN');
    expect(screen.getByText('the rules')).toBeTruthy();
    expect(screen.getByLabelText(/^password/)).toBe(password);
    expect(screen.getByLabelText(/^repeat/)).toBe(repeat);
    expect(password.getAttribute('autocomplete')).toBe('new-password');
    expect(repeat.getAttribute('autocomplete')).toBe('new-password');

    await user.type(password, 'fresh12345{Enter}');
    await user.keyboard('fresh12345{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0][0]).toEqual({ newPassword: 'fresh12345', confirm: 'fresh12345' });
    expect(screen.queryByText('两次输入的密码不一致。')).toBeNull();
  });

  it('passwordRepeatErrors names only the repeat path, and only when the two differ', () => {
    expect(passwordRepeatErrors('confirm', 'a1b2c3d4', 'a1b2c3d4')).toEqual({});
    expect(Object.keys(passwordRepeatErrors('passwordConfirm', 'a1b2c3d4', 'a1b2c3d5'))).toEqual(['passwordConfirm']);
    expect(Object.keys(passwordRepeatErrors('confirm', 'a1b2c3d4', ''))).toEqual(['confirm']);
  });
});
