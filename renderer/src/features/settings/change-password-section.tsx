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
import { applyContractError, FormErrorAlert, schemaValidator, type FormFeedback } from '../../app/forms/contract-errors';
import { NewPasswordFields, passwordRepeatErrors } from '../../app/forms/new-password-fields';
import { useSessionActions } from '../../app/session/session-cache';
import { SettingsSection } from './settings-page';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordSection() {
  const { t } = useTranslation();
  const api = useApi();
  const actions = useSessionActions();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const form = useForm<PasswordValues>({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: schemaValidator<PasswordValues>(contract['accounts.changePassword'].input, (v) => passwordRepeatErrors('confirm', v.newPassword, v.confirm)),
  });

  const submit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    setFeedback(null);
    try {
      await api.call('accounts.changePassword', { currentPassword, newPassword });
      form.reset();
      // The session no longer asks for a new password (mustChangePassword): show that at once.
      api.call('accounts.heartbeat', {}).then(actions.refreshed, () => undefined);
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
          <NewPasswordFields
            form={form}
            password={{ path: 'newPassword', label: t('settings.password.new'), testId: 'password-new' }}
            repeat={{ path: 'confirm', label: t('settings.password.confirm'), testId: 'password-confirm' }}
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
