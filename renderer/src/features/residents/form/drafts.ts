/**
 * Unsaved drafts survive a crash or a closed window: the form is written to localStorage on every
 * change (synchronously — a debounce would lose the last keystrokes to a crash), offered back on
 * reopening, and removed on save or explicit discard. One draft per user and form (`new`, or
 * `edit:<id>`), so a colleague signing in on the same computer is not offered someone else's work.
 */
export interface StoredDraft {
  savedAt: string;
  values: unknown;
  /** What the form started from, and the record's version then (edit drafts). */
  base?: unknown;
  version?: number;
}

const PREFIX = 'civicdesk.draft.';

export function draftKey(userId: string, form: string): string {
  return `${PREFIX}${userId}.resident.${form}`;
}

export function readDraft(key: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || !('savedAt' in parsed) || !('values' in parsed)) return null;
    if (typeof parsed.savedAt !== 'string') return null;
    const version = 'version' in parsed && typeof parsed.version === 'number' ? parsed.version : undefined;
    return { savedAt: parsed.savedAt, values: parsed.values, base: 'base' in parsed ? parsed.base : undefined, version };
  } catch {
    return null; // unreadable or unavailable storage: behave as if there were no draft
  }
}

export function writeDraft(key: string, draft: Omit<StoredDraft, 'savedAt'>): void {
  try {
    window.localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), ...draft } satisfies StoredDraft));
  } catch {
    // Storage full or disabled: the form still works, only crash safety is lost.
  }
}

export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to clear
  }
}
