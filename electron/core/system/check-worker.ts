/**
 * The background database check's own thread (see ./database-check.ts): a second, read-only
 * connection that runs `PRAGMA quick_check` one table at a time and reports after each.
 *
 * Why a thread and not the core's own: quick_check is one synchronous native call, seconds long on a
 * big file, and nothing else in the core thread would run meanwhile. Why table by table: a running
 * native call cannot be interrupted (better-sqlite3 has no sqlite3_interrupt, and terminating a worker
 * waits for the call to return), so a whole-file check could hold up a close or a restore for its full
 * length; one table at most is the wait here. What a per-table check leaves out — the freelist and
 * pages no table uses — is what the full integrity_check of every backup covers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, type PageCipher } from '../db/connection';
import { checkedTables } from './repository';

export interface CheckWorkerData {
  file: string;
  /** The database key (raw bytes); absent for a plain database. */
  key?: Uint8Array;
  cipher?: PageCipher;
  nativeBinding?: string;
}

export type CheckWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; problems: string[]; tables: number }
  | { type: 'failed'; message: string };

/** At most this many problems are kept (a badly damaged file yields thousands). */
const MAX_PROBLEMS = 20;
const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB|IOERR)/;

const isDamage = (error: unknown) => error instanceof Error && 'code' in error && DAMAGE_CODES.test(String(error.code));
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function run(data: CheckWorkerData, post: (m: CheckWorkerMessage) => void): void {
  const db = new Database(data.file, { readonly: true, fileMustExist: true, nativeBinding: data.nativeBinding });
  try {
    if (data.key) applyKey(db, Buffer.from(data.key), data.cipher ? [data.cipher] : undefined);
    // Read in one short statement: the checks below each see their own snapshot.
    const tables = checkedTables(db);
    const problems: string[] = [];
    for (const [i, table] of tables.entries()) {
      post({ type: 'progress', done: i, total: tables.length });
      try {
        const rows = db.pragma(`quick_check("${table.replace(/"/g, '""')}")`) as { quick_check: string }[];
        // One row may hold several newline-separated messages under a '*** in database main ***' heading.
        problems.push(...rows.flatMap((r) => r.quick_check.split('\n')).filter((m) => m !== 'ok' && m.trim() !== '' && !/^\*\*\* in database/.test(m)));
      } catch (error) {
        // A page that fails its AEGIS tag (or SQLite's own checks) as the table is opened.
        if (!isDamage(error)) throw error;
        problems.push(`${table}: ${messageOf(error)}`);
      }
      if (problems.length >= MAX_PROBLEMS) break;
    }
    post({ type: 'done', problems: problems.slice(0, MAX_PROBLEMS), tables: tables.length });
  } catch (error) {
    // The schema itself unreadable is damage too; anything else (a missing file) is a check that could not run.
    if (isDamage(error)) post({ type: 'done', problems: [messageOf(error)], tables: 0 });
    else post({ type: 'failed', message: messageOf(error) });
  } finally {
    db.close();
  }
}

if (parentPort) {
  const port = parentPort;
  run(workerData as CheckWorkerData, (m) => port.postMessage(m));
}
