/**
 * 新密码 + 再次输入: the pair every form that sets a password shows (first run, change password,
 * an administrator's reset, the recovery key). The two fields sit next to each other, so Enter
 * in the first moves to the repeat field (EnterForm), and a mismatch is said next to the repeat
 * field. The password rules themselves (length, letters and digits) stay in the contract schema
 * each form validates with.
 */
import type { ReactNode } from 'react';
import type { LooseKeys, UseFormReturnType } from '@mantine/form';
import { PasswordField } from '../components/password-field';
import { IssueText } from './contract-errors';

/**
 * The repeat field's message when the two passwords differ, `{}` when they match: the `extra`
 * of `schemaValidator`, e.g. `(v) => passwordRepeatErrors('confirm', v.newPassword, v.confirm)`.
 */
export function passwordRepeatErrors(repeatPath: string, password: string, repeat: string): Record<string, ReactNode> {
  return repeat === password ? {} : { [repeatPath]: <IssueText issue={{ code: 'accounts.password_mismatch' }} /> };
}

interface PairField<V> {
  path: LooseKeys<V>;
  label: string;
  testId: string;
}

interface NewPasswordFieldsProps<V> {
  form: Pick<UseFormReturnType<V>, 'key' | 'getInputProps'>;
  password: PairField<V>;
  repeat: PairField<V>;
  /** Under the first field: what a valid password looks like. */
  hint?: string;
  withAsterisk?: boolean;
  /** Where a modal's focus trap starts (Mantine's `data-autofocus`). */
  focusFirst?: boolean;
}

export function NewPasswordFields<V>({ form, password, repeat, hint, withAsterisk, focusFirst }: NewPasswordFieldsProps<V>) {
  return (
    <>
      <PasswordField
        label={password.label}
        description={hint}
        withAsterisk={withAsterisk}
        data-autofocus={focusFirst || undefined}
        autoComplete="new-password"
        data-testid={password.testId}
        key={form.key(password.path)}
        {...form.getInputProps(password.path)}
      />
      <PasswordField
        label={repeat.label}
        withAsterisk={withAsterisk}
        autoComplete="new-password"
        data-testid={repeat.testId}
        key={form.key(repeat.path)}
        {...form.getInputProps(repeat.path)}
      />
    </>
  );
}
