/**
 * For the upload tests: the bureau's real upload service over a test bureau's database (127.0.0.1,
 * a free port), a TCP proxy that cuts the line after a given number of bytes, and raw tus requests.
 */
import { gzipSync } from 'node:zlib';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { IntakeResult } from '../../shared/contract/sync';
import type { MethodOutput } from '../../shared/contract';
import { SYNC_TABLES } from '../../electron/core/registry';
import { uploadToBureau, type UploadTuning } from '../../electron/core/sync/office/upload';
import { ADMIN_PASSWORD, login, newConnection, SETUP_INPUT, type TestOffice } from './office';
import { createTestHost } from './test-host';

import { admitUpload } from '../../electron/core/sync/upload/admission';
import { startUploadServer, type UploadServer } from '../../electron/core/sync/upload/server';
import type { UploadIntake } from '../../electron/core/sync/upload/protocol';
import crypto, { randomBytes } from 'node:crypto';
import { sealBundle, sha256, type BundleHeader } from '../../electron/core/sync/format';
import { readSecret, SECRET } from '../../electron/core/sync/secrets';
import { enrollmentOf } from '../../electron/core/sync/office/repository';
import { bundleFileName } from '../../electron/core/sync/office/outbox';
import type { UploadResumeStore } from '../../electron/core/sync/upload/client';
import { serveBureauUploads } from '../../electron/core/sync';
import { expectOk } from './results';
import { makeTempDir, onDispose } from './temp-dir';
import type { TestBureau, TestSyncOffice } from './sync';

/** Backoff and waits short enough for a test; the app's defaults are seconds to minutes. */
export const QUICK: UploadTuning = { retryDelays: [0, 20, 50], stallMs: 5_000, answerTimeoutMs: 5_000 };

/**
 * An enrolled office (as tests/support/sync.ts makes one) whose `sync.upload` job runs the real job
 * with `tuning` instead of the app's backoff.
 */
export async function enrolledOfficeTuned(bureau: TestBureau, tuning: UploadTuning = QUICK, code = SETUP_INPUT.office.code, name = SETUP_INPUT.office.name): Promise<TestSyncOffice> {
  const dir = makeTempDir('civicdesk-office-');
  const t = createTestHost({
    dir,
    dbPath: path.join(dir, 'office.civicdesk'),
    handlerOverrides: { 'sync.upload': (input, ctx, job) => uploadToBureau(ctx, job, SYNC_TABLES, input, tuning) },
  });
  expectOk(await t.call(newConnection('setup'), 'office.setup', { ...SETUP_INPUT, office: { ...SETUP_INPUT.office, code, name } }));
  const adminConn = newConnection('admin');
  const session = await login(t, adminConn, 'admin', ADMIN_PASSWORD);
  const office: TestOffice = { admin: { username: 'admin', password: ADMIN_PASSWORD, userId: session.userId }, adminConn };
  const file = path.join(dir, `${code}.cdenroll`);
  const enrolled = expectOk(await bureau.t.call(bureau.conn, 'bureau.enroll', { officeCode: code, officeName: name, out: file }));
  expectOk(await t.call(adminConn, 'sync.enroll', { file, code: enrolled.oneTimeCode }));
  return { t, office, code };
}

export interface Taken {
  file: string;
  bytes: Buffer;
  header: BundleHeader;
}

export interface TestUploadServer {
  server: UploadServer;
  dir: string;
  /** What reached onComplete, in order. */
  taken: Taken[];
  close(): Promise<void>;
}

/**
 * The upload service admitting by the bureau's database, with an onComplete that records what it was
 * handed and answers `answer` (no intake needed): what the server does, on its own.
 */
export async function serveForTest(
  bureau: TestBureau,
  options: { dir?: string; port?: number; maxBytes?: number; answer?: () => Promise<UploadIntake>; taken?: Taken[] } = {},
): Promise<TestUploadServer> {
  const dir = options.dir ?? makeTempDir('civicdesk-uploads-');
  const taken = options.taken ?? [];
  const server = await startUploadServer({
    port: options.port ?? 0,
    dir,
    maxBytes: options.maxBytes,
    verifyCreate: (head, length) => admitUpload(bureau.t.host.db, head, length, options.maxBytes),
    onComplete: async (file, bundle) => {
      taken.push({ file, bytes: fs.readFileSync(file), header: bundle.header });
      return options.answer ? options.answer() : { status: 'applied' };
    },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  onDispose(close);
  return { server, dir, taken, close };
}

/** The service as `bureau serve` runs it: the real intake (`bureau.import`) through the bureau's signed-in connection. */
export async function serveWithIntake(bureau: TestBureau, options: { dir?: string; port?: number } = {}) {
  const server = await serveBureauUploads({
    db: () => bureau.t.host.db,
    dbPath: bureau.t.dbPath,
    dir: options.dir ?? makeTempDir('civicdesk-uploads-'),
    port: options.port ?? 0,
    importFile: async (file): Promise<IntakeResult> => (expectOk(await bureau.t.host.runJob(bureau.conn, 'bureau.import', { files: [file] })) as MethodOutput<'bureau.import'>).results[0],
  });
  onDispose(() => server.close());
  return server;
}

/** The office's bundles as its outbox keeps them. */
export function outboxOf(o: TestSyncOffice): { sequence: number; bundle_id: string; file_name: string; sha256: string; bytes: number; content: Buffer; uploaded_at: string | null; upload_url: string | null }[] {
  return o.t.host.db.prepare('SELECT sequence, bundle_id, file_name, sha256, bytes, content, uploaded_at, upload_url FROM sync_outbox ORDER BY sequence').all() as ReturnType<typeof outboxOf>;
}

/** Upload files in the tus store (each upload is `<id>` and `<id>.json`). */
export function storedUploads(dir: string): string[] {
  const files = path.join(dir, 'files');
  return fs.existsSync(files) ? fs.readdirSync(files).filter((f) => !f.endsWith('.json')) : [];
}

/** A raw tus request (what a client other than ours could send). */
export function tusRequest(url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'Tus-Resumable': '1.0.0', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const metadata = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([k, v]) => `${k} ${Buffer.from(v, 'utf8').toString('base64')}`)
    .join(',');

/**
 * A TCP proxy on 127.0.0.1 in front of the upload service. With a budget, it forwards that many bytes
 * from clients, then cuts every connection and refuses new ones (the network is down) until `restore`.
 */
export class CuttingProxy {
  private readonly server = net.createServer((client) => this.connect(client));
  private readonly sockets = new Set<net.Socket>();
  private forwarded = 0;
  private budget = Number.POSITIVE_INFINITY;
  private down = false;
  /** At the budget: hold (forward nothing more, keep the connections) instead of cutting. */
  private hold = false;
  /** Cut this many bytes into the body of the next PATCH request (after its headers). */
  private patchBody: number | undefined;
  port = 0;
  constructor(private target: number) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    onDispose(() => this.stop());
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Forward `bytes` more client bytes, then cut. */
  cutAfter(bytes: number): void {
    this.forwarded = 0;
    this.budget = bytes;
    this.hold = false;
  }

  /** Forward the next PATCH request's headers and `bytes` of its body, then cut. */
  cutInPatchAfter(bytes: number): void {
    this.budget = Number.POSITIVE_INFINITY;
    this.hold = false;
    this.patchBody = bytes;
  }

  /** Forward `bytes` more client bytes, then forward nothing more (a line that stalls). */
  holdAfter(bytes: number): void {
    this.forwarded = 0;
    this.budget = bytes;
    this.hold = true;
  }

  get isDown(): boolean {
    return this.down;
  }

  restore(target = this.target): void {
    this.target = target;
    this.down = false;
    this.hold = false;
    this.patchBody = undefined;
    this.budget = Number.POSITIVE_INFINITY;
  }

  private cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  private connect(client: net.Socket): void {
    if (this.down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.target, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.pipe(client);
    let seen = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      if (this.down) return;
      if (this.patchBody !== undefined && this.budget === Number.POSITIVE_INFINITY) {
        // Find where this connection's PATCH body starts; from there the budget counts.
        seen = Buffer.concat([seen, chunk]).subarray(0, 64 * 1024);
        const end = seen.indexOf('\r\n\r\n');
        if (seen.subarray(0, 6).toString('latin1') === 'PATCH ' && end >= 0) {
          this.forwarded = 0;
          this.budget = end + 4 + this.patchBody - (seen.length - chunk.length);
          this.patchBody = undefined;
        } else if (end >= 0 || seen.length >= 64 * 1024) {
          seen = Buffer.alloc(0);
        }
      }
      const left = this.budget - this.forwarded;
      if (this.hold && left <= 0) return;
      if (chunk.length < left) {
        this.forwarded += chunk.length;
        upstream.write(chunk);
        return;
      }
      this.forwarded = this.budget;
      upstream.write(chunk.subarray(0, Math.max(0, left)), () => {
        if (!this.hold) this.cut();
      });
    });
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A bundle of about `payloadBytes` signed by the office's real key for its enrollment (what the upload
 * service admits), its payload random: for tests of the transport alone, where the intake does not run.
 */
export async function signedBundle(o: TestSyncOffice, bureau: TestBureau, payloadBytes: number, sequence = 1): Promise<{ file: Buffer; fileName: string; sha256: string; bundleId: string }> {
  const e = enrollmentOf(o.t.host.db)!;
  const bundleId = crypto.randomUUID();
  const recipient = bureau.t.host.db.prepare('SELECT recipient FROM bureau_identity').pluck().get() as string;
  const payload = Buffer.from(JSON.stringify({ pad: randomBytes(Math.ceil((payloadBytes * 3) / 4)).toString('base64') }));
  const file = await sealBundle(
    { gzipped: gzipSync(payload, { level: 0 }) },
    {
      office: e.office_code,
      enrollmentId: e.enrollment_id,
      bundleId,
      sequence,
      prevHash: null,
      createdAt: new Date().toISOString(),
      auditHead: null,
      officeKey: e.office_verify_key,
      keyProof: e.key_proof,
    },
    recipient,
    readSecret(o.t.host.db, SECRET.officeSigningKey)!,
  );
  return { file, fileName: bundleFileName(e.office_code, sequence, bundleId), sha256: sha256(file), bundleId };
}

/** An upload address kept in memory (the outbox keeps it in the app). */
export function memoryResume(): UploadResumeStore & { saved: string | null; history: (string | null)[] } {
  const store = {
    saved: null as string | null,
    history: [] as (string | null)[],
    load: () => store.saved,
    save: (url: string) => {
      store.saved = url;
      store.history.push(url);
    },
    clear: () => {
      store.saved = null;
      store.history.push(null);
    },
  };
  return store;
}

const ROOT = path.resolve(__dirname, '..', '..');

export interface Served {
  child: ChildProcessWithoutNullStreams;
  answer: { url: string; host: string; port: number; uploads: string };
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `civicdesk bureau serve … --json` as its own process; resolves once it printed its address. */
export async function bureauServe(dbPath: string, extra: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'civicdesk.cjs'), 'bureau', 'serve', '--db', dbPath, '--user', 'admin', '--port', '0', '--json', ...extra], {
    cwd: ROOT,
    env: { ...process.env, CIVICDESK_PASSWORD: ADMIN_PASSWORD, CIVICDESK_LANG: 'en' },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onDispose(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const answer = await new Promise<Served['answer']>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      try {
        resolve(JSON.parse(out) as Served['answer']);
      } catch {
        // not all of it yet
      }
    });
    void exited.then((code) => reject(new Error(`bureau serve exited ${code}: ${err}${out}`)));
  });
  return { child, answer, stderr: () => err, exited };
}

