/**
 * 导出到U盘或文件夹: the bundles go into a folder the clerk chose (a USB drive). Each file is written
 * under a temporary name, fsynced, read back and checked against its hash, and only then renamed to
 * its real name; the outbox marks it exported after that. A pulled stick or a full disk leaves no file
 * under a bundle's name and nothing marked: the next export writes it again.
 */
import fs from 'node:fs';
import type { Ctx, JobControl } from '../../context';
import type { SyncTable } from '../../feature';
import { ContractFailure, invalidInput } from '../../errors';
import { chosenFolder } from '../../files';
import { isPermissionRefusal, storageFailure } from '../../disk-errors';
import { recordAudit } from '../../audit';
import { VerifyFailed, writeVerified } from '../files';
import { requireEnrollment } from './enroll';
import { makeBundle } from './outbox';
import { markExported, outboxContent, unacknowledged, type OutboxRow } from './repository';

/** A failed write to the chosen folder as something the clerk can act on. */
function writeFailure(error: unknown, folder: string): unknown {
  if (error instanceof VerifyFailed) return invalidInput(['folder'], 'sync.verify_failed', { folder });
  const storage = storageFailure(error);
  if (storage) return storage;
  if (isPermissionRefusal(error)) return invalidInput(['folder'], 'sync.folder_refused', { folder });
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (/^(ENOENT|EIO|ENODEV|ENXIO|EROFS|ENOTDIR)$/.test(code)) return invalidInput(['folder'], 'sync.folder_gone', { folder });
  return error;
}

export async function exportToFolder(ctx: Ctx, job: JobControl, tables: readonly SyncTable[], input: { folder: string }) {
  const enrollment = requireEnrollment(ctx, ['folder']);
  const folder = chosenFolder(ctx, input.folder, ['folder']);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw invalidInput(['folder'], 'sync.folder_gone', { folder });
  const made = await makeBundle(ctx, tables, enrollment);
  const pending = unacknowledged(ctx.db);
  const written: { row: OutboxRow; file: string }[] = [];
  let done = 0;
  for (const row of pending) {
    await job.checkpoint(done, pending.length);
    // One bundle's bytes in memory at a time.
    const content = outboxContent(ctx.db, row.sequence);
    if (!content) continue;
    let file: string;
    try {
      file = writeVerified(folder, row.file_name, content, row.sha256);
    } catch (error) {
      // Bundles written before the failure stay marked; this one and the rest do not.
      throw writeFailure(error, folder);
    }
    ctx.db.transaction(() => {
      markExported(ctx.db, row.sequence, new Date().toISOString(), folder);
      recordAudit(ctx, 'sync.export', { sequence: row.sequence, bytes: row.bytes, file: row.file_name });
    })();
    written.push({ row, file });
    done += 1;
  }
  await job.checkpoint(done, pending.length);
  const fresh = made ? written.find((w) => w.row.sequence === made.sequence) : undefined;
  if (made && !fresh) throw new ContractFailure('INTERNAL');
  return {
    file: fresh?.file ?? null,
    sequence: made?.sequence ?? null,
    changes: made?.changes ?? 0,
    bytes: fresh?.row.bytes ?? 0,
    resent: written.filter((w) => w !== fresh).map((w) => ({ file: w.file, sequence: w.row.sequence, bytes: w.row.bytes })),
  };
}
