import { useEffect, useEffectEvent } from 'react';

/** Tell the core the clerk is still here at most this often (it locks idle sessions too). */
export const HEARTBEAT_INTERVAL_MS = 60_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

interface IdleLockOptions {
  idleLockMinutes: number;
  locked: boolean;
  onIdle: () => void;
  onHeartbeat: () => void;
}

/**
 * The window's own idle timer: lock the screen as soon as the limit passes, without waiting for
 * the next call to find the core's session locked. Activity sends a throttled heartbeat so a clerk
 * typing a long form without saving is not locked out by the core.
 */
export function useIdleLock({ idleLockMinutes, locked, onIdle, onHeartbeat }: IdleLockOptions): void {
  const idle = useEffectEvent(onIdle);
  const heartbeat = useEffectEvent(onHeartbeat);

  useEffect(() => {
    if (locked) return;
    const limit = idleLockMinutes * 60_000;
    // Signing in or unlocking just now counted as activity on the core too.
    let lastActivity = Date.now();
    let lastHeartbeat = lastActivity;
    const onActivity = () => {
      lastActivity = Date.now();
      if (lastActivity - lastHeartbeat >= HEARTBEAT_INTERVAL_MS) {
        lastHeartbeat = lastActivity;
        heartbeat();
      }
    };
    const check = () => {
      if (Date.now() - lastActivity >= limit) idle();
    };
    // Intervals pause while the computer sleeps; the first tick after waking catches up.
    const timer = window.setInterval(check, Math.min(15_000, Math.max(1_000, limit / 4)));
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', check);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', check);
    };
  }, [idleLockMinutes, locked]);
}
