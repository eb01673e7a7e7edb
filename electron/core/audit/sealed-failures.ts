/**
 * Wrong sign-ins against a sealed database (encrypted, nobody signed in yet): nothing can be written
 * into it until a key opens it, so each failure goes to a small file beside it (`<db>.sealed-failures`,
 * written whole then renamed, like the key slots) and into the audit trail with the sign-in that
 * opens it. A file rather than memory: guessing at the sign-in screen followed by quitting the app
 * must still leave a trace. It holds user names and times only — no password, no key.
 */
import fs from 'node:fs';
import type { SealedLoginFailure } from '../context';
import { fsyncFile, removeQuietly, renameDurable } from '../durable';

/** Enough to show a burst of guessing without letting it fill the disk while nobody can sign in. */
export const MAX_HELD_FAILURES = 1000;

export const sealedFailuresPath = (dbPath: string) => `${dbPath}.sealed-failures`;

export class SealedFailureStore {
  constructor(private readonly dbPath: string) {}

  /** The failures held so far, oldest first (an unreadable file is treated as empty, not fatal). */
  read(): SealedLoginFailure[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(sealedFailuresPath(this.dbPath), 'utf8'));
      return Array.isArray(parsed) ? (parsed as SealedLoginFailure[]).filter(isFailure) : [];
    } catch {
      return [];
    }
  }

  hold(failure: SealedLoginFailure): void {
    const held = this.read();
    if (held.length >= MAX_HELD_FAILURES) return;
    const file = sealedFailuresPath(this.dbPath);
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify([...held, failure]), { mode: 0o600 });
    fsyncFile(tmp);
    renameDurable(tmp, file);
  }

  /** Everything held, and the file removed: the caller writes them into the audit trail. */
  take(): SealedLoginFailure[] {
    const held = this.read();
    if (held.length) removeQuietly(sealedFailuresPath(this.dbPath));
    return held;
  }
}

function isFailure(x: unknown): x is SealedLoginFailure {
  const f = x as Partial<SealedLoginFailure> | null;
  return !!f && typeof f.username === 'string' && typeof f.at === 'string' && (f.via === 'password' || f.via === 'recoveryKey');
}
