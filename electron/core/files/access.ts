/**
 * Which files a call may read or write. A path in a contract call is something the clerk chose, never
 * a string the page invents:
 *
 * - From the window and the browser preview, a call names a file by a **handle** that main (after a
 *   system dialog) or the preview's path prompt got from the core: opaque, bound to the connection
 *   that asked, single-purpose (read, write, or a folder), and expiring. A path string is refused.
 * - From the CLI (a person at a terminal) a call may name a real path.
 *
 * Either way the core refuses to write over the database and its companions (`-wal`, `-shm`,
 * `-journal`, `.keys`, `.damaged`, a restore's work copies and set-aside files), over any backup, or
 * over an existing file unless the clerk confirmed replacing it in the dialog; and refuses to read the
 * database's companions as a roster. Files it writes are created owner-only (0600).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { invalidInput } from '../errors';
import type { Language } from '../../../shared/i18n';
import { FILE_HANDLE_PREFIX, type ChosenFile, type FileUse } from '../../../shared/contract/file-dialogs';

/** A handle stays usable this long after its last use (a clerk reviews a preview, then imports). */
export const HANDLE_TTL_MS = 30 * 60 * 1000;
/** At most this many live handles per connection; the oldest go first. */
const MAX_HANDLES_PER_CONNECTION = 64;
const BACKUP_EXTENSION = '.cdbak';

interface Grant {
  connectionId: string;
  path: string;
  use: FileUse;
  /** The clerk confirmed replacing an existing file (the save dialog asked). */
  overwrite: boolean;
  expires: number;
}

/** A file a call may use, resolved from a handle or (CLI only) a path. */
export interface ResolvedFile {
  path: string;
  overwrite: boolean;
}

export interface FileAccessOptions {
  /** The database file: it and its companions are protected. */
  dbPath: string;
  /** The automatic backup folder: nothing but a backup is written there. */
  automaticBackups: string;
  /** `terminal`: paths are accepted as given (the CLI). `handles`: only handles (window, preview). */
  mode: 'terminal' | 'handles';
  now?: () => number;
}

export class FileAccess {
  private readonly grants = new Map<string, Grant>();
  private readonly now: () => number;

  constructor(private readonly options: FileAccessOptions) {
    this.now = options.now ?? Date.now;
  }

  get automaticBackups(): string {
    return this.options.automaticBackups;
  }

  get acceptsPaths(): boolean {
    return this.options.mode === 'terminal';
  }

  /**
   * A handle for a path the clerk chose (main after a dialog; the preview after its prompt). The path
   * must be absolute; `overwrite` only means something for `write`.
   */
  grant(connectionId: string, chosen: { path: string; use: FileUse; overwrite?: boolean }): ChosenFile {
    if (!path.isAbsolute(chosen.path) || chosen.path.includes('\0')) throw new Error('a granted path must be absolute');
    const file = path.resolve(chosen.path);
    const overwrite = chosen.use === 'write' && chosen.overwrite === true;
    this.sweep(connectionId);
    // The same choice again (a list refreshed) renews its handle rather than piling up new ones.
    for (const [handle, grant] of this.grants) {
      if (grant.connectionId === connectionId && grant.path === file && grant.use === chosen.use && grant.overwrite === overwrite) {
        grant.expires = this.now() + HANDLE_TTL_MS;
        return { handle, name: path.basename(file), path: file };
      }
    }
    const handle = FILE_HANDLE_PREFIX + randomBytes(24).toString('base64url');
    this.grants.set(handle, {
      connectionId,
      path: file,
      use: chosen.use,
      overwrite,
      expires: this.now() + HANDLE_TTL_MS,
    });
    return { handle, name: path.basename(file), path: file };
  }

  /**
   * The file a call names by `ref`, for `use`; INVALID_INPUT on `field` when it is not a live handle
   * of this connection for that use (or, from the CLI, not a usable path).
   */
  resolve(connectionId: string, ref: string, use: FileUse, field: (string | number)[], language: Language = 'en'): ResolvedFile {
    if (!ref.startsWith(FILE_HANDLE_PREFIX)) {
      if (!this.acceptsPaths) throw invalidInput(field, 'files.not_chosen', {}, { language });
      return { path: path.resolve(ref), overwrite: false };
    }
    const grant = this.grants.get(ref);
    if (!grant || grant.connectionId !== connectionId) throw invalidInput(field, 'files.not_chosen', {}, { language });
    if (grant.expires <= this.now()) {
      this.grants.delete(ref);
      throw invalidInput(field, 'files.expired', { file: path.basename(grant.path) }, { language });
    }
    if (grant.use !== use) throw invalidInput(field, 'files.wrong_use', { file: path.basename(grant.path) }, { language });
    if (use === 'write') {
      // A write handle is used once: a second call would write over what the first wrote.
      this.grants.delete(ref);
    } else {
      grant.expires = this.now() + HANDLE_TTL_MS;
    }
    return { path: grant.path, overwrite: grant.overwrite };
  }

  /** Forget a connection's handles (its window closed, its client went away). */
  forget(connectionId: string): void {
    for (const [handle, grant] of this.grants) if (grant.connectionId === connectionId) this.grants.delete(handle);
  }

  /** Is `file` the database or one of its companions (`-wal`, `.keys`, a restore's work copy …)? */
  isDatabaseFile(file: string): boolean {
    const target = realPath(file);
    const db = realPath(this.options.dbPath);
    return samePath(path.dirname(target), path.dirname(db)) && fold(path.basename(target)).startsWith(fold(path.basename(db)));
  }

  private sweep(connectionId: string): void {
    const now = this.now();
    const mine: string[] = [];
    for (const [handle, grant] of this.grants) {
      if (grant.expires <= now) this.grants.delete(handle);
      else if (grant.connectionId === connectionId) mine.push(handle);
    }
    // Map order is insertion order: the oldest handles of this connection go first.
    for (const handle of mine.slice(0, Math.max(0, mine.length - MAX_HANDLES_PER_CONNECTION + 1))) this.grants.delete(handle);
  }
}

export interface FileCheck {
  access: FileAccess;
  /** The automatic backup folder: nothing but a backup is written there (unset: not checked). */
  automaticBackups?: string;
  language?: Language;
  field: (string | number)[];
}

/**
 * Refuse writing `file` (a new file, or replacing one) when it is the database or a companion, in
 * the automatic backup folder, a backup, a folder, or an existing file the clerk did not confirm
 * replacing.
 */
export function checkWrite(file: ResolvedFile, check: FileCheck): void {
  const { access, automaticBackups, language = 'en', field } = check;
  const name = path.basename(file.path);
  if (access.isDatabaseFile(file.path) || (automaticBackups !== undefined && isInside(realPath(file.path), realPath(automaticBackups)))) {
    throw invalidInput(field, 'files.protected', { file: name }, { language });
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file.path);
  } catch {
    stat = undefined;
  }
  if (!stat) return;
  if (stat.isDirectory()) throw invalidInput(field, 'files.is_folder', { file: name }, { language });
  if (path.extname(file.path).toLowerCase() === BACKUP_EXTENSION) throw invalidInput(field, 'files.protected', { file: name }, { language });
  if (!file.overwrite) throw invalidInput(field, 'files.exists', { file: name }, { language });
}

/** Refuse reading the database's own files as a roster (their bytes are nobody's business). */
export function checkRead(file: ResolvedFile, check: Omit<FileCheck, 'automaticBackups'>): void {
  const { access, language = 'en', field } = check;
  if (access.isDatabaseFile(file.path)) throw invalidInput(field, 'files.protected', { file: path.basename(file.path) }, { language });
}

/** Owner-only: an export carries residents' names and, for some roles, full ID numbers. */
export const OWNER_ONLY = 0o600;

/**
 * The path as the file system resolves it: links followed as far as the path exists, the part that
 * does not exist yet (a new file, a new folder in it) kept as written — so a link cannot lead a path
 * out of a folder or onto a protected file.
 */
export function realPath(file: string): string {
  let existing = path.resolve(file);
  let rest = '';
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(existing), rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(file);
      rest = path.join(path.basename(existing), rest);
      existing = parent;
    }
  }
}

/** Windows and macOS compare names without case; Linux does not. */
function fold(name: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? name.toLowerCase() : name;
}

function samePath(a: string, b: string): boolean {
  return fold(path.resolve(a)) === fold(path.resolve(b));
}

/** Is `file` `folder` or inside it (both as given: pass them through realPath first)? */
export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(fold(folder), fold(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
