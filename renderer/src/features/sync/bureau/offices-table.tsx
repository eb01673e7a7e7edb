/**
 * 各社区报送情况: each enrolled office — its last bundle, how far its bundles are applied, which are
 * held and which missing, its open alarms and its records here; and 写回执, the signed receipt it
 * imports to learn what arrived (into a folder chosen in the dialog, a USB stick for the office).
 */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BureauOffice, MethodOutput } from '../../../../../shared/contract';
import { useContractMutation } from '../../../app/api/queries';
import { TitledTable } from '../../../app/components/titled-table';
import { useFormatters } from '../../../app/i18n/format';
import { useFilePicker } from '../../../app/platform/file-picker';
import { useCan } from '../../../app/session/session-context';
import { orderedCounts, SyncErrorText, useFormatNumber, useSequenceList, useTableCount } from '../format';

export function OfficesTable({ offices, onChanged }: { offices: readonly BureauOffice[]; onChanged(): void }) {
  const { t } = useTranslation();
  const { formatDate, formatDateTime } = useFormatters();
  const number = useFormatNumber();
  const sequences = useSequenceList();
  const can = useCan();
  const picker = useFilePicker();
  const mayReceipt = can('system.maintain');
  const [written, setWritten] = useState<MethodOutput<'bureau.receipt'> | null>(null);
  const receipt = useContractMutation('bureau.receipt', {
    onSuccess: (output) => {
      setWritten(output);
      onChanged();
    },
  });
  const writeReceipt = async (office: BureauOffice) => {
    const folder = await picker.chooseFolder({ title: t('syncUi.bureau.receipt.dialogTitle', { office: office.name }) });
    if (!folder) return;
    setWritten(null);
    receipt.mutate({ officeCode: office.code, folder: folder.handle });
  };
  const title = t('syncUi.bureau.offices.title');
  const nameOf = (code: string) => offices.find((o) => o.code === code)?.name ?? code;

  return (
    <Paper withBorder p="lg" component="section" aria-label={title}>
      <Stack gap="sm">
        <TitledTable
          title={title}
          columns={[
            { label: t('syncUi.bureau.offices.office') },
            { label: t('syncUi.bureau.offices.enrolledAt'), width: 130 },
            { label: t('syncUi.bureau.offices.lastBundle'), width: 150 },
            { label: t('syncUi.bureau.offices.applied'), width: 110 },
            { label: t('syncUi.bureau.offices.gaps') },
            { label: t('syncUi.bureau.offices.alarms'), width: 100 },
            { label: t('syncUi.bureau.offices.records') },
            ...(mayReceipt ? [{}] : []),
          ]}
          rows={offices}
          empty={t('syncUi.bureau.offices.empty')}
          emptyTestId="bureau-offices-empty"
          minWidth={1100}
          table={{ striped: true }}
          testId="bureau-offices"
          renderRow={(office) => (
            <Table.Tr key={office.code} data-testid="bureau-office-row" data-code={office.code}>
              <Table.Td>
                <Text size="sm">{office.name}</Text>
                <Text size="xs" c="dimmed">
                  {office.code}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(office.enrolledAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="bureau-office-last">
                {office.lastBundleAt ? formatDateTime(office.lastBundleAt) : t('syncUi.bureau.offices.noBundle')}
              </Table.Td>
              <Table.Td data-testid="bureau-office-applied">
                {office.appliedSequence > 0 ? t('syncUi.bureau.offices.appliedTo', { sequence: office.appliedSequence }) : '—'}
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  {office.missing.length > 0 && (
                    <Group gap={4} data-testid="bureau-office-missing">
                      <Badge variant="light" color="red" tt="none">
                        {t('syncUi.bureau.offices.missing')}
                      </Badge>
                      <Text size="xs">{sequences(office.missing)}</Text>
                    </Group>
                  )}
                  {office.held.length > 0 && (
                    <Group gap={4} data-testid="bureau-office-held">
                      <Badge variant="light" color="orange" tt="none">
                        {t('syncUi.bureau.offices.held')}
                      </Badge>
                      <Text size="xs">{sequences(office.held)}</Text>
                    </Group>
                  )}
                  {office.missing.length === 0 && office.held.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('syncUi.bureau.offices.noGaps')}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td data-testid="bureau-office-alarms" data-value={office.openAlarms}>
                {office.openAlarms > 0 ? (
                  <Badge variant="light" color="red" tt="none">
                    {t('syncUi.bureau.offices.openAlarms', { count: number(office.openAlarms) })}
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('syncUi.bureau.offices.noAlarms')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <OfficeCounts office={office} />
              </Table.Td>
              {mayReceipt && (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => void writeReceipt(office)}
                    loading={receipt.isPending && receipt.variables.officeCode === office.code}
                    data-testid="bureau-receipt"
                  >
                    {t('syncUi.bureau.receipt.write')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          )}
        />
        {written && (
          <Alert color="green" data-testid="bureau-receipt-result">
            {t('syncUi.bureau.receipt.done', { office: nameOf(written.office), receipt: written.receiptSeq, file: written.file })}
          </Alert>
        )}
        {receipt.isError && (
          <Alert color="red" role="alert" data-testid="bureau-receipt-result">
            <SyncErrorText error={receipt.error.error} />
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** What the bureau holds of an office, table by table; before its first bundle, that it has not sent yet. */
function OfficeCounts({ office }: { office: BureauOffice }) {
  const { t } = useTranslation();
  const count = useTableCount();
  const entries = orderedCounts(office.counts);
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {office.active ? '—' : t('syncUi.bureau.offices.notActive')}
      </Text>
    );
  }
  return (
    <Text size="xs" data-testid="bureau-office-counts">
      {entries.map(([table, value]) => count(table, value)).join(t('syncUi.listSeparator'))}
    </Text>
  );
}
