import { useState } from 'react';
import { Alert, Button, Group, Loader, NumberInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contract, type OfficeSettings } from '../../../../shared/contract';
import { useApi } from '../../app/api/api-context';
import { notifySuccess } from '../../app/components/notify';
import { ApiError } from '../../app/api/client';
import { contractKey, useContractQuery } from '../../app/api/queries';
import { EnterForm } from '../../app/forms/enter-to-next';
import { applyContractError, ErrorText, FormErrorAlert, IssueText, schemaValidator, type FormFeedback } from '../../app/forms/contract-errors';
import { SESSION_KEY } from '../../app/session/session-cache';
import { SettingsSection } from './settings-page';

const SETTINGS_KEY = contractKey('office.settings.get', {});
const FIELDS = ['idleLockMinutes', 'lockoutThreshold', 'lockoutMinutes'] as const;
type Values = Record<(typeof FIELDS)[number], number | string>;

export function OfficeSettingsSection() {
  const { t } = useTranslation();
  const settings = useContractQuery('office.settings.get', {});
  // Kept here, not in the form: a STALE_VERSION reload remounts the form with the new values.
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  return (
    <SettingsSection title={t('settings.office.title')} testId="settings-office">
      {settings.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {settings.isError && (
        <Alert color="red" role="alert">
          <ErrorText error={settings.error.error} />
        </Alert>
      )}
      {settings.data && <OfficeSettingsForm key={settings.data.version} settings={settings.data} feedback={feedback} onFeedback={setFeedback} />}
    </SettingsSection>
  );
}

function OfficeSettingsForm({
  settings,
  feedback,
  onFeedback,
}: {
  settings: OfficeSettings;
  feedback: FormFeedback['general'];
  onFeedback: (feedback: FormFeedback['general']) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const schema = contract['office.settings.update'].input;
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: { idleLockMinutes: settings.idleLockMinutes, lockoutThreshold: settings.lockoutThreshold, lockoutMinutes: settings.lockoutMinutes },
    // An emptied number field is "required", not "wrong type".
    validate: (values) => ({
      ...schemaValidator(schema)({ ...values, version: settings.version }),
      ...Object.fromEntries(FIELDS.filter((f) => values[f] === '').map((f) => [f, <IssueText key={f} issue={{ code: 'required' }} />])),
    }),
  });

  const submit = form.onSubmit(async (values) => {
    onFeedback(null);
    try {
      const saved = await api.call('office.settings.update', {
        version: settings.version,
        idleLockMinutes: Number(values.idleLockMinutes),
        lockoutThreshold: Number(values.lockoutThreshold),
        lockoutMinutes: Number(values.lockoutMinutes),
      });
      queryClient.setQueryData(SETTINGS_KEY, saved);
      // The idle lock limit lives in the session info too.
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      notifySuccess(t, t('common.saved'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      onFeedback(applyContractError(form, error.error));
      if (error.code === 'STALE_VERSION') void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
    }
  });

  return (
    <EnterForm onSubmit={submit} aria-label={t('settings.office.title')}>
      <Stack gap="sm" maw={400}>
        {FIELDS.map((field) => (
          <NumberInput
            key={form.key(field)}
            label={t(`settings.office.${field}`)}
            allowDecimal={false}
            allowNegative={false}
            data-testid={`office-${field}`}
            {...form.getInputProps(field)}
          />
        ))}
        <FormErrorAlert feedback={feedback} testId="office-settings-error" />
        {feedback?.error.code === 'STALE_VERSION' && (
          <Alert color="blue" variant="light">
            {t('settings.office.staleReloaded')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={form.submitting} data-testid="office-settings-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}
