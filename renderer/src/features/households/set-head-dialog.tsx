/**
 * 变更户主: pick the new head, then say how each other member relates to them — relations are to
 * the head, so a change of head usually changes them (the old head's wife is the new head's mother).
 */
import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ContractError, Household } from '../../../../shared/contract';
import { RELATIONS, type Relation } from '../../../../shared/domain/residents';
import { useApi } from '../../app/api/api-context';
import { ApiError } from '../../app/api/client';
import { FormErrorAlert } from '../../app/forms/contract-errors';
import { EnterForm } from '../../app/forms/enter-to-next';
import { codeOptions, pickCode, useCodes } from '../residents/codes';

const MEMBER_RELATIONS = RELATIONS.filter((r) => r !== 'head');

export function SetHeadDialog({ household, opened, onClose }: { household: Household; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('households.setHead')} data-testid="household-set-head-dialog">
      {opened && <SetHeadForm household={household} onDone={onClose} />}
    </Modal>
  );
}

function SetHeadForm({ household, onDone }: { household: Household; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const codes = useCodes();
  const others = household.members.filter((m) => m.residentId !== household.headResidentId);
  const [headId, setHeadId] = useState(others[0]?.residentId ?? '');
  const [relations, setRelations] = useState<Record<string, Relation>>(() =>
    Object.fromEntries(household.members.map((m) => [m.residentId, m.relation === 'head' ? 'other' : m.relation])),
  );
  const [error, setError] = useState<ContractError | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      const others = Object.fromEntries(Object.entries(relations).filter(([id]) => id !== headId));
      await api.call('households.setHead', { id: household.id, version: household.version, headResidentId: headId, relations: others });
      notifications.show({ color: 'green', message: t('households.setHeadDone') });
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <EnterForm
      onSubmit={(event) => {
        event?.preventDefault();
        void submit();
      }}
      aria-label={t('households.setHead')}
    >
      <Stack gap="sm">
        <NativeSelect
          label={t('households.newHead')}
          autoFocus
          value={headId}
          onChange={(e) => setHeadId(e.currentTarget.value)}
          data={household.members.map((m) => ({ value: m.residentId, label: m.name }))}
          data-testid="household-new-head"
        />
        <Text size="sm">{t('households.relationsHint')}</Text>
        {household.members
          .filter((m) => m.residentId !== headId)
          .map((m) => (
            <NativeSelect
              key={m.residentId}
              label={m.name}
              value={relations[m.residentId] ?? 'other'}
              onChange={(e) => {
                const relation = pickCode(MEMBER_RELATIONS, e.currentTarget.value);
                if (relation) setRelations((current) => ({ ...current, [m.residentId]: relation }));
              }}
              data={codeOptions(MEMBER_RELATIONS, codes.relation, t('residents.form.choose')).slice(1)}
            />
          ))}
        <FormErrorAlert feedback={error ? { error, unplaced: error.issues ?? [] } : null} testId="household-set-head-error" />
        <Group justify="flex-end">
          <Button type="submit" loading={saving} disabled={!headId || headId === household.headResidentId} data-testid="household-set-head-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </EnterForm>
  );
}
