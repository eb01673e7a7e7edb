/**
 * Move a person to another household (found by a member's name, with their relation to its head)
 * or to a new household of their own. A head who leaves others behind must name the new head of
 * the old household; the core answers `households.head_required` otherwise, shown on that field.
 */
import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Household, Resident } from '../../../../shared/contract';
import { RELATIONS } from '../../../../shared/domain/residents';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { useContractQuery } from '../../app/api/queries';
import { applyContractError, FormErrorAlert, IssueText, type FormFeedback } from '../../app/forms/contract-errors';
import { EnterForm } from '../../app/forms/enter-to-next';
import { codeOptions, pickCode, useCodes } from '../residents/codes';
import { HouseholdPicker } from './household-picker';

const MEMBER_RELATIONS = RELATIONS.filter((r) => r !== 'head');

interface Props {
  resident: Resident;
  opened: boolean;
  onClose: () => void;
}

export function MoveDialog({ resident, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={t('households.move.title', { name: resident.name })} data-testid="resident-move-dialog">
      {opened && <MoveForm resident={resident} onDone={onClose} />}
    </Modal>
  );
}

interface MoveValues {
  to: { mode: 'existing' | 'new'; householdId: string; relation: string; address: string; gridId: string };
  householdLabel: string;
  newHeadId: string;
}

function MoveForm({ resident, onDone }: { resident: Resident; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const codes = useCodes();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const current = useContractQuery('households.get', { id: resident.householdId ?? '' }, { enabled: resident.householdId !== null });
  const grids = useContractQuery('grids.list', {}, { staleTime: 60_000 });
  const others = headLeavesOthers(resident, current.data);

  const form = useForm<MoveValues>({
    mode: 'controlled',
    initialValues: { to: { mode: 'existing', householdId: '', relation: '', address: '', gridId: '' }, householdLabel: '', newHeadId: '' },
    validate: (v) => {
      const errors: Record<string, ReactNode> = {};
      const required = <IssueText issue={{ code: 'required' }} />;
      if (v.to.mode === 'existing' && !v.to.householdId) errors['to.householdId'] = required;
      if (v.to.mode === 'existing' && !v.to.relation) errors['to.relation'] = required;
      if (others.length > 0 && !v.newHeadId) errors.newHeadId = required;
      return errors;
    },
  });
  const v = form.getValues();

  const submit = form.onSubmit(async (values) => {
    setFeedback(null);
    const relation = pickCode(MEMBER_RELATIONS, values.to.relation);
    const to =
      values.to.mode === 'existing' && relation
        ? { mode: 'existing' as const, householdId: values.to.householdId, relation }
        : { mode: 'new' as const, address: values.to.address.trim() || null, gridId: values.to.gridId || null };
    try {
      await api.call('households.moveMember', { residentId: resident.id, to, ...(others.length > 0 ? { newHeadId: values.newHeadId } : {}) });
      notifications.show({ color: 'green', message: t('households.move.done', { name: resident.name }) });
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFeedback(applyContractError(form, error.error));
    }
  });

  return (
    <EnterForm onSubmit={submit} aria-label={t('households.move.title', { name: resident.name })}>
      <Stack gap="sm">
        <NativeSelect
          label={t('households.move.target')}
          autoFocus
          data={[
            { value: 'existing', label: t('households.move.toExisting') },
            { value: 'new', label: t('households.move.toNew') },
          ]}
          data-testid="resident-move-mode"
          {...form.getInputProps('to.mode')}
        />
        {v.to.mode === 'existing' ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <HouseholdPicker
              label={t('residents.form.householdSearch')}
              value={v.to.householdId ? { householdId: v.to.householdId, label: v.householdLabel } : null}
              onChange={(picked) => {
                form.setFieldValue('to.householdId', picked?.householdId ?? '');
                form.setFieldValue('householdLabel', picked?.label ?? '');
              }}
              excludeHouseholdId={resident.householdId}
              error={form.errors['to.householdId']}
              testId="resident-move-household"
            />
            <NativeSelect
              label={t('residents.fields.relation')}
              data={codeOptions(MEMBER_RELATIONS, codes.relation, t('residents.form.choose'))}
              data-testid="resident-move-relation"
              {...form.getInputProps('to.relation')}
            />
          </SimpleGrid>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('residents.fields.address')} placeholder={resident.address ?? ''} data-testid="resident-move-address" {...form.getInputProps('to.address')} />
            <NativeSelect
              label={t('residents.fields.grid')}
              data={[{ value: '', label: t('residents.form.sameGrid') }, ...(grids.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
              data-testid="resident-move-grid"
              {...form.getInputProps('to.gridId')}
            />
          </SimpleGrid>
        )}
        {others.length > 0 && (
          <>
            <Text size="sm">{t('households.move.newHeadHint', { name: resident.name })}</Text>
            <NativeSelect
              label={t('households.move.newHead')}
              data={[{ value: '', label: t('residents.form.choose') }, ...others.map((m) => ({ value: m.residentId, label: `${m.name}（${codes.relation(m.relation)}）` }))]}
              data-testid="resident-move-new-head"
              {...form.getInputProps('newHeadId')}
            />
          </>
        )}
        <FormErrorAlert feedback={feedback} testId="resident-move-error" />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting} data-testid="resident-move-submit">
            {t('households.move.submit')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}

/** The members who stay behind when the head leaves: one of them must become the new head. */
function headLeavesOthers(resident: Resident, household: Household | undefined) {
  if (!household || household.headResidentId !== resident.id) return [];
  return household.members.filter((m) => m.residentId !== resident.id);
}
