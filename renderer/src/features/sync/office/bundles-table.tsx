/**
 * 数据包: each bundle this office made, newest first, and how far it got — exported (where),
 * uploaded, acknowledged by a receipt, and what the bureau said of it (applied, duplicate, held,
 * rejected and why). Every state is a word on a badge; the colour only repeats it.
 */
import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxBundle } from '../../../../../shared/contract';
import { TitledTable } from '../../../app/components/titled-table';
import { useFormatters } from '../../../app/i18n/format';
import { IntakeStatusBadge, useFormatNumber, useFormatSize, useReasonText } from '../format';

export function BundlesTable({ bundles, acknowledgedSequence }: { bundles: readonly OutboxBundle[]; acknowledgedSequence: number }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const number = useFormatNumber();
  const size = useFormatSize();
  const title = t('syncUi.bundles.title');
  const rows = [...bundles].sort((a, b) => b.sequence - a.sequence);
  return (
    <Paper withBorder p="lg" component="section" aria-label={title}>
      <Stack gap="sm">
        <TitledTable
          title={title}
          columns={[
            { label: t('syncUi.bundles.sequence'), width: 90 },
            { label: t('syncUi.bundles.createdAt'), width: 160 },
            { label: t('syncUi.bundles.changes'), width: 100 },
            { label: t('syncUi.bundles.size'), width: 100 },
            { label: t('syncUi.bundles.state') },
          ]}
          rows={rows}
          empty={t('syncUi.bundles.empty')}
          emptyTestId="sync-bundles-empty"
          minWidth={760}
          table={{ striped: true }}
          testId="sync-bundles"
          renderRow={(bundle) => (
            <Table.Tr key={bundle.bundleId} data-testid="sync-bundle-row" data-sequence={bundle.sequence}>
              <Table.Td>{t('syncUi.bundles.number', { sequence: bundle.sequence })}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(bundle.createdAt)}</Table.Td>
              <Table.Td>{number(bundle.changes)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{size(bundle.bytes)}</Table.Td>
              <Table.Td>
                <BundleState bundle={bundle} acknowledgedSequence={acknowledgedSequence} />
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Stack>
    </Paper>
  );
}

function BundleState({ bundle, acknowledgedSequence }: { bundle: OutboxBundle; acknowledgedSequence: number }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormatters();
  const reason = useReasonText();
  const sent = bundle.exportedAt || bundle.uploadedAt;
  // A held bundle waits for the first one the bureau has not applied yet.
  const why = reason(bundle.bureauReason, acknowledgedSequence + 1);
  return (
    <Stack gap={4}>
      <Group gap={6}>
        {bundle.bureauStatus && <IntakeStatusBadge status={bundle.bureauStatus} testId="bundle-bureau-status" />}
        {bundle.acknowledgedAt && (
          <Badge variant="light" color="green" tt="none" data-testid="bundle-state-acknowledged">
            {t('syncUi.bundles.acknowledged')}
          </Badge>
        )}
        {bundle.uploadedAt && (
          <Badge variant="light" color="blue" tt="none" data-testid="bundle-state-uploaded">
            {t('syncUi.bundles.uploaded')}
          </Badge>
        )}
        {bundle.exportedAt && (
          <Badge variant="light" color="blue" tt="none" data-testid="bundle-state-exported">
            {t('syncUi.bundles.exported')}
          </Badge>
        )}
        {!sent && (
          <Badge variant="light" color="gray" tt="none" data-testid="bundle-state-unsent">
            {t('syncUi.bundles.unsent')}
          </Badge>
        )}
      </Group>
      {why && (
        <Text size="xs" data-testid="bundle-reason">
          {why}
        </Text>
      )}
      {bundle.exportedAt && (
        <Text size="xs" c="dimmed" data-testid="bundle-exported-to">
          {t('syncUi.bundles.exportedTo', { at: formatDateTime(bundle.exportedAt), folder: bundle.exportedTo ?? '—' })}
        </Text>
      )}
      {bundle.uploadedAt && (
        <Text size="xs" c="dimmed">
          {t('syncUi.bundles.uploadedAt', { at: formatDateTime(bundle.uploadedAt) })}
        </Text>
      )}
      {bundle.acknowledgedAt && (
        <Text size="xs" c="dimmed">
          {t('syncUi.bundles.acknowledgedAt', { at: formatDateTime(bundle.acknowledgedAt) })}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {bundle.fileName}
      </Text>
    </Stack>
  );
}
