/**
 * The whole register as one scrollable table, however long: the scrollbar is sized from `total`,
 * only the rows in view exist in the DOM, and rows arrive in pages of 100 (`residents.list`
 * offset/limit) as they scroll into view. Pages are fetched once the scrolling settles on them,
 * so dragging the scrollbar across 500,000 rows asks for the pages where it stops, not every
 * page it passes.
 */
import { useCallback, useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { Center, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQueries, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { ResidentFilters } from '../../../../../shared/contract/residents';
import { useApi } from '../../../app/api/api-context';
import { contractKey, useContractQuery } from '../../../app/api/queries';
import type { ResidentSort } from './list-state';
import { LIST_COLUMNS, ResidentHeaderRow, ResidentRow, ROW_HEIGHT, TABLE_MIN_WIDTH, type ListHandle } from './resident-rows';

export const PAGE_SIZE = 100;
/** The contract's largest `residents.list` page. */
const MAX_CALL_ROWS = 500;
/** Pages stay fresh briefly: scrolling back up should not refetch what was just seen. */
const PAGE_STALE_MS = 30_000;
/** Where each list (per filters and sort) was scrolled to, so "back" returns to the same rows. */
const savedOffsets = new Map<string, number>();

interface Props {
  filters: ResidentFilters;
  sort: ResidentSort;
  descending: boolean;
  onSort: (sort: ResidentSort) => void;
  selected: number;
  onSelectedChange: (index: number) => void;
  onOpen: (residentId: string) => void;
  handleRef: Ref<ListHandle>;
  emptyText: string;
}

export function VirtualResidentTable({ filters, sort, descending, onSort, selected, onSelectedChange, onOpen, handleRef, emptyText }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const scrollRef = useRef<HTMLDivElement>(null);
  const listKey = JSON.stringify({ filters, sort, descending });
  const pageInput = (page: number) => ({ filters, sort, descending, offset: page * PAGE_SIZE, limit: PAGE_SIZE });

  // The first page also tells the total; the previous total is kept while a new filter loads so
  // the scroller does not collapse and regrow.
  const first = useContractQuery('residents.list', pageInput(0), { placeholderData: keepPreviousData, staleTime: PAGE_STALE_MS });
  const total = first.data?.total ?? 0;

  // TanStack Virtual returns fresh functions on each render by design; this app does not use the
  // React Compiler, so the memoization the rule protects does not apply here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialOffset: () => savedOffsets.get(listKey) ?? 0,
    onChange: (instance) => {
      savedOffsets.set(listKey, instance.scrollOffset ?? 0);
    },
  });

  const items = virtualizer.getVirtualItems();
  const visiblePages = [...new Set(items.map((item) => Math.floor(item.index / PAGE_SIZE)))];
  const [settledPages] = useDebouncedValue(visiblePages.join(','), 80);
  const settled = new Set(settledPages.split(',').filter(Boolean).map(Number));
  // Neighbouring pages not yet loaded are fetched in one call (the core's cost is mostly reaching
  // the offset, paid once instead of per page); the leading page's answer fills the others.
  const pageKey = (page: number) => contractKey('residents.list', pageInput(page));
  const missing = new Set(visiblePages.filter((page) => queryClient.getQueryData(pageKey(page)) === undefined));
  const runLength = (page: number) => {
    let length = 1;
    while (missing.has(page + length) && (length + 1) * PAGE_SIZE <= MAX_CALL_ROWS) length++;
    return length;
  };
  const isFollower = (page: number) => missing.has(page) && missing.has(page - 1) && settled.has(page - 1);
  const pages = useQueries({
    queries: visiblePages.map((page) => ({
      queryKey: pageKey(page),
      queryFn: async () => {
        const run = missing.has(page) ? runLength(page) : 1;
        // Only the first page counts the whole list; a page scrolled to needs just its rows.
        const answer = await api.call('residents.list', { ...pageInput(page), limit: run * PAGE_SIZE, withTotal: page === 0 });
        for (let next = 1; next < run; next++) {
          const items = answer.items.slice(next * PAGE_SIZE, (next + 1) * PAGE_SIZE);
          if (items.length > 0) queryClient.setQueryData(pageKey(page + next), { items, total: answer.total });
        }
        return { items: answer.items.slice(0, PAGE_SIZE), total: answer.total };
      },
      staleTime: PAGE_STALE_MS,
      // A page already in the cache shows at once; an unseen one waits until scrolling settles,
      // and one that follows an unseen page arrives with it.
      enabled: page === 0 || (settled.has(page) && !isFollower(page)),
    })),
  });

  const rowAt = (index: number) => {
    const page = Math.floor(index / PAGE_SIZE);
    const at = visiblePages.indexOf(page);
    const data = at >= 0 ? pages[at].data : page === 0 && !first.isPlaceholderData ? first.data : undefined;
    return data?.items[index - page * PAGE_SIZE];
  };

  const onRowClick = useCallback(
    (index: number, residentId: string | undefined) => {
      onSelectedChange(index);
      if (residentId) onOpen(residentId);
    },
    [onSelectedChange, onOpen],
  );

  // A new filter or sort starts at the top (unless this list was visited before).
  useEffect(() => {
    virtualizer.scrollToOffset(savedOffsets.get(listKey) ?? 0);
  }, [listKey, virtualizer]);

  useImperativeHandle(
    handleRef,
    () => ({
      move(delta) {
        if (total === 0) return;
        const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
        const step = delta === 'pageDown' ? pageRows : delta === 'pageUp' ? -pageRows : delta === 'first' ? -Infinity : delta === 'last' ? Infinity : delta;
        const next = Math.min(total - 1, Math.max(0, (selected < 0 ? -1 : selected) + step));
        onSelectedChange(next);
        virtualizer.scrollToIndex(next, { align: 'auto' });
      },
      openSelected() {
        const resident = selected >= 0 ? rowAt(selected) : undefined;
        if (resident) onOpen(resident.id);
      },
    }),
    // rowAt reads the pages of this render; the handle is rebuilt with them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [total, selected, onSelectedChange, onOpen, virtualizer, pages, first.data],
  );

  if (first.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }

  return (
    <div
      ref={scrollRef}
      id="residents-table"
      role="grid"
      aria-label={t('residents.list.tableLabel')}
      aria-rowcount={total + 1}
      data-testid="residents-table"
      data-total={total}
      style={{ flex: 1, minHeight: 0, overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
    >
      <div style={{ minWidth: TABLE_MIN_WIDTH(LIST_COLUMNS) }}>
        <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 1, background: 'var(--mantine-color-body)', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <ResidentHeaderRow columns={LIST_COLUMNS} sort={{ sort, descending, onSort }} />
        </div>
        {total === 0 ? (
          <Text c="dimmed" p="md" data-testid="residents-empty">
            {emptyText}
          </Text>
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => (
              <ResidentRow
                key={item.key}
                resident={rowAt(item.index)}
                index={item.index}
                selected={item.index === selected}
                columns={LIST_COLUMNS}
                top={item.start}
                onRowClick={onRowClick}
                testId="resident-row"
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
