import { useCallback } from 'react';
import { useApi } from '../api/api-context';
import { flushAllDrafts } from '../drafts/draft-store';
import { useSessionActions } from './session-cache';

/**
 * Lock now (the header's button, or the window's idle timer): the window shows the lock screen at
 * once and the core locks the session too, so nothing is answered until the password is typed.
 */
export function useLockNow(): () => void {
  const api = useApi();
  const actions = useSessionActions();
  return useCallback(() => {
    actions.locked();
    // An open form's last keystrokes go into its draft while the session can still write it; if the
    // core cannot be reached, the window is locked anyway and the core locks on its own idle timer.
    void flushAllDrafts()
      .then(() => api.call('accounts.lock', {}))
      .catch(() => undefined);
  }, [api, actions]);
}
