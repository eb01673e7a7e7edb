/**
 * What features use to name files in calls: `readableFile`, `writableFile`, `chosenFolder` resolve a
 * handle (or, from the CLI, a path) and apply the core's refusals (./access.ts).
 */
import type { Ctx } from '../context';
import type { Language } from '../../../shared/i18n';
import { checkRead, checkWrite, type ResolvedFile } from './access';

export { FileAccess, HANDLE_TTL_MS, OWNER_ONLY, checkWrite, isInside, realPath, type ResolvedFile } from './access';

type Field = (string | number)[];

/** A file the clerk chose to read (a roster): not one of the database's own files. */
export function readableFile(ctx: Pick<Ctx, 'connectionId' | 'services'>, ref: string, field: Field, language?: Language): string {
  const access = ctx.services.files;
  const file = access.resolve(ctx.connectionId, ref, 'read', field, language);
  checkRead(file, { access, field, language });
  return file.path;
}

/** A backup the clerk chose to inspect or restore (read; it may sit in the automatic backup folder). */
export function chosenBackup(ctx: Pick<Ctx, 'connectionId' | 'services'>, ref: string, field: Field, language?: Language): string {
  return ctx.services.files.resolve(ctx.connectionId, ref, 'read', field, language).path;
}

/** A file the clerk chose to write: refused over the database's files, a backup, or an unconfirmed existing file. */
export function writableFile(ctx: Pick<Ctx, 'connectionId' | 'services'>, ref: string, field: Field, language?: Language): ResolvedFile {
  const access = ctx.services.files;
  const file = access.resolve(ctx.connectionId, ref, 'write', field, language);
  checkWrite(file, { access, automaticBackups: access.automaticBackups, field, language });
  return file;
}

/** A folder the clerk chose (backups to a USB drive; the list of backups in it). */
export function chosenFolder(ctx: Pick<Ctx, 'connectionId' | 'services'>, ref: string, field: Field, language?: Language): string {
  return ctx.services.files.resolve(ctx.connectionId, ref, 'folder', field, language).path;
}
