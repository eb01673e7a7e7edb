/** 初始化: the first run creates the office, its settings and the first administrator. */
import { useState } from 'react';
import { Autocomplete, Button, Fieldset, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setupInputSchema } from '../../../../shared/contract';
import { KNOWN_DIVISIONS } from '../../../../shared/domain/office';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { FullPage } from '../../app/components/full-page';
import { EnterForm } from '../../app/forms/enter-to-next';
import { applyContractError, FormErrorAlert, schemaValidator, type FormFeedback } from '../../app/forms/contract-errors';
import { NewPasswordFields, passwordRepeatErrors } from '../../app/forms/new-password-fields';
import { currentLanguage } from '../../app/i18n/i18n';
import { sessionActions, STATUS_KEY } from '../../app/session/session-cache';
import { RecoveryKeyNotice } from './recovery-key-notice';

interface SetupValues {
  office: { code: string; name: string; divisionCode: string };
  admin: { username: string; displayName: string; password: string };
  passwordConfirm: string;
}

export function SetupPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const [recovery, setRecovery] = useState<{ key: string; admin: SetupValues['admin'] } | null>(null);
  const form = useForm<SetupValues>({
    mode: 'uncontrolled',
    initialValues: {
      office: { code: '', name: '', divisionCode: '' },
      admin: { username: '', displayName: '', password: '' },
      passwordConfirm: '',
    },
    validate: schemaValidator<SetupValues>(setupInputSchema, (v) => passwordRepeatErrors('passwordConfirm', v.admin.password, v.passwordConfirm)),
  });

  const language = currentLanguage(i18n);
  const divisions = KNOWN_DIVISIONS.map((d) => ({ value: d.code, label: `${d.code} ${language === 'zh-CN' ? d.zh : d.en}` }));

  const signInAsAdmin = async (admin: SetupValues['admin']) => {
    const session = await api.call('accounts.login', { username: admin.username.trim(), password: admin.password });
    sessionActions(queryClient).signedIn(session);
    await queryClient.invalidateQueries({ queryKey: STATUS_KEY });
  };

  const submit = form.onSubmit(async ({ passwordConfirm: _confirm, ...input }) => {
    setFeedback(null);
    try {
      const created = await api.call('office.setup', input);
      // An encrypted database answers with its recovery key, shown once: hold the sign-in until
      // the clerk confirms it is kept. (Read defensively: older cores do not send it.)
      if ('recoveryKey' in created && typeof created.recoveryKey === 'string' && created.recoveryKey) {
        setRecovery({ key: created.recoveryKey, admin: input.admin });
        return;
      }
      await signInAsAdmin(input.admin);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFeedback(applyContractError(form, error.error));
    }
  });

  if (recovery) {
    return (
      <FullPage width={560}>
        <RecoveryKeyNotice
          recoveryKey={recovery.key}
          onContinue={() =>
            void signInAsAdmin(recovery.admin).catch((error: unknown) => {
              // The office exists now; if signing in fails, the login screen takes over.
              if (!(error instanceof ApiError)) throw error;
              void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
            })
          }
        />
      </FullPage>
    );
  }

  return (
    <FullPage width={560}>
      <EnterForm onSubmit={submit} aria-label={t('setup.title')}>
        <Stack gap="md">
          <div>
            <Title order={1} size="h3">
              {t('setup.title')}
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('setup.intro')}
            </Text>
          </div>
          <Fieldset legend={t('setup.officeSection')}>
            <Stack gap="sm">
              <TextInput
                label={t('setup.officeCode')}
                description={t('setup.officeCodeHint')}
                withAsterisk
                autoFocus
                autoComplete="off"
                data-testid="setup-office-code"
                key={form.key('office.code')}
                {...form.getInputProps('office.code')}
              />
              <TextInput
                label={t('setup.officeName')}
                placeholder={t('setup.officeNamePlaceholder')}
                withAsterisk
                autoComplete="organization"
                data-testid="setup-office-name"
                key={form.key('office.name')}
                {...form.getInputProps('office.name')}
              />
              <Autocomplete
                label={t('setup.divisionCode')}
                description={t('setup.divisionHint')}
                withAsterisk
                inputMode="numeric"
                autoComplete="off"
                data={divisions}
                data-testid="setup-division"
                key={form.key('office.divisionCode')}
                {...form.getInputProps('office.divisionCode')}
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('setup.adminSection')}>
            <Stack gap="sm">
              <TextInput
                label={t('setup.adminUsername')}
                withAsterisk
                autoComplete="username"
                data-testid="setup-admin-username"
                key={form.key('admin.username')}
                {...form.getInputProps('admin.username')}
              />
              <TextInput
                label={t('setup.adminDisplayName')}
                withAsterisk
                autoComplete="name"
                data-testid="setup-admin-display-name"
                key={form.key('admin.displayName')}
                {...form.getInputProps('admin.displayName')}
              />
              <NewPasswordFields
                form={form}
                password={{ path: 'admin.password', label: t('setup.adminPassword'), testId: 'setup-admin-password' }}
                repeat={{ path: 'passwordConfirm', label: t('setup.adminPasswordConfirm'), testId: 'setup-admin-password-confirm' }}
                hint={t('setup.passwordHint')}
                withAsterisk
              />
            </Stack>
          </Fieldset>
          <FormErrorAlert feedback={feedback} testId="setup-error" />
          <Button type="submit" loading={form.submitting} data-testid="setup-submit">
            {form.submitting ? t('setup.submitting') : t('setup.submit')}
          </Button>
        </Stack>
      </EnterForm>
    </FullPage>
  );
}
