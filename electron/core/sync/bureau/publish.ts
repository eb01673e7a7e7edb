/**
 * 发布 the bureau publishes a code table or a standard for every office: a kind some feature offers
 * (CoreFeature.bureauUpdates), its payload checked against that feature's schema here, before it
 * goes out. The newest payload of each kind rides in every receipt; an office applies a version once.
 */
import fs from 'node:fs';
import type { Ctx } from '../../context';
import type { BureauUpdate } from '../../feature';
import { invalidInput } from '../../errors';
import { readableFile } from '../../files';
import { recordAudit } from '../../audit';
import { requireBureau } from './enroll';

const MAX_UPDATE_BYTES = 4 * 1024 * 1024;

export function publish(ctx: Ctx, updates: ReadonlyMap<string, BureauUpdate>, input: { kind: string; file: string }) {
  requireBureau(ctx, ['kind']);
  const update = updates.get(input.kind);
  if (!update) throw invalidInput(['kind'], 'sync.unknown_update_kind', { kind: input.kind, kinds: [...updates.keys()].join('、') });
  const file = readableFile(ctx, input.file, ['file']);
  if (fs.statSync(file).size > MAX_UPDATE_BYTES) throw invalidInput(['file'], 'sync.bad_update', { kind: input.kind, detail: 'too large' });
  let payload: unknown;
  try {
    payload = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
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
  ctx.db
    .prepare(
      `INSERT INTO bureau_publications (kind, version, payload, published_at, published_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind) DO UPDATE SET version = excluded.version, payload = excluded.payload, published_at = excluded.published_at, published_by = excluded.published_by`,
    )
    .run(input.kind, version, JSON.stringify(parsed.data), version, ctx.actor?.userId ?? null);
  recordAudit(ctx, 'bureau.publish', { kind: input.kind, version });
  return { kind: input.kind, version };
}

/** What every receipt carries: the newest publication of each kind. */
export function publications(ctx: Pick<Ctx, 'db'>): { kind: string; version: string; payload: unknown }[] {
  return (ctx.db.prepare('SELECT kind, version, payload FROM bureau_publications ORDER BY kind').all() as { kind: string; version: string; payload: string }[]).map((p) => ({
    kind: p.kind,
    version: p.version,
    payload: JSON.parse(p.payload) as unknown,
  }));
}
