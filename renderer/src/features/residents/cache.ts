/**
 * After a write, the written resident is put in the cache as answered, so the page shows it at
 * once. Refetching everything that lists or shows residents (theirs, households', the history) is
 * not this feature's business: the write's `changed` does that for every feature (app/api/queries.ts).
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Resident } from '../../../../shared/contract/residents';
import { contractKey } from '../../app/api/queries';

export function residentSaved(queryClient: QueryClient, resident: Resident): void {
  queryClient.setQueryData(contractKey('residents.get', { id: resident.id }), resident);
}
