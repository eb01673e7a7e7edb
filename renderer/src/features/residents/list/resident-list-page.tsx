/**
 * 居民 — the registry's front door. One search box (typing searches, ranked by the core; an empty
 * box shows the whole register as a virtualized table), filters, and keyboard control:
 * ↑/↓ select, Enter opens, `/` or Ctrl+K returns to the search box from anywhere on the page.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ActionIcon, Button, Group, Kbd, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { RESIDENT_SORTS } from '../../../../../shared/contract/residents';
import { useContractQuery } from '../../../app/api/queries';
import { ErrorText } from '../../../app/forms/contract-errors';
import { useCan } from '../../../app/session/session-context';
import { ExportResidents } from '../../imports/export-residents';
import { pickCode } from '../codes';
import { hasFilters, readListState, writeListState, type ListState, type ResidentSort } from './list-state';
import { ResidentFiltersBar } from './resident-filters';
import type { ListHandle } from './resident-rows';
import { SEARCH_LIMIT, SearchResultsTable } from './search-results-table';
import { PAGE_SIZE, VirtualResidentTable } from './virtual-resident-table';

const SEARCH_DEBOUNCE_MS = 150;

function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function ResidentListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = readListState(params);
  const [text, setText] = useState(state.query);
  const [query] = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const searchRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<ListHandle>(null);

  const update = useCallback((patch: Partial<ListState>) => setParams(writeListState({ ...state, ...patch }), { replace: true }), [setParams, state]);

  // The address follows the settled query (not every keystroke), so "back" restores the search.
  useEffect(() => {
    if (query !== state.query) update({ query });
  }, [query, state.query, update]);

  const searching = query !== '';
  const search = useContractQuery(
    'residents.search',
    { query, filters: state.filters, limit: SEARCH_LIMIT },
    { enabled: searching, placeholderData: keepPreviousData },
  );
  const listTotal = useContractQuery(
    'residents.list',
    { filters: state.filters, sort: state.sort, descending: state.descending, offset: 0, limit: PAGE_SIZE },
    { enabled: !searching, placeholderData: keepPreviousData, staleTime: 30_000 },
  );

  // The selection belongs to one list: a new query, filter or sort starts over (a search selects
  // its best hit, so Enter opens it straight away).
  const listKey = JSON.stringify([query, state.filters, state.sort, state.descending]);
  const [selection, setSelection] = useState({ key: '', index: -1 });
  const selected = selection.key === listKey ? selection.index : searching ? 0 : -1;
  const setSelected = useCallback((index: number) => setSelection({ key: listKey, index }), [listKey]);
  const open = useCallback((id: string) => navigate(`/residents/${id}`), [navigate]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (rootRef.current?.closest('[inert]')) return; // locked: the lock screen has the keyboard
      const slash = event.key === '/' && !isTextEntry(event.target);
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      if (!slash && !ctrlK) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return; // the input method's Enter
    // Arrows in a filter select or number box belong to that control; in the search box, to the list.
    const inSearch = event.target === searchRef.current;
    if (!inSearch && isTextEntry(event.target)) return;
    const moves: Record<string, Parameters<ListHandle['move']>[0]> = { ArrowDown: 1, ArrowUp: -1, PageDown: 'pageDown', PageUp: 'pageUp' };
    if (!inSearch) Object.assign(moves, { Home: 'first', End: 'last' });
    if (event.key in moves) {
      event.preventDefault();
      listRef.current?.move(moves[event.key]);
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.altKey) {
      event.preventDefault();
      listRef.current?.openSelected();
    } else if (event.key === 'Escape' && inSearch && text) {
      setText('');
    }
  };

  const total = searching ? search.data?.items.length : (listTotal.data?.total ?? undefined);
  const error = searching ? search.error : listTotal.error;
  const sortLabel = (sort: ResidentSort) => t(`residents.list.sort.${sort}`);

  return (
    <Stack ref={rootRef} gap="sm" h="calc(100dvh - var(--app-shell-header-height, 56px) - 2 * var(--mantine-spacing-md))" onKeyDown={onKeyDown} data-testid="residents-page">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" align="baseline">
          <Title order={2}>{t('residents.list.title')}</Title>
          {total !== undefined && (
            <Text c="dimmed" size="sm" data-testid="residents-count">
              {searching
                ? total >= SEARCH_LIMIT
                  ? t('residents.list.resultsCapped', { n: SEARCH_LIMIT })
                  : t('residents.list.results', { n: total })
                : t('residents.list.total', { n: total })}
            </Text>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          {can('records.write') && (
            <Button variant="default" component={Link} to="/residents/import" data-testid="residents-import">
              {t('importUi.importButton')}
            </Button>
          )}
          <ExportResidents filters={state.filters} searching={searching} />
          {can('records.write') && (
            <Button component={Link} to="/residents/new" data-testid="resident-register">
              {t('residents.list.register')}
            </Button>
          )}
        </Group>
      </Group>

      <TextInput
        ref={searchRef}
        size="md"
        autoFocus
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        placeholder={t('residents.list.searchPlaceholder')}
        aria-label={t('residents.list.searchLabel')}
        aria-controls={searching ? 'residents-results' : 'residents-table'}
        autoComplete="off"
        spellCheck={false}
        data-testid="residents-search"
        rightSectionWidth={90}
        rightSection={
          <Group gap={2} wrap="nowrap" aria-hidden>
            <Kbd size="xs">Ctrl</Kbd>
            <Kbd size="xs">K</Kbd>
          </Group>
        }
      />
      <Text size="xs" c="dimmed">
        {t('residents.list.keyboardHint')}
      </Text>

      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <ResidentFiltersBar filters={state.filters} onChange={(filters) => update({ filters })} />
        {!searching && (
          <Group gap={4} align="flex-end">
            <NativeSelect
              size="xs"
              label={t('residents.list.sortBy')}
              value={state.sort}
              data={RESIDENT_SORTS.map((sort) => ({ value: sort, label: sortLabel(sort) }))}
              onChange={(e) => update({ sort: pickCode(RESIDENT_SORTS, e.currentTarget.value) ?? 'registered' })}
              data-testid="residents-sort"
            />
            <ActionIcon
              variant="default"
              size="md"
              onClick={() => update({ descending: !state.descending })}
              aria-label={state.descending ? t('residents.list.descending') : t('residents.list.ascending')}
              title={state.descending ? t('residents.list.descending') : t('residents.list.ascending')}
              data-testid="residents-sort-direction"
            >
              {state.descending ? '↓' : '↑'}
            </ActionIcon>
          </Group>
        )}
      </Group>

      {error && (
        <Text c="red" role="alert">
          <ErrorText error={error.error} />
        </Text>
      )}

      {searching ? (
        search.data && (
          <SearchResultsTable
            hits={search.data.items}
            selected={selected}
            onSelectedChange={setSelected}
            onOpen={open}
            handleRef={listRef}
            stale={search.isPlaceholderData}
            query={query}
          />
        )
      ) : (
        <VirtualResidentTable
          filters={state.filters}
          sort={state.sort}
          descending={state.descending}
          onSort={(sort) => update(sort === state.sort ? { descending: !state.descending } : { sort, descending: false })}
          selected={selected}
          onSelectedChange={setSelected}
          onOpen={open}
          handleRef={listRef}
          emptyText={hasFilters(state.filters) ? t('residents.list.emptyFiltered') : t('residents.list.empty')}
        />
      )}
    </Stack>
  );
}
