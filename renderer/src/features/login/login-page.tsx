import { useState } from 'react';
import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract, type Office } from '../../../../shared/contract';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { FullPage } from '../../app/components/full-page';
import { PasswordField } from '../../app/components/password-field';
import { EnterForm } from '../../app/forms/enter-to-next';
import { applyContractError, FormErrorAlert, schemaValidator, type FormFeedback } from '../../app/forms/contract-errors';
import { useSessionActions } from '../../app/session/session-cache';
import { RecoverForm } from './recover-form';

export function LoginPage({ office }: { office: Office }) {
  const [mode, setMode] = useState<'login' | 'recover'>('login');
  const [recoveredUser, setRecoveredUser] = useState<string | null>(null);
  if (mode === 'recover') {
    return (
      <FullPage>
        <RecoverForm
          onBack={() => setMode('login')}
          onDone={(username) => {
            setRecoveredUser(username);
            setMode('login');
          }}
        />
      </FullPage>
    );
  }
  return <LoginForm office={office} recoveredUser={recoveredUser} onForgot={() => setMode('recover')} />;
}

function LoginForm({ office, recoveredUser, onForgot }: { office: Office; recoveredUser: string | null; onForgot: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const actions = useSessionActions();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const form = useForm({
    name: 'login',
    // Controlled: clearing the password after a failure must not remount (and so unfocus) the input.
    mode: 'controlled',
    initialValues: { username: recoveredUser ?? '', password: '' },
    validate: schemaValidator(contract['accounts.login'].input),
  });

  const submit = form.onSubmit(async (values) => {
    setFeedback(null);
    try {
      actions.signedIn(await api.call('accounts.login', values));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Most failures are a mistyped password: clear it (before setting errors, since a change
      // clears the field's error) and put the cursor back there.
      form.setFieldValue('password', '');
      setFeedback(applyContractError(form, error.error));
      form.getInputNode('password')?.focus();
    }
  });

  const remaining = feedback?.error.code === 'BAD_CREDENTIALS' ? feedback.error.params?.remaining : undefined;

  return (
    <FullPage>
      <EnterForm onSubmit={submit} aria-label={t('login.title')}>
        <Stack gap="md">
          <div>
            <Title order={1} size="h3">
              {t('login.title')}
            </Title>
            <Text c="dimmed" size="sm" mt={4} data-testid="login-office-name">
              {t('app.name')} · {office.name}
            </Text>
          </div>
          {recoveredUser && !feedback && (
            <Alert color="green" variant="light" data-testid="login-recovered">
              {t('login.recovered')}
            </Alert>
          )}
          <TextInput
            label={t('login.username')}
            autoFocus={!recoveredUser}
            autoComplete="username"
            data-testid="login-username"
            {...form.getInputProps('username')}
          />
          <PasswordField
            label={t('login.password')}
            autoFocus={Boolean(recoveredUser)}
            autoComplete="current-password"
            data-testid="login-password"
            {...form.getInputProps('password')}
          />
          <FormErrorAlert feedback={feedback} testId="login-error" />
          {typeof remaining === 'number' && remaining > 0 && (
            <Text size="sm" c="dimmed">
              {t('login.attemptsLeft', { remaining })}
            </Text>
          )}
          <Button type="submit" loading={form.submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
          <Button variant="subtle" size="compact-sm" onClick={onForgot} data-testid="login-forgot">
            {t('login.forgot')}
          </Button>
        </Stack>
      </EnterForm>
    </FullPage>
  );
}
