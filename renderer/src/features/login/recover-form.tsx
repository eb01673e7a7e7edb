/** 恢复密钥: every password lost — the printed recovery key opens the database and sets a new one. */
import { useState } from 'react';
import { Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/contract';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { EnterForm } from '../../app/forms/enter-to-next';
import { applyContractError, FormErrorAlert, schemaValidator, type FormFeedback } from '../../app/forms/contract-errors';
import { NewPasswordFields, passwordRepeatErrors } from '../../app/forms/new-password-fields';

interface RecoverValues {
  recoveryKey: string;
  username: string;
  newPassword: string;
  confirm: string;
}

export function RecoverForm({ onDone, onBack }: { onDone: (username: string) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const form = useForm<RecoverValues>({
    mode: 'uncontrolled',
    initialValues: { recoveryKey: '', username: '', newPassword: '', confirm: '' },
    validate: schemaValidator<RecoverValues>(contract['accounts.recover'].input, (v) => passwordRepeatErrors('confirm', v.newPassword, v.confirm)),
  });

  const submit = form.onSubmit(async ({ confirm: _confirm, ...input }) => {
    setFeedback(null);
    try {
      await api.call('accounts.recover', input);
      onDone(input.username.trim());
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFeedback(applyContractError(form, error.error));
    }
  });

  return (
    <EnterForm onSubmit={submit} aria-label={t('recover.title')}>
      <Stack gap="md">
        <div>
          <Title order={1} size="h3">
            {t('recover.title')}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t('recover.intro')}
          </Text>
        </div>
        <TextInput
          label={t('recover.recoveryKey')}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          ff="monospace"
          data-testid="recover-key"
          key={form.key('recoveryKey')}
          {...form.getInputProps('recoveryKey')}
        />
        <TextInput label={t('recover.username')} autoComplete="username" data-testid="recover-username" key={form.key('username')} {...form.getInputProps('username')} />
        <NewPasswordFields
          form={form}
          password={{ path: 'newPassword', label: t('recover.newPassword'), testId: 'recover-new-password' }}
          repeat={{ path: 'confirm', label: t('recover.confirm'), testId: 'recover-confirm' }}
        />
        <FormErrorAlert feedback={feedback} testId="recover-error" />
        <Button type="submit" loading={form.submitting} data-testid="recover-submit">
          {t('recover.submit')}
        </Button>
        <Button variant="subtle" onClick={onBack}>
          {t('recover.back')}
        </Button>
      </Stack>
    </EnterForm>
  );
}
