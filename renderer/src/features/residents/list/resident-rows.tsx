/**
 * The resident list's columns, shared by the virtualized full list and the search results. Rows
 * are fixed-height flex rows (not table layout): a virtualized body positions them absolutely, and
 * fixed column widths keep the header aligned with whatever rows happen to be rendered.
 */
import { memo, type CSSProperties, type ReactNode } from 'react';
import { UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Resident, SearchHit } from '../../../../../shared/contract/residents';
import { STATUS_COLORS } from '../codes';
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

/**
 * Row cells are plain elements, not Mantine components: a scroll renders a few dozen new rows per
 * frame, and at that rate the components' theme lookups are what makes scrolling stutter.
 */
function chip(color: string, outline = false): CSSProperties {
  return {
    display: 'inline-block',
    flex: '0 0 auto',
    marginLeft: 4,
    padding: '0 6px',
    borderRadius: 'var(--mantine-radius-xl)',
    fontSize: 11,
    lineHeight: '18px',
    fontWeight: 600,
    color: `var(--mantine-color-${color}-light-color)`,
    background: outline ? undefined : `var(--mantine-color-${color}-light)`,
    border: outline ? `1px solid var(--mantine-color-${color}-outline)` : undefined,
  };
}

const truncate: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };

function Cell({ column, children }: { column: Column; children: ReactNode }) {
  return (
    <div role="gridcell" style={cellStyle(column)}>
      {children}
    </div>
  );
}

interface RowProps {
  /** Absent while its page is on the way: a placeholder of the same height. */
  resident: Resident | SearchHit | undefined;
  index: number;
  selected: boolean;
  columns: Column[];
  /** Virtualized rows are placed absolutely at this offset. */
  top?: number;
  onRowClick: (index: number, residentId: string | undefined) => void;
  testId: string;
}

/** One row; memoized, so scrolling renders only the rows that come into view. */
export const ResidentRow = memo(function ResidentRow({ resident: r, index, selected, columns, top, onRowClick, testId }: RowProps) {
  const { t } = useTranslation();
  const position: CSSProperties = top === undefined ? {} : { position: 'absolute', top: 0, left: 0, transform: `translateY(${top}px)` };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid={r ? testId : `${testId}-loading`}
      data-index={index}
      onClick={() => onRowClick(index, r?.id)}
      style={{ ...rowStyle, ...selectedRowStyle(selected), ...position }}
    >
      {columns.map((column) => {
        if (!r) {
          return (
            <Cell key={column.key} column={column}>
              <span style={{ display: 'block', width: '70%', height: 10, borderRadius: 4, background: 'var(--mantine-color-default-border)' }} />
            </Cell>
          );
        }
        switch (column.key) {
          case 'match':
            return (
              <Cell key={column.key} column={column}>
                {'match' in r && (
                  <span style={{ ...chip('blue'), marginLeft: 0 }} data-testid="resident-match">
                    {t(`codes.match.${r.match}`)}
                  </span>
                )}
              </Cell>
            );
          case 'name':
            return (
              <Cell key={column.key} column={column}>
                <span style={{ ...truncate, fontWeight: 500 }} data-testid="resident-row-name">
                  {r.name}
                </span>
                {r.status !== 'active' && <span style={chip(STATUS_COLORS[r.status])}>{t(`codes.status.${r.status}`)}</span>}
              </Cell>
            );
          case 'idNumber':
            return (
              <Cell key={column.key} column={column}>
                <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }} data-testid="resident-row-id">
                  {r.idNumberMasked}
                </span>
                {r.idLegacy && <span style={chip('orange')}>{t('residents.legacyBadge')}</span>}
              </Cell>
            );
          case 'sex':
            return (
              <Cell key={column.key} column={column}>
                {t(`codes.sex.${r.sex}`)}
              </Cell>
            );
          case 'age':
            return (
              <Cell key={column.key} column={column}>
                {r.age}
              </Cell>
            );
          case 'phone':
            return (
              <Cell key={column.key} column={column}>
                {r.phone ?? ''}
              </Cell>
            );
          case 'address':
            return (
              <Cell key={column.key} column={column}>
                <span style={truncate} title={r.address ?? undefined}>
                  {r.address ?? ''}
                </span>
              </Cell>
            );
          case 'grid':
            return (
              <Cell key={column.key} column={column}>
                <span style={truncate}>{r.gridName ?? ''}</span>
              </Cell>
            );
          case 'tags':
            return (
              <Cell key={column.key} column={column}>
                {r.tags.slice(0, MAX_TAGS).map((tag, i) => (
                  <span key={tag} style={{ ...chip('indigo', true), marginLeft: i === 0 ? 0 : 4 }}>
                    {t(`codes.tag.${tag}`)}
                  </span>
                ))}
                {r.tags.length > MAX_TAGS && <span style={{ marginLeft: 4, fontSize: 11, color: 'var(--mantine-color-dimmed)' }}>+{r.tags.length - MAX_TAGS}</span>}
              </Cell>
            );
        }
      })}
    </div>
  );
});

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
