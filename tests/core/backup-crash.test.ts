/**
 * A backup killed midway — during VACUUM INTO, or while the backup file is being written — leaves
 * every earlier backup byte for byte as it was, no file under a backup's name, and nothing the next
 * backup does not clean up.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/core/backup/install';
import { createTestHost } from '../support/test-host';
import { ADMIN_PASSWORD, setupOffice } from '../support/office';
import { expectOk } from '../support/results';
import { disposeTestResources, makeTempDir, sha256 } from '../support/temp-dir';
import { backupNow, expectNothingPlain } from '../support/backups';

afterEach(disposeTestResources);

const WRITER = path.resolve(__dirname, '..', 'support', 'backup-writer.ts');

/**
 * Start a backup in a child process and SIGKILL it once `moment` has come: 'vacuum' — VACUUM INTO
 * has begun its work copy and no backup file is being written yet; 'writing' — the backup's
 * temporary file exists. Resolves with what the child had printed.
 */
function killDuring(dbPath: string, folder: string, moment: 'vacuum' | 'writing'): Promise<{ output: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', "require('tsx/cjs/api').register(); require(process.argv[1])", WRITER, dbPath, folder, 'admin', ADMIN_PASSWORD], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const work = `${dbPath}.backup-${child.pid}.tmp`;
    let killed = false;
    const poll = setInterval(() => {
      const partial = fs.readdirSync(folder).find((n) => n.endsWith(`.${child.pid}.partial`));
      const hit = moment === 'vacuum' ? fs.existsSync(work) && fs.statSync(work).size > 0 && !partial : partial !== undefined;
      if (hit && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, 2);
    child.on('exit', () => {
      clearInterval(poll);
      resolve({ output, killed });
    });
  });
}

describe('a backup killed midway', () => {
  it('during VACUUM INTO or while writing the file leaves the previous backup intact, and the next backup cleans up', async () => {
    const t = createTestHost();
    const office = await setupOffice(t);
    expectOk(await t.host.runJob(office.adminConn, 'demo.generate', { residents: 3000, seed: 5 }));
    const folder = makeTempDir('civicdesk-usb-');
    const previous = await backupNow(t, office.adminConn, { folder });
    const previousHash = sha256(previous.file);
    await t.close(); // the child is the only writer, as the app would be

    for (const moment of ['vacuum', 'writing', 'vacuum'] as const) {
      const { output, killed } = await killDuring(t.dbPath, folder, moment);
      expect(killed, `${moment}: ${output}`).toBe(true);
      expect(output).not.toMatch(/^done$/m);
      expect(sha256(previous.file)).toBe(previousHash);
      const listing = listBackups(folder);
      expect(listing.items.map((b) => b.name)).toEqual([previous.name]);
      expect(listing.unreadable).toEqual([]);
    }
    // Leftovers of the killed runs are only temporary files, never a backup's name …
    const leftovers = [...fs.readdirSync(folder), ...fs.readdirSync(t.dir)].filter((n) => /\.(tmp|partial)$/.test(n));
    expect(leftovers.length).toBeGreaterThan(0);
    expectNothingPlain(t.dir, []);

    // … and the next backup removes them, and succeeds.
    const next = createTestHost({ dir: t.dir, dbPath: t.dbPath });
    const conn = 'after-kills';
    expectOk(await next.call(conn, 'accounts.login', { username: 'admin', password: ADMIN_PASSWORD }));
    const made = await backupNow(next, conn, { folder });
    expect(listBackups(folder).items.map((b) => b.name).sort()).toEqual([previous.name, made.name].sort());
    expect([...fs.readdirSync(folder), ...fs.readdirSync(t.dir)].filter((n) => /\.(tmp|partial)$/.test(n))).toEqual([]);
    expect(sha256(previous.file)).toBe(previousHash);
  }, 180_000);
});
