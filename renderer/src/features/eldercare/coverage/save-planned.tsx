/** "Save as planned facility": the what-if's draft becomes a facility on record with status planned (records.write). */
import { useState } from 'react';
import { Alert, Button, Group, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContractError, WhatIfFacility } from '../../../../../shared/contract';
import { OPERATORS, type Operator } from '../../../../../shared/domain/eldercare/codes';
import { ApiError } from '../../../app/api/client';
import { useApi } from '../../../app/api/api-context';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { notifySuccess } from '../../../app/components/notify';
import { currentLanguage } from '../../../app/i18n/i18n';

export function SaveAsPlanned({ facility, onCancel, onSaved }: { facility: WhatIfFacility; onCancel(): void; onSaved(id: string): void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const kinds = useContractQuery('eldercare.codes.list', { table: 'facility_kind' });
  const [kind, setKind] = useState<string | null>(null);
  const [operator, setOperator] = useState<Operator>('public');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const english = currentLanguage(i18n) === 'en';
  const issueAt = (field: string) => {
    const issue = error?.issues?.find((i) => i.path[0] === field);
    return issue ? <IssueText issue={issue} parent={error ?? undefined} /> : undefined;
  };
  const placed = new Set(['kind', 'operator']);
  const general = error && !(error.issues?.length && error.issues.every((i) => placed.has(String(i.path[0])))) ? error : null;

  const save = async () => {
    setError(null);
    setBusy(true);
    try {
      const saved = await api.call('eldercare.facilities.save', {
        name: facility.name,
        kind: kind ?? '',
        operator,
        status: 'planned',
        position: facility.position,
        services: facility.services,
      });
      notifySuccess(t, t('eldercare.circle.whatIf.saved', { name: saved.name }));
      onSaved(saved.id);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" data-testid="coverage-save-planned">
      <Select
        label={t('eldercare.circle.whatIf.kind')}
        data={(kinds.data ?? []).filter((k) => k.active).map((k) => ({ value: k.code, label: english ? k.en : k.zh }))}
        value={kind}
        onChange={setKind}
        error={issueAt('kind')}
        required
        data-testid="coverage-save-planned-kind"
      />
      <Select
        label={t('eldercare.circle.whatIf.operator')}
        data={OPERATORS.map((o) => ({ value: o, label: t(`eldercare.facilities.operators.${o}`) }))}
        value={operator}
        onChange={(v) => v && setOperator(v as Operator)}
        allowDeselect={false}
        error={issueAt('operator')}
      />
      {general && (
        <Alert color="red" role="alert">
          {general.issues?.length ? general.issues.map((i, n) => <IssueText key={n} issue={i} parent={general} />) : <ErrorText error={general} />}
        </Alert>
      )}
      <Group gap="xs">
        <Button size="xs" onClick={() => void save()} loading={busy} data-testid="coverage-save-planned-confirm">
          {t('eldercare.circle.whatIf.saveConfirm')}
        </Button>
        <Button size="xs" variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
