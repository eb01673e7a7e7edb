/**
 * After an import or its undo, the office's imports and remembered mappings are refetched: they are
 * not records, so no `changed` names them. What the import wrote (residents, households …) is
 * refetched through its `changed` (app/api/queries.ts).
 */
import type { QueryClient } from '@tanstack/react-query';
import { contractKey } from '../../app/api/queries';

export function importsChanged(queryClient: QueryClient): void {
  for (const method of ['imports.list', 'imports.mappings.list'] as const) {
    void queryClient.invalidateQueries({ queryKey: contractKey(method) });
  }
}
