/**
 * Kill a writer with SIGKILL, again and again, then check the database: the crash-safety test
 * (200 kills) and the bench's soak mode (1,000) share this.
 *
 * The child is tests/support/crash-writer.ts, bundled once with esbuild into one CommonJS file.
 * Why not `tsx` per child: here tsx spends ~2 CPU-seconds compiling and loading the core for every
 * start, so 200 starts would take minutes; the bundle starts in a fraction of that and runs the same
 * code. The spreadsheet libraries (exceljs, iconv-lite) are stubbed out of the bundle: the child
 * never imports or exports, and loading them is most of a cold start.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Db } from '../../electron/core/db/connection';
import { CoreHost } from '../../electron/core/host';
import { silentLogger } from '../../electron/core/log';
import { householdProblems } from './residents-invariants';

const ROOT = path.resolve(__dirname, '..', '..');

/** Bundle the crash writer (a few seconds); returns the file to run with plain `node`. */
export async function bundleCrashWriter(outDir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'civicdesk-crash-'))): Promise<string> {
  const outfile = path.join(outDir, 'crash-writer.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'tests', 'support', 'crash-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'error',
    plugins: [
      {
        name: 'stub-spreadsheet-libraries',
        setup(b) {
          b.onResolve({ filter: /^(exceljs|iconv-lite)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
        },
      },
    ],
  });
  return outfile;
}

export const CRASH_ADMIN = { username: 'admin', password: 'Admin-pass-2025' } as const;

/** A new encrypted office database for the writers (no vitest here: the bench uses this too). */
export async function createCrashOffice(dbPath: string): Promise<void> {
  const host = new CoreHost({ dbPath, create: true, appVersion: 'crash-test', passwordCostLog2: 10, log: silentLogger });
  const setup = await host.dispatch('setup', 'office.setup', {
    office: { code: 'DWK-CYJ', name: '朝阳街社区居委会', divisionCode: '640202' },
    admin: { username: CRASH_ADMIN.username, displayName: '王主任', password: CRASH_ADMIN.password },
  });
  await host.close();
  if (!setup.ok) throw new Error(`office.setup failed: ${setup.error.code}`);
}

/** Sign in to the database the writers left, for the checks. */
export async function openAfterCrashes(dbPath: string): Promise<CoreHost> {
  const host = new CoreHost({ dbPath, appVersion: 'crash-test', passwordCostLog2: 10, log: silentLogger });
  const login = await host.dispatch('check', 'accounts.login', CRASH_ADMIN);
  if (!login.ok) throw new Error(`sign-in after the crashes failed: ${login.error.code} ${login.error.message}`);
  return host;
}

export interface KillRun {
  /** Acknowledged writes: resident id → the household it was last acknowledged in, per kind. */
  registered: Map<string, string>;
  moved: Array<{ residentId: string; householdId: string }>;
  kills: number;
  /** Children that died on their own (not by our SIGKILL): each is a failure. */
  unexpectedExits: string[];
  /** Kills that landed after the child had acknowledged at least one write. */
  killsMidWriting: number;
}

export interface KillOptions {
  writer: string;
  dbPath: string;
  username: string;
  password: string;
  kills: number;
  /** Children alive at once (all writing to the one database). */
  lanes?: number;
  /** After its first acknowledged write, the child goes on writing for a random 0…maxWriteMs before it is killed. */
  maxWriteMs?: number;
  onKill?: (done: number) => void;
}

/**
 * Start writers and kill them at random moments until `kills` kills: most at a random moment after
 * their first acknowledged write (so mid-transaction, mid-commit or between writes), about one in
 * ten at a random moment of starting up (opening the database, the quick check, WAL recovery, the
 * sign-in, the first write).
 */
export async function killRepeatedly(options: KillOptions): Promise<KillRun> {
  const run: KillRun = { registered: new Map(), moved: [], kills: 0, unexpectedExits: [], killsMidWriting: 0 };
  const lanes = options.lanes ?? 2;
  const maxWriteMs = options.maxWriteMs ?? 150;
  let started = 0;
  const lane = async () => {
    while (started < options.kills) {
      started += 1;
      await oneChild(options, run, maxWriteMs);
      options.onKill?.(run.kills);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return run;
}

function oneChild(options: KillOptions, run: KillRun, maxWriteMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [options.writer, options.dbPath, options.username, options.password], {
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    let acked = 0;
    let stderr = '';
    let killedByUs = false;
    const kill = () => {
      if (killedByUs) return;
      killedByUs = true;
      if (acked > 0) run.killsMidWriting += 1;
      child.kill('SIGKILL');
    };
    const duringStartup = Math.random() < 0.1;
    const startupTimer = duringStartup ? setTimeout(kill, Math.random() * 700) : undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? ''; // a line cut by the kill is not an acknowledgement
      for (const line of lines) {
        const [word, kind, residentId, householdId] = line.split(' ');
        if (word !== 'ack') continue;
        acked += 1;
        if (acked === 1 && !duringStartup) setTimeout(kill, Math.random() * maxWriteMs);
        if (kind === 'R') run.registered.set(residentId, householdId);
        if (kind === 'M') run.moved.push({ residentId, householdId });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(startupTimer);
      if (killedByUs && signal === 'SIGKILL') run.kills += 1;
      else run.unexpectedExits.push(`exit ${code} ${signal ?? ''}: ${stderr.slice(0, 2000)}`);
      resolve();
    });
  });
}

/** Everything that must hold after the kills; an empty list means the database came through. */
export function crashProblems(db: Db, run: KillRun): string[] {
  const problems: string[] = [];
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);

  const residentExists = db.prepare('SELECT 1 FROM residents WHERE id = ?');
  for (const id of run.registered.keys()) if (!residentExists.get(id)) problems.push(`acknowledged registration ${id} is missing`);
  const period = db.prepare('SELECT 1 FROM household_members WHERE resident_id = ? AND household_id = ?');
  for (const m of run.moved) if (!period.get(m.residentId, m.householdId)) problems.push(`acknowledged move of ${m.residentId} into ${m.householdId} is missing`);

  problems.push(...householdProblems(db));

  const log = db.prepare('SELECT count(*) AS n, coalesce(min(seq), 0) AS lo, coalesce(max(seq), 0) AS hi FROM change_log').get() as { n: number; lo: number; hi: number };
  const issued = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").pluck().get() as number | undefined) ?? 0;
  if (log.n > 0 && (log.lo !== 1 || log.hi !== log.n)) problems.push(`change log not contiguous: ${log.n} entries from ${log.lo} to ${log.hi}`);
  if (issued !== log.hi) problems.push(`change log ends at ${log.hi} but ${issued} were issued`);
  return problems;
}
