/**
 * 导入向导: choose a file → the core checks every row (a job: progress, rows/s, cancel) → the
 * clerk corrects the column mapping, header rows or sheet (each change checks again) and sees the
 * counts and the invalid rows, downloads the error report if wanted → imports the valid rows in one
 * transaction (a job, cancellable) → sees the result and may undo it as one step.
 * Nothing is written before the last step. Errors are shown next to the step they concern.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Stepper, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ColumnMapping, ImportPreview, MethodInput } from '../../../../shared/contract';
import { useContractMutation } from '../../app/api/queries';
import { useJob } from '../../app/api/use-job';
import { currentLanguage } from '../../app/i18n/i18n';
import { useFilePicker } from '../../app/platform/file-picker';
import { importsChanged } from './cache';
import { ImportErrorAlert, placeOf } from './import-errors';
import { JobProgress } from './job-progress';
import { fileName, fileStem } from './labels';
import type { ChosenFile } from '../../../../shared/contract';
import { MappingEditor } from './mapping-editor';
import { ImportCounts, InvalidRows } from './preview-summary';

/** What the clerk chose about the file; the check and the import both take it. */
type Choice = Pick<MethodInput<'imports.preview'>, 'file' | 'sheet' | 'mapping' | 'header'>;

interface Checked {
  choice: Choice;
  preview: ImportPreview;
}

export function ImportWizard() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const picker = useFilePicker();
  const queryClient = useQueryClient();
  const previewJob = useJob('imports.preview');
  const commitJob = useJob('imports.commit');
  const undo = useContractMutation('imports.undo', { onSuccess: () => importsChanged(queryClient) });
  // Leaving the page stops a check nobody will look at (an import already started runs to its end).
  const cancelCheck = previewJob.cancel;
  useEffect(() => () => void cancelCheck(), [cancelCheck]);
  const [requested, setRequested] = useState<{ choice: Choice; report: boolean } | null>(null);
  /** The roster as the dialog answered it: `choice.file` is its handle, this its name and path to show. */
  const [source, setSource] = useState<ChosenFile | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [confirmingImport, setConfirmingImport] = useState(false);
  const [confirmingUndo, setConfirmingUndo] = useState(false);

  const pState = previewJob.state;
  const cState = commitJob.state;
  // The last good check, kept while the clerk changes the mapping (a failed change keeps it on screen).
  if (pState.status === 'succeeded' && requested && checked?.preview !== pState.output) {
    setChecked({ choice: requested.choice, preview: pState.output });
  }

  const committed = cState.status === 'succeeded' ? cState.output : null;
  useEffect(() => {
    if (committed?.written) importsChanged(queryClient);
  }, [committed, queryClient]);

  const checking = pState.status === 'starting' || pState.status === 'running';
  const importing = cState.status === 'starting' || cState.status === 'running';
  const busy = checking || importing;
  const previewError = pState.status === 'failed' && pState.error.code !== 'CANCELLED' ? pState.error : null;
  const place = previewError ? placeOf(previewError) : null;
  // The counts on screen belong to what was last asked for (a report run asks for the same choice).
  const current = checked !== null && requested !== null && requested.choice === checked.choice && !checking ? checked : null;
  // Past the last step once imported, so every step shows as done.
  const step = committed ? 4 : importing ? 2 : checked || checking ? 1 : 0;

  const check = (choice: Choice, reportFile?: string) => {
    void previewJob.cancel();
    commitJob.reset();
    setRequested({ choice, report: reportFile !== undefined });
    void previewJob.start({ ...choice, language, reportFile });
  };

  const chooseFile = async () => {
    const file = await picker.openFile({ kind: 'spreadsheet', title: t('importUi.dialogs.openRoster'), filterName: t('importUi.dialogs.spreadsheetFilter') });
    if (!file) return;
    setChecked(null);
    setSource(file);
    check({ file: file.handle });
  };

  const changeMapping = (mapping: ColumnMapping[]) => {
    if (!checked) return;
    const { preview } = checked;
    check({ file: checked.choice.file, sheet: preview.sheet ?? undefined, header: preview.header, mapping });
  };

  const downloadReport = async () => {
    if (!current) return;
    const reportFile = await picker.saveFile({
      kind: 'xlsx',
      title: t('importUi.dialogs.saveReport'),
      filterName: t('importUi.dialogs.xlsxFilter'),
      defaultName: `${t('importUi.report.defaultName', { name: fileStem(source?.path ?? '') })}.xlsx`,
    });
    if (reportFile) check(current.choice, reportFile.handle);
  };

  const startImport = () => {
    setConfirmingImport(false);
    if (!current) return;
    const { choice, preview } = current;
    void commitJob.start({ ...choice, language, skipInvalid: preview.invalid > 0, expectSha256: preview.fileSha256, rememberMapping: true });
  };

  const startOver = () => {
    void previewJob.cancel();
    previewJob.reset();
    commitJob.reset();
    undo.reset();
    setChecked(null);
    setSource(null);
    setRequested(null);
  };

  const shownMapping = requested?.choice.mapping ?? checked?.preview.columns.map((c) => ({ column: c.column, field: c.field })) ?? [];
  const file = requested?.choice.file ?? checked?.choice.file;
  const headerRows = checked ? (checked.preview.header.first === checked.preview.header.last ? `${checked.preview.header.first}` : `${checked.preview.header.first}–${checked.preview.header.last}`) : '';

  return (
    <Stack gap="md" data-testid="import-wizard" data-step={step}>
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('importUi.steps.file')} />
        <Stepper.Step label={t('importUi.steps.check')} />
        <Stepper.Step label={t('importUi.steps.import')} />
        <Stepper.Step label={t('importUi.steps.done')} />
      </Stepper>

      {/* 1. The file */}
      {!committed && (
        <Stack gap="xs">
          {file ? (
            <Group gap="sm">
              <Text size="sm" data-testid="import-file">
                {t('importUi.file.chosen', { file: fileName(source?.path ?? '') })}
              </Text>
              <Button size="xs" variant="default" onClick={() => void chooseFile()} disabled={importing} data-testid="import-choose">
                {t('importUi.file.another')}
              </Button>
            </Group>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {t('importUi.file.intro')}
              </Text>
              <Group>
                <Button onClick={() => void chooseFile()} data-testid="import-choose">
                  {t('importUi.file.choose')}
                </Button>
              </Group>
            </>
          )}
          {/* Before a first good check everything is about the file; after it, only what is. */}
          {previewError && (place === 'file' || !checked) && <ImportErrorAlert error={previewError} testId="import-file-error" />}
          {pState.status === 'failed' && pState.error.code === 'CANCELLED' && (
            <Alert color="gray" data-testid="import-preview-cancelled">
              {t('importUi.progress.cancelledPreview')}
            </Alert>
          )}
          {checking && (
            <JobProgress
              job={pState.status === 'running' ? pState : null}
              label={requested?.report ? t('importUi.progress.report') : t('importUi.progress.preview')}
              onCancel={() => void previewJob.cancel()}
              testId="import-preview-progress"
            />
          )}
        </Stack>
      )}

      {/* 2. Mapping, counts and invalid rows */}
      {checked && !committed && (
        <Stack gap="md">
          <Text size="xs" c="dimmed" data-testid="import-file-info">
            {checked.preview.format === 'xlsx'
              ? t('importUi.file.infoXlsx', { format: 'XLSX', sheet: checked.preview.sheet ?? '', rows: headerRows })
              : t('importUi.file.info', { format: 'CSV', encoding: checked.preview.encoding ? t(`importUi.encodings.${checked.preview.encoding}`) : '', rows: headerRows })}
          </Text>
          <MappingEditor
            preview={checked.preview}
            mapping={shownMapping}
            disabled={busy}
            onMappingChange={changeMapping}
            onSheetChange={(sheet) => check({ file: checked.choice.file, sheet })}
            onHeaderChange={(header) => check({ file: checked.choice.file, sheet: checked.preview.sheet ?? undefined, header })}
          />
          {previewError && (place === 'mapping' || place === 'other') && <ImportErrorAlert error={previewError} testId="import-mapping-error" />}

          {current && (
            <Stack gap="sm" data-testid="import-review">
              <ImportCounts counts={current.preview} />
              <InvalidRows preview={current.preview} />
              {current.preview.invalid > 0 && (
                <Group gap="sm">
                  <Button variant="default" size="xs" onClick={() => void downloadReport()} disabled={busy} data-testid="import-report">
                    {t('importUi.report.download')}
                  </Button>
                  {current.preview.reportFile && (
                    <Text size="sm" c="green" data-testid="import-report-done">
                      {t('importUi.report.done', { file: current.preview.reportFile })}
                    </Text>
                  )}
                </Group>
              )}
            </Stack>
          )}
          {previewError && place === 'report' && <ImportErrorAlert error={previewError} testId="import-report-error" />}
        </Stack>
      )}

      {/* 3. Import */}
      {current && !committed && (
        <Stack gap="xs">
          {current.preview.valid === 0 ? (
            <Text size="sm" c="dimmed" data-testid="import-nothing">
              {t('importUi.commit.nothing')}
            </Text>
          ) : (
            !importing && (
              <Group>
                <Button onClick={() => (current.preview.invalid > 0 ? setConfirmingImport(true) : startImport())} disabled={busy} data-testid="import-commit">
                  {t('importUi.commit.start', { n: current.preview.valid })}
                </Button>
              </Group>
            )
          )}
          {importing && (
            <JobProgress job={cState.status === 'running' ? cState : null} label={t('importUi.progress.commit')} onCancel={() => void commitJob.cancel()} testId="import-commit-progress" />
          )}
          {cState.status === 'failed' && cState.error.code === 'CANCELLED' && (
            <Alert color="gray" data-testid="import-commit-cancelled">
              {t('importUi.progress.cancelledCommit')}
            </Alert>
          )}
          {cState.status === 'failed' && cState.error.code !== 'CANCELLED' && (
            <Stack gap="xs">
              <ImportErrorAlert error={cState.error} testId="import-commit-error" />
              <Group>
                <Button size="xs" variant="default" onClick={() => check(current.choice)} data-testid="import-recheck">
                  {t('importUi.commit.recheck')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      )}

      {/* 4. Result, and undo */}
      {committed && (
        <Stack gap="sm">
          {committed.written ? (
            <Alert color="green" title={t('importUi.result.title')} data-testid="import-result" data-import-id={committed.importId ?? ''}>
              <Text size="sm">
                {t('importUi.result.body', { created: committed.created, updated: committed.updated, unchanged: committed.unchanged, households: committed.households })}
              </Text>
              {committed.invalid > 0 && <Text size="sm">{t('importUi.result.skipped', { n: committed.invalid })}</Text>}
            </Alert>
          ) : (
            <>
              <Alert color="orange" data-testid="import-not-written">
                {t('importUi.result.notWritten')}
              </Alert>
              <InvalidRows preview={committed} />
            </>
          )}
          {undo.isSuccess ? (
            <Alert color="blue" data-testid="import-undone">
              {t('importUi.undo.done', undo.data)}
            </Alert>
          ) : (
            committed.importId && (
              <Group>
                <Button color="red" variant="light" onClick={() => setConfirmingUndo(true)} loading={undo.isPending} data-testid="import-undo">
                  {t('importUi.result.undo')}
                </Button>
              </Group>
            )
          )}
          {undo.isError && <ImportErrorAlert error={undo.error.error} testId="import-undo-error" />}
          <Group>
            <Button variant="default" onClick={startOver} data-testid="import-again">
              {t('importUi.result.again')}
            </Button>
            <Button variant="subtle" component={Link} to="/residents" data-testid="import-to-list">
              {t('importUi.result.toList')}
            </Button>
          </Group>
        </Stack>
      )}

      <Modal opened={confirmingImport && current !== null} onClose={() => setConfirmingImport(false)} title={t('importUi.commit.confirmTitle')}>
        <Stack gap="md">
          <Text size="sm" data-testid="import-confirm-body">
            {current ? t('importUi.commit.confirmBody', { invalid: current.preview.invalid, valid: current.preview.valid }) : null}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingImport(false)} data-testid="import-confirm-cancel">
              {t('common.cancel')}
            </Button>
            <Button onClick={startImport} data-testid="import-confirm">
              {t('importUi.commit.confirm', { valid: current?.preview.valid ?? 0 })}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={confirmingUndo} onClose={() => setConfirmingUndo(false)} title={t('importUi.undo.confirmTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('importUi.undo.confirmBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingUndo(false)} data-testid="import-undo-cancel">
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirmingUndo(false);
                if (committed?.importId) undo.mutate({ importId: committed.importId, language });
              }}
              data-testid="import-undo-confirm"
            >
              {t('importUi.undo.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
