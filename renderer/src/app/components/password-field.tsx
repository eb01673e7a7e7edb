import { useId } from 'react';
import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's PasswordInput with two gaps filled: its inner input carries no `aria-invalid` /
 * `aria-describedby` for the error (TextInput does), and its show/hide button is labelled in
 * English. Screen-reader users hear the error and a translated button name.
 */
export function PasswordField({ id, error, ...props }: PasswordInputProps & { 'data-testid'?: string }) {
  const { t } = useTranslation();
  const ownId = useId();
  const inputId = id ?? ownId;
  return (
    <PasswordInput
      {...props}
      id={inputId}
      error={error}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${inputId}-error` : undefined}
      visibilityToggleButtonProps={{ 'aria-label': t('common.togglePasswordVisibility') }}
    />
  );
}
