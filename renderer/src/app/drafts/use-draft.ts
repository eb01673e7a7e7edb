/** A form's draft: offered back when the form opens, saved as the clerk types, dropped on save. */
import { useCallback, useEffect, useState } from 'react';
import type { Draft } from '../../../../shared/contract';
import { useApi } from '../api/api-context';
import { useSession } from '../session/session-context';
import { discardDraft, flushDraft, loadDraft, scheduleDraft } from './draft-store';
import { moveLegacyDrafts } from './legacy-local-drafts';

export interface DraftHandle {
  /** The draft found when the form opened, until restored or dismissed; null while loading or if none. */
  offer: Draft | null;
  dismissOffer(): void;
  /** Keep the form's current state (debounced). */
  save(payload: unknown, baseVersion: number | null): void;
  /** Drop the draft and any pending write; resolves once the core has dropped it. */
  discard(): Promise<void>;
}

export function useDraft(key: string): DraftHandle {
  const api = useApi();
  const { session } = useSession();
  const [offer, setOffer] = useState<Draft | null>(null);

  useEffect(() => {
    let live = true;
    void moveLegacyDrafts(api, session.userId)
      .then(() => loadDraft(api, key))
      .then(
        (draft) => {
          if (live) setOffer(draft);
        },
        // No draft can be read (locked, signed out): the form works without one.
        () => undefined,
      );
    // Closing the window or reloading: the last keystrokes must not wait for the debounce.
    const onHide = () => void flushDraft(key);
    window.addEventListener('pagehide', onHide);
    return () => {
      live = false;
      window.removeEventListener('pagehide', onHide);
      void flushDraft(key);
    };
  }, [api, key, session.userId]);

  const dismissOffer = useCallback(() => setOffer(null), []);
  const save = useCallback((payload: unknown, baseVersion: number | null) => scheduleDraft(api, key, payload, baseVersion), [api, key]);
  const discard = useCallback(() => {
    setOffer(null);
    return discardDraft(api, key).catch(() => undefined);
  }, [api, key]);
  return { offer, dismissOffer, save, discard };
}
