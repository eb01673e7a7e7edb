/**
 * 导出: the resident list as it is filtered now, to .xlsx or CSV (GBK or UTF-8), saved where the
 * clerk chooses in the save dialog; a job with progress and cancel. Whether ID numbers are written
 * in full is the core's decision (the role's `records.revealId`); a clerk who may see them can
 * still ask for them masked.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Radio, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CSV_ENCODINGS, EXPORT_FORMATS, type ResidentFilters } from '../../../../shared/contract';
import { useJob } from '../../app/api/use-job';
import { currentLanguage } from '../../app/i18n/i18n';
import { useFilePicker } from '../../app/platform/file-picker';
import { useCan } from '../../app/session/session-context';
import { ImportErrorAlert } from './import-errors';
import { JobProgress } from './job-progress';

type Format = (typeof EXPORT_FORMATS)[number];
type Encoding = (typeof CSV_ENCODINGS)[number];
const pick = <T extends string>(values: readonly T[], value: string): T | undefined => values.find((v) => v === value);

function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function ExportResidents({ filters, searching }: { filters: ResidentFilters; searching: boolean }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const picker = useFilePicker();
  const job = useJob('exports.residents');
  const [opened, setOpened] = useState(false);
  const [format, setFormat] = useState<Format>('xlsx');
  // Excel on Chinese Windows opens GBK CSV directly; UTF-8 (with BOM) is there for other programs.
  const [encoding, setEncoding] = useState<Encoding>('gbk');
  const [maskIds, setMaskIds] = useState(false);
  const { state } = job;
  const busy = state.status === 'starting' || state.status === 'running';
  const mayReveal = can('records.revealId');

  const start = async () => {
    const file = await picker.saveFile({
      kind: format,
      title: t('importUi.dialogs.saveExport'),
      filterName: format === 'xlsx' ? t('importUi.dialogs.xlsxFilter') : t('importUi.dialogs.csvFilter'),
      defaultName: `${t('importUi.export.defaultName', { date: localDate(new Date()) })}.${format}`,
    });
    if (!file) return;
    void job.start({ file: file.handle, format, encoding, filters, maskIds: mayReveal ? maskIds : true, language: currentLanguage(i18n) });
  };

  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)} data-testid="residents-export">
        {t('importUi.export.button')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('importUi.export.title')} size="lg">
        <Stack gap="sm" data-testid="export-dialog">
          <Text size="sm" data-testid="export-scope">
            {searching ? t('importUi.export.scopeSearch') : t('importUi.export.scope')}
          </Text>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('importUi.export.format')}
            </Text>
            <SegmentedControl
              value={format}
              onChange={(value) => setFormat(pick(EXPORT_FORMATS, value) ?? 'xlsx')}
              data={[
                { value: 'xlsx', label: t('importUi.export.xlsx') },
                { value: 'csv', label: t('importUi.export.csv') },
              ]}
              disabled={busy}
              data-testid="export-format"
            />
          </div>
          {format === 'csv' && (
            <Radio.Group label={t('importUi.export.encoding')} value={encoding} onChange={(value) => setEncoding(pick(CSV_ENCODINGS, value) ?? 'gbk')} data-testid="export-encoding">
              <Group mt={4}>
                <Radio value="gbk" label={t('importUi.export.gbk')} disabled={busy} data-testid="export-encoding-gbk" />
                <Radio value="utf8" label={t('importUi.export.utf8')} disabled={busy} data-testid="export-encoding-utf8" />
              </Group>
            </Radio.Group>
          )}
          {mayReveal ? (
            <Checkbox label={t('importUi.export.maskIds')} checked={maskIds} onChange={(e) => setMaskIds(e.currentTarget.checked)} disabled={busy} data-testid="export-mask" />
          ) : (
            <Text size="sm" c="dimmed">
              {t('importUi.export.maskedAlways')}
            </Text>
          )}
          {!busy && (
            <Group>
              <Button onClick={() => void start()} data-testid="export-start">
                {t('importUi.export.start')}
              </Button>
            </Group>
          )}
          {busy && <JobProgress job={state.status === 'running' ? state : null} label={t('importUi.export.running')} onCancel={() => void job.cancel()} testId="export-progress" />}
          {state.status === 'succeeded' && (
            <Alert color="green" data-testid="export-result" data-file={state.output.file}>
              <Text size="sm">{t('importUi.export.done', { rows: state.output.rows, file: state.output.file })}</Text>
              <Text size="sm">{state.output.idsMasked ? t('importUi.export.idsMasked') : t('importUi.export.idsFull')}</Text>
            </Alert>
          )}
          {state.status === 'failed' && state.error.code === 'CANCELLED' && (
            <Alert color="gray" data-testid="export-result">
              {t('importUi.export.cancelled')}
            </Alert>
          )}
          {state.status === 'failed' && state.error.code !== 'CANCELLED' && <ImportErrorAlert error={state.error} testId="export-error" />}
        </Stack>
      </Modal>
    </>
  );
}
