/**
 * File steps that survive a crash or a pulled USB stick: data is fsynced before it is renamed into
 * place, and the folder is fsynced after, so a name never points at a half-written file.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Make the folder's entries (a rename, a new file) durable. Windows cannot open a folder: skipped. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on Windows: NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Rename (atomic within one folder/volume), then make it durable. */
export function renameDurable(from: string, to: string): void {
  fs.renameSync(from, to);
  fsyncDir(path.dirname(to));
}

/** Remove a file if it is there; cleaning up must never hide the error that made it necessary. */
export function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // a read-only medium or a file held open by another program: left for the next cleanup
  }
}

/**
 * A work copy of a database and the files SQLite keeps beside it (rollback journal, WAL, WAL index).
 * A journal left by a crash beside a work file's name would otherwise be rolled back into the next
 * copy made under that name (the name carries the process id, which Windows reuses).
 */
export function removeDatabaseQuietly(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) removeQuietly(file + suffix);
}

/**
 * Keep `file` under a second name without copying it: a hard link when the file system has them
 * (NTFS, ext4), a copy otherwise (FAT32). The original name is then free to be replaced.
 */
export function linkOrCopy(file: string, to: string): void {
  try {
    fs.linkSync(file, to);
  } catch {
    fs.copyFileSync(file, to, fs.constants.COPYFILE_EXCL);
  }
}
