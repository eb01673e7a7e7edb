/** Change a resident's status: active, moved out (迁出) or deceased (死亡), with the date it happened. */
import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contract, type Resident } from '../../../../../shared/contract';
import { RESIDENT_STATUSES } from '../../../../../shared/domain/residents';
import { useApi } from '../../../app/api/api-context';
import { ApiError } from '../../../app/api/client';
import { applyContractError, FormErrorAlert, schemaValidator, type FormFeedback } from '../../../app/forms/contract-errors';
import { EnterForm } from '../../../app/forms/enter-to-next';
import { residentSaved } from '../cache';
import { pickCode, useCodes } from '../codes';

export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function StatusDialog({ resident, opened, onClose }: { resident: Resident; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('residents.status.title', { name: resident.name })} data-testid="resident-status-dialog">
      {opened && <StatusForm resident={resident} onDone={onClose} />}
    </Modal>
  );
}

function StatusForm({ resident, onDone }: { resident: Resident; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const codes = useCodes();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const schema = contract['residents.setStatus'].input;
  const form = useForm({
    mode: 'controlled',
    initialValues: { status: resident.status === 'active' ? 'moved_out' : 'active', date: todayIso() },
    validate: (values) => schemaValidator(schema)({ ...values, id: resident.id, version: resident.version }),
  });

  const submit = form.onSubmit(async (values) => {
    const status = pickCode(RESIDENT_STATUSES, values.status);
    if (!status) return;
    setFeedback(null);
    try {
      const saved = await api.call('residents.setStatus', { id: resident.id, version: resident.version, status, date: values.date });
      residentSaved(queryClient, saved);
      notifications.show({ color: 'green', message: t('residents.status.done', { name: saved.name, status: codes.status(saved.status) }) });
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFeedback(applyContractError(form, error.error));
    }
  });

  return (
    <EnterForm onSubmit={submit} aria-label={t('residents.status.title', { name: resident.name })}>
      <Stack gap="sm">
        <NativeSelect
          label={t('residents.fields.status')}
          autoFocus
          data={RESIDENT_STATUSES.map((s) => ({ value: s, label: codes.status(s) }))}
          data-testid="resident-status-select"
          {...form.getInputProps('status')}
        />
        <TextInput type="date" label={t('residents.status.date')} max={todayIso()} data-testid="resident-status-date" {...form.getInputProps('date')} />
        <FormErrorAlert feedback={feedback} testId="resident-status-error" />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting} data-testid="resident-status-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}
