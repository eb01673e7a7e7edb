/**
 * `civicdesk bureau import`: the real binary on a bureau database the core made, files in the order
 * given — one held, then the one it waits for (which releases it), a cut one — with one line per file
 * in the chosen language, JSON with --json, and exit 1 because one file was rejected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../support/office';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { enrolledOffice, exportBundle, setupBureau } from '../support/sync';
import { register } from '../support/residents-registry';

afterEach(disposeTestResources);

const ROOT = path.resolve(__dirname, '..', '..');

function civicdesk(args: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'civicdesk.cjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, CIVICDESK_PASSWORD: ADMIN_PASSWORD, CIVICDESK_LANG: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('civicdesk bureau import', () => {
  it(
    'takes files in the order given and says per file what became of it; exit 1 when one was rejected',
    async () => {
      const bureau = await setupBureau();
      const office = await enrolledOffice(bureau);
      const usb = makeTempDir('civicdesk-usb-');
      await register(office.t, office.office.adminConn, { name: '陈德明' });
      const one = (await exportBundle(office, usb)).file!;
      await register(office.t, office.office.adminConn, { name: '高桂兰' });
      const two = (await exportBundle(office, usb)).file!;
      const cut = path.join(usb, 'cut.cdbundle');
      // Cut inside its ciphertext: the clear header still says whose and which bundle it was.
      const whole = fs.readFileSync(two);
      fs.writeFileSync(cut, whole.subarray(0, whole.length - 10));
      await bureau.t.close();

      const json = civicdesk(['bureau', 'import', two, one, cut, '--db', bureau.t.dbPath, '--user', 'admin', '--json']);
      expect(json.code, json.stderr).toBe(1);
      const out = JSON.parse(json.stdout) as { results: { file: string; office: string | null; sequence: number | null; status: string; reason?: string; rows?: number }[]; receipts: unknown[] };
      expect(out.results.map((r) => [r.file, r.sequence, r.status, r.reason])).toEqual([
        [two, 2, 'held', 'waiting_for'],
        [one, 1, 'applied', undefined],
        [cut, 2, 'rejected', 'truncated'],
      ]);
      expect(out.results[1].rows).toBeGreaterThan(4);
      expect(out.receipts).toEqual([]);

      // Again, in English: both already in (duplicates), so exit 0; one line per file and a summary.
      const human = civicdesk(['bureau', 'import', one, two, '--db', bureau.t.dbPath, '--user', 'admin', '--lang', 'en']);
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout.trim().split('\n')).toEqual([
        `${one}: ${office.code} bundle 1 — Duplicate (no change)`,
        `${two}: ${office.code} bundle 2 — Duplicate (no change)`,
        '2 files: 0 applied, 2 duplicate, 0 held, 0 rejected',
      ]);
      // In Chinese (the default), a rejection names its reason.
      const zh = civicdesk(['bureau', 'import', cut, '--db', bureau.t.dbPath, '--user', 'admin']);
      expect(zh.code).toBe(1);
      expect(zh.stdout).toContain(`${cut}：${office.code} 第 2 号数据包 — 已拒收（数据包不完整（可能拷贝中断），请重新导出）`);
      // No files: a usage error.
      expect(civicdesk(['bureau', 'import', '--db', bureau.t.dbPath, '--user', 'admin']).code).toBe(2);
    },
    60_000,
  );
});
