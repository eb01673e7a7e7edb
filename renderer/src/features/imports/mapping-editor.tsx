/**
 * 列对应: each column the header recognized, with what it is taken as (a select per column), the
 * header rows and — for a workbook — the sheet. Every change asks for a new check of the file.
 */
import { useState } from 'react';
import { Button, Group, NativeSelect, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField, type ImportPreview } from '../../../../shared/contract/imports';
import { columnLetter } from './labels';

const IGNORE = '';
const asField = (value: string): ImportField | null => IMPORT_FIELDS.find((f) => f === value) ?? null;

export interface MappingEditorProps {
  preview: ImportPreview;
  /** What the selects show: the clerk's pending mapping, else the preview's. */
  mapping: ColumnMapping[];
  disabled: boolean;
  onMappingChange(mapping: ColumnMapping[]): void;
  onSheetChange(sheet: string): void;
  onHeaderChange(header: { first: number; last: number }): void;
}

export function MappingEditor({ preview, mapping, disabled, onMappingChange, onSheetChange, onHeaderChange }: MappingEditorProps) {
  const { t } = useTranslation();
  const fieldOf = (column: number) => mapping.find((m) => m.column === column)?.field ?? null;
  const options = [{ value: IGNORE, label: t('importUi.mapping.ignore') }, ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`imports.columns.${f}`) }))];

  const change = (column: number, value: string) => {
    onMappingChange(preview.columns.map((c) => ({ column: c.column, field: c.column === column ? asField(value) : fieldOf(c.column) })));
  };

  return (
    <Stack gap="xs" data-testid="import-mapping">
      <Title order={4} size="h5">
        {t('importUi.mapping.title')}
      </Title>
      <Text size="sm" c="dimmed" data-testid="import-mapping-source" data-source={preview.mappingSource}>
        {t(`importUi.mapping.${preview.mappingSource}`)}
      </Text>
      <Group align="flex-end" gap="sm">
        {preview.format === 'xlsx' && preview.sheets.length > 1 && (
          <NativeSelect
            size="xs"
            label={t('importUi.mapping.sheet')}
            value={preview.sheet ?? ''}
            data={preview.sheets}
            disabled={disabled}
            onChange={(event) => onSheetChange(event.currentTarget.value)}
            data-testid="import-sheet"
          />
        )}
        <HeaderRows key={`${preview.header.first}-${preview.header.last}`} initial={preview.header} disabled={disabled} onApply={onHeaderChange} />
      </Group>
      <Table.ScrollContainer minWidth={480} maxHeight={360}>
        <Table striped stickyHeader verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t('importUi.mapping.column')}</Table.Th>
              <Table.Th>{t('importUi.mapping.header')}</Table.Th>
              <Table.Th w={220}>{t('importUi.mapping.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.columns.map((c) => (
              <Table.Tr key={c.column} data-testid="import-column">
                <Table.Td>{columnLetter(c.column)}</Table.Td>
                <Table.Td>{c.header}</Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={`${columnLetter(c.column)} ${c.header}`}
                    value={fieldOf(c.column) ?? IGNORE}
                    data={options}
                    disabled={disabled}
                    onChange={(event) => change(c.column, event.currentTarget.value)}
                    data-testid={`import-map-${c.column}`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function HeaderRows({ initial, disabled, onApply }: { initial: { first: number; last: number }; disabled: boolean; onApply(header: { first: number; last: number }): void }) {
  const { t } = useTranslation();
  // Kept as typed (a cleared box is ''), so clearing and typing a new number does what it shows.
  const [first, setFirst] = useState<number | string>(initial.first);
  const [last, setLast] = useState<number | string>(initial.last);
  const rows = typeof first === 'number' && typeof last === 'number' && first >= 1 && last >= first ? { first, last } : null;
  const changed = rows !== null && (rows.first !== initial.first || rows.last !== initial.last);
  return (
    <Group align="flex-end" gap="xs" role="group" aria-label={t('importUi.mapping.headerRows')}>
      <NumberInput
        size="xs"
        w={110}
        min={1}
        allowDecimal={false}
        label={t('importUi.mapping.headerFirst')}
        value={first}
        onChange={setFirst}
        disabled={disabled}
        data-testid="import-header-first"
      />
      <NumberInput
        size="xs"
        w={110}
        min={1}
        allowDecimal={false}
        label={t('importUi.mapping.headerLast')}
        value={last}
        onChange={setLast}
        disabled={disabled}
        data-testid="import-header-last"
      />
      <Button size="xs" variant="default" disabled={disabled || !changed} onClick={() => rows && onApply(rows)} data-testid="import-header-apply">
        {t('importUi.mapping.applyHeader')}
      </Button>
    </Group>
  );
}
