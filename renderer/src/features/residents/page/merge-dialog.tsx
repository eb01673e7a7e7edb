/**
 * 合并重复记录 (supervisors): the same person registered twice under different ID numbers (a typo,
 * a legacy 15-digit number). The other record is merged into this one: this record keeps its
 * values and takes only what it lacks; the other becomes a tombstone pointing here, history kept.
 */
import { useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContractError, Resident } from '../../../../../shared/contract';
import { useApi } from '../../../app/api/api-context';
import { ApiError } from '../../../app/api/client';
import { useContractQuery } from '../../../app/api/queries';
import { FormErrorAlert } from '../../../app/forms/contract-errors';
import { residentSaved } from '../cache';
import { useCodes } from '../codes';

export function MergeDialog({ resident, opened, onClose }: { resident: Resident; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={t('residents.merge.title')} data-testid="resident-merge-dialog">
      {opened && <MergeForm resident={resident} onDone={onClose} />}
    </Modal>
  );
}

function MergeForm({ resident, onDone }: { resident: Resident; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const codes = useCodes();
  const [search, setSearch] = useState(resident.name);
  const [query] = useDebouncedValue(search.trim(), 150);
  const hits = useContractQuery('residents.search', { query, filters: {}, limit: 20 }, { enabled: query !== '', placeholderData: keepPreviousData });
  const candidates = (hits.data?.items ?? []).filter((h) => h.id !== resident.id);
  const [pickedId, setPickedId] = useState<string | null>(null);
  const picked = candidates.find((c) => c.id === pickedId) ?? null;
  const [error, setError] = useState<ContractError | null>(null);
  const [saving, setSaving] = useState(false);

  const merge = async () => {
    if (!picked) return;
    setSaving(true);
    setError(null);
    try {
      const kept = await api.call('residents.merge', { keepId: resident.id, keepVersion: resident.version, mergeId: picked.id, mergeVersion: picked.version });
      residentSaved(queryClient, kept);
      notifications.show({ color: 'green', message: t('residents.merge.done', { name: picked.name }) });
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm">{t('residents.merge.intro', { name: resident.name, id: resident.idNumberMasked })}</Text>
      <TextInput label={t('residents.merge.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} autoFocus data-testid="resident-merge-search" />
      <Radio.Group value={pickedId} onChange={setPickedId} label={t('residents.merge.pick')}>
        <Stack gap={6} mt={6}>
          {candidates.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('residents.merge.none')}
            </Text>
          )}
          {candidates.map((c) => (
            <Radio
              key={c.id}
              value={c.id}
              data-testid="resident-merge-candidate"
              label={`${c.name} · ${c.idNumberMasked} · ${codes.sex(c.sex)} · ${t('residents.ageYears', { age: c.age })}${c.address ? ` · ${c.address}` : ''}`}
            />
          ))}
        </Stack>
      </Radio.Group>
      {picked && (
        <Alert color="orange" variant="light" data-testid="resident-merge-confirm-text">
          {t('residents.merge.confirm', { merged: `${picked.name} ${picked.idNumberMasked}`, kept: `${resident.name} ${resident.idNumberMasked}` })}
        </Alert>
      )}
      <FormErrorAlert feedback={error ? { error, unplaced: error.issues ?? [] } : null} testId="resident-merge-error" />
      <Group justify="flex-end">
        <Button color="orange" disabled={!picked} loading={saving} onClick={() => void merge()} data-testid="resident-merge-submit">
          {t('residents.merge.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
