/**
 * What the intake refuses, and that a refusal applies nothing: a bundle cut at any byte or with any
 * byte flipped, sealed to another bureau, signed by a key that is not the office's, sent by an office
 * this bureau never enrolled, replayed, or reusing a sequence or bundle id with other content (an
 * alarm), not following the previous bundle (an alarm), or carrying rows of a table the bureau does
 * not know. After each refusal the bureau's rows, bundles and offices are as they were, and the
 * office's real bundle still goes in.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { BUNDLE_MAGIC, MAX_PAYLOAD_BYTES, newAgeIdentity, newSigningKey, openBundle, sealBundle } from '../../electron/core/sync/format';
import { readSecret, SECRET } from '../../electron/core/sync/secrets';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { enrolledOffice, exportBundle, setupBureau, type TestBureau, type TestSyncOffice } from '../support/sync';
import { register } from '../support/residents-registry';
import { alarms, bureauState, importFiles, intakeLog, payloadOf, reseal, writeFile } from './sync-intake-fixtures';

afterEach(disposeTestResources);

const TIMEOUT_MS = 60_000;

/** A bureau, an enrolled office with a few residents, and its first bundle (not yet taken in). */
async function start() {
  const bureau = await setupBureau();
  const office = await enrolledOffice(bureau);
  for (const name of ['陈德明', '高桂兰', '马建国']) await register(office.t, office.office.adminConn, { name });
  const usb = makeTempDir('civicdesk-usb-');
  const first = await exportBundle(office, usb);
  return { bureau, office, usb, file1: first.file!, bytes1: fs.readFileSync(first.file!) };
}

/** The office's next bundle after one more registration. */
async function nextBundle(office: TestSyncOffice, usb: string, name = '李秀英'): Promise<{ file: string; bytes: Buffer }> {
  await register(office.t, office.office.adminConn, { name });
  const made = await exportBundle(office, usb);
  return { file: made.file!, bytes: fs.readFileSync(made.file!) };
}

/** Import `bytes` (as a file in `dir`) and expect a refusal for `reason` (one of `reasons`) that changed nothing. */
async function expectRefused(bureau: TestBureau, dir: string, bytes: Buffer, reasons: string | readonly string[]): Promise<string> {
  const before = bureauState(bureau);
  const [result] = await importFiles(bureau, [writeFile(dir, `t-${randomUUID()}.cdbundle`, bytes)]);
  expect(result.status).toBe('rejected');
  if (typeof reasons === 'string') expect(result.reason).toBe(reasons);
  else expect(reasons).toContain(result.reason);
  expect(result.rows).toBeUndefined();
  expect(bureauState(bureau)).toEqual(before);
  return result.reason!;
}

/** Where a byte sits in a bundle file: magic line, header line, signature line, ciphertext. */
function regions(bytes: Buffer) {
  const magicEnd = BUNDLE_MAGIC.length + 1;
  const headerEnd = bytes.indexOf(0x0a, magicEnd) + 1;
  const signatureEnd = bytes.indexOf(0x0a, headerEnd) + 1;
  return (at: number) => (at < magicEnd ? 'magic' : at < headerEnd - 1 ? 'header' : at === headerEnd - 1 ? 'header-newline' : at < signatureEnd - 1 ? 'signature' : at === signatureEnd - 1 ? 'signature-newline' : 'cipher');
}

/** What a flip in each region may be refused as (the header's fields decide which check fails first). */
const FLIP_REASONS = {
  magic: ['not_a_bundle'],
  header: ['tampered', 'unknown_office', 'wrong_recipient', 'unknown_signer', 'bad_signature'],
  'header-newline': ['tampered', 'truncated'],
  signature: ['bad_signature'],
  'signature-newline': ['bad_signature', 'truncated', 'tampered'],
  cipher: ['tampered'],
} as const;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The same signature spelled otherwise: a 64-byte signature's last base64 character carries 2 bits
 * and 4 spare ones, which a lenient decoder ignores. Such a file has another hash, so the bureau
 * must not take it for the office's bundle.
 */
function respelledSignature(bytes: Buffer): Buffer {
  const headerEnd = bytes.indexOf(0x0a, BUNDLE_MAGIC.length + 1) + 1;
  const last = headerEnd + 85;
  expect(bytes.subarray(last + 1, last + 4).toString()).toBe('==\n');
  const v = BASE64.indexOf(String.fromCharCode(bytes[last]));
  const out = Buffer.from(bytes);
  out[last] = BASE64.charCodeAt((v & 0b110000) | ((v + 1) & 0b001111));
  expect(Buffer.from(out.subarray(headerEnd, last + 3).toString(), 'base64').equals(Buffer.from(bytes.subarray(headerEnd, last + 3).toString(), 'base64'))).toBe(true);
  return out;
}

describe('bureau intake refuses, applying nothing', () => {
  it(
    'a bundle cut at any byte, or with any byte flipped, before and after the office key is pinned',
    async () => {
      const { bureau, office, usb, file1, bytes1 } = await start();
      const dir = makeTempDir('civicdesk-tamper-');
      const tamper = async (bytes: Buffer, runs: number) => {
        const where = regions(bytes);
        // Cut: every prefix is refused as cut short (the empty file is no bundle at all).
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (cut) => {
            await expectRefused(bureau, dir, bytes.subarray(0, cut), cut === 0 ? 'not_a_bundle' : 'truncated');
          }),
          { numRuns: runs, examples: [[0], [1], [BUNDLE_MAGIC.length], [bytes.indexOf(0x0a, BUNDLE_MAGIC.length + 1) + 1], [bytes.length - 1]] },
        );
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
            const flipped = Buffer.from(bytes);
            flipped[at] ^= mask;
            await expectRefused(bureau, dir, flipped, FLIP_REASONS[where(at)]);
          }),
          // A flip in each region at least once, whatever fast-check draws.
          { numRuns: runs, examples: [0, 30, BUNDLE_MAGIC.length + 40, bytes.indexOf(0x0a, BUNDLE_MAGIC.length + 1) + 5, bytes.length - 10].map((at) => [at, 0x01] as [number, number]) },
        );
      };
      await tamper(bytes1, 100);
      await expectRefused(bureau, dir, respelledSignature(bytes1), 'bad_signature');
      // Nothing was pinned or held by any of it: the real file goes in.
      expect(alarms(bureau)).toEqual([]);
      expect((await importFiles(bureau, [file1]))[0]).toMatchObject({ status: 'applied', sequence: 1 });
      const two = await nextBundle(office, usb);
      await tamper(two.bytes, 100);
      expect((await importFiles(bureau, [two.file]))[0]).toMatchObject({ status: 'applied', sequence: 2 });
      expect(alarms(bureau)).toEqual([]);
      // Every refusal is in the intake log for the office's receipt; those with no readable header under no office.
      const log = intakeLog(bureau);
      expect(log.filter((l) => l.status === 'rejected').length).toBeGreaterThan(400);
      expect(log.filter((l) => l.status === 'rejected' && l.reason === 'not_a_bundle').every((l) => l.office_code === null && l.sequence === null)).toBe(true);
      // A copy cut inside its ciphertext still says, in its clear header, whose bundle it was.
      expect(log.some((l) => l.reason === 'truncated' && l.office_code === office.code && l.sequence === 2)).toBe(true);
    },
    TIMEOUT_MS,
  );

  it(
    'a bundle sealed to another bureau, from an office enrolled elsewhere, or signed with a key that is not the office’s',
    async () => {
      const { bureau, office, usb, file1, bytes1 } = await start();
      const dir = makeTempDir('civicdesk-tamper-');
      // Sealed to another age recipient, with the office's own key: only the bureau it is sealed to reads it.
      const other = await newAgeIdentity();
      await expectRefused(bureau, dir, await reseal(bureau, office, bytes1, { recipient: other.recipient }), 'wrong_recipient');
      // A forged office key: its proof does not hold before the key is pinned …
      const forged = newSigningKey();
      await expectRefused(bureau, dir, await reseal(bureau, office, bytes1, { header: { officeKey: forged.publicKey }, signingKey: forged.privateKey }), 'unknown_signer');
      // … and the office's own key named in the header, but signed by another: the signature does not hold.
      await expectRefused(bureau, dir, await reseal(bureau, office, bytes1, { signingKey: forged.privateKey }), 'bad_signature');

      // A second bureau: the same office code enrolled there (its bundle names an enrollment this
      // bureau never issued, and is sealed to the other bureau), and an office only it enrolled.
      const bureau2 = await setupBureau();
      const twin = await enrolledOffice(bureau2, office.code);
      await register(twin.t, twin.office.adminConn, { name: '王海燕' });
      const twinFile = await exportBundle(twin, makeTempDir('civicdesk-usb-'));
      await expectRefused(bureau, dir, fs.readFileSync(twinFile.file!), 'wrong_recipient');
      const stranger = await enrolledOffice(bureau2, 'HNQ-XYL', '外区社区');
      const strangerFile = await exportBundle(stranger, makeTempDir('civicdesk-usb-'));
      await expectRefused(bureau, dir, fs.readFileSync(strangerFile.file!), 'unknown_office');

      // The real one goes in and pins the office key; after that a forged key is refused whatever it proves.
      expect((await importFiles(bureau, [file1]))[0]).toMatchObject({ status: 'applied' });
      const two = await nextBundle(office, usb);
      await expectRefused(bureau, dir, await reseal(bureau, office, two.bytes, { header: { officeKey: forged.publicKey }, signingKey: forged.privateKey }), 'unknown_signer');
      expect((await importFiles(bureau, [two.file]))[0]).toMatchObject({ status: 'applied', sequence: 2 });
      expect(alarms(bureau)).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    'replays are duplicates; another bundle with a sequence or bundle id already taken, or not following the last one, is refused with an alarm',
    async () => {
      const { bureau, office, usb, file1, bytes1 } = await start();
      const dir = makeTempDir('civicdesk-tamper-');
      expect((await importFiles(bureau, [file1, file1])).map((r) => r.status)).toEqual(['applied', 'duplicate']);
      const two = await nextBundle(office, usb);
      const id1 = openBundle(bytes1).header.bundleId;

      // Sequence 1 again, other content (rows changed): refused, alarm, nothing applied.
      const otherOne = await reseal(bureau, office, bytes1, { header: { bundleId: randomUUID() }, payload: (p) => ({ ...p, tables: p.tables.filter((t) => t.entity !== 'residents') }) });
      await expectRefused(bureau, dir, otherOne, 'sequence_conflict');
      // Sequence 2 reusing bundle 1's id: refused, alarm.
      await expectRefused(bureau, dir, await reseal(bureau, office, two.bytes, { header: { bundleId: id1 } }), 'bundle_id_conflict');
      // Sequence 2 that does not name bundle 1 as its predecessor: another history of the office.
      await expectRefused(bureau, dir, await reseal(bureau, office, two.bytes, { header: { prevHash: 'f'.repeat(64) } }), 'chain_fork');
      expect(alarms(bureau).map((a) => [a.office_code, a.kind])).toEqual([
        [office.code, 'sequence_conflict'],
        [office.code, 'bundle_id_conflict'],
        [office.code, 'chain_fork'],
      ]);
      expect(JSON.parse(alarms(bureau)[0].detail)).toMatchObject({ sequence: 1, knownSha256: openBundle(bytes1).sha256 });

      // The office's real bundle 2 still follows, and then replays of both are duplicates.
      expect((await importFiles(bureau, [two.file, file1, two.file])).map((r) => r.status)).toEqual(['applied', 'duplicate', 'duplicate']);
    },
    TIMEOUT_MS,
  );

  it(
    'rows merge by id and version: a row the bureau holds at the same or a newer version is left as it is',
    async () => {
      const { bureau, office, usb, file1, bytes1 } = await start();
      expect((await importFiles(bureau, [file1]))[0]).toMatchObject({ status: 'applied' });
      const two = await nextBundle(office, usb);
      const stale = (await payloadOf(bureau, bytes1)).tables.find((t) => t.entity === 'residents')!;
      const nameAt = stale.columns.indexOf('name') + 2;
      const renamed = stale.rows.map((r) => r.map((v, i) => (i === nameAt ? '改过的名字' : v)) as typeof r);
      // Bundle 2 as the office made it, plus bundle 1's residents again at their versions but renamed.
      const crafted = await reseal(bureau, office, two.bytes, {
        payload: (p) => ({ ...p, tables: p.tables.map((t) => (t.entity === 'residents' ? { ...t, rows: [...renamed, ...t.rows] } : t)) }),
      });
      const real = (await payloadOf(bureau, two.bytes)).tables.reduce((n, t) => n + t.rows.length, 0);
      const [result] = await importFiles(bureau, [writeFile(makeTempDir(), 'crafted.cdbundle', crafted)]);
      expect(result).toMatchObject({ status: 'applied', rows: real });
      const rows = bureauState(bureau).rows as { entity: string; data: string }[];
      expect(rows.filter((r) => r.entity === 'residents').map((r) => JSON.parse(r.data).name)).not.toContain('改过的名字');
      expect(rows.filter((r) => r.entity === 'residents')).toHaveLength(4);
    },
    TIMEOUT_MS,
  );

  it(
    'a held bundle that turns out not to follow is refused when its gap fills, and the right one can still come',
    async () => {
      const { bureau, office, usb, file1 } = await start();
      const dir = makeTempDir('civicdesk-tamper-');
      const two = await nextBundle(office, usb);
      const three = await nextBundle(office, usb, '赵丽华');
      const forkedThree = writeFile(dir, 'forked-3.cdbundle', await reseal(bureau, office, three.bytes, { header: { prevHash: 'e'.repeat(64) } }));
      const results = await importFiles(bureau, [forkedThree, file1, two.file]);
      expect(results.map((r) => [r.sequence, r.status, r.reason])).toEqual([
        [3, 'held', 'waiting_for'],
        [1, 'applied', undefined],
        [2, 'applied', undefined],
      ]);
      expect(results[0].params).toEqual({ missing: 1 });
      expect(intakeLog(bureau).map((l) => [l.file_name, l.sequence, l.status, l.reason])).toEqual([
        ['forked-3.cdbundle', 3, 'held', 'waiting_for'],
        [expect.any(String), 1, 'applied', null],
        [expect.any(String), 2, 'applied', null],
        ['forked-3.cdbundle', 3, 'rejected', 'chain_fork'],
      ]);
      expect(alarms(bureau).map((a) => a.kind)).toEqual(['chain_fork']);
      expect((await importFiles(bureau, [three.file]))[0]).toMatchObject({ sequence: 3, status: 'applied' });
    },
    TIMEOUT_MS,
  );

  it(
    'rows of a table the bureau does not know, or a malformed row, refuse the whole bundle (not even its good tables apply), also one that would be held',
    async () => {
      const { bureau, office, usb, file1, bytes1 } = await start();
      const dir = makeTempDir('civicdesk-tamper-');
      // One that would wait for a missing bundle is refused at once, not held until then.
      const two = await nextBundle(office, usb);
      await expectRefused(bureau, dir, await reseal(bureau, office, two.bytes, { payload: (p) => ({ ...p, tables: [...p.tables, { entity: 'audit_log', columns: ['id', 'version'], rows: [] }] }) }), 'bad_payload');
      const withStranger = await reseal(bureau, office, bytes1, {
        payload: (p) => ({ ...p, tables: [...p.tables, { entity: 'bureau_offices', columns: ['id', 'version'], rows: [['tx', 1, 'x', 1]] }] }),
      });
      await expectRefused(bureau, dir, withStranger, 'bad_payload');
      const badRow = await reseal(bureau, office, bytes1, {
        payload: (p) => ({ ...p, tables: p.tables.map((t) => (t.entity === 'residents' ? { ...t, rows: [...t.rows, ['tx', 1]] } : t)) }),
      });
      await expectRefused(bureau, dir, badRow, 'bad_payload');
      expect(bureauState(bureau).rows).toEqual([]);
      expect((await importFiles(bureau, [file1, two.file])).map((r) => r.status)).toEqual(['applied', 'applied']);
    },
    TIMEOUT_MS,
  );

  it('a signed bundle whose payload would unpack past the limit (a decompression bomb) is refused as unreadable, quickly', async () => {
    const bureau = await setupBureau();
    const office = await enrolledOffice(bureau);
    const usb = makeTempDir('civicdesk-usb-');
    const first = await exportBundle(office, usb);
    const opened = openBundle(fs.readFileSync(first.file!));
    const { format: _f, payloadBytes: _b, payloadSha256: _s, ...header } = opened.header;
    // 401 MiB of zeros gzip to ~400 KB; the office's own key signs it (what a stolen key could do).
    const bomb = gzipSync(Buffer.alloc(MAX_PAYLOAD_BYTES + (1 << 20)), { level: 9 });
    const sealed = await sealBundle({ gzipped: bomb }, header, bureau.t.host.db.prepare('SELECT recipient FROM bureau_identity').pluck().get() as string, readSecret(office.t.host.db, SECRET.officeSigningKey)!);
    expect(sealed.length).toBeLessThan(2 * 1024 * 1024);
    const before = bureauState(bureau);
    const started = performance.now();
    const [result] = await importFiles(bureau, [writeFile(usb, 'bomb.cdbundle', sealed)]);
    expect(result).toMatchObject({ status: 'rejected', reason: 'bad_payload' });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(bureauState(bureau)).toEqual(before);
  }, 60_000);
});
