/**
 * 上传到市局: bundle what is new, then send every unacknowledged bundle to the bureau's upload
 * service in sequence order (tus, resumable: ../upload/client.ts). Each one is marked uploaded only
 * after the bureau answered that the whole file arrived with the declared hash; its upload address
 * is kept in the outbox meanwhile, so a dropped network or a closed app resumes where it stopped.
 * A failure leaves that bundle and the later ones unmarked; those sent before it stay marked.
 */
import type { Ctx, JobControl } from '../../context';
import type { SyncTable } from '../../feature';
import { translate, type Language } from '../../../../shared/i18n';
import { ContractFailure, invalidInput } from '../../errors';
import { recordAudit } from '../../audit';
import { uploadBundle, UploadError, type UploadBundleInput } from '../upload/client';
import { requireEnrollment } from './enroll';
import { makeBundle } from './outbox';
import { markUploaded, outboxContent, outboxUploadUrl, setOutboxUploadUrl, unacknowledged } from './repository';

/** Test seams: shorter backoff and waits (the defaults are the app's). */
export type UploadTuning = Pick<UploadBundleInput, 'retryDelays' | 'chunkSize' | 'stallMs' | 'answerTimeoutMs'>;

function bureauUrl(text: string): string {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw invalidInput(['url'], 'sync.bad_url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidInput(['url'], 'sync.bad_url');
  return parsed.href;
}

export async function uploadToBureau(ctx: Ctx, job: JobControl, tables: readonly SyncTable[], input: { url?: string }, tuning: UploadTuning = {}) {
  const enrollment = requireEnrollment(ctx, ['url']);
  const given = input.url ?? enrollment.upload_url;
  if (!given) throw invalidInput(['url'], 'sync.no_bureau_url');
  const url = bureauUrl(given);
  const made = await makeBundle(ctx, tables, enrollment);
  const pending = unacknowledged(ctx.db);
  const total = pending.reduce((sum, row) => sum + row.bytes, 0);
  const uploaded: { file: string; sequence: number; bytes: number }[] = [];
  let done = 0;
  for (const row of pending) {
    await job.checkpoint(done, total);
    // One bundle's bytes in memory at a time.
    const content = outboxContent(ctx.db, row.sequence);
    if (!content) continue;
    let sent;
    try {
      sent = await uploadBundle({
        url,
        file: content,
        fileName: row.file_name,
        sha256: row.sha256,
        signal: job.signal,
        // Progress between checkpoints; a cancel is seen through the signal, not here.
        onProgress: (bytes) => void job.checkpoint(done + bytes, total).catch(() => undefined),
        resume: {
          load: () => outboxUploadUrl(ctx.db, row.sequence),
          save: (address) => setOutboxUploadUrl(ctx.db, row.sequence, address),
          clear: () => setOutboxUploadUrl(ctx.db, row.sequence, null),
        },
        ...tuning,
      });
    } catch (error) {
      // The bureau already took this bundle in (its upload records were lost, or another copy went by USB):
      // it has it, which is what sending it was for.
      if (error instanceof UploadError && error.failure === 'refused' && error.detail === 'already_applied') sent = { status: 'applied', bytesSent: 0 };
      else throw uploadFailure(error, url);
    }
    ctx.db.transaction(() => {
      markUploaded(ctx.db, row.sequence, ctx.services.clock.now().toISOString());
      recordAudit(ctx, 'sync.upload', {
        sequence: row.sequence,
        bytes: row.bytes,
        file: row.file_name,
        bureauStatus: sent.status,
        ...(sent.reason ? { bureauReason: sent.reason } : {}),
        sent: sent.bytesSent,
      });
    })();
    uploaded.push({ file: row.file_name, sequence: row.sequence, bytes: row.bytes });
    done += row.bytes;
  }
  await job.checkpoint(done, total);
  return { sequence: made?.sequence ?? null, changes: made?.changes ?? 0, uploaded };
}

/** An upload that did not count as sent, as something the clerk can act on. */
/** What went wrong on the wire, as a clerk can act on it (the raw code stays in the log). */
function networkDetail(detail: string): string {
  if (/ECONNREFUSED/.test(detail)) return 'sync.network.refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(detail)) return 'sync.network.not_found';
  if (/ETIMEDOUT|stall|timeout/i.test(detail)) return 'sync.network.timeout';
  if (/ECONNRESET|EPIPE|socket hang up/i.test(detail)) return 'sync.network.reset';
  if (detail === 'intake_failed' || detail === 'no_answer') return `sync.network.${detail}`;
  return 'sync.network.other';
}

function uploadFailure(error: unknown, url: string, language: Language = 'zh-CN'): unknown {
  if (!(error instanceof UploadError)) return error;
  switch (error.failure) {
    case 'aborted':
      return new ContractFailure('CANCELLED');
    case 'refused':
      return invalidInput(['url'], 'sync.upload_refused', { reason: error.detail, url });
    case 'corrupted':
      return invalidInput(['url'], 'sync.upload_corrupted', { url });
    default:
      // What the network said (ECONNREFUSED …), or the bureau's side: intake_failed, no_answer.
      return invalidInput(['url'], 'sync.upload_failed', { detail: translate(language, networkDetail(error.failure === 'network' ? error.detail : error.failure)), url });
  }
}
