import { useState } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/contract';
import { useApi } from '../../app/api/api-context';
import { notifySuccess } from '../../app/components/notify';
import { ApiError } from '../../app/api/client';
import { PasswordField } from '../../app/components/password-field';
import { EnterForm } from '../../app/forms/enter-to-next';
import { applyContractError, FormErrorAlert, IssueText, schemaValidator, type FormFeedback } from '../../app/forms/contract-errors';
import { SettingsSection } from './settings-page';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordSection() {
  const { t } = useTranslation();
  const api = useApi();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const form = useForm<PasswordValues>({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: schemaValidator<PasswordValues>(contract['accounts.changePassword'].input, (v) =>
      v.confirm !== v.newPassword ? { confirm: <IssueText issue={{ code: 'password_mismatch' }} /> } : {},
    ),
  });

  const submit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    setFeedback(null);
    try {
      await api.call('accounts.changePassword', { currentPassword, newPassword });
      form.reset();
      notifySuccess(t, t('settings.password.done'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFeedback(applyContractError(form, error.error));
    }
  });

  return (
    <SettingsSection title={t('settings.password.title')} testId="settings-password">
      <EnterForm onSubmit={submit} aria-label={t('settings.password.title')}>
        <Stack gap="sm" maw={400}>
          <PasswordField
            label={t('settings.password.current')}
            autoComplete="current-password"
            data-testid="password-current"
            key={form.key('currentPassword')}
            {...form.getInputProps('currentPassword')}
          />
          <PasswordField
            label={t('settings.password.new')}
            autoComplete="new-password"
            data-testid="password-new"
            key={form.key('newPassword')}
            {...form.getInputProps('newPassword')}
          />
          <PasswordField
            label={t('settings.password.confirm')}
            autoComplete="new-password"
            data-testid="password-confirm"
            key={form.key('confirm')}
            {...form.getInputProps('confirm')}
          />
          <FormErrorAlert feedback={feedback} />
          <Group>
            <Button type="submit" loading={form.submitting} data-testid="password-submit">
              {t('settings.password.submit')}
            </Button>
          </Group>
        </Stack>
      </EnterForm>
    </SettingsSection>
  );
}
