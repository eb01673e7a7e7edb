/**
 * Unsaved form drafts, kept by the core in the office database (contract `drafts.*`): encrypted,
 * and per user. Writing is debounced so typing stays cheap; a pending write is flushed when the
 * form goes away, the page is hidden or closed, or the user signs out. So a crash loses at most
 * the last DRAFT_SAVE_DELAY_MS of typing, and a closed window nothing.
 *
 * Calls for one key run one after another: a discard never overtakes the save before it, and a
 * form that opens again reads what the one before it flushed on its way out.
 */
import type { Draft } from '../../../../shared/contract';
import type { ApiClient } from '../api/client';

export const DRAFT_SAVE_DELAY_MS = 600;

interface PendingWrite {
  timer: ReturnType<typeof setTimeout>;
  write: () => Promise<void>;
}

const pending = new Map<string, PendingWrite>();
const queues = new Map<string, Promise<unknown>>();

/** Run `op` after every earlier call for `key` has settled. */
function inOrder<T>(key: string, op: () => Promise<T>): Promise<T> {
  const result = (queues.get(key) ?? Promise.resolve()).then(op);
  const settled = result.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return result;
}

/** A JSON copy: what the contract takes (no undefined, no functions), and immune to later edits. */
function jsonCopy(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

/** Save `payload` under `key` once typing pauses; a newer call replaces a pending one. */
export function scheduleDraft(api: ApiClient, key: string, payload: unknown, baseVersion: number | null): void {
  const earlier = pending.get(key);
  if (earlier) clearTimeout(earlier.timer);
  const copy = jsonCopy(payload);
  const write = async () => {
    if (pending.get(key)?.write !== write) return;
    pending.delete(key);
    // A draft that cannot be kept (too large, signed out meanwhile) leaves the form working; only crash safety is lost.
    await inOrder(key, () => api.call('drafts.save', { key, payload: copy as Draft['payload'], baseVersion })).catch(() => undefined);
  };
  pending.set(key, { timer: setTimeout(() => void write(), DRAFT_SAVE_DELAY_MS), write });
}

/** Write the pending draft of `key` now (the form is going away). */
export function flushDraft(key: string): Promise<void> {
  const p = pending.get(key);
  if (!p) return Promise.resolve();
  clearTimeout(p.timer);
  return p.write();
}

/** Write every pending draft now (signing out, the window closing). */
export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...pending.keys()].map(flushDraft));
}

/** The caller's draft under `key`, after anything still on its way for that key. */
export function loadDraft(api: ApiClient, key: string): Promise<Draft | null> {
  return inOrder(key, async () => (await api.call('drafts.get', { key })).draft);
}

/** Drop the draft (the form was saved, or the clerk threw it away), and any write still pending. */
export function discardDraft(api: ApiClient, key: string): Promise<void> {
  const p = pending.get(key);
  if (p) {
    clearTimeout(p.timer);
    pending.delete(key);
  }
  return inOrder(key, async () => {
    await api.call('drafts.discard', { key });
  });
}

/** Save a draft now, in order with the other calls for its key (moving old drafts in). */
export function saveDraftNow(api: ApiClient, key: string, payload: unknown, baseVersion: number | null): Promise<void> {
  const copy = jsonCopy(payload);
  return inOrder(key, async () => {
    await api.call('drafts.save', { key, payload: copy as Draft['payload'], baseVersion });
  });
}
