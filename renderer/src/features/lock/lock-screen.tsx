/** 锁屏: shown over the shell after idle time; only the signed-in clerk's password opens it. */
import { useState } from 'react';
import { Box, Button, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/contract';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { FullPage } from '../../app/components/full-page';
import { LockIcon } from '../../app/components/icons';
import { PasswordField } from '../../app/components/password-field';
import { EnterForm } from '../../app/forms/enter-to-next';
import { applyContractError, FormErrorAlert, schemaValidator, type FormFeedback } from '../../app/forms/contract-errors';
import { useSessionActions } from '../../app/session/session-cache';
import { useSession } from '../../app/session/session-context';
import { useSignOut } from '../../app/session/use-sign-out';

export function LockScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const actions = useSessionActions();
  const signOut = useSignOut();
  const { session } = useSession();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const form = useForm({
    name: 'unlock',
    // Controlled: clearing the password after a failure must not remount (and so unfocus) the input.
    mode: 'controlled',
    initialValues: { password: '' },
    validate: schemaValidator(contract['accounts.unlock'].input),
  });

  const submit = form.onSubmit(async (values) => {
    setFeedback(null);
    try {
      actions.unlocked(await api.call('accounts.unlock', values));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Clear first: changing a field clears its error, and the error belongs on the empty field.
      form.setFieldValue('password', '');
      setFeedback(applyContractError(form, error.error));
      form.getInputNode('password')?.focus();
    }
  });


  return (
    // Fixed over the (hidden) shell, so the lock screen fills the window whatever page is under it.
    <Box
      role="dialog"
      aria-modal="true"
      aria-labelledby="lock-title"
      data-testid="lock-screen"
      pos="fixed"
      inset={0}
      bg="var(--mantine-color-body)"
      style={{ zIndex: 1000, overflowY: 'auto' }}
    >
      <FullPage>
        <EnterForm onSubmit={submit}>
          <Stack gap="md">
            <Group gap="sm">
              <ThemeIcon variant="light" size="lg" radius="xl">
                <LockIcon />
              </ThemeIcon>
              <Title order={1} size="h3" id="lock-title">
                {t('lock.title')}
              </Title>
            </Group>
            <Text size="sm">{t('lock.description', { name: session.displayName, username: session.username })}</Text>
            <PasswordField
                label={t('lock.password')}
              autoFocus
              autoComplete="current-password"
              data-testid="lock-password"
              {...form.getInputProps('password')}
            />
            <FormErrorAlert feedback={feedback} testId="lock-error" />
            <Button type="submit" loading={form.submitting} data-testid="lock-submit">
              {t('lock.submit')}
            </Button>
            <Button variant="subtle" onClick={() => void signOut()} data-testid="lock-sign-out">
              {t('lock.signOut')}
            </Button>
          </Stack>
        </EnterForm>
      </FullPage>
    </Box>
  );
}
