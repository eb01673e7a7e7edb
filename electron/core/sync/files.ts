/**
 * Writing a sync file (bundle, receipt) into a folder the clerk chose, so that its name only ever
 * holds the whole, verified file: temporary name, fsync, read back and compare the hash, rename.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, removeQuietly } from '../durable';
import { sha256 } from './format';
import { invalidInput } from '../errors';

/** Write `content` as `folder/name` so that the name only ever holds the whole, verified file. */
export function writeVerified(folder: string, name: string, content: Buffer, expectedSha: string): string {
  const target = path.join(folder, name);
  // Already there and whole (an earlier export of the same bundle): nothing to do.
  try {
    if (fs.statSync(target).size === content.length && sha256(fs.readFileSync(target)) === expectedSha) return target;
  } catch {
    // not there, or unreadable: write it
  }
  const temp = path.join(folder, `.${name}.partial-${process.pid}`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'w');
    let at = 0;
    while (at < content.length) at += fs.writeSync(fd, content, at, content.length - at);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    // Read back what the medium holds, not what the cache remembers writing: a bad stick shows here.
    const back = fs.readFileSync(temp);
    if (back.length !== content.length || sha256(back) !== expectedSha) throw new VerifyFailed();
    fs.renameSync(temp, target);
    fsyncDir(folder);
    return target;
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // the medium is gone
      }
    }
    removeQuietly(temp);
    throw error;
  }
}

export class VerifyFailed extends Error {
  constructor() {
    super('the copy read back differs from the bundle');
  }
}


/** Read a file the clerk chose; one that is not there (a typo, a stick pulled) is refused on its field, not an internal error. */
export function readChosenFile(file: string, field: (string | number)[], maxBytes: number): Buffer {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (stat.size > maxBytes) throw invalidInput(field, 'sync.file_too_large', { file: path.basename(file) });
    return fs.readFileSync(file);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
    if (/^(ENOENT|EISDIR|ENOTDIR|EACCES|EPERM|EIO)$/.test(code)) throw invalidInput(field, 'sync.file_not_found', { file });
    throw error;
  }
}
