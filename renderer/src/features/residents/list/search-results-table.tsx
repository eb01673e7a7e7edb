/**
 * What the search box found, in the core's rank order (whole ID, exact name, name prefix, pinyin,
 * ID tail, phone, address, name part), each with the kind of match that put it there. At most
 * SEARCH_LIMIT rows, so a plain (non-virtualized) table is enough.
 */
import { useCallback, useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../../../shared/contract/residents';
import { ResidentHeaderRow, ResidentRow, SEARCH_COLUMNS, TABLE_MIN_WIDTH, type ListHandle } from './resident-rows';
import { useCan } from '../../../app/session/session-context';

export const SEARCH_LIMIT = 100;

interface Props {
  hits: SearchHit[];
  selected: number;
  onSelectedChange: (index: number) => void;
  onOpen: (residentId: string) => void;
  handleRef: Ref<ListHandle>;
  stale: boolean;
  /** What was searched for (an ID number or its tail is looked up only for roles that may reveal IDs). */
  query: string;
}

/** Digits the core would look up as an ID number or its tail (see core/residents/search/plan.ts). */
const ID_LIKE = /^(\d{4,6}|\d{3,5}x|\d{15}|\d{17}[\dx])$/i;

export function SearchResultsTable({ hits, selected, onSelectedChange, onOpen, handleRef, stale, query }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  // A viewer's search skips ID numbers (each answer would confirm a guess): say so rather than "none found".
  const idNotSearched = !can('records.revealId') && ID_LIKE.test(query.normalize('NFKC').replace(/[\s-]+/g, ''));
  const scrollRef = useRef<HTMLDivElement>(null);

  useImperativeHandle(
    handleRef,
    () => ({
      move(delta) {
        if (hits.length === 0) return;
        const step = delta === 'pageDown' ? 10 : delta === 'pageUp' ? -10 : delta === 'first' ? -Infinity : delta === 'last' ? Infinity : delta;
        onSelectedChange(Math.min(hits.length - 1, Math.max(0, selected + step)));
      },
      openSelected() {
        const hit = hits[selected];
        if (hit) onOpen(hit.id);
      },
    }),
    [hits, selected, onSelectedChange, onOpen],
  );

  const onRowClick = useCallback(
    (index: number, residentId: string | undefined) => {
      onSelectedChange(index);
      if (residentId) onOpen(residentId);
    },
    [onSelectedChange, onOpen],
  );

  useEffect(() => {
    scrollRef.current?.querySelector(`[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <div
      ref={scrollRef}
      id="residents-results"
      role="grid"
      aria-label={t('residents.list.resultsLabel')}
      aria-rowcount={hits.length + 1}
      aria-busy={stale}
      data-testid="residents-results"
      style={{ flex: 1, minHeight: 0, overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, opacity: stale ? 0.7 : 1 }}
    >
      <div style={{ minWidth: TABLE_MIN_WIDTH(SEARCH_COLUMNS) }}>
        <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 1, background: 'var(--mantine-color-body)', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <ResidentHeaderRow columns={SEARCH_COLUMNS} />
        </div>
        <div role="rowgroup">
          {hits.length === 0 && (
            <Text c="dimmed" p="md" data-testid="residents-no-results">
              {idNotSearched ? t('residents.list.idSearchNotAllowed') : t('residents.list.noResults')}
            </Text>
          )}
          {hits.map((hit, index) => (
            <ResidentRow key={hit.id} resident={hit} index={index} selected={index === selected} columns={SEARCH_COLUMNS} onRowClick={onRowClick} testId="resident-result" />
          ))}
        </div>
      </div>
    </div>
  );
}
