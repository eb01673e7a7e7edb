/**
 * 断点续传 An office sends one bundle to the bureau's upload service (./server.ts) with tus-js-client
 * over node:http. The upload's address is kept by the caller (`resume`: the outbox row) as soon as
 * the server gives it, so an upload cut off by a dropped network, a stopped server or a closed app
 * resumes from the server's offset — tus-js-client retries with backoff within one attempt, and the
 * next attempt starts from the stored address. A connection on which nothing moves for `stallMs` is
 * cut (and retried) rather than left hanging.
 *
 * A bundle counts as sent only when the bureau answers that the whole file arrived with the SHA-256
 * the office declared (the server hashes what it holds; the client compares that hash too) and the
 * intake has said what it did with it. That answer comes in the final PATCH's headers, or, when the
 * final response was lost or the bundle was already there, from GET /status/<bundle>.
 */
import type { ClientRequest } from 'node:http';
import { DefaultHttpStack, Upload, type HttpRequest, type HttpResponse, type HttpStack } from 'tus-js-client';
import { bundleHeadOf, readBundleHead, type IntakeStatus } from '../format';
import { FILES_PATH, OUTCOME_HEADERS, STATUS_PATH, type BundleUploadState } from './protocol';

/** Where the caller keeps the upload's address between attempts (and app restarts). */
export interface UploadResumeStore {
  load(): string | null;
  save(url: string): void;
  clear(): void;
}

export interface UploadBundleInput {
  /** The bureau's upload address (`http://host:port/`, or under a path behind a proxy). */
  url: string;
  /** The whole .cdbundle file, byte for byte as the outbox keeps it. */
  file: Buffer;
  fileName: string;
  /** The file's SHA-256 as the office recorded it when it made the bundle. */
  sha256: string;
  resume: UploadResumeStore;
  signal?: AbortSignal;
  onProgress?(sent: number, total: number): void;
  /** Delays before each retry of a failed request (tus-js-client's backoff); reset whenever bytes got through. */
  retryDelays?: number[];
  /** Bytes per PATCH request: each one the server acknowledges is kept even if a later one fails. */
  chunkSize?: number;
  stallMs?: number;
  /** How long to wait for the intake's answer once every byte is there. */
  answerTimeoutMs?: number;
}

export interface UploadedBundle {
  status: IntakeStatus;
  reason?: string;
  /** The hash the bureau computed over what it received (equal to the declared one). */
  sha256: string;
  /** Payload bytes this call put on the wire (0 when the bureau already had the bundle). */
  bytesSent: number;
  /** The server's offset this call started from (the file's length when nothing was sent). */
  resumedFrom: number;
}

export type UploadFailure = 'network' | 'refused' | 'corrupted' | 'intake_failed' | 'no_answer' | 'aborted';

export class UploadError extends Error {
  constructor(
    readonly failure: UploadFailure,
    /** The server's reason (a code under sync.reasons) or what the network said. */
    readonly detail: string,
  ) {
    super(`${failure}: ${detail}`);
    this.name = 'UploadError';
  }
}

/** The server no longer has the upload (expired, or its folder was lost): the next attempt creates a new one. */
const UPLOAD_GONE = 'upload_gone';

export const DEFAULT_RETRY_DELAYS = [0, 1_000, 3_000, 10_000, 30_000];
const DEFAULT_CHUNK = 8 * 1024 * 1024;

/** The base address with a trailing slash, so `files` and `status/…` resolve under any path prefix. */
function baseOf(url: string): URL {
  const base = new URL(url);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base;
}

export async function uploadBundle(input: UploadBundleInput): Promise<UploadedBundle> {
  const base = baseOf(input.url);
  const { header } = readBundleHead(bundleHeadOf(input.file));
  const bundleId = header.bundleId;
  const waitMs = input.answerTimeoutMs ?? 10 * 60_000;

  // Already there (an earlier attempt finished but never heard the answer)? Then no byte goes again.
  const before = await bundleState(base, bundleId, input.signal).catch(() => undefined);
  const known = before?.state === 'checking' ? await awaitAnswer(base, bundleId, input.signal, waitMs).catch(() => undefined) : before;
  if (known?.state === 'done' && known.sha256 === input.sha256) {
    input.resume.clear();
    return { status: known.status, ...(known.reason ? { reason: known.reason } : {}), sha256: known.sha256, bytesSent: 0, resumedFrom: input.file.length };
  }

  let sent: Sent;
  try {
    sent = await sendWithTus(base, input);
  } catch (error) {
    // Refused, dropped after the last byte, or gone from the server: that upload is over, the next attempt starts anew.
    if (error instanceof UploadError && (error.failure !== 'network' || error.detail === UPLOAD_GONE) && error.failure !== 'aborted') input.resume.clear();
    throw error;
  }
  const answered = answerIn(sent.lastResponse) ?? (await awaitAnswer(base, bundleId, input.signal, waitMs));
  if (answered.state === 'done') {
    if (answered.sha256 !== input.sha256) {
      input.resume.clear();
      throw new UploadError('corrupted', 'hash_mismatch');
    }
    input.resume.clear();
    return { status: answered.status, ...(answered.reason ? { reason: answered.reason } : {}), sha256: answered.sha256, bytesSent: sent.bytesSent, resumedFrom: sent.resumedFrom };
  }
  // Refused after the last byte, or no answer: the next attempt starts a new upload.
  input.resume.clear();
  if (answered.state === 'refused') throw new UploadError(answered.reason === 'hash_mismatch' ? 'corrupted' : 'intake_failed', answered.reason);
  throw new UploadError('no_answer', answered.state);
}

function answerIn(response: HttpResponse): BundleUploadState | undefined {
  const status = response.getHeader(OUTCOME_HEADERS.status);
  const sha256 = response.getHeader(OUTCOME_HEADERS.sha256);
  if (!status || !sha256) return undefined;
  const reason = response.getHeader(OUTCOME_HEADERS.reason);
  return { state: 'done', status: status as IntakeStatus, sha256, ...(reason ? { reason } : {}) };
}

async function bundleState(base: URL, bundleId: string, signal: AbortSignal | undefined): Promise<BundleUploadState> {
  const timeout = AbortSignal.timeout(30_000);
  const response = await fetch(new URL(`${STATUS_PATH.slice(1)}${bundleId}`, base), { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  if (response.status !== 200 && response.status !== 404) throw new Error(`status ${response.status}`);
  return (await response.json()) as BundleUploadState;
}

/** Every byte is there: ask until the intake has answered (or the wait runs out). */
async function awaitAnswer(base: URL, bundleId: string, signal: AbortSignal | undefined, waitMs: number): Promise<BundleUploadState> {
  const until = Date.now() + waitMs;
  let delay = 200;
  let last: BundleUploadState = { state: 'unknown' };
  for (;;) {
    if (signal?.aborted) throw new UploadError('aborted', 'cancelled');
    try {
      last = await bundleState(base, bundleId, signal);
      if (last.state === 'done' || last.state === 'refused') return last;
    } catch {
      if (signal?.aborted) throw new UploadError('aborted', 'cancelled');
      last = { state: 'unknown' };
    }
    if (Date.now() + delay > until) return last;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 5_000);
  }
}

interface Sent {
  lastResponse: HttpResponse;
  bytesSent: number;
  resumedFrom: number;
}

function sendWithTus(base: URL, input: UploadBundleInput): Promise<Sent> {
  const endpoint = new URL(FILES_PATH.slice(1), base).href;
  const stack = new WatchedStack(new DefaultHttpStack({}), input.stallMs ?? 60_000);
  // An address from another server (the bureau moved) is not resumed.
  const stored = input.resume.load();
  const uploadUrl = stored && new URL(stored).origin === new URL(endpoint).origin ? stored : null;
  const head = bundleHeadOf(input.file);
  return new Promise<Sent>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      input.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const upload = new Upload(input.file, {
      endpoint,
      uploadUrl,
      uploadSize: input.file.length,
      metadata: { head: head.toString('utf8'), sha256: input.sha256, filename: input.fileName },
      chunkSize: input.chunkSize ?? DEFAULT_CHUNK,
      retryDelays: input.retryDelays ?? DEFAULT_RETRY_DELAYS,
      // The address lives in the outbox (input.resume), not in tus-js-client's own storage.
      storeFingerprintForResuming: false,
      fingerprint: async () => `civicdesk-bundle-${input.sha256}`,
      httpStack: stack,
      onUploadUrlAvailable: () => {
        if (upload.url) input.resume.save(upload.url);
      },
      onProgress: (sentBytes, total) => input.onProgress?.(sentBytes, total),
      onSuccess: ({ lastResponse }) => settle(() => resolve({ lastResponse, bytesSent: stack.bytesSent, resumedFrom: stack.firstOffset ?? input.file.length })),
      onError: (error) => settle(() => reject(toUploadError(error))),
    });
    const onAbort = () => {
      void upload.abort();
      settle(() => reject(new UploadError('aborted', 'cancelled')));
    };
    if (input.signal?.aborted) return onAbort();
    input.signal?.addEventListener('abort', onAbort, { once: true });
    upload.start();
  });
}

function toUploadError(error: Error): UploadError {
  const response = 'originalResponse' in error ? (error as { originalResponse: HttpResponse | null }).originalResponse : null;
  const status = response?.getStatus() ?? 0;
  const body = (response?.getBody() ?? '').trim().slice(0, 100);
  if (status === 413) return new UploadError('refused', 'too_large');
  if (status === 403) return new UploadError('refused', body || 'forbidden');
  if (status === 422) return new UploadError(body === 'hash_mismatch' ? 'corrupted' : 'intake_failed', body || 'unprocessable');
  if (status === 404 || status === 410) return new UploadError('network', UPLOAD_GONE);
  const cause = 'causingError' in error ? (error as { causingError: Error | null }).causingError : null;
  const said = cause?.message ?? (status ? `HTTP ${status}` : error.message);
  return new UploadError('network', said.replace(/^tus: /, ''));
}

/**
 * tus-js-client's node:http stack, watched: a socket on which nothing moves for `stallMs` is cut (the
 * client retries and resumes), and the PATCH bodies are counted (what this call put on the wire).
 */
class WatchedStack implements HttpStack {
  bytesSent = 0;
  firstOffset: number | undefined;
  constructor(
    private readonly inner: HttpStack,
    private readonly stallMs: number,
  ) {}

  getName(): string {
    return 'civicdesk-node';
  }

  createRequest(method: string, url: string): HttpRequest {
    const request = this.inner.createRequest(method, url);
    const send = request.send.bind(request);
    request.send = (body: unknown) => {
      if (method === 'PATCH') {
        this.firstOffset ??= Number(request.getHeader('Upload-Offset'));
        if (body instanceof Uint8Array) this.bytesSent += body.length;
      }
      const sending = send(body);
      const raw = request.getUnderlyingObject() as ClientRequest | null;
      raw?.setTimeout(this.stallMs, () => raw.destroy(new Error(`no progress for ${Math.round(this.stallMs / 1000)} s`)));
      return sending;
    };
    return request;
  }
}
