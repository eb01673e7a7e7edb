import { useEffect } from 'react';
import { useApi } from '../api/api-context';
import { useSessionActions } from './session-cache';
import { useQueryClient } from '@tanstack/react-query';
import { SESSION_KEY } from './session-cache';

/**
 * The core tells us when the session changed (locked by idle time, ended elsewhere), and any call
 * can discover it too: UNAUTHENTICATED goes to the login screen, SESSION_LOCKED to the lock screen.
 */
export function useSessionEvents(): void {
  const api = useApi();
  const actions = useSessionActions();
  const queryClient = useQueryClient();

  useEffect(() => {
    const offProblems = api.onSessionProblem((problem) => {
      if (problem === 'SESSION_LOCKED') actions.locked();
      else actions.signedOut();
    });
    const offEvents = api.subscribe((envelope) => {
      if (envelope.event !== 'session.changed' || !('state' in envelope.payload)) return;
      const state = envelope.payload.state;
      if (state === 'locked') actions.locked();
      else if (state === 'ended') actions.signedOut();
      else void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    });
    return () => {
      offProblems();
      offEvents();
    };
  }, [api, actions, queryClient]);
}
