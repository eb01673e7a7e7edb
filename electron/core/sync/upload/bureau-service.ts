/**
 * The bureau's upload service over its own database: `civicdesk bureau serve` starts it with the
 * database its signed-in session opened. Admission reads the enrolled offices (admission.ts); a
 * finished upload goes through the same intake as a USB file (`importFile`: the CLI runs the
 * `bureau.import` job through its session, so the intake's permission check and audit apply).
 */
import path from 'node:path';
import type { Db } from '../../db/connection';
import type { Logger } from '../../log';
import type { IntakeResult } from '../../../../shared/contract/sync';
import { requireBureau } from '../bureau/enroll';
import { admitUpload } from './admission';
import { startUploadServer, type UploadServer } from './server';

export interface BureauUploadOptions {
  /** The bureau's open database, at the moment of asking. */
  db(): Db;
  /** Take in one bundle file; its result as `bureau.import` gives it. */
  importFile(file: string): Promise<IntakeResult>;
  host?: string;
  port: number;
  /** Default: `uploads` beside the database file. */
  dir?: string;
  dbPath: string;
  maxBytes?: number;
  log?: Logger;
}

/** Where a bureau keeps uploads: a folder beside its database file (never the database's own companions). */
export function uploadsDirFor(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'uploads');
}

export async function serveBureauUploads(options: BureauUploadOptions): Promise<UploadServer & { dir: string }> {
  requireBureau({ db: options.db() }, ['db']);
  const dir = options.dir ?? uploadsDirFor(options.dbPath);
  const server = await startUploadServer({
    host: options.host,
    port: options.port,
    dir,
    maxBytes: options.maxBytes,
    log: options.log,
    verifyCreate: (head, length) => admitUpload(options.db(), head, length, options.maxBytes),
    onComplete: async (file) => {
      const result = await options.importFile(file);
      return { status: result.status, ...(result.reason ? { reason: result.reason } : {}) };
    },
  });
  return { ...server, dir };
}
