/**
 * The real `civicdesk` binary as an office's script runs it, for the CLI end-to-end tests: a new
 * process for every command, the password in CIVICDESK_PASSWORD, and CIVICDESK_LANG emptied so the
 * answers are in Chinese whatever the machine running the tests has set (a test that wants English
 * passes --lang en).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT, tempDir } from './preview';

export interface CliRun {
  /** The exit code; null when the run was killed (it took longer than the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run one command; `env` overrides the runner's (a wrong CIVICDESK_PASSWORD, say). */
export type CivicdeskCli = (args: string[], env?: NodeJS.ProcessEnv) => CliRun;

/**
 * A runner signing in with `password` (the administrator's, given at `init`). `timeout` is how long
 * one command may take in ms: each run starts Node afresh and derives the key at the app's scrypt cost.
 */
export function civicdeskCli({ password, timeout }: { password: string; timeout: number }): CivicdeskCli {
  return (args, env = {}) => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'civicdesk.cjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CIVICDESK_PASSWORD: password, CIVICDESK_LANG: '', ...env },
      encoding: 'utf8',
      timeout,
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };
}

/** `civicdesk init` for the office the CLI tests use: 朝阳街社区 (DWK-CYJ, 640202), administrator `admin`. */
export function initArgs(db: string): string[] {
  return ['init', '--db', db, '--office-code', 'DWK-CYJ', '--office-name', '朝阳街社区', '--division', '640202', '--admin', 'admin'];
}

/** A new office: `office.db` in a temp folder of its own, set up through `civicdesk init`. */
export function newOffice(civicdesk: CivicdeskCli): { dir: string; db: string } {
  const dir = tempDir();
  const db = path.join(dir, 'office.db');
  const init = civicdesk(initArgs(db));
  expect(init.code, init.stderr).toBe(0);
  return { dir, db };
}
