/** TanStack Query over the contract client: one cache key per method and input. */
import { useMutation, useQuery, type QueryClient, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import type { MethodInput, MethodOutput } from '../../../../shared/contract';
import { useApi } from './api-context';
import type { ApiClient, ApiError, CallableMethod } from './client';

export function contractKey<M extends CallableMethod>(method: M, input?: MethodInput<M>): readonly unknown[] {
  return input === undefined ? [method] : [method, input];
}

type QueryOptions<M extends CallableMethod> = Omit<UseQueryOptions<MethodOutput<M>, ApiError>, 'queryKey' | 'queryFn'>;

export function useContractQuery<M extends CallableMethod>(method: M, input: MethodInput<M>, options?: QueryOptions<M>) {
  const api = useApi();
  return useQuery<MethodOutput<M>, ApiError>({
    queryKey: contractKey(method, input),
    queryFn: () => api.call(method, input),
    ...options,
  });
}

type MutationOptions<M extends CallableMethod> = Omit<UseMutationOptions<MethodOutput<M>, ApiError, MethodInput<M>>, 'mutationFn'>;

export function useContractMutation<M extends CallableMethod>(method: M, options?: MutationOptions<M>) {
  const api = useApi();
  return useMutation<MethodOutput<M>, ApiError, MethodInput<M>>({
    mutationFn: (input) => api.call(method, input),
    ...options,
  });
}

/**
 * The one place a write refreshes what shows it: whenever a call or a finished job wrote records
 * (its `changed`), every registered query showing one of those entities is refetched — whichever
 * feature wrote and whichever feature asks, so no feature names another's queries. `showing` is the
 * registry's index (app/registry). Returns the unsubscribe function.
 *
 * The session gate's own queries (office.status, accounts.session) are registered by no feature on
 * purpose: they decide which screen shows, and app/session changes them itself — refetching the
 * office's status when office.setup writes the office would skip the recovery-key notice.
 */
export function invalidateOnChange(api: ApiClient, queryClient: QueryClient, showing: (changed: readonly string[]) => readonly CallableMethod[]): () => void {
  return api.onChanged((changed) => {
    for (const method of showing(changed)) void queryClient.invalidateQueries({ queryKey: contractKey(method) });
  });
}
