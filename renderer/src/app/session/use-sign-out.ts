import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../api/api-context';
import { useSessionActions } from './session-cache';

/** Sign out and start the next user on the home page. */
export function useSignOut(): () => Promise<void> {
  const api = useApi();
  const actions = useSessionActions();
  const navigate = useNavigate();
  return useCallback(async () => {
    // Even if the core cannot be reached, this window forgets the session.
    await api.call('accounts.logout', {}).catch(() => undefined);
    actions.signedOut();
    void navigate('/');
  }, [api, actions, navigate]);
}
