/**
 * The resident form's drafts (see app/drafts): one per user and form — `resident:new`, or
 * `resident:<id>` when editing — kept by the core in the encrypted office database. The payload
 * holds the form's values and what the form started from (`base`), so that a draft begun on an
 * older version of the record restores only what the clerk changed.
 */
import type { Draft } from '../../../../../shared/contract';

export function residentDraftKey(residentId?: string): string {
  return `resident:${residentId ?? 'new'}`;
}

export interface ResidentDraftPayload {
  values: unknown;
  base?: unknown;
}

export interface ResidentDraftOffer {
  savedAt: string;
  values: unknown;
  base?: unknown;
  /** The record's version when the draft was begun (edit drafts). */
  version?: number;
}

export function residentDraftOffer(draft: Draft | null): ResidentDraftOffer | null {
  const payload = draft?.payload;
  if (!draft || typeof payload !== 'object' || payload === null || Array.isArray(payload) || !('values' in payload)) return null;
  return { savedAt: draft.savedAt, values: payload.values, base: payload.base ?? undefined, version: draft.baseVersion ?? undefined };
}
