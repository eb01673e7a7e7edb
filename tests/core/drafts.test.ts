/**
 * Drafts (草稿) in the office database: a user saves, reads back and discards their own unsaved
 * forms; nobody else can see or remove them; they are bounded in size and number, expire after
 * DRAFT_TTL_DAYS, are not records (no change log, no audit entry), and lie encrypted on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DRAFT_MAX_BYTES, DRAFT_TTL_DAYS, DRAFTS_PER_USER } from '../../shared/contract';
import { composeIdNumber } from '../../shared/domain/id-number';
import { maxSeq, rowCount, snapshotTables } from '../support/db-inspect';
import { USER_PASSWORD, createUser, login, newConnection, setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

const RESIDENT_KEY = 'resident:0195a1b2-3c4d-7e5f-8a9b-00000000000a';
const ID_NUMBER = composeIdNumber('640202', '1990-08-08', 18);

async function office() {
  const t = createTestHost();
  const o = await setupOffice(t);
  const clerk = await createUser(t, o, 'clerk', 'li.na');
  const other = await createUser(t, o, 'clerk', 'zhao.lei');
  return { t, o, clerk, other };
}

function auditCount(t: TestHost): number {
  return rowCount(t.host.db, 'audit_log');
}

describe('drafts.save, drafts.get and drafts.discard', () => {
  it('a saved draft comes back to the same user with its payload, base version and time; saving again replaces it', async () => {
    const { t, clerk } = await office();
    const payload = { values: { idNumber: ID_NUMBER, name: '赵小燕', livingAlone: true }, base: { name: '' } };
    const saved = expectOk(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload }));
    expect(saved).toEqual({ key: 'resident:new', savedAt: '2025-03-10T08:00:00.000Z' });
    expect(expectOk(await t.call(clerk.conn, 'drafts.get', { key: 'resident:new' }))).toEqual({
      draft: { key: 'resident:new', payload, baseVersion: null, savedAt: '2025-03-10T08:00:00.000Z' },
    });

    t.clock.advanceMinutes(2);
    expectOk(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload: { values: { name: '赵小雁' } } }));
    expectOk(await t.call(clerk.conn, 'drafts.save', { key: RESIDENT_KEY, payload: { values: { phone: '13800001111' } }, baseVersion: 3 }));
    const draft = expectOk(await t.call(clerk.conn, 'drafts.get', { key: 'resident:new' })).draft;
    expect(draft).toMatchObject({ payload: { values: { name: '赵小雁' } }, savedAt: '2025-03-10T08:02:00.000Z' });
    expect(expectOk(await t.call(clerk.conn, 'drafts.get', { key: RESIDENT_KEY })).draft).toMatchObject({ baseVersion: 3 });
    expect(expectOk(await t.call(clerk.conn, 'drafts.list', {})).items.map((d) => d.key).sort()).toEqual([RESIDENT_KEY, 'resident:new'].sort());
  });

  it('discard removes the draft (the form was saved or thrown away); discarding again says there was none', async () => {
    const { t, clerk } = await office();
    expectOk(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload: { values: { name: '赵小燕' } } }));
    expect(expectOk(await t.call(clerk.conn, 'drafts.discard', { key: 'resident:new' }))).toEqual({ discarded: true });
    expect(expectOk(await t.call(clerk.conn, 'drafts.get', { key: 'resident:new' }))).toEqual({ draft: null });
    expect(expectOk(await t.call(clerk.conn, 'drafts.discard', { key: 'resident:new' }))).toEqual({ discarded: false });
    expect(rowCount(t.host.db, 'drafts')).toBe(0);
  });

  it('drafts are not records: no version, no change-log entry, no audit entry', async () => {
    const { t, clerk } = await office();
    const seq = maxSeq(t.host.db);
    const audits = auditCount(t);
    expectOk(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload: { values: { name: '赵小燕' } } }));
    expectOk(await t.call(clerk.conn, 'drafts.discard', { key: 'resident:new' }));
    expect(maxSeq(t.host.db)).toBe(seq);
    expect(auditCount(t)).toBe(audits);
  });
});

describe('a draft is its author’s alone', () => {
  it('another user — even an administrator — under the same key sees nothing, and their discard and save leave mine alone', async () => {
    const { t, o, clerk, other } = await office();
    expectOk(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload: { values: { idNumber: ID_NUMBER } } }));

    for (const conn of [other.conn, o.adminConn]) {
      expect(expectOk(await t.call(conn, 'drafts.get', { key: 'resident:new' }))).toEqual({ draft: null });
      expect(expectOk(await t.call(conn, 'drafts.list', {})).items).toEqual([]);
      expect(expectOk(await t.call(conn, 'drafts.discard', { key: 'resident:new' }))).toEqual({ discarded: false });
    }
    expectOk(await t.call(other.conn, 'drafts.save', { key: 'resident:new', payload: { values: { name: '另一份' } } }));

    expect(expectOk(await t.call(clerk.conn, 'drafts.get', { key: 'resident:new' })).draft?.payload).toEqual({ values: { idNumber: ID_NUMBER } });
    expect(expectOk(await t.call(other.conn, 'drafts.get', { key: 'resident:new' })).draft?.payload).toEqual({ values: { name: '另一份' } });
  });

  it('the same user on another window (connection) gets it back; after signing out nobody on that window does', async () => {
    const { t, clerk } = await office();
    expectOk(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload: { values: { name: '赵小燕' } } }));
    const second = newConnection('second-window');
    await login(t, second, 'li.na', USER_PASSWORD);
    expect(expectOk(await t.call(second, 'drafts.get', { key: 'resident:new' })).draft).not.toBeNull();

    expectOk(await t.call(second, 'accounts.logout', {}));
    expectFailure(await t.call(second, 'drafts.get', { key: 'resident:new' }), 'UNAUTHENTICATED');
    expectFailure(await t.call(newConnection('stranger'), 'drafts.save', { key: 'resident:new', payload: {} }), 'UNAUTHENTICATED');
  });
});

describe('bounds', () => {
  it(`a payload over ${DRAFT_MAX_BYTES / 1024} KiB is refused on the payload field with draft_too_large, and the old draft stays`, async () => {
    const { t, clerk } = await office();
    expectOk(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload: { values: { name: '赵小燕' } } }));
    const before = snapshotTables(t.host.db);
    // Chinese text takes three bytes a character: 22,000 characters are fewer than 65,536 characters but more bytes.
    const error = expectFailure(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload: { values: { notes: '备'.repeat(22_000) } } }), 'INVALID_INPUT');
    expect(error.issues).toEqual([expect.objectContaining({ path: ['payload'], code: 'drafts.too_large', params: { maximum: 64 } })]);
    expect(snapshotTables(t.host.db)).toEqual(before);
    // Just under the limit is fine.
    expectOk(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload: { values: { notes: 'x'.repeat(DRAFT_MAX_BYTES - 100) } } }));
  });

  it('keys name a form and a record (resident:new, resident:<id>); anything else is INVALID_INPUT', async () => {
    const { t, clerk } = await office();
    for (const key of ['', 'resident', 'resident:', '../etc:passwd', 'Resident:new', `resident:${'a'.repeat(65)}`, 'resident:new; DROP TABLE drafts']) {
      const error = expectFailure(await t.call(clerk.conn, 'drafts.save', { key, payload: {} }), 'INVALID_INPUT');
      expect(error.issues?.[0]?.path, key).toEqual(['key']);
    }
  });

  it(`a user keeps their ${DRAFTS_PER_USER} newest drafts; older ones make room`, async () => {
    const { t, clerk, other } = await office();
    expectOk(await t.call(other.conn, 'drafts.save', { key: 'resident:new', payload: { values: {} } }));
    for (let i = 0; i < DRAFTS_PER_USER + 3; i++) {
      t.clock.advanceMs(1000);
      expectOk(await t.call(clerk.conn, 'drafts.save', { key: `resident:r${i}`, payload: { values: { i } } }));
    }
    const keys = expectOk(await t.call(clerk.conn, 'drafts.list', {})).items.map((d) => d.key);
    expect(keys).toHaveLength(DRAFTS_PER_USER);
    expect(keys[0]).toBe(`resident:r${DRAFTS_PER_USER + 2}`);
    expect(keys).not.toContain('resident:r0');
    expect(keys).not.toContain('resident:r2');
    // Someone else's older draft is not theirs to make room with.
    expect(expectOk(await t.call(other.conn, 'drafts.get', { key: 'resident:new' })).draft).not.toBeNull();
  });
});

describe(`expiry after ${DRAFT_TTL_DAYS} days`, () => {
  it('a draft not saved again for the whole period is no longer offered, and the next save anywhere removes it from the file', async () => {
    const { t, clerk, other } = await office();
    expectOk(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload: { values: { name: '赵小燕' } } }));
    t.clock.advanceMinutes(DRAFT_TTL_DAYS * 24 * 60 - 1);
    // The sessions locked meanwhile: sign in again on fresh windows.
    const clerkConn = newConnection('clerk-next-month');
    await login(t, clerkConn, 'li.na', USER_PASSWORD);
    expect(expectOk(await t.call(clerkConn, 'drafts.get', { key: 'resident:new' })).draft).not.toBeNull();

    t.clock.advanceMinutes(2);
    expect(expectOk(await t.call(clerkConn, 'drafts.get', { key: 'resident:new' }))).toEqual({ draft: null });
    expect(expectOk(await t.call(clerkConn, 'drafts.list', {})).items).toEqual([]);
    expect(rowCount(t.host.db, 'drafts')).toBe(1); // still in the file until a save sweeps it

    const otherConn = newConnection('other-next-month');
    await login(t, otherConn, other.user.username, USER_PASSWORD);
    expectOk(await t.call(otherConn, 'drafts.save', { key: 'resident:new', payload: { values: {} } }));
    expect(t.host.db.prepare('SELECT user_id FROM drafts').pluck().all()).toEqual([other.user.id]);
  });
});

describe('on disk', () => {
  it('the database file and its WAL hold no plaintext of a draft (encrypted like the records)', async () => {
    const { t, clerk } = await office();
    const name = '独一无二的草稿姓名';
    const notes = 'PLAINTEXT-DRAFT-MARKER-7f3a';
    for (let i = 0; i < 3; i++) {
      expectOk(await t.call(clerk.conn, 'drafts.save', { key: 'resident:new', payload: { values: { idNumber: ID_NUMBER, name, notes } } }));
    }
    // Before a checkpoint the pages are in the WAL; after closing, in the main file: look at both moments.
    const files = () => fs.readdirSync(t.dir).filter((f) => f.startsWith(path.basename(t.dbPath)) && !f.endsWith('.keys'));
    const check = () => {
      for (const file of files()) {
        const raw = fs.readFileSync(path.join(t.dir, file));
        for (const secret of [ID_NUMBER, name, notes]) expect(raw.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
      }
    };
    expect(files()).toEqual(expect.arrayContaining([path.basename(t.dbPath), `${path.basename(t.dbPath)}-wal`]));
    check();
    await t.close();
    check();
  });
});
