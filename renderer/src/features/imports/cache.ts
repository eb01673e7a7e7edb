/** After an import or its undo, everything that lists residents, households or imports is refetched. */
import type { QueryClient } from '@tanstack/react-query';
import { contractKey } from '../../app/api/queries';
import { residentChanged } from '../residents/cache';

export function importsChanged(queryClient: QueryClient): void {
  residentChanged(queryClient);
  for (const method of ['imports.list', 'imports.mappings.list'] as const) {
    void queryClient.invalidateQueries({ queryKey: contractKey(method) });
  }
}
