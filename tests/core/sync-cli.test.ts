/**
 * The sync from the command line, with the real binary: a bureau made with `bureau init`, an office
 * enrolled from its file and one-time code, a bundle exported to a "USB" folder — and Debian's own
 * `age` tool, given the identity `bureau identity` wrote, decrypts the bundle's payload (the format
 * is age, not something only CivicDesk can read).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../support/office';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';

afterEach(disposeTestResources);

const ROOT = path.resolve(__dirname, '..', '..');

function civicdesk(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'civicdesk.cjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, CIVICDESK_PASSWORD: ADMIN_PASSWORD, CIVICDESK_LANG: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const json = (run: { code: number | null; stdout: string; stderr: string }) => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
};

describe('civicdesk bureau / office enroll / bundle', () => {
  it('enrolls an office, exports a bundle, and the standard age tool decrypts its payload with the bureau identity', () => {
    const dir = makeTempDir('civicdesk-sync-cli-');
    const bureau = path.join(dir, 'bureau.civicdesk');
    const office = path.join(dir, 'office.civicdesk');
    const usb = path.join(dir, 'usb');
    fs.mkdirSync(usb);

    const made = json(civicdesk(['bureau', 'init', '--db', bureau, '--name', '石嘴山市民政局', '--admin', 'admin', '--json']));
    expect(String(made.recipient)).toMatch(/^age1/);
    expect(made.recoveryKey).toBeTruthy();
    const enroll = json(civicdesk(['bureau', 'enroll', '--db', bureau, '--user', 'admin', '--office-code', 'DWK-CYJ', '--office-name', '朝阳街社区', '--out', path.join(dir, '朝阳街.cdenroll'), '--json']));
    expect(String(enroll.oneTimeCode)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    json(civicdesk(['init', '--db', office, '--office-code', 'DWK-CYJ', '--office-name', '朝阳街社区居委会', '--division', '640202', '--admin', 'admin', '--json']));
    // A wrong code is refused (exit 1) and names the code; the right one (any case, no dashes) enrolls.
    const wrong = civicdesk(['office', 'enroll', path.join(dir, '朝阳街.cdenroll'), '--db', office, '--user', 'admin', '--code', 'AAAA-BBBB-CCCC-DDDD']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('一次性登记码不对');
    const code = String(enroll.oneTimeCode).replace(/-/g, '').toLowerCase();
    const enrolled = json(civicdesk(['office', 'enroll', path.join(dir, '朝阳街.cdenroll'), '--db', office, '--user', 'admin', '--code', code, '--json']));
    expect(enrolled.bureauName).toBe('石嘴山市民政局');
    const again = civicdesk(['office', 'enroll', path.join(dir, '朝阳街.cdenroll'), '--db', office, '--user', 'admin', '--code', code]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('不能再次登记');

    const bundle = json(civicdesk(['bundle', 'export', '--db', office, '--user', 'admin', '--out', usb, '--json']));
    expect(bundle).toMatchObject({ sequence: 1 });
    expect(Number(bundle.changes)).toBeGreaterThan(0);
    const file = String(bundle.file);
    expect(fs.statSync(file).size).toBe(bundle.bytes);
    const none = json(civicdesk(['bundle', 'export', '--db', office, '--user', 'admin', '--out', usb, '--json']));
    expect(none).toMatchObject({ file: null, changes: 0 });

    const payload = path.join(dir, 'payload.age');
    const inspect = json(civicdesk(['bundle', 'inspect', file, '--payload-out', payload, '--json']));
    expect(inspect.header).toMatchObject({ office: 'DWK-CYJ', sequence: 1 });
    const identity = path.join(dir, 'bureau-identity.txt');
    json(civicdesk(['bureau', 'identity', '--db', bureau, '--user', 'admin', '--out', identity, '--json']));
    expect(fs.statSync(identity).mode & 0o077).toBe(0);

    const age = spawnSync('age', ['-d', '-i', identity, payload]);
    expect(age.status, String(age.stderr)).toBe(0);
    const decoded = JSON.parse(gunzipSync(age.stdout).toString('utf8')) as { office: string; sequence: number; tables: { entity: string; columns: string[] }[] };
    expect(decoded).toMatchObject({ office: 'DWK-CYJ', sequence: 1 });
    const users = decoded.tables.find((t) => t.entity === 'users')!;
    expect(users.columns).toContain('username');
    // Sign-in secrets never leave the office.
    expect(users.columns).not.toContain('password_hash');
    expect(age.stdout.toString('latin1')).not.toContain('scrypt');

    const head = json(civicdesk(['audit', 'head', '--db', office, '--user', 'admin', '--json'])) as { head: { code: string; seq: number } };
    expect(head.head.code).toMatch(/^\d+-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    // The short code a director signed verifies as an anchor.
    const verified = json(civicdesk(['audit', 'verify', '--db', office, '--user', 'admin', '--anchor', head.head.code, '--json']));
    expect(verified.ok).toBe(true);
  }, 240_000);
});
