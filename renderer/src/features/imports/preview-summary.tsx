/**
 * 检查结果: the counts of a checked file and its invalid rows (row number, column, reason). Reasons
 * are rendered here from their codes and params, so they follow a language switch without a new check.
 */
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contract/imports';
import { issueMessage } from '../../../../shared/domain/import-issues';
import { currentLanguage } from '../../app/i18n/i18n';
import { useFieldLabel } from './labels';

const COUNTS = ['total', 'valid', 'created', 'updated', 'unchanged', 'invalid', 'blank', 'duplicates', 'households'] as const;

export function ImportCounts({ counts }: { counts: Pick<ImportPreview, (typeof COUNTS)[number]> }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(currentLanguage(i18n));
  return (
    <SimpleGrid cols={{ base: 3, md: 9 }} spacing="xs" data-testid="import-counts">
      {COUNTS.map((key) => (
        <Paper key={key} withBorder p="xs" data-testid={`import-count-${key}`} data-value={counts[key]}>
          <Text size="xs" c="dimmed">
            {t(`importUi.counts.${key}`)}
          </Text>
          <Text fw={600} c={key === 'invalid' && counts.invalid > 0 ? 'red' : undefined}>
            {number.format(counts[key])}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function InvalidRows({ preview }: { preview: ImportPreview }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const fieldLabel = useFieldLabel();
  if (preview.invalid === 0) {
    return (
      <Text size="sm" c="green" data-testid="import-no-errors">
        {t('importUi.invalid.none')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        {t('importUi.invalid.title')}
      </Title>
      <Table.ScrollContainer minWidth={560} maxHeight={360}>
        <Table striped stickyHeader verticalSpacing={4} data-testid="import-invalid-rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('importUi.invalid.row')}</Table.Th>
              <Table.Th w={140}>{t('importUi.invalid.field')}</Table.Th>
              <Table.Th>{t('importUi.invalid.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.flatMap((row) =>
              row.errors.map((error, i) => (
                <Table.Tr key={`${row.row}-${i}`} data-testid="import-invalid-row" data-row={row.row} data-field={error.field} data-code={error.code}>
                  <Table.Td>{i === 0 ? row.row : ''}</Table.Td>
                  <Table.Td>{fieldLabel(error.field)}</Table.Td>
                  <Table.Td>{issueMessage(language, error.code, error.params)}</Table.Td>
                </Table.Tr>
              )),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {preview.truncated && (
        <Text size="xs" c="dimmed" data-testid="import-invalid-truncated">
          {t('importUi.invalid.truncated', { shown: preview.rows.length, total: preview.invalid })}
        </Text>
      )}
    </Stack>
  );
}
