/**
 * After a write, what the screens show must be what the core holds: the written resident is put
 * in the cache as answered, and everything that may list or count it is refetched.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Resident } from '../../../../shared/contract/residents';
import { contractKey } from '../../app/api/queries';

export function residentChanged(queryClient: QueryClient, resident?: Resident): void {
  if (resident) queryClient.setQueryData(contractKey('residents.get', { id: resident.id }), resident);
  for (const method of ['residents.get', 'residents.list', 'residents.search', 'residents.checkDuplicates', 'households.get', 'households.periodsOf', 'system.changes.list'] as const) {
    void queryClient.invalidateQueries({ queryKey: contractKey(method) });
  }
}
