import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../api/api-context';
import { flushAllDrafts } from '../drafts/draft-store';
import { useSessionActions } from './session-cache';

/** Sign out and start the next user on the home page. */
export function useSignOut(): () => Promise<void> {
  const api = useApi();
  const actions = useSessionActions();
  const navigate = useNavigate();
  return useCallback(async () => {
    // The last keystrokes of an open form go into its draft while the session can still write it.
    await flushAllDrafts();
    // Even if the core cannot be reached, this window forgets the session.
    await api.call('accounts.logout', {}).catch(() => undefined);
    actions.signedOut();
    void navigate('/');
  }, [api, actions, navigate]);
}
