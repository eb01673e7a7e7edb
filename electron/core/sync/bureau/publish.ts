/**
 * 发布 the bureau publishes a code table or a standard for every office: a kind some feature offers
 * (CoreFeature.bureauUpdates), its payload checked against that feature's schema here, before it
 * goes out. The newest payload of each kind rides in every receipt; an office applies a version once.
 */
import type { Ctx } from '../../context';
import type { BureauUpdate } from '../../feature';
import { invalidInput } from '../../errors';
import { readableFile } from '../../files';
import { readChosenFile } from '../files';
import { recordAudit } from '../../audit';
import { requireBureau } from './enroll';
import { publicationRows, upsertPublication } from './repository';

const MAX_UPDATE_BYTES = 4 * 1024 * 1024;

export function publish(ctx: Ctx, updates: ReadonlyMap<string, BureauUpdate>, input: { kind: string; file: string }) {
  requireBureau(ctx, ['kind']);
  const update = updates.get(input.kind);
  if (!update) throw invalidInput(['kind'], 'sync.unknown_update_kind', { kind: input.kind, kinds: [...updates.keys()].join('、') });
  const file = readableFile(ctx, input.file, ['file']);
  const bytes = readChosenFile(file, ['file'], MAX_UPDATE_BYTES);
  let payload: unknown;
  try {
    payload = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalidInput(['file'], 'sync.bad_update', { kind: input.kind, detail: error instanceof Error ? error.message : 'JSON' });
  }
  const parsed = update.schema.safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw invalidInput(['file'], 'sync.bad_update', { kind: input.kind, detail: `${first.path.join('.') || '-'}: ${first.message}` });
  }
  // Versions are the publication time: later is newer, in every office.
  const version = ctx.now.toISOString();
  upsertPublication(ctx.db, { kind: input.kind, version, payload: JSON.stringify(parsed.data), at: version, by: ctx.actor?.userId ?? null });
  recordAudit(ctx, 'bureau.publish', { kind: input.kind, version });
  return { kind: input.kind, version };
}

/** What every receipt carries: the newest publication of each kind. */
export function publications(ctx: Pick<Ctx, 'db'>): { kind: string; version: string; payload: unknown }[] {
  return publicationRows(ctx.db).map((p) => ({
    kind: p.kind,
    version: p.version,
    payload: JSON.parse(p.payload) as unknown,
  }));
}
