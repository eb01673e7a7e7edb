/**
 * The list's query, filters and sort live in the address (`#/residents?q=…&grid=…`), so going
 * back from a resident's page lands on the same list, and a filtered list can be bookmarked.
 * Whatever the address holds is parsed, never trusted: a bad value is simply dropped.
 */
import { residentFiltersSchema, RESIDENT_SORTS, type ResidentFilters } from '../../../../../shared/contract/residents';
import { pickCode } from '../codes';

export type ResidentSort = (typeof RESIDENT_SORTS)[number];

export interface ListState {
  query: string;
  filters: ResidentFilters;
  sort: ResidentSort;
  descending: boolean;
}

const PARAM = { gridId: 'grid', tag: 'tag', lowIncomeCategory: 'li', status: 'status', ageMin: 'amin', ageMax: 'amax' } as const;
type FilterKey = keyof typeof PARAM;
const NUMERIC: ReadonlySet<FilterKey> = new Set(['ageMin', 'ageMax']);

export function readListState(params: URLSearchParams): ListState {
  const filters: ResidentFilters = {};
  for (const key of Object.keys(PARAM) as FilterKey[]) {
    const raw = params.get(PARAM[key]);
    if (raw === null || raw === '') continue;
    const value = NUMERIC.has(key) ? Number(raw) : raw;
    // One field at a time, so one bad value does not throw away the others.
    const parsed = residentFiltersSchema.safeParse({ [key]: value });
    if (parsed.success) Object.assign(filters, parsed.data);
  }
  return {
    query: params.get('q') ?? '',
    filters,
    sort: pickCode(RESIDENT_SORTS, params.get('sort')) ?? 'registered',
    descending: params.get('desc') === '1',
  };
}

export function writeListState(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  for (const key of Object.keys(PARAM) as FilterKey[]) {
    const value = state.filters[key];
    if (value !== undefined && value !== '') params.set(PARAM[key], String(value));
  }
  if (state.sort !== 'registered') params.set('sort', state.sort);
  if (state.descending) params.set('desc', '1');
  return params;
}

export function hasFilters(filters: ResidentFilters): boolean {
  return Object.values(filters).some((v) => v !== undefined);
}
