/**
 * 断点续传 The bureau's upload service: the tus resumable-upload protocol (@tus/server over a
 * FileStore) on a plain node:http server, bound to the address it is given (127.0.0.1 unless told).
 *
 *   POST  /files            create an upload. Upload-Length is required (no deferred length) and the
 *                           Upload-Metadata must carry `head` (the bundle's first three lines) and
 *                           `sha256` (the whole file's hash); `verifyCreate` (the bureau's enrolled
 *                           offices, see admission.ts) decides before a byte is taken: 403 + reason.
 *   HEAD  /files/<id>       the upload's offset (resume from there)
 *   PATCH /files/<id>       append bytes at the offset
 *   GET   /status/<bundle>  what became of a bundle: {state: unknown|checking|done|refused, …}
 *
 * When the last byte lands, the file's SHA-256 must equal the declared one and the file must start
 * with the admitted head (an end-to-end check: what the office hashed is what the bureau holds).
 * Then `onComplete` (the intake) runs, one upload at a time, and its status goes back in the final
 * PATCH's response headers (`CivicDesk-Intake-Status`, `-Reason`, `CivicDesk-Sha256`) and in
 * /status/<bundle>, kept on disk, for a client whose final response was lost. A mismatch or a failed
 * intake answers 422 with the reason as the body and drops the upload (the office sends it again).
 * GET of an upload's bytes and DELETE are not offered: nobody reads or ends another office's upload.
 *
 * On disk, under `dir`: files/ (the tus store: `<id>` and `<id>.json`), outcomes/<bundle>.json,
 * received/ (the finished file under the bundle's own name while the intake reads it). At start, a
 * finished upload the intake never saw (the server stopped first) is taken in; finished uploads are
 * dropped two days after their outcome, unfinished ones after a week.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Upload } from '@tus/server';
import type { Logger } from '../../log';
import { MAX_BUNDLE_BYTES, readBundleHead, type BundleHeader } from '../format';
import { bundleFileName } from '../office/outbox';
import { FILES_PATH, OUTCOME_HEADERS, STATUS_PATH, type BundleUploadState, type UploadIntake } from './protocol';

const DAY = 24 * 60 * 60 * 1000;
const BUNDLE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/;

export interface UploadServerOptions {
  /** 127.0.0.1 unless given: the bureau chooses to open it to its network. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** `<bureau db folder>/uploads`. */
  dir: string;
  /** May an upload of `uploadLength` bytes starting with `head` begin? (admitUpload over the bureau's database) */
  verifyCreate(head: Buffer, uploadLength: number): { ok: true; header: BundleHeader } | { ok: false; reason: string };
  /** Take in a whole, hash-checked bundle file (the intake); throws when it could not run at all. */
  onComplete(file: string, bundle: { header: BundleHeader; sha256: string }): Promise<UploadIntake>;
  maxBytes?: number;
  log?: Logger;
  /** How long a finished upload stays once its outcome is known, and an unfinished one at most. */
  keepFinishedMs?: number;
  keepUnfinishedMs?: number;
}

export interface UploadServer {
  /** `http://host:port/`: what an office configures as the bureau's upload address. */
  url: string;
  host: string;
  port: number;
  /** Stop taking requests, cut open uploads (they resume later), wait for an intake under way. */
  close(): Promise<void>;
}

/** A refusal as @tus/server sends it: its status and body. */
class Refusal extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body.trim());
  }
}

interface SavedOutcome {
  state: BundleUploadState;
  uploadId: string;
  at: string;
}

/** Listen on `host:port` and serve uploads into `dir` until close(). */
export async function startUploadServer(options: UploadServerOptions): Promise<UploadServer> {
  // @tus/server and @tus/file-store are ES modules: loaded when a bureau serves, never by an office.
  const { Server } = await import('@tus/server');
  const { FileStore } = await import('@tus/file-store');
  const host = options.host ?? '127.0.0.1';
  const maxBytes = options.maxBytes ?? MAX_BUNDLE_BYTES;
  const log = options.log;
  const filesDir = path.join(options.dir, 'files');
  const outcomesDir = path.join(options.dir, 'outcomes');
  const receivedDir = path.join(options.dir, 'received');
  for (const dir of [filesDir, outcomesDir, receivedDir]) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  // Listen first: a port that cannot be had is refused before anything else is set up.
  // eslint-disable-next-line prefer-const -- the handler above it reads it; it is set once the store exists, after listening
  let tus: InstanceType<typeof Server> | undefined;
  const server = http.createServer((req, res) => {
    if (!tus) return answer(res, 503, { error: 'starting' });
    const pathname = new URL(req.url ?? '/', 'http://upload').pathname;
    if (req.method === 'GET' && pathname.startsWith(STATUS_PATH)) {
      const bundleId = pathname.slice(STATUS_PATH.length);
      if (!BUNDLE_ID.test(bundleId)) return answer(res, 404, { state: 'unknown' });
      return answer(res, 200, status(bundleId.toLowerCase()));
    }
    if (pathname !== FILES_PATH && !pathname.startsWith(`${FILES_PATH}/`)) return answer(res, 404, { error: 'not_found' });
    if (req.method === 'GET' || req.method === 'DELETE') return answer(res, 405, { error: 'not_allowed' });
    tus.handle(req, res).catch((error: unknown) => {
      log?.error(`upload request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) answer(res, 500, { error: 'internal' });
      else res.destroy();
    });
  });
  // A connection with nothing moving for two minutes is gone (the client resumes from the offset).
  server.setTimeout(120_000, (socket) => socket.destroy());
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const store = new FileStore({ directory: filesDir, expirationPeriodInMilliseconds: options.keepUnfinishedMs ?? 7 * DAY });
  const checking = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  const outcomeFile = (bundleId: string) => path.join(outcomesDir, `${bundleId}.json`);
  /** Present once this upload was taken in (its outcome is its bundle's). */
  const takenMarker = (uploadId: string) => path.join(outcomesDir, `${uploadId}.taken`);
  const readOutcome = (bundleId: string): SavedOutcome | undefined => {
    try {
      return JSON.parse(fs.readFileSync(outcomeFile(bundleId), 'utf8')) as SavedOutcome;
    } catch {
      return undefined;
    }
  };
  const writeOutcome = (bundleId: string, uploadId: string, state: BundleUploadState) => {
    const temp = `${outcomeFile(bundleId)}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify({ state, uploadId, at: new Date().toISOString() } satisfies SavedOutcome), { mode: 0o600 });
    fs.renameSync(temp, outcomeFile(bundleId));
  };

  /** Hash-check a finished upload and hand it to the intake; one at a time (the intake writes the database). */
  const finish = (upload: Upload): Promise<BundleUploadState> => {
    const run = queue.then(() => finishOne(upload));
    queue = run.catch(() => undefined);
    return run;
  };

  const finishOne = async (upload: Upload): Promise<BundleUploadState> => {
    const meta = upload.metadata ?? {};
    const head = Buffer.from(meta.head ?? '', 'utf8');
    const { header } = readBundleHead(head);
    const bundleId = header.bundleId;
    const file = upload.storage?.path ?? path.join(filesDir, upload.id);
    // This very upload was taken in before (the start-up sweep and a last PATCH may meet here).
    if (fs.existsSync(takenMarker(upload.id))) return readOutcome(bundleId)?.state ?? { state: 'unknown' };
    checking.add(bundleId);
    try {
      const { sha256, startsWith } = await hashFile(file, head);
      if (sha256 !== meta.sha256 || !startsWith) {
        log?.warn(`upload ${upload.id} of bundle ${bundleId} (${header.office} #${header.sequence}) does not match its declared hash: dropped`);
        const refused: BundleUploadState = { state: 'refused', reason: 'hash_mismatch' };
        writeOutcome(bundleId, upload.id, refused);
        await store.remove(upload.id).catch(() => undefined);
        return refused;
      }
      const received = path.join(receivedDir, bundleFileName(header.office, header.sequence, bundleId));
      fs.rmSync(received, { force: true });
      try {
        fs.linkSync(file, received);
      } catch {
        fs.copyFileSync(file, received);
      }
      try {
        const intake = await options.onComplete(received, { header, sha256 });
        const done: BundleUploadState = { state: 'done', sha256, status: intake.status, ...(intake.reason ? { reason: intake.reason } : {}) };
        writeOutcome(bundleId, upload.id, done);
        fs.writeFileSync(takenMarker(upload.id), bundleId, { mode: 0o600 });
        log?.info(`bundle ${header.office} #${header.sequence} uploaded: ${intake.status}${intake.reason ? ` (${intake.reason})` : ''}`);
        return done;
      } catch (error) {
        log?.error(`intake of uploaded bundle ${header.office} #${header.sequence} failed: ${error instanceof Error ? error.message : String(error)}`);
        const refused: BundleUploadState = { state: 'refused', reason: 'intake_failed' };
        writeOutcome(bundleId, upload.id, refused);
        await store.remove(upload.id).catch(() => undefined);
        return refused;
      } finally {
        fs.rmSync(received, { force: true });
      }
    } finally {
      checking.delete(bundleId);
    }
  };

  tus = new Server({
    path: FILES_PATH,
    datastore: store,
    maxSize: maxBytes,
    // Nobody but the uploading office needs its upload's address; GET/DELETE are refused below anyway.
    disableTerminationForFinishedUploads: true,
    async onUploadCreate(_req, upload) {
      const meta = upload.metadata ?? {};
      if (upload.size === undefined) throw new Refusal(403, 'length_required\n');
      if (typeof meta.head !== 'string' || typeof meta.sha256 !== 'string' || !SHA256.test(meta.sha256)) throw new Refusal(403, 'not_a_bundle\n');
      const verdict = options.verifyCreate(Buffer.from(meta.head, 'utf8'), upload.size);
      if (!verdict.ok) {
        log?.warn(`upload refused: ${verdict.reason}`);
        throw new Refusal(verdict.reason === 'too_large' ? 413 : 403, `${verdict.reason}\n`);
      }
      if (!BUNDLE_ID.test(verdict.header.bundleId)) throw new Refusal(403, 'not_a_bundle\n');
      return { metadata: { head: meta.head, sha256: meta.sha256 } };
    },
    async onUploadFinish(_req, upload) {
      const outcome = await finish(upload);
      if (outcome.state !== 'done') throw new Refusal(422, outcome.state === 'refused' ? outcome.reason : 'intake_failed');
      return {
        headers: {
          [OUTCOME_HEADERS.status]: outcome.status,
          [OUTCOME_HEADERS.sha256]: outcome.sha256,
          ...(outcome.reason ? { [OUTCOME_HEADERS.reason]: outcome.reason } : {}),
        },
      };
    },
  });

  const status = (bundleId: string): BundleUploadState => {
    if (checking.has(bundleId)) return { state: 'checking' };
    return readOutcome(bundleId)?.state ?? { state: 'unknown' };
  };

  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  log?.info(`upload service listening on ${url}`);

  const housekeeping = async () => {
    try {
      await store.deleteExpired();
      const now = Date.now();
      for (const id of await store.configstore.list!()) {
        const upload = await store.getUpload(id).catch(() => undefined);
        if (!upload || upload.size === undefined || upload.offset !== upload.size) continue;
        let bundleId: string;
        try {
          bundleId = readBundleHead(Buffer.from(upload.metadata?.head ?? '', 'utf8')).header.bundleId;
        } catch {
          await store.remove(id).catch(() => undefined);
          continue;
        }
        const taken = fs.statSync(takenMarker(id), { throwIfNoEntry: false });
        if (!taken) {
          // Finished while the server stopped before (or during) its intake: take it in now.
          log?.info(`taking in upload ${id} of bundle ${bundleId}, finished before the service stopped`);
          await finish(upload).catch(() => undefined);
        } else if (now - taken.mtimeMs > (options.keepFinishedMs ?? 2 * DAY)) {
          await store.remove(id).catch(() => undefined);
          fs.rmSync(takenMarker(id), { force: true });
        }
      }
    } catch (error) {
      log?.warn(`upload housekeeping: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const started = housekeeping();
  const timer = setInterval(() => void housekeeping(), 60 * 60 * 1000);
  timer.unref();

  return {
    url,
    host,
    port,
    async close() {
      clearInterval(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await started;
      await queue;
    },
  };
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

/** SHA-256 of the file, read as a stream (a bundle may be hundreds of megabytes), and whether it starts with `head`. */
async function hashFile(file: string, head: Buffer): Promise<{ sha256: string; startsWith: boolean }> {
  const hash = createHash('sha256');
  const first: Buffer[] = [];
  let firstLength = 0;
  for await (const chunk of fs.createReadStream(file)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    if (firstLength < head.length) {
      first.push(bytes.subarray(0, head.length - firstLength));
      firstLength += Math.min(bytes.length, head.length - firstLength);
    }
  }
  return { sha256: hash.digest('hex'), startsWith: firstLength === head.length && Buffer.concat(first).equals(head) };
}
