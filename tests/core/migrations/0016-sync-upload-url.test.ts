/**
 * Migration 16 (sync-upload-url), on a v15 office with two bundles in its outbox (one acknowledged,
 * its bytes dropped; one waiting): every row and value stays, each gains an empty upload address,
 * and the address takes a URL afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseAt, upgradeTo } from '../../support/migration-db';
import { disposeTestResources } from '../../support/temp-dir';

afterEach(disposeTestResources);

const T0 = '2025-03-01T02:00:00.000Z';

const V15_SEED = `
  INSERT INTO sync_outbox (sequence, bundle_id, change_from, change_to, audit_from, audit_to, audit_head_hash, changes, file_name, sha256, bytes, content, created_at, acknowledged_at, bureau_status)
    VALUES (1, '0195a1b2-0000-7000-8000-0000000000b1', 0, 40, 0, 12, 'aa', 40, 'HN-HBL-000001-000000b1.cdbundle', 'bb', 1200, NULL, '${T0}', '${T0}', 'applied');
  INSERT INTO sync_outbox (sequence, bundle_id, change_from, change_to, audit_from, audit_to, audit_head_hash, changes, file_name, sha256, bytes, content, created_at)
    VALUES (2, '0195a1b2-0000-7000-8000-0000000000b2', 40, 45, 12, 15, 'cc', 5, 'HN-HBL-000002-000000b2.cdbundle', 'dd', 900, X'00010203', '${T0}');
`;

describe('migration 16 (sync-upload-url) on a v15 office with bundles', () => {
  it('keeps every bundle as it was, with no upload address, and takes one afterwards', () => {
    const db = databaseAt(15, V15_SEED);
    const { after } = upgradeTo(db, 16);
    expect((after.sync_outbox as { upload_url: unknown }[]).map((r) => r.upload_url)).toEqual([null, null]);
    db.prepare('UPDATE sync_outbox SET upload_url = ? WHERE sequence = 2').run('http://127.0.0.1:8080/files/abc');
    expect(db.prepare('SELECT content FROM sync_outbox WHERE sequence = 2').pluck().get()).toEqual(Buffer.from([0, 1, 2, 3]));
    expect(db.prepare('SELECT upload_url FROM sync_outbox ORDER BY sequence').pluck().all()).toEqual([null, 'http://127.0.0.1:8080/files/abc']);
  });
});
