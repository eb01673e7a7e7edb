/** 更换恢复密钥: replace a lost or used recovery key; the new one is shown once. */
import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/contract';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { PasswordField } from '../../app/components/password-field';
import { RecoveryKeyDisplay } from '../../app/components/recovery-key-display';
import { EnterForm } from '../../app/forms/enter-to-next';
import { applyContractError, FormErrorAlert, schemaValidator, type FormFeedback } from '../../app/forms/contract-errors';
import { SettingsSection } from './settings-page';

export function RecoveryKeySection() {
  const { t } = useTranslation();
  const api = useApi();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  // undefined: not renewed yet; null: the database is not encrypted, so there is no key.
  const [renewed, setRenewed] = useState<string | null | undefined>(undefined);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '' },
    validate: schemaValidator(contract['accounts.recoveryKey.renew'].input),
  });

  const submit = form.onSubmit(async (values) => {
    setFeedback(null);
    try {
      const { recoveryKey } = await api.call('accounts.recoveryKey.renew', values);
      form.reset();
      setRenewed(recoveryKey);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFeedback(applyContractError(form, error.error));
    }
  });

  return (
    <SettingsSection title={t('settings.recovery.title')} testId="settings-recovery">
      <Stack gap="sm" maw={560}>
        <Text size="sm" c="dimmed">
          {t('settings.recovery.description')}
        </Text>
        {typeof renewed === 'string' && (
          <>
            <Alert color="orange" variant="light">
              {t('settings.recovery.newKey')}
            </Alert>
            <RecoveryKeyDisplay recoveryKey={renewed} printLabel={t('settings.recovery.print')} />
          </>
        )}
        {renewed === null && <Alert color="gray">{t('settings.recovery.notEncrypted')}</Alert>}
        <EnterForm onSubmit={submit} aria-label={t('settings.recovery.title')}>
          <Stack gap="sm" maw={400}>
            <PasswordField
              label={t('settings.recovery.password')}
              autoComplete="current-password"
              data-testid="recovery-renew-password"
              key={form.key('password')}
              {...form.getInputProps('password')}
            />
            <FormErrorAlert feedback={feedback} />
            <Group>
              <Button type="submit" loading={form.submitting} data-testid="recovery-renew-submit">
                {t('settings.recovery.submit')}
              </Button>
            </Group>
          </Stack>
        </EnterForm>
      </Stack>
    </SettingsSection>
  );
}
