/** TanStack Query over the contract client: one cache key per method and input. */
import { useMutation, useQuery, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import type { MethodInput, MethodOutput } from '../../../../shared/contract';
import { useApi } from './api-context';
import type { ApiError, CallableMethod } from './client';

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
