/**
 * Uploads cut off and resumed, over 127.0.0.1: the line cut at any byte (a proxy that drops every
 * connection after N bytes, fast-check over N and the chunk size) with the upload service stopped
 * and started again on the same uploads folder; the service stopped in the middle of a PATCH; the
 * office cancelling and coming back. Each time the next attempt resumes from the server's offset
 * (the bytes already there are not sent again) and the file reaches the intake once, byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { setupBureau, enrolledOffice, type TestBureau, type TestSyncOffice } from '../support/sync';
import { CuttingProxy, memoryResume, serveForTest, signedBundle, storedUploads, tusRequest, type Taken } from '../support/sync-upload';
import { uploadBundle, UploadError, type UploadedBundle } from '../../electron/core/sync/upload/client';

afterEach(disposeTestResources);

let bureau: TestBureau;
let office: TestSyncOffice;

// A bureau and an enrolled office for each test: the service only reads the bureau's enrollments.
beforeEach(async () => {
  bureau = await setupBureau();
  office = await enrolledOffice(bureau);
});

/** The bytes the service's store holds of its one upload. */
function storedSize(dir: string): number {
  const [id] = storedUploads(dir);
  return id ? fs.statSync(path.join(dir, 'files', id)).size : 0;
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What the server holds of an upload (HEAD), or null when it has none. */
async function serverOffset(uploadUrl: string): Promise<number | null> {
  const head = await tusRequest(uploadUrl, 'HEAD', {});
  return head.status === 200 ? Number(head.headers['upload-offset']) : null;
}

describe('an upload interrupted at any point resumes from the server’s offset', () => {
  it('the line cut after any number of bytes, the service restarted on the same folder: one intake, the rest sent once', async () => {
    const bundle = await signedBundle(office, bureau, 96 * 1024);
    const size = bundle.file.length;
    let resumedMidway = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: size + 4096 }), fc.constantFrom(Number.POSITIVE_INFINITY, 16 * 1024, 40 * 1024), async (cut, chunkSize) => {
        const dir = makeTempDir('civicdesk-uploads-');
        const taken: Taken[] = [];
        let up = await serveForTest(bureau, { dir, taken });
        const proxy = await new CuttingProxy(up.server.port).start();
        const resume = memoryResume();
        const attempt = () => uploadBundle({ url: proxy.url, ...bundle, resume, chunkSize, retryDelays: [0, 10], stallMs: 5_000, answerTimeoutMs: 5_000 });

        proxy.cutAfter(cut);
        let first: UploadedBundle | undefined;
        try {
          first = await attempt();
        } catch (error) {
          expect(error).toBeInstanceOf(UploadError);
          expect((error as UploadError).failure).toBe('network');
        }
        // The bureau's service stops (whatever it was doing) and starts again over the same folder.
        await up.close();
        up = await serveForTest(bureau, { dir, taken });
        proxy.restore(up.server.port);

        if (first) {
          expect(first.bytesSent).toBe(size);
        } else {
          const had = resume.saved ? await serverOffset(resume.saved) : null;
          const second = await attempt();
          expect(second.status).toBe('applied');
          expect(second.sha256).toBe(bundle.sha256);
          if (second.bytesSent > 0) {
            // Sent from where the server stood, and only the rest.
            if (had !== null) expect(second.resumedFrom).toBe(had);
            expect(second.bytesSent).toBe(size - second.resumedFrom);
            if (second.resumedFrom > 0) resumedMidway += 1;
          } else {
            // Every byte had arrived before the cut: the bureau said so, nothing went again.
            expect(second.resumedFrom).toBe(size);
          }
        }
        expect(taken).toHaveLength(1);
        expect(taken[0].bytes.equals(bundle.file)).toBe(true);
        expect(resume.saved).toBeNull();
        await up.close();
        await proxy.stop();
      }),
      { numRuns: 30, endOnFailure: true },
    );
    // The cuts did land inside the upload, not only before or after it.
    expect(resumedMidway).toBeGreaterThan(5);
  }, 120_000);

  it('the service stopped in the middle of a PATCH and started again on the same port: the rest goes, not the whole', async () => {
    const bundle = await signedBundle(office, bureau, 3 * 1024 * 1024);
    const size = bundle.file.length;
    const dir = makeTempDir('civicdesk-uploads-');
    const taken: Taken[] = [];
    const up = await serveForTest(bureau, { dir, taken });
    const proxy = await new CuttingProxy(up.server.port).start();
    const resume = memoryResume();
    // The line stalls a third of the way into the body; the service is stopped while the PATCH is open.
    proxy.holdAfter(Math.floor(size / 3));
    const cutOff = uploadBundle({ url: proxy.url, ...bundle, resume, retryDelays: [0, 10] }).catch((e: unknown) => e);
    await until(() => storedSize(dir) > size / 4);
    await up.close();
    const failed = await cutOff;
    expect(failed).toBeInstanceOf(UploadError);
    expect((failed as UploadError).failure).toBe('network');
    expect(resume.saved).not.toBeNull();

    const again = await serveForTest(bureau, { dir, taken, port: up.server.port });
    proxy.restore();
    const had = (await serverOffset(resume.saved!))!;
    expect(had).toBeGreaterThan(size / 4);
    expect(had).toBeLessThan(size);
    const done = await uploadBundle({ url: proxy.url, ...bundle, resume, retryDelays: [0, 10] });
    expect(done).toMatchObject({ status: 'applied', sha256: bundle.sha256, resumedFrom: had, bytesSent: size - had });
    expect(taken).toHaveLength(1);
    expect(taken[0].bytes.equals(bundle.file)).toBe(true);
    expect(again.server.port).toBe(up.server.port);
  });

  it('the office cancels mid-upload and comes back later: it resumes where the server stood', async () => {
    const bundle = await signedBundle(office, bureau, 2 * 1024 * 1024);
    const size = bundle.file.length;
    const up = await serveForTest(bureau);
    const resume = memoryResume();
    const cancel = new AbortController();
    const cancelled = await uploadBundle({
      url: up.server.url,
      ...bundle,
      resume,
      chunkSize: 256 * 1024,
      signal: cancel.signal,
      onProgress: (sent) => {
        if (sent >= size / 2) cancel.abort();
      },
    }).catch((e: unknown) => e);
    expect((cancelled as UploadError).failure).toBe('aborted');
    expect(resume.saved).not.toBeNull();
    const had = (await serverOffset(resume.saved!))!;
    expect(had).toBeGreaterThan(0);
    expect(had).toBeLessThan(size);
    const done = await uploadBundle({ url: up.server.url, ...bundle, resume, chunkSize: 256 * 1024 });
    expect(done.resumedFrom).toBe(had);
    expect(done.bytesSent).toBe(size - had);
    expect(up.taken).toHaveLength(1);
    expect(up.taken[0].bytes.equals(bundle.file)).toBe(true);
  });

  it('an upload address the server no longer knows starts a new upload, and one from another server is not used', async () => {
    const bundle = await signedBundle(office, bureau, 64 * 1024);
    const up = await serveForTest(bureau);
    const resume = memoryResume();
    resume.saved = `${up.server.url}files/0123456789abcdef0123456789abcdef`;
    const done = await uploadBundle({ url: up.server.url, ...bundle, resume, retryDelays: [0] });
    expect(done).toMatchObject({ status: 'applied', resumedFrom: 0, bytesSent: bundle.file.length });
    const other = await signedBundle(office, bureau, 64 * 1024, 2);
    resume.saved = 'http://127.0.0.1:9/files/0123456789abcdef0123456789abcdef';
    expect(await uploadBundle({ url: up.server.url, ...other, resume, retryDelays: [0] })).toMatchObject({ status: 'applied', resumedFrom: 0 });
    expect(up.taken.map((t) => t.header.sequence)).toEqual([1, 2]);
  });

  it('an upload finished while the service stopped before its intake is taken in when the service starts again, once', async () => {
    const bundle = await signedBundle(office, bureau, 64 * 1024);
    // The first service never gets to answer (its intake hangs, as if the machine went down right there).
    let release!: () => void;
    const hung = new Promise<void>((resolve) => (release = resolve));
    const first = await serveForTest(bureau, {
      answer: async () => {
        await hung;
        throw new Error('the machine went down');
      },
    });
    const resume = memoryResume();
    const pending = uploadBundle({ url: first.server.url, ...bundle, resume, retryDelays: [0], answerTimeoutMs: 200 }).catch((e: unknown) => e);
    await until(() => first.taken.length === 1);
    // What was on its disk at that moment, under a service started afresh.
    const dir = makeTempDir('civicdesk-uploads-');
    fs.cpSync(path.join(first.dir, 'files'), path.join(dir, 'files'), { recursive: true });
    const taken: Taken[] = [];
    const again = await serveForTest(bureau, { dir, taken });
    await until(() => taken.length === 1);
    expect(taken[0].bytes.equals(bundle.file)).toBe(true);
    const state = await tusRequest(`${again.server.url}status/${bundle.bundleId}`, 'GET', {});
    expect(JSON.parse(state.body)).toEqual({ state: 'done', sha256: bundle.sha256, status: 'applied' });
    // The office comes back to the new address: the bureau has it, nothing goes again, nothing is taken in again.
    const fresh = memoryResume();
    expect(await uploadBundle({ url: again.server.url, ...bundle, resume: fresh })).toMatchObject({ status: 'applied', bytesSent: 0 });
    const restarted = await serveForTest(bureau, { dir, taken, port: 0 });
    await restarted.close();
    expect(taken).toHaveLength(1);
    release();
    await pending;
  });
});
