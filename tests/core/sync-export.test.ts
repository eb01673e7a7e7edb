/**
 * Export to a USB stick or folder: a bundle is only ever marked exported, and only ever found under
 * its name, once the whole file was written, fsynced, read back and matched its hash. A pulled stick
 * (the folder gone, an I/O error at fsync), a full disk or a stick that returns other bytes leaves
 * nothing marked and no file that looks complete; the next export writes the same bundle, unchanged.
 * Failures of the medium are injected at node:fs (the one thing a test cannot pull out of a real PC).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { expectFailure, expectOk } from '../support/results';
import { createUser } from '../support/office';
import { enrolledOffice, exportBundle, setupBureau, type TestSyncOffice } from '../support/sync';
import { openBundle, sha256 } from '../../electron/core/sync/format';

afterEach(() => {
  vi.restoreAllMocks();
  return disposeTestResources();
});

async function statusOf(o: TestSyncOffice) {
  return expectOk(await o.t.call(o.office.adminConn, 'sync.status', {}));
}

async function failingExport(o: TestSyncOffice, folder: string) {
  return o.t.host.runJob(o.office.adminConn, 'sync.export', { folder });
}

const bundleFiles = (dir: string) => fs.readdirSync(dir);

describe('export to USB or folder', () => {
  it('a folder that is gone: nothing marked; the same bundle is written later', async () => {
    const office = await enrolledOffice(await setupBureau());
    const gone = path.join(makeTempDir(), 'E盘');
    const failed = expectFailure(await failingExport(office, gone), 'INVALID_INPUT');
    expect(failed.issues?.[0]).toMatchObject({ path: ['folder'], code: 'sync.folder_gone' });
    const after = await statusOf(office);
    expect(after.bundles).toHaveLength(0);
    const usb = makeTempDir('civicdesk-usb-');
    const made = await exportBundle(office, usb);
    expect(made.sequence).toBe(1);
  });

  it('an I/O error at fsync (a pulled stick), a full disk, or other bytes read back: no file under the name, not marked', async () => {
    const office = await enrolledOffice(await setupBureau());
    const usb = makeTempDir('civicdesk-usb-');

    const eio = vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    });
    const pulled = expectFailure(await failingExport(office, usb), 'INVALID_INPUT');
    expect(pulled.issues?.[0].code).toBe('sync.folder_gone');
    eio.mockRestore();
    expect(bundleFiles(usb)).toEqual([]);
    let status = await statusOf(office);
    // The bundle was made and kept (it is re-sent unchanged); it is not marked exported.
    expect(status.bundles).toHaveLength(1);
    expect(status.bundles[0].exportedAt).toBeNull();
    const sha = status.bundles[0].sha256;

    const full = vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    expectFailure(await failingExport(office, usb), 'DISK_FULL');
    full.mockRestore();
    expect(bundleFiles(usb)).toEqual([]);

    const realRead = fs.readFileSync;
    const bad = vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, options?: unknown) => {
      const data = realRead(file, options as never) as Buffer;
      if (typeof file === 'string' && file.includes('.partial-')) {
        const copy = Buffer.from(data);
        copy[copy.length - 1] ^= 0xff;
        return copy;
      }
      return data;
    }) as typeof fs.readFileSync);
    const verify = expectFailure(await failingExport(office, usb), 'INVALID_INPUT');
    expect(verify.issues?.[0].code).toBe('sync.verify_failed');
    bad.mockRestore();
    expect(bundleFiles(usb)).toEqual([]);
    status = await statusOf(office);
    expect(status.bundles[0].exportedAt).toBeNull();

    // The stick works again: the same bundle, byte for byte, is written and marked.
    const made = await exportBundle(office, usb);
    expect(made.sequence).toBeNull();
    expect(made.resent).toHaveLength(1);
    expect(sha256(fs.readFileSync(made.resent[0].file))).toBe(sha);
    status = await statusOf(office);
    expect(status.bundles[0].exportedAt).not.toBeNull();
  });

  it('bundles chain by hash; a viewer cannot export', async () => {
    const office = await enrolledOffice(await setupBureau());
    const usb = makeTempDir('civicdesk-usb-');
    const first = await exportBundle(office, usb);
    expectOk(await office.t.call(office.office.adminConn, 'grids.create', { code: 'G9', name: '第九网格' }));
    const second = await exportBundle(office, usb);
    expect(second.sequence).toBe(2);
    expect(second.resent.map((r) => r.sequence)).toEqual([1]);
    const one = openBundle(fs.readFileSync(first.file!));
    const two = openBundle(fs.readFileSync(second.file!));
    expect(two.header.prevHash).toBe(one.sha256);
    expect(one.header.prevHash).toBeNull();

    const viewer = await createUser(office.t, office.office, 'viewer');
    expectFailure(await office.t.host.runJob(viewer.conn, 'sync.export', { folder: usb }), 'FORBIDDEN');
    expectFailure(await office.t.call(viewer.conn, 'sync.enroll', { file: first.file!, code: 'x' }), 'FORBIDDEN');
  });
});
