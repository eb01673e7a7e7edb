/**
 * An import lands whole or not at all: cancelled halfway it leaves the database byte-for-byte as
 * it was; undone, it puts every record back; a bad file is refused with a clear reason and changes
 * nothing; a clerk's save during an import waits and is never lost with it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { composeIdNumber } from '../../shared/domain/id-number';
import type { ContractEvents } from '../../shared/contract';
import { setupOffice } from '../support/office';
import { expectFailure, expectOk } from '../support/results';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';
import { snapshotTables } from '../support/db-inspect';
import { HEADER, changeLogLength, family, inDir, jobOk, liveResidents, personRow, runJob, writeCsv, zipOf } from './imports-fixtures';

afterEach(disposeTestResources);

/** `n` residents in households of three (户主, 妻, 子), as a GBK roster. */
function bigRoster(t: TestHost, n: number): string {
  const rows: string[][] = [HEADER];
  const relations = ['户主', '妻', '子'];
  for (let i = 0; i < n; i++) {
    const sex = i % 3 === 1 ? '女' : '男';
    const seq = (i % 500) * 2 + (sex === '男' ? 1 : 0);
    const birth = `19${String(40 + Math.floor(i / 500) % 60).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
    rows.push([String(i + 1), `居民${i}`, composeIdNumber('640202', birth, seq), sex, birth, relations[i % 3], '', `朝阳街${Math.floor(i / 3)}号`]);
  }
  return writeCsv(inDir(t.dir, `big-${n}.csv`), rows, 'gbk');
}

async function officeWithResidents() {
  const t = createTestHost();
  const o = await setupOffice(t);
  const first = writeCsv(inDir(t.dir, 'first.csv'), [HEADER, ...family().map(personRow)], 'gbk');
  await jobOk(t, o.adminConn, 'imports.commit', { file: first });
  return { t, conn: o.adminConn };
}

describe('all or nothing', () => {
  it('cancelling an import halfway through its writes leaves every table exactly as it was', async () => {
    const { t, conn } = await officeWithResidents();
    const file = bigRoster(t, 3000);
    const before = snapshotTables(t.host.db);
    const logBefore = changeLogLength(t);
    const started = expectOk(await t.host.dispatch(conn, 'imports.commit', { file })) as { jobId: string };
    const outcome = await new Promise<ContractEvents['job.finished']>((resolve) => {
      let cancelled = false;
      t.host.onEvent((_c, event, payload) => {
        const p = payload as ContractEvents['job.progress'] & ContractEvents['job.finished'];
        if (p.jobId !== started.jobId) return;
        // Past the reading half (done > rows in the file): the import is writing inside its transaction.
        if (event === 'job.progress' && !cancelled && p.done > 3100 && t.host.db.inTransaction) {
          cancelled = true;
          void t.host.dispatch(conn, 'jobs.cancel', { jobId: started.jobId });
        }
        if (event === 'job.finished') resolve(p);
      });
    });
    expect(outcome.result.ok ? 'ok' : outcome.result.error.code).toBe('CANCELLED');
    expect(t.host.db.inTransaction).toBe(false);
    expect(changeLogLength(t)).toBe(logBefore);
    expect(snapshotTables(t.host.db)).toEqual(before);
    expect(expectOk(await t.call(conn, 'imports.list', {}))).toHaveLength(1);
  });

  it('a save that arrives during an import waits for it and survives its cancellation', async () => {
    const { t, conn } = await officeWithResidents();
    const file = bigRoster(t, 3000);
    const started = expectOk(await t.host.dispatch(conn, 'imports.commit', { file })) as { jobId: string };
    let save: Promise<unknown> | undefined;
    const finished = new Promise<ContractEvents['job.finished']>((resolve) => {
      t.host.onEvent((_c, event, payload) => {
        const p = payload as ContractEvents['job.progress'] & ContractEvents['job.finished'];
        if (p.jobId !== started.jobId) return;
        if (event === 'job.progress' && !save && t.host.db.inTransaction) {
          save = t.call(conn, 'residents.create', { name: '新登记', idNumber: composeIdNumber('640202', '1999-09-09', 7), household: { mode: 'new' } });
          void t.host.dispatch(conn, 'jobs.cancel', { jobId: started.jobId });
        }
        if (event === 'job.finished') resolve(p);
      });
    });
    expect((await finished).result.ok).toBe(false);
    expect(expectOk((await save) as never)).toMatchObject({ name: '新登记' });
    expect(liveResidents(t).map((p) => p.name)).toContain('新登记');
    expect(liveResidents(t)).toHaveLength(5);
  });
});

describe('undo', () => {
  it('undoing an import tombstones what it created and restores what it changed, in one step', async () => {
    const { t, conn } = await officeWithResidents();
    const before = liveResidents(t);
    const people = family();
    const changed = [personRow({ ...people[3], phone: '13700000009' }, 0), ['2', '新人', composeIdNumber('640221', '1990-02-02', 11), '男', '', '户主', '', '平罗县1号']];
    const done = await jobOk(t, conn, 'imports.commit', { file: writeCsv(inDir(t.dir, 'second.csv'), [HEADER, ...changed], 'utf8') });
    expect(done).toMatchObject({ created: 1, updated: 1 });
    expect(liveResidents(t)).toHaveLength(5);
    const logBefore = changeLogLength(t);

    const undone = expectOk(await t.call(conn, 'imports.undo', { importId: done.importId! }));
    expect(undone).toEqual({ importId: done.importId, removed: 1, restored: 1, households: 1 });
    expect(liveResidents(t)).toEqual(before);
    // Undo is itself recorded: tombstones and a restoring update appended, nothing erased.
    expect(changeLogLength(t)).toBeGreaterThan(logBefore);
    const [latest] = expectOk(await t.call(conn, 'imports.list', {}));
    expect(latest).toMatchObject({ id: done.importId, undoneAt: expect.any(String), userName: '王主任' });
    const again = expectFailure(await t.call(conn, 'imports.undo', { importId: done.importId! }), 'INVALID_INPUT');
    expect(again.issues?.[0].code).toBe('imports.import_already_undone');
    // In the clerk's language: Chinese unless asked otherwise.
    expect(again.issues?.[0].message).toMatch(/[\u4e00-\u9fff]/);
    const inEnglish = expectFailure(await t.call(conn, 'imports.undo', { importId: done.importId!, language: 'en' }), 'INVALID_INPUT');
    expect(inEnglish.issues?.[0].message).toMatch(/^[\x20-\x7e]+$/);
  });

  it('an import whose records were edited since cannot be undone as a whole', async () => {
    const { t, conn } = await officeWithResidents();
    const [first] = expectOk(await t.call(conn, 'imports.list', {}));
    const row = t.host.db.prepare("SELECT id, version FROM residents WHERE name = '李桂英'").get() as { id: string; version: number };
    expectOk(await t.call(conn, 'residents.update', { id: row.id, version: row.version, notes: '已核实' }));
    const refused = expectFailure(await t.call(conn, 'imports.undo', { importId: first.id }), 'INVALID_INPUT');
    expect(refused.issues?.[0]).toMatchObject({ code: 'imports.import_changed_since', params: { count: 1 } });
    expect(liveResidents(t)).toHaveLength(4);
  });
});

describe('files that are not rosters', () => {
  it.each([
    ['random.csv', 'imports.file_binary', () => crypto.randomBytes(5 * 1024 * 1024)],
    ['random.xlsx', 'imports.file_not_xlsx', () => crypto.randomBytes(5 * 1024 * 1024)],
    ['zipped-random.xlsx', 'imports.file_unreadable', () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), crypto.randomBytes(5 * 1024 * 1024)])],
    ['empty.csv', 'imports.file_empty', () => Buffer.alloc(0)],
    ['huge-cell.csv', 'imports.cell_too_long', () => Buffer.from(`姓名,身份证号\r\n"${'长'.repeat(1024 * 1024)}",1\r\n`, 'utf8')],
    ['old.xls', 'imports.file_xls', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), crypto.randomBytes(4096)])],
    ['notes.csv', 'imports.no_header', () => Buffer.from('这不是花名册\r\n只是一些文字\r\n', 'utf8')],
  ])('%s is refused with %s, nothing written, and the core keeps working', async (name, code, bytes) => {
    const { t, conn } = await officeWithResidents();
    const file = inDir(t.dir, name);
    fs.writeFileSync(file, bytes());
    const before = snapshotTables(t.host.db);
    for (const method of ['imports.preview', 'imports.commit'] as const) {
      const result = await runJob(t, conn, method, { file, skipInvalid: true });
      const error = expectFailure(result, 'INVALID_INPUT');
      expect(error.issues?.[0]).toMatchObject({ path: ['file'], code });
      expect(error.issues?.[0].message.length).toBeGreaterThan(10);
    }
    expect(snapshotTables(t.host.db)).toEqual(before);
    expect(expectOk(await t.call(conn, 'residents.list', {})).total).toBe(4);
  });

  it('an .xlsx that is really a zip of something else is refused as not a workbook', async () => {
    const { t, conn } = await officeWithResidents();
    const file = inDir(t.dir, '花名册.xlsx');
    fs.writeFileSync(file, zipOf({ 'readme.txt': Buffer.from('不是表格'), 'photos/photo.jpg': crypto.randomBytes(20_000) }));
    const error = expectFailure(await runJob(t, conn, 'imports.commit', { file }), 'INVALID_INPUT');
    expect(error.issues?.[0]).toMatchObject({ code: 'imports.file_not_xlsx', message: expect.stringContaining('.xlsx') });
  });

  it('a file changed between preview and import is refused', async () => {
    const { t, conn } = await officeWithResidents();
    const file = writeCsv(inDir(t.dir, 'changing.csv'), [HEADER, personRow(family()[0], 0)], 'utf8');
    const preview = await jobOk(t, conn, 'imports.preview', { file });
    fs.appendFileSync(file, '9,某人,,,,,,\r\n');
    const error = expectFailure(await runJob(t, conn, 'imports.commit', { file, expectSha256: preview.fileSha256 }), 'INVALID_INPUT');
    expect(error.issues?.[0].code).toBe('imports.file_changed');
  });
});
