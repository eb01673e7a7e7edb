/**
 * 分户: some members leave to form a household of their own. The clerk ticks who leaves, picks the
 * new head and how the other leavers relate to them, and the new household's address and grid (the
 * old one's unless changed). If the head leaves too, someone who stays must head the old household.
 * The rules are the core's: its refusals (nobody left, no successor …) appear at their fields.
 */
import { useState, type ReactNode } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../../../shared/contract';
import { RELATIONS } from '../../../../shared/domain/residents';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { useContractQuery } from '../../app/api/queries';
import { applyContractError, FormErrorAlert, IssueText, type FormFeedback } from '../../app/forms/contract-errors';
import { EnterForm } from '../../app/forms/enter-to-next';
import { codeOptions, pickCode, useCodes } from '../residents/codes';
import { householdLabel } from './household-label';

const MEMBER_RELATIONS = RELATIONS.filter((r) => r !== 'head');

interface Props {
  household: Household;
  opened: boolean;
  onClose: () => void;
}

export function SplitDialog({ household, opened, onClose }: Props) {
  const { t } = useTranslation();
  const title = t('households.split.title', { household: householdLabel(t, household) });
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={title} data-testid="household-split-dialog">
      {opened && <SplitForm household={household} title={title} onDone={onClose} />}
    </Modal>
  );
}

interface SplitValues {
  memberIds: string[];
  newHeadId: string;
  /** Each leaver's relation to the new head, by resident id. */
  relations: Record<string, string>;
  address: string;
  gridId: string;
  remainingHeadId: string;
}

function SplitForm({ household, title, onDone }: { household: Household; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const codes = useCodes();
  const grids = useContractQuery('grids.list', {}, { staleTime: 60_000 });
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const members = household.members;
  const nameOf = (id: string) => members.find((m) => m.residentId === id)?.name ?? '';

  const form = useForm<SplitValues>({
    mode: 'controlled',
    initialValues: {
      memberIds: [],
      newHeadId: '',
      relations: Object.fromEntries(members.map((m) => [m.residentId, 'other'])),
      address: household.address ?? '',
      gridId: household.gridId ?? '',
      remainingHeadId: '',
    },
    // Only what the form itself must know; the household rules are checked by the core.
    validate: (v) => {
      const errors: Record<string, ReactNode> = {};
      const required = <IssueText issue={{ code: 'required' }} />;
      if (v.memberIds.length === 0) errors.memberIds = required;
      else if (!v.newHeadId) errors.newHeadId = required;
      return errors;
    },
  });
  const v = form.getValues();
  const headLeaves = household.headResidentId !== null && v.memberIds.includes(household.headResidentId);
  const staying = members.filter((m) => !v.memberIds.includes(m.residentId));

  const chooseMembers = (ids: string[]) => {
    // Keep the member order of the household, whatever order they were ticked in.
    const ordered = members.map((m) => m.residentId).filter((id) => ids.includes(id));
    form.setFieldValue('memberIds', ordered);
    if (!ordered.includes(v.newHeadId)) form.setFieldValue('newHeadId', ordered[0] ?? '');
    if (ordered.includes(v.remainingHeadId)) form.setFieldValue('remainingHeadId', '');
  };

  const submit = form.onSubmit(async (values) => {
    setFeedback(null);
    const relations = Object.fromEntries(
      values.memberIds.filter((id) => id !== values.newHeadId).flatMap((id) => {
        const relation = pickCode(MEMBER_RELATIONS, values.relations[id]);
        return relation ? [[id, relation]] : [];
      }),
    );
    try {
      const created = await api.call('households.split', {
        id: household.id,
        version: household.version,
        memberIds: values.memberIds,
        newHeadId: values.newHeadId,
        relations,
        address: values.address.trim() || null,
        gridId: values.gridId || null,
        ...(headLeaves && values.remainingHeadId ? { remainingHeadId: values.remainingHeadId } : {}),
      });
      notifications.show({ color: 'green', message: t('households.split.done', { name: nameOf(values.newHeadId), count: created.members.length }) });
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFeedback(applyContractError(form, error.error));
    }
  });

  const otherLeavers = v.memberIds.filter((id) => id !== v.newHeadId);

  return (
    <EnterForm onSubmit={submit} aria-label={title}>
      <Stack gap="sm">
        <Text size="sm">{t('households.split.intro')}</Text>
        <Checkbox.Group label={t('households.split.members')} value={v.memberIds} onChange={chooseMembers} error={form.errors.memberIds} data-testid="household-split-members">
          <Stack gap={6} mt={4}>
            {members.map((m, i) => (
              <Checkbox
                key={m.residentId}
                value={m.residentId}
                autoFocus={i === 0}
                label={`${m.name}（${codes.relation(m.relation)}）`}
                data-testid="household-split-member"
              />
            ))}
          </Stack>
        </Checkbox.Group>

        <NativeSelect
          label={t('households.split.newHead')}
          data={[{ value: '', label: t('residents.form.choose') }, ...v.memberIds.map((id) => ({ value: id, label: nameOf(id) }))]}
          disabled={v.memberIds.length === 0}
          data-testid="household-split-new-head"
          {...form.getInputProps('newHeadId')}
        />
        {otherLeavers.length > 0 && (
          <>
            <Text size="sm">{t('households.split.relationsHint')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {otherLeavers.map((id) => (
                <NativeSelect
                  key={id}
                  label={nameOf(id)}
                  data={codeOptions(MEMBER_RELATIONS, codes.relation, '').slice(1)}
                  data-testid="household-split-relation"
                  {...form.getInputProps(`relations.${id}`)}
                />
              ))}
            </SimpleGrid>
          </>
        )}

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('households.split.address')} autoComplete="off" data-testid="household-split-address" {...form.getInputProps('address')} />
          <NativeSelect
            label={t('households.split.grid')}
            data={[{ value: '', label: t('households.split.noGrid') }, ...(grids.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
            data-testid="household-split-grid"
            {...form.getInputProps('gridId')}
          />
        </SimpleGrid>

        {headLeaves && (
          <>
            <Text size="sm">{t('households.split.remainingHeadHint', { name: nameOf(household.headResidentId ?? '') })}</Text>
            <NativeSelect
              label={t('households.split.remainingHead')}
              data={[{ value: '', label: t('residents.form.choose') }, ...staying.map((m) => ({ value: m.residentId, label: `${m.name}（${codes.relation(m.relation)}）` }))]}
              data-testid="household-split-remaining-head"
              {...form.getInputProps('remainingHeadId')}
            />
          </>
        )}

        <FormErrorAlert feedback={feedback} testId="household-split-error" />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting} data-testid="household-split-submit">
            {t('households.split.submit')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}
