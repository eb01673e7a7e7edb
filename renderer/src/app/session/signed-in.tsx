import { useCallback, useEffect } from 'react';
import { Box } from '@mantine/core';
import { useApi } from '../api/api-context';
import { moveLegacyDrafts } from '../drafts/legacy-local-drafts';
import { AppLayout } from '../shell/app-layout';
import { LockScreen } from '../../features/lock/lock-screen';
import { useSessionActions } from './session-cache';
import { SessionProvider, type SignedInContext } from './session-context';
import { useIdleLock } from './use-idle-lock';
import { useLockNow } from './use-lock-now';

export function SignedIn({ context }: { context: SignedInContext }) {
  const api = useApi();
  const actions = useSessionActions();
  const { session } = context;

  const onHeartbeat = useCallback(() => {
    // A failure already reported itself (SESSION_LOCKED → lock screen); nothing else to do here.
    api.call('accounts.heartbeat', {}).then(actions.refreshed, () => undefined);
  }, [api, actions]);

  // Old plain-text drafts leave localStorage at the first sign-in, whether or not a form opens.
  useEffect(() => void moveLegacyDrafts(api, session.userId), [api, session.userId]);

  const lockNow = useLockNow();
  useIdleLock({ idleLockMinutes: session.idleLockMinutes, locked: session.locked, onIdle: lockNow, onHeartbeat });

  return (
    <SessionProvider value={context}>
      {/* The shell stays mounted under the lock screen so an unsaved form survives the lock;
          it is hidden from sight, from the keyboard and from screen readers meanwhile. */}
      <Box inert={session.locked} aria-hidden={session.locked || undefined} style={session.locked ? { visibility: 'hidden' } : undefined}>
        <AppLayout />
      </Box>
      {session.locked && <LockScreen />}
    </SessionProvider>
  );
}
