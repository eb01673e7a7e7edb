/**
 * 合户: another household joins this one. The clerk finds it by a member's name, chooses who heads
 * the merged household and how everyone else relates to that head, then confirms a sentence that
 * names both households — the other one is closed by the merge. The core's refusals appear at
 * their fields; a household changed meanwhile (STALE_VERSION) is said so under the form.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../../../shared/contract';
import { RELATIONS, type Relation } from '../../../../shared/domain/residents';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { useContractQuery } from '../../app/api/queries';
import { applyContractError, FormErrorAlert, IssueText, type FormFeedback } from '../../app/forms/contract-errors';
import { EnterForm } from '../../app/forms/enter-to-next';
import { codeOptions, pickCode, useCodes } from '../residents/codes';
import { householdLabel } from './household-label';
import { HouseholdPicker } from './household-picker';

const MEMBER_RELATIONS = RELATIONS.filter((r) => r !== 'head');

interface Props {
  /** The household that stays (the one on the card); the other one joins it. */
  household: Household;
  opened: boolean;
  onClose: () => void;
}

export function MergeHouseholdsDialog({ household, opened, onClose }: Props) {
  const { t } = useTranslation();
  const title = t('households.merge.title', { household: householdLabel(t, household) });
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={title} data-testid="household-merge-dialog">
      {opened && <MergeForm household={household} title={title} onDone={onClose} />}
    </Modal>
  );
}

interface MergeValues {
  mergeId: string;
  mergeLabel: string;
  headId: string;
  /** Relations to the head, by resident id, for everyone who is not the head. */
  relations: Record<string, string>;
}

function MergeForm({ household, title, onDone }: { household: Household; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const codes = useCodes();
  const [feedback, setFeedback] = useState<FormFeedback['general']>(null);
  const [confirming, setConfirming] = useState(false);

  const form = useForm<MergeValues>({
    mode: 'controlled',
    initialValues: { mergeId: '', mergeLabel: '', headId: household.headResidentId ?? '', relations: {} },
    validate: (v) => (v.mergeId ? {} : { mergeId: <IssueText issue={{ code: 'required' }} /> }),
  });
  const v = form.getValues();
  const other = useContractQuery('households.get', { id: v.mergeId }, { enabled: v.mergeId !== '' });
  const incoming = v.mergeId && other.data?.id === v.mergeId ? other.data : undefined;
  const everyone = [...household.members, ...(incoming?.members ?? [])];
  const headChanges = v.headId !== household.headResidentId;
  // With the head unchanged only the newcomers need a relation; a new head changes everyone's.
  const asked = everyone.filter((m) => m.residentId !== v.headId && (headChanges || incoming?.members.includes(m)));

  /** What the select shows before the clerk changes it: today's relation where it still holds, else "other". */
  const relationOf = (id: string): Relation => {
    const chosen = pickCode(MEMBER_RELATIONS, v.relations[id]);
    if (chosen) return chosen;
    const kept = household.members.find((m) => m.residentId === id);
    return kept && kept.relation !== 'head' && !headChanges ? kept.relation : 'other';
  };

  const pick = (picked: { householdId: string; label: string } | null) => {
    form.setValues({ mergeId: picked?.householdId ?? '', mergeLabel: picked?.label ?? '', headId: household.headResidentId ?? '', relations: {} });
    setConfirming(false);
    setFeedback(null);
  };

  const submit = form.onSubmit(async () => {
    if (!incoming) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setFeedback(null);
    const relations = Object.fromEntries(asked.map((m) => [m.residentId, relationOf(m.residentId)]));
    try {
      await api.call('households.merge', {
        keepId: household.id,
        keepVersion: household.version,
        mergeId: incoming.id,
        mergeVersion: incoming.version,
        relations,
        ...(v.headId && headChanges ? { headId: v.headId } : {}),
      });
      notifications.show({ color: 'green', message: t('households.merge.done', { merge: householdLabel(t, incoming), keep: householdLabel(t, household) }) });
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setConfirming(false);
      // Every relation shown is a field the core may name (relations.<id>), whether or not it was changed.
      setFeedback(applyContractError({ getValues: () => ({ ...form.getValues(), relations }), setErrors: form.setErrors }, error.error));
    }
  });

  const nameOf = (id: string) => everyone.find((m) => m.residentId === id)?.name ?? '';
  const incomingLabel = incoming ? householdLabel(t, incoming) : '';

  return (
    <EnterForm onSubmit={submit} aria-label={title}>
      <Stack gap="sm">
        <HouseholdPicker
          label={t('households.merge.other')}
          autoFocus
          value={v.mergeId ? { householdId: v.mergeId, label: v.mergeLabel } : null}
          onChange={pick}
          excludeHouseholdId={household.id}
          error={form.errors.mergeId}
          testId="household-merge-other"
        />
        {incoming && (
          <>
            <Group gap={6} data-testid="household-merge-other-members">
              <Text size="sm">{t('households.merge.otherMembers')}</Text>
              {incoming.members.map((m) => (
                <Badge key={m.residentId} variant="light" color="gray">
                  {m.name}（{codes.relation(m.relation)}）
                </Badge>
              ))}
            </Group>
            <NativeSelect
              label={t('households.merge.head')}
              data={everyone.map((m) => ({ value: m.residentId, label: incoming.members.includes(m) ? `${m.name}${t('households.merge.fromOther', { household: incomingLabel })}` : m.name }))}
              disabled={confirming}
              data-testid="household-merge-head"
              {...form.getInputProps('headId')}
            />
            {asked.length > 0 && (
              <>
                <Text size="sm">{t('households.merge.relationsHint')}</Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  {asked.map((m) => (
                    <NativeSelect
                      key={m.residentId}
                      label={m.name}
                      value={relationOf(m.residentId)}
                      onChange={(e) => form.setFieldValue(`relations.${m.residentId}`, e.currentTarget.value)}
                      error={form.errors[`relations.${m.residentId}`]}
                      disabled={confirming}
                      data={codeOptions(MEMBER_RELATIONS, codes.relation, '').slice(1)}
                      data-testid="household-merge-relation"
                    />
                  ))}
                </SimpleGrid>
              </>
            )}
          </>
        )}

        {confirming && incoming && (
          <Alert color="orange" variant="light" title={t('households.merge.confirmTitle')} data-testid="household-merge-confirm">
            {t('households.merge.confirm', { merge: incomingLabel, keep: householdLabel(t, household), count: incoming.members.length, head: nameOf(v.headId) })}
          </Alert>
        )}
        <FormErrorAlert feedback={feedback} testId="household-merge-error" />
        <Group justify="flex-end">
          {confirming && (
            <Button variant="default" onClick={() => setConfirming(false)} data-testid="household-merge-back">
              {t('households.merge.back')}
            </Button>
          )}
          <Button type="submit" color={confirming ? 'orange' : undefined} loading={form.submitting} disabled={!incoming} data-testid="household-merge-submit">
            {confirming ? t('households.merge.submit') : t('households.merge.next')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}
