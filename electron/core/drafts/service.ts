/** 草稿 drafts: a user's unsaved forms, in the encrypted database (see shared/contract/drafts.ts). */
import type { SectionHandlers } from '../handlers';
import type { Ctx } from '../context';
import { ContractFailure } from '../errors';
import { DRAFT_TTL_DAYS, DRAFTS_PER_USER, type Draft } from '../../../shared/contract/drafts';
import { deleteDraft, deleteExpiredDrafts, findDraft, listDrafts, trimDrafts, upsertDraft } from './repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Drafts are per user: the access is `session`, so there always is one; the type cannot know it. */
function userId(ctx: Ctx): string {
  if (!ctx.actor) throw new ContractFailure('UNAUTHENTICATED');
  return ctx.actor.userId;
}

/** Drafts last saved before this instant have expired. */
function expiry(ctx: Ctx): string {
  return new Date(ctx.now.getTime() - DRAFT_TTL_DAYS * DAY_MS).toISOString();
}

export const draftsHandlers: SectionHandlers<'drafts'> = {
  'drafts.save': (input, ctx) => {
    const user = userId(ctx);
    const savedAt = ctx.now.toISOString();
    // Saving is frequent and cheap; sweeping expired drafts here keeps the table small without a timer.
    deleteExpiredDrafts(ctx.db, expiry(ctx));
    upsertDraft(ctx.db, { officeId: ctx.office().id, userId: user, key: input.key, payload: JSON.stringify(input.payload), baseVersion: input.baseVersion, savedAt });
    trimDrafts(ctx.db, user, DRAFTS_PER_USER);
    return { key: input.key, savedAt };
  },

  'drafts.get': (input, ctx) => {
    const row = findDraft(ctx.db, userId(ctx), input.key, expiry(ctx));
    if (!row) return { draft: null };
    return { draft: { key: row.key, payload: JSON.parse(row.payload) as Draft['payload'], baseVersion: row.base_version, savedAt: row.saved_at } };
  },

  'drafts.discard': (input, ctx) => ({ discarded: deleteDraft(ctx.db, userId(ctx), input.key) }),

  'drafts.list': (_input, ctx) => ({
    items: listDrafts(ctx.db, userId(ctx), expiry(ctx)).map((r) => ({ key: r.key, baseVersion: r.base_version, savedAt: r.saved_at, bytes: r.bytes })),
  }),
};
