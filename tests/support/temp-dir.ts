/** Temporary folders for real database files; each test file removes them in afterEach. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

const cleanups: Array<() => Promise<void> | void> = [];

export function makeTempDir(prefix = 'civicdesk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Run something (close a host, stop a worker) when the current test's resources are disposed. */
export function onDispose(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

/** Close hosts and workers, then remove their folders (last registered first). */
export async function disposeTestResources(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!();
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
