/**
 * Before schema v7 the resident form kept its drafts in localStorage, under
 * `civicdesk.draft.<userId>.resident.<new|edit:<id>>` — plain text on the disk of a shared office
 * PC, ID numbers included. At sign-in the signed-in user's own old drafts move into the database
 * (unless a newer one is already there), and every old key is removed, other users' too: keeping
 * someone's ID numbers readable until they next sign in is worse than losing their unsaved form.
 */
import { draftKeySchema } from '../../../../shared/contract';
import type { ApiClient } from '../api/client';
import { loadDraft, saveDraftNow } from './draft-store';

const PREFIX = 'civicdesk.draft.';
const moved = new Map<string, Promise<void>>();

/** Once per user and page load; forms wait for it before reading their draft. */
export function moveLegacyDrafts(api: ApiClient, userId: string): Promise<void> {
  let done = moved.get(userId);
  if (!done) {
    done = moveAll(api, userId).catch(() => undefined);
    moved.set(userId, done);
  }
  return done;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: there is nothing to move
  }
}

function legacyKeys(store: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  return keys;
}

/** `new` → `resident:new`, `edit:<id>` → `resident:<id>`; null for anything else. */
function newKey(form: string): string | null {
  const key = form === 'new' ? 'resident:new' : form.startsWith('edit:') ? `resident:${form.slice('edit:'.length)}` : null;
  return key && draftKeySchema.safeParse(key).success ? key : null;
}

function parseLegacy(raw: string | null): { values: unknown; base: unknown; version: number | null } | null {
  try {
    const parsed: unknown = JSON.parse(raw ?? '');
    if (typeof parsed !== 'object' || parsed === null || !('values' in parsed)) return null;
    const version = 'version' in parsed && typeof parsed.version === 'number' && parsed.version >= 1 ? parsed.version : null;
    return { values: parsed.values, base: 'base' in parsed ? parsed.base : undefined, version };
  } catch {
    return null;
  }
}

async function moveAll(api: ApiClient, userId: string): Promise<void> {
  const store = storage();
  if (!store) return;
  const own = `${PREFIX}${userId}.resident.`;
  for (const legacy of legacyKeys(store)) {
    const key = legacy.startsWith(own) ? newKey(legacy.slice(own.length)) : null;
    const draft = key ? parseLegacy(store.getItem(legacy)) : null;
    if (key && draft) {
      try {
        if (!(await loadDraft(api, key))) await saveDraftNow(api, key, { values: draft.values, base: draft.base }, draft.version);
      } catch {
        // Too large to keep, or the core refused: the plain-text copy goes anyway.
      }
    }
    store.removeItem(legacy);
  }
}
