/** 恢复密钥: every password lost — the printed recovery key opens the database and sets a new one. */
import { useState } from 'react';
import { Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/contract';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { PasswordField } from '../../app/components/password-field';
import { EnterForm } from '../../app/forms/enter-to-next';
import { applyContractError, FormErrorAlert, IssueText, schemaValidator, type FormFeedback } from '../../app/forms/contract-errors';

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
    validate: schemaValidator<RecoverValues>(contract['accounts.recover'].input, (v) =>
      v.confirm !== v.newPassword ? { confirm: <IssueText issue={{ code: 'password_mismatch' }} /> } : {},
    ),
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
        <PasswordField label={t('recover.newPassword')} autoComplete="new-password" data-testid="recover-new-password" key={form.key('newPassword')} {...form.getInputProps('newPassword')} />
        <PasswordField label={t('recover.confirm')} autoComplete="new-password" data-testid="recover-confirm" key={form.key('confirm')} {...form.getInputProps('confirm')} />
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
