/**
 * Start the real browser preview (`bin/preview-browser.cjs`: built renderer + HTTP transport + core
 * worker on a real SQLite file) and drive it with playwright-core in Debian's Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { HTTP_API_PREFIX, HTTP_CLIENT_HEADER, HTTP_TOKEN_HEADER } from '../../../shared/contract';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');

export interface Preview {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export function tempDir(prefix = 'civicdesk-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startPreview(dbPath: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Preview> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'preview-browser.cjs'), '--db', dbPath, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start:\n${out}`)), 90_000);
    const check = () => {
      const m = /CivicDesk preview: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview exited with ${code}:\n${out}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    process: child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Calls into the preview's HTTP API with its token, as a script would (setting up an office before
 * the browser opens): the value, or an error naming the method and the failure code.
 */
export function previewApi(preview: () => Preview, client: string): (method: string, body: unknown) => Promise<unknown> {
  return async (method, body) => {
    const p = preview();
    const res = await fetch(`${p.origin}${HTTP_API_PREFIX}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: p.token, [HTTP_CLIENT_HEADER]: client },
      body: JSON.stringify(body),
    });
    const result = (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
    if (!result.ok) throw new Error(`${method}: ${result.error?.code}`);
    return result.value;
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Playwright gives every launch a fresh temporary profile (user-data dir) of its own. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
