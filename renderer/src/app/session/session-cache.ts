/**
 * Who is signed in lives in the query cache under `accounts.session`, next to `office.status`,
 * so one source of truth feeds the gate, the shell and the permission checks.
 */
import { useMemo } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MethodOutput, SessionInfo } from '../../../../shared/contract';
import { ApiError } from '../api/client';
import { contractKey } from '../api/queries';

export const STATUS_KEY = contractKey('office.status', {});
export const SESSION_KEY = contractKey('accounts.session', {});

type SessionAnswer = MethodOutput<'accounts.session'>;

export function sessionActions(queryClient: QueryClient) {
  return {
    signedIn(info: SessionInfo) {
      queryClient.setQueryData<SessionAnswer>(SESSION_KEY, { session: info });
    },
    /** Back from the lock screen: calls refused while locked are asked again. */
    unlocked(info: SessionInfo) {
      queryClient.setQueryData<SessionAnswer>(SESSION_KEY, { session: info });
      void queryClient.invalidateQueries({
        predicate: (query) => query.state.error instanceof ApiError && query.state.error.code === 'SESSION_LOCKED',
      });
    },
    /** A heartbeat's fresh role and limits, unless the window locked meanwhile. */
    refreshed(info: SessionInfo) {
      queryClient.setQueryData<SessionAnswer>(SESSION_KEY, (prev) =>
        prev?.session && !prev.session.locked ? { session: { ...info, locked: false } } : prev,
      );
    },
    locked() {
      queryClient.setQueryData<SessionAnswer>(SESSION_KEY, (prev) =>
        prev?.session ? { session: { ...prev.session, locked: true } } : prev,
      );
    },
    /** Forget the session and every cached answer of it, so the next user starts clean. */
    signedOut() {
      queryClient.setQueryData<SessionAnswer>(SESSION_KEY, { session: null });
      queryClient.removeQueries({
        predicate: (query) => query.queryKey[0] !== STATUS_KEY[0] && query.queryKey[0] !== SESSION_KEY[0],
      });
    },
  };
}

export type SessionActions = ReturnType<typeof sessionActions>;

export function useSessionActions(): SessionActions {
  const queryClient = useQueryClient();
  return useMemo(() => sessionActions(queryClient), [queryClient]);
}
