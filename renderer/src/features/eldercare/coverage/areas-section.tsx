/**
 * Grid boundaries (网格边界): the ones on the map, and an import from a GeoJSON file of the office's
 * area (office.manage) — checked first (dry run: what each feature would become), then imported.
 */
import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChosenFile, ContractError, GridArea, GridAreaImportOutput } from '../../../../../shared/contract';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../../../../../shared/domain/eldercare/positions';
import { ApiError } from '../../../app/api/client';
import { useApi } from '../../../app/api/api-context';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { notifySuccess } from '../../../app/components/notify';
import { useFilePicker } from '../../../app/platform/file-picker';
import { useCan } from '../../../app/session/session-context';
import { TitledTable } from '../../../app/components/titled-table';
import { currentLanguage } from '../../../app/i18n/i18n';

export function AreasSection({ areas }: { areas: readonly GridArea[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('office.manage');
  const api = useApi();
  const [removeError, setRemoveError] = useState<ContractError | null>(null);
  const remove = async (area: GridArea) => {
    setRemoveError(null);
    try {
      await api.call('eldercare.areas.remove', { id: area.id, version: area.version });
      notifySuccess(t, t('eldercare.circle.areas.removed', { name: area.name }));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setRemoveError(e.error);
    }
  };
  return (
    <Stack gap="xs" component="section" data-testid="coverage-areas">
      <TitledTable
        title={t('eldercare.circle.areas.title')}
        columns={[{ label: t('eldercare.circle.areas.grid') }, { label: t('eldercare.circle.areas.code') }, { label: t('eldercare.circle.areas.sourceCrs') }, ...(manage ? [{ label: t('common.actions'), width: 100 }] : [])]}
        rows={areas}
        renderRow={(a) => (
          <Table.Tr key={a.id}>
            <Table.Td>{a.name}</Table.Td>
            <Table.Td>{a.code}</Table.Td>
            <Table.Td>{t(`eldercare.crs.${a.sourceCrs}`)}</Table.Td>
            {manage && (
              <Table.Td>
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(a)} aria-label={t('eldercare.circle.areas.removeNamed', { name: a.name })}>
                  {t('eldercare.circle.areas.remove')}
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        )}
        empty={t('eldercare.circle.areas.empty')}
        minWidth={480}
        table={{ striped: true }}
      >
        <Text size="sm" c="dimmed">
          {t('eldercare.circle.areas.hint')}
        </Text>
        {removeError && (
          <Alert color="red" role="alert">
            <ErrorText error={removeError} />
          </Alert>
        )}
      </TitledTable>
      {manage && <AreasImport />}
    </Stack>
  );
}

function AreasImport() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const picker = useFilePicker();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [crs, setCrs] = useState<CoordinateSystem>('wgs84');
  const [gridProperty, setGridProperty] = useState('code');
  const [result, setResult] = useState<GridAreaImportOutput | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async () => {
    const chosen = await picker.openFile({ kind: 'geojson', title: t('eldercare.circle.areas.pickTitle'), filterName: t('eldercare.circle.areas.filterName') });
    if (!chosen) return;
    setFile(chosen);
    setResult(null);
    setError(null);
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const out = await api.call('eldercare.areas.import', { file: file.handle, crs, gridProperty, dryRun, language: currentLanguage(i18n) });
      setResult(out);
      if (!dryRun) notifySuccess(t, t('eldercare.circle.areas.imported', { count: out.imported }));
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
  const fileIssue = issueAt('file');

  return (
    <Stack gap="xs" data-testid="coverage-areas-import">
      <Group align="flex-end" gap="sm">
        <Stack gap={2}>
          <Button variant="light" size="sm" onClick={() => void choose()} data-testid="coverage-areas-pick">
            {t('eldercare.circle.areas.pick')}
          </Button>
        </Stack>
        <Select
          label={t('eldercare.circle.areas.crs')}
          data={COORDINATE_SYSTEMS.map((c) => ({ value: c, label: t(`eldercare.crs.${c}`) }))}
          value={crs}
          onChange={(v) => v && setCrs(v as CoordinateSystem)}
          allowDeselect={false}
          w={240}
          error={issueAt('crs')}
        />
        <TextInput
          label={t('eldercare.circle.areas.gridProperty')}
          description={t('eldercare.circle.areas.gridPropertyHint')}
          value={gridProperty}
          onChange={(e) => setGridProperty(e.currentTarget.value)}
          error={issueAt('gridProperty')}
          w={220}
        />
      </Group>
      {file && (
        <Text size="sm" data-testid="coverage-areas-file">
          {t('eldercare.circle.areas.file', { name: file.name })}
        </Text>
      )}
      {fileIssue && (
        <Text size="sm" c="red" role="alert">
          {fileIssue}
        </Text>
      )}
      {error && !error.issues?.length && (
        <Alert color="red" role="alert">
          <ErrorText error={error} />
        </Alert>
      )}
      <Group gap="xs">
        <Button size="xs" variant="default" disabled={!file} loading={busy} onClick={() => void run(true)} data-testid="coverage-areas-check">
          {t('eldercare.circle.areas.check')}
        </Button>
        <Button size="xs" disabled={!file || !result?.dryRun || result.imported === 0} loading={busy} onClick={() => void run(false)} data-testid="coverage-areas-import-run">
          {t('eldercare.circle.areas.import')}
        </Button>
      </Group>
      {result && (
        <Stack gap={4} data-testid="coverage-areas-result">
          <Text size="sm">{t(result.dryRun ? 'eldercare.circle.areas.checkedSummary' : 'eldercare.circle.areas.importedSummary', { total: result.total, imported: result.imported, refused: result.refused })}</Text>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eldercare.circle.areas.feature')}</Table.Th>
                <Table.Th>{t('eldercare.circle.areas.grid')}</Table.Th>
                <Table.Th>{t('eldercare.circle.areas.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.features.map((f) => (
                <Table.Tr key={f.index}>
                  <Table.Td>{f.index + 1}</Table.Td>
                  <Table.Td>{f.gridName ?? f.gridCode ?? '—'}</Table.Td>
                  <Table.Td>{f.issue ? <IssueText issue={f.issue} /> : t(`eldercare.circle.areas.outcomes.${f.outcome}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
