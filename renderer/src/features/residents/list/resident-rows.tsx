/**
 * The resident list's columns, shared by the virtualized full list and the search results. Rows
 * are fixed-height flex rows (not table layout): a virtualized body positions them absolutely, and
 * fixed column widths keep the header aligned with whatever rows happen to be rendered.
 */
import type { CSSProperties, ReactNode } from 'react';
import { Badge, Group, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Resident, SearchHit } from '../../../../../shared/contract/residents';
import { STATUS_COLORS, type Codes } from '../codes';
import type { ResidentSort } from './list-state';

export const ROW_HEIGHT = 40;

type ColumnKey = 'match' | 'name' | 'idNumber' | 'sex' | 'age' | 'phone' | 'address' | 'grid' | 'tags';

interface Column {
  key: ColumnKey;
  width: number;
  /** The address takes whatever width is left. */
  grow?: boolean;
  sort?: ResidentSort;
}

export const LIST_COLUMNS: Column[] = [
  { key: 'name', width: 120, sort: 'name' },
  { key: 'idNumber', width: 190 },
  { key: 'sex', width: 56 },
  { key: 'age', width: 64, sort: 'age' },
  { key: 'phone', width: 130 },
  { key: 'address', width: 200, grow: true },
  { key: 'grid', width: 120 },
  { key: 'tags', width: 230 },
];

export const SEARCH_COLUMNS: Column[] = [{ key: 'match', width: 96 }, ...LIST_COLUMNS];

export const TABLE_MIN_WIDTH = (columns: Column[]) => columns.reduce((sum, c) => sum + c.width, 0);

export const rowStyle: CSSProperties = { display: 'flex', width: '100%', height: ROW_HEIGHT, alignItems: 'center' };

function cellStyle(column: Column): CSSProperties {
  return {
    flex: column.grow ? `1 0 ${column.width}px` : `0 0 ${column.width}px`,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    padding: '0 8px',
    fontSize: 'var(--mantine-font-size-sm)',
    display: 'flex',
    alignItems: 'center',
    height: '100%',
  };
}

interface HeaderProps {
  columns: Column[];
  sort?: { sort: ResidentSort; descending: boolean; onSort: (sort: ResidentSort) => void };
}

export function ResidentHeaderRow({ columns, sort }: HeaderProps) {
  const { t } = useTranslation();
  return (
    <div role="row" style={{ ...rowStyle, fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' }}>
      {columns.map((column) => {
        const label = t(`residents.columns.${column.key}`);
        const active = sort && column.sort === sort.sort;
        const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : undefined;
        return (
          <div key={column.key} role="columnheader" aria-sort={ariaSort} style={cellStyle(column)}>
            {sort && column.sort ? (
              <UnstyledButton
                fw={600}
                fz="sm"
                onClick={() => column.sort && sort.onSort(column.sort)}
                data-testid={`residents-sort-${column.sort}`}
                aria-label={t('residents.list.sortByColumn', { column: label })}
              >
                {label}
                {active ? (sort.descending ? ' ↓' : ' ↑') : ''}
              </UnstyledButton>
            ) : (
              label
            )}
          </div>
        );
      })}
    </div>
  );
}

const MAX_TAGS = 3;

function Cell({ column, children }: { column: Column; children: ReactNode }) {
  return (
    <div role="gridcell" style={cellStyle(column)}>
      {children}
    </div>
  );
}

export function ResidentCells({ columns, resident, codes }: { columns: Column[]; resident: Resident | SearchHit; codes: Codes }) {
  const { t } = useTranslation();
  return (
    <>
      {columns.map((column) => {
        switch (column.key) {
          case 'match':
            return (
              <Cell key={column.key} column={column}>
                {'match' in resident && (
                  <Badge size="sm" variant="light" data-testid="resident-match">
                    {t(`codes.match.${resident.match}`)}
                  </Badge>
                )}
              </Cell>
            );
          case 'name':
            return (
              <Cell key={column.key} column={column}>
                <Text size="sm" fw={500} truncate data-testid="resident-row-name">
                  {resident.name}
                </Text>
                {resident.status !== 'active' && (
                  <Badge size="xs" ml={4} color={STATUS_COLORS[resident.status]} variant="light">
                    {codes.status(resident.status)}
                  </Badge>
                )}
              </Cell>
            );
          case 'idNumber':
            return (
              <Cell key={column.key} column={column}>
                <Text size="sm" ff="monospace" data-testid="resident-row-id">
                  {resident.idNumberMasked}
                </Text>
                {resident.idLegacy && (
                  <Badge size="xs" ml={4} color="orange" variant="light">
                    {t('residents.legacyBadge')}
                  </Badge>
                )}
              </Cell>
            );
          case 'sex':
            return (
              <Cell key={column.key} column={column}>
                {codes.sex(resident.sex)}
              </Cell>
            );
          case 'age':
            return (
              <Cell key={column.key} column={column}>
                {resident.age}
              </Cell>
            );
          case 'phone':
            return (
              <Cell key={column.key} column={column}>
                {resident.phone ?? ''}
              </Cell>
            );
          case 'address':
            return (
              <Cell key={column.key} column={column}>
                <Text size="sm" truncate title={resident.address ?? undefined}>
                  {resident.address ?? ''}
                </Text>
              </Cell>
            );
          case 'grid':
            return (
              <Cell key={column.key} column={column}>
                <Text size="sm" truncate>
                  {resident.gridName ?? ''}
                </Text>
              </Cell>
            );
          case 'tags':
            return (
              <Cell key={column.key} column={column}>
                <Group gap={4} wrap="nowrap">
                  {resident.tags.slice(0, MAX_TAGS).map((tag) => (
                    <Badge key={tag} size="xs" variant="outline">
                      {codes.tag(tag)}
                    </Badge>
                  ))}
                  {resident.tags.length > MAX_TAGS && (
                    <Text size="xs" c="dimmed">
                      +{resident.tags.length - MAX_TAGS}
                    </Text>
                  )}
                </Group>
              </Cell>
            );
        }
      })}
    </>
  );
}

/** A row whose page has not arrived yet: same height, so the scrollbar never jumps. */
export function PlaceholderCells({ columns }: { columns: Column[] }) {
  return (
    <>
      {columns.map((column) => (
        <Cell key={column.key} column={column}>
          <Skeleton height={12} width="70%" animate={false} />
        </Cell>
      ))}
    </>
  );
}

/** Keyboard control of a list, owned by the page: the search box keeps focus while ↑/↓ select rows. */
export interface ListHandle {
  move(delta: number | 'first' | 'last' | 'pageUp' | 'pageDown'): void;
  openSelected(): void;
}

export function selectedRowStyle(selected: boolean): CSSProperties {
  return {
    cursor: 'pointer',
    borderBottom: '1px solid var(--mantine-color-default-border)',
    background: selected ? 'var(--mantine-primary-color-light)' : undefined,
    outline: selected ? '2px solid var(--mantine-primary-color-filled)' : undefined,
    outlineOffset: -2,
  };
}
