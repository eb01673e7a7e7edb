/**
 * The office's known walks from one compound (eldercare.walks.*): where the real walk to a facility
 * is known, it replaces straight line × detour both ways. records.write edits; others read.
 */
import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CompoundWalk, ContractError, EldercareMapData } from '../../../../../shared/contract';
import { ApiError } from '../../../app/api/client';
import { useApi } from '../../../app/api/api-context';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { notifySuccess } from '../../../app/components/notify';
import { useCan } from '../../../app/session/session-context';
import { num } from './figures';

interface Draft {
  facilityId: string | null;
  meters: number | '';
  note: string;
  /** The walk being edited (its version), or null for a new one. */
  walk: CompoundWalk | null;
}

export function WalksEditor({ compoundId, facilities }: { compoundId: string; facilities: EldercareMapData['facilities'] }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const editable = can('records.write');
  const walks = useContractQuery('eldercare.walks.list', { compoundId });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (input: { facilityId: string; meters: number | null; note: string | null; version: number | null }) => {
    setError(null);
    setBusy(true);
    try {
      await api.call('eldercare.walks.save', { compoundId, ...input });
      notifySuccess(t, input.meters === null ? t('eldercare.circle.walks.removed') : t('eldercare.circle.walks.saved'));
      setDraft(null);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setBusy(false);
    }
  };
  const issueAt = (field: string) => {
    const issue = error?.issues?.find((i) => i.path[0] === field);
    return issue ? <IssueText issue={issue} parent={error ?? undefined} /> : undefined;
  };

  const rows = walks.data ?? [];
  return (
    <Stack gap="xs" data-testid="coverage-walks">
      <Text size="sm" fw={600}>
        {t('eldercare.circle.walks.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('eldercare.circle.walks.hint')}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('eldercare.circle.walks.empty')}
        </Text>
      ) : (
        <Table withTableBorder data-testid="coverage-walks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('eldercare.circle.walks.facility')}</Table.Th>
              <Table.Th>{t('eldercare.circle.walks.meters')}</Table.Th>
              <Table.Th>{t('eldercare.circle.walks.estimate')}</Table.Th>
              {editable && <Table.Th aria-label={t('common.actions')} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((w) => (
              <Table.Tr key={w.id}>
                <Table.Td>
                  {w.facilityName}
                  {w.note && (
                    <Text size="xs" c="dimmed">
                      {w.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t('eldercare.circle.walks.metersValue', { meters: num(w.meters) })}</Table.Td>
                <Table.Td>{w.estimateMeters === null ? '—' : t('eldercare.circle.walks.metersValue', { meters: num(w.estimateMeters) })}</Table.Td>
                {editable && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" onClick={() => setDraft({ facilityId: w.facilityId, meters: w.meters, note: w.note ?? '', walk: w })}>
                        {t('eldercare.circle.walks.edit')}
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="red" loading={busy} onClick={() => void save({ facilityId: w.facilityId, meters: null, note: null, version: w.version })}>
                        {t('eldercare.circle.walks.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editable && !draft && (
        <Group>
          <Button size="xs" variant="light" onClick={() => setDraft({ facilityId: null, meters: '', note: '', walk: null })} data-testid="coverage-walks-add">
            {t('eldercare.circle.walks.add')}
          </Button>
        </Group>
      )}
      {editable && draft && (
        <Stack gap="xs" data-testid="coverage-walks-form">
          <Select
            label={t('eldercare.circle.walks.facility')}
            searchable
            disabled={draft.walk !== null}
            data={facilities.map((f) => ({ value: f.id, label: f.name }))}
            value={draft.facilityId}
            onChange={(v) => setDraft({ ...draft, facilityId: v, walk: rows.find((w) => w.facilityId === v) ?? null })}
            error={issueAt('facilityId')}
            data-testid="coverage-walks-facility"
          />
          <NumberInput
            label={t('eldercare.circle.walks.meters')}
            min={0}
            max={100_000}
            allowDecimal={false}
            allowNegative={false}
            value={draft.meters}
            onChange={(v) => setDraft({ ...draft, meters: v === '' ? '' : Number(v) })}
            error={issueAt('meters')}
            data-testid="coverage-walks-meters"
          />
          <TextInput label={t('eldercare.circle.walks.note')} value={draft.note} maxLength={200} onChange={(e) => setDraft({ ...draft, note: e.currentTarget.value })} error={issueAt('note')} />
          {error && !error.issues?.length && (
            <Alert color="red" role="alert">
              <ErrorText error={error} />
            </Alert>
          )}
          <Group gap="xs">
            <Button
              size="xs"
              loading={busy}
              disabled={!draft.facilityId || draft.meters === ''}
              onClick={() => void save({ facilityId: draft.facilityId!, meters: Number(draft.meters), note: draft.note.trim() || null, version: draft.walk?.version ?? null })}
              data-testid="coverage-walks-save"
            >
              {t('common.save')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                setDraft(null);
                setError(null);
              }}
            >
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
