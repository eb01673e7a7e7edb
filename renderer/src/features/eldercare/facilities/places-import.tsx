/**
 * 导入设施 / 小区: pick a .xlsx or .csv file, the core checks every row (nothing written) and lists
 * each row's issues by the column as the file heads it; the clerk then commits — all rows in one
 * transaction, refused if the file changed since the check. Rows with issues block the commit: the
 * clerk corrects the file and checks again.
 */
import { useState } from 'react';
import { Alert, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChosenFile, ContractError, PlacesImportResult } from '../../../../../shared/contract';
import { issueMessage } from '../../../../../shared/domain/import-issues';
import { useJob } from '../../../app/api/use-job';
import { ErrorText, IssueText } from '../../../app/forms/contract-errors';
import { currentLanguage } from '../../../app/i18n/i18n';
import { useFilePicker } from '../../../app/platform/file-picker';
import { JobProgress } from '../../imports/job-progress';
import { useNumber } from './labels';

type Target = 'facilities' | 'compounds';

export function PlacesImport({ initialTarget = 'facilities' }: { initialTarget?: Target }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const picker = useFilePicker();
  const facilitiesJob = useJob('eldercare.import.facilities');
  const compoundsJob = useJob('eldercare.import.compounds');
  const [target, setTarget] = useState<Target>(initialTarget);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [checked, setChecked] = useState<PlacesImportResult | null>(null);
  const [committed, setCommitted] = useState<PlacesImportResult | null>(null);
  const [committing, setCommitting] = useState(false);
  const job = target === 'facilities' ? facilitiesJob : compoundsJob;
  const state = job.state;

  // A finished run's answer, kept while the next one runs (as the residents' import wizard does).
  const output = state.status === 'succeeded' ? state.output : null;
  if (output && !output.committed && checked !== output) setChecked(output);
  if (output?.committed && committed !== output) setCommitted(output);

  const busy = state.status === 'starting' || state.status === 'running';
  const error: ContractError | null = state.status === 'failed' && state.error.code !== 'CANCELLED' ? state.error : null;

  const run = (handle: string, commit: boolean, expectSha256?: string) => {
    setCommitting(commit);
    if (!commit) setChecked(null);
    void job.start({ file: handle, commit, expectSha256, language, maxRows: 2000 });
  };

  const choose = async () => {
    const chosen = await picker.openFile({ kind: 'spreadsheet', title: t('eldercare.facilitiesUi.import.pick'), filterName: t('eldercare.facilitiesUi.import.filter') });
    if (!chosen) return;
    setFile(chosen);
    setCommitted(null);
    run(chosen.handle, false);
  };

  const reset = () => {
    facilitiesJob.reset();
    compoundsJob.reset();
    setFile(null);
    setChecked(null);
    setCommitted(null);
  };

  return (
    <Stack gap="sm" data-testid="places-import">
      <Title order={3} size="h4">
        {t('eldercare.facilitiesUi.import.title')}
      </Title>
      <Text size="sm">{t('eldercare.facilitiesUi.import.hint')}</Text>
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          value={target}
          disabled={busy || checked !== null}
          aria-label={t('eldercare.facilitiesUi.import.what')}
          data={[
            { value: 'facilities', label: t('eldercare.facilitiesUi.views.facilities') },
            { value: 'compounds', label: t('eldercare.facilitiesUi.views.compounds') },
          ]}
          onChange={(value) => setTarget(value === 'compounds' ? 'compounds' : 'facilities')}
          data-testid="places-import-target"
        />
        <Button onClick={() => void choose()} disabled={busy} data-testid="places-import-pick">
          {file ? t('eldercare.facilitiesUi.import.pickAnother') : t('eldercare.facilitiesUi.import.pick')}
        </Button>
        {file && (
          <Text size="sm" c="dimmed" data-testid="places-import-file">
            {file.name}
          </Text>
        )}
      </Group>
      {busy && <JobProgress job={state.status === 'running' ? state : null} label={committing ? t('eldercare.facilitiesUi.import.committing') : t('eldercare.facilitiesUi.import.checking')} testId="places-import-progress" />}
      {error && (
        <Alert color="red" role="alert" data-testid="places-import-error">
          {error.issues?.length ? error.issues.map((i, n) => <IssueText key={n} issue={i} parent={error} />) : <ErrorText error={error} />}
        </Alert>
      )}
      {committed && (
        <Alert color="green" role="status" data-testid="places-import-done">
          {t('eldercare.facilitiesUi.import.done', { created: committed.created, updated: committed.updated })}
          <Group mt="xs">
            <Button size="xs" variant="light" onClick={reset}>
              {t('eldercare.facilitiesUi.import.another')}
            </Button>
          </Group>
        </Alert>
      )}
      {checked && !committed && (
        <ImportReport
          result={checked}
          busy={busy}
          onCommit={() => file && run(file.handle, true, checked.fileSha256)}
          onRecheck={() => file && run(file.handle, false)}
        />
      )}
    </Stack>
  );
}

const COUNTS = ['total', 'valid', 'invalid', 'created', 'updated', 'unchanged', 'blank'] as const;

function ImportReport({ result, busy, onCommit, onRecheck }: { result: PlacesImportResult; busy: boolean; onCommit: () => void; onRecheck: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const number = useNumber();
  const invalidRows = result.rows.filter((r) => r.status === 'invalid');
  return (
    <Stack gap="sm" data-testid="places-import-report">
      <SimpleGrid cols={{ base: 3, md: 7 }} spacing="xs">
        {COUNTS.map((key) => (
          <Paper key={key} withBorder p="xs" data-testid={`places-import-count-${key}`} data-value={result[key]}>
            <Text size="xs" c="dimmed">
              {t(`eldercare.facilitiesUi.import.counts.${key}`)}
            </Text>
            <Text fw={600} c={key === 'invalid' && result.invalid > 0 ? 'red' : undefined}>
              {number(result[key])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {invalidRows.length === 0 ? (
        <Text size="sm" c="green" data-testid="places-import-clean">
          {t('eldercare.facilitiesUi.import.clean')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560} maxHeight={360}>
          <Table striped stickyHeader verticalSpacing={4} data-testid="places-import-issues">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('eldercare.facilitiesUi.import.row')}</Table.Th>
                <Table.Th w={160}>{t('eldercare.facilitiesUi.import.name')}</Table.Th>
                <Table.Th w={140}>{t('eldercare.facilitiesUi.import.column')}</Table.Th>
                <Table.Th>{t('eldercare.facilitiesUi.import.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invalidRows.flatMap((row) =>
                row.errors.map((issue, i) => (
                  <Table.Tr key={`${row.row}-${i}`} data-testid="places-import-issue" data-row={row.row} data-code={issue.code}>
                    <Table.Td>{i === 0 ? row.row : ''}</Table.Td>
                    <Table.Td>{i === 0 ? row.name : ''}</Table.Td>
                    <Table.Td>{issue.column}</Table.Td>
                    <Table.Td>{issueMessage(language, issue.code, issue.params)}</Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {result.truncated && (
        <Text size="xs" c="dimmed">
          {t('eldercare.facilitiesUi.import.truncated', { shown: result.rows.length })}
        </Text>
      )}
      <Group>
        <Button onClick={onCommit} disabled={busy || result.invalid > 0 || result.valid === 0} data-testid="places-import-commit">
          {t('eldercare.facilitiesUi.import.commit', { count: result.created + result.updated })}
        </Button>
        <Button variant="default" onClick={onRecheck} disabled={busy} data-testid="places-import-recheck">
          {t('eldercare.facilitiesUi.import.recheck')}
        </Button>
      </Group>
      {result.invalid > 0 && (
        <Text size="sm" c="red">
          {t('eldercare.facilitiesUi.import.blocked', { count: result.invalid })}
        </Text>
      )}
    </Stack>
  );
}
