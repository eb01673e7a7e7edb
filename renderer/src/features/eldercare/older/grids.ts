import { useContractQuery } from '../../../app/api/queries';

/** The office's grids as picker options (the households feature declares the query). */
export function useGridOptions(): { value: string; label: string }[] {
  const grids = useContractQuery('grids.list', {}, { staleTime: 60_000 });
  return (grids.data ?? []).map((g) => ({ value: g.id, label: g.name }));
}
