/**
 * Every arrival order ends the same (a model-based test): an office's bundles 1..5, with records
 * created, edited, merged away and deleted between them, taken in by one bureau in any order, with
 * replays sprinkled in and split over several imports, reach the state the in-order import reaches —
 * rows, tombstones, person index, gap-free point, audit head, bundles — and each file's status is
 * the one a small model of the rules predicts (applied, held waiting for the first missing one,
 * duplicate).
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntakeResult } from '../../shared/contract';
import { disposeTestResources, makeTempDir } from '../support/temp-dir';
import { expectOk } from '../support/results';
import { enrolledOffice, exportBundle, setupBureau, type TestSyncOffice } from '../support/sync';
import { register } from '../support/residents-registry';
import { alarms, bureauState, expectSameRows, forgetIntake, importFiles, intakeLog } from './sync-intake-fixtures';

afterEach(disposeTestResources);

const TIMEOUT_MS = 60_000;
const BUNDLES = 5;

/** Work between two bundles: new residents, edits, a merge (a tombstone), a household merge. */
async function someWork(o: TestSyncOffice, step: number): Promise<void> {
  const conn = o.office.adminConn;
  for (let i = 0; i < 3; i++) await register(o.t, conn, { name: `居民${step}-${i}` });
  const list = expectOk(await o.t.call(conn, 'residents.list', { limit: 50 })).items;
  const a = list[step % list.length];
  expectOk(await o.t.call(conn, 'residents.update', { id: a.id, version: a.version, phone: `1399512${String(step).padStart(4, '0')}` }));
  if (step % 2 === 0) {
    const [keep, drop] = [list[list.length - 1], list[list.length - 2]];
    expectOk(await o.t.call(conn, 'residents.merge', { keepId: keep.id, keepVersion: keep.version, mergeId: drop.id, mergeVersion: drop.version }));
  } else {
    const hs = o.t.host.db.prepare('SELECT id, version FROM households WHERE deleted_at IS NULL ORDER BY id LIMIT 2').all() as { id: string; version: number }[];
    expectOk(await o.t.call(conn, 'households.merge', { keepId: hs[0].id, keepVersion: hs[0].version, mergeId: hs[1].id, mergeVersion: hs[1].version }));
  }
}

/** What the rules say each arrival's status is, and whether the whole lot ends applied. */
function model(arrivals: number[]): { statuses: IntakeResult['status'][]; missing: (number | undefined)[] } {
  let applied = 0;
  const held = new Set<number>();
  const statuses: IntakeResult['status'][] = [];
  const missing: (number | undefined)[] = [];
  for (const s of arrivals) {
    if (s <= applied || held.has(s)) {
      statuses.push('duplicate');
      missing.push(undefined);
    } else if (s === applied + 1) {
      statuses.push('applied');
      missing.push(undefined);
      applied = s;
      while (held.delete(applied + 1)) applied += 1;
    } else {
      statuses.push('held');
      missing.push(applied + 1);
      held.add(s);
    }
  }
  return { statuses, missing };
}

/** A permutation of 1..n with replays of random bundles inserted at random places, split into import calls. */
const arrivalPlan = fc
  .tuple(
    fc.shuffledSubarray(
      Array.from({ length: BUNDLES }, (_, i) => i + 1),
      { minLength: BUNDLES, maxLength: BUNDLES },
    ),
    fc.array(fc.tuple(fc.integer({ min: 1, max: BUNDLES }), fc.nat()), { maxLength: 4 }),
    fc.array(fc.nat(), { maxLength: 3 }),
  )
  .map(([order, replays, cuts]) => {
    const arrivals = [...order];
    for (const [seq, at] of replays) arrivals.splice(at % (arrivals.length + 1), 0, seq);
    const splits = [...new Set(cuts.map((c) => 1 + (c % (arrivals.length - 1))))].sort((x, y) => x - y);
    const calls: number[][] = [];
    let from = 0;
    for (const at of [...splits, arrivals.length]) {
      calls.push(arrivals.slice(from, at));
      from = at;
    }
    return { arrivals, calls };
  });

describe('bureau intake: arrival order', () => {
  it(
    'any order of bundles 1..5, with replays, reaches the in-order end state; statuses as the model predicts',
    async () => {
      const bureau = await setupBureau();
      const office = await enrolledOffice(bureau);
      const usb = makeTempDir('civicdesk-usb-');
      const files: string[] = [];
      for (let step = 1; step <= BUNDLES; step++) {
        await someWork(office, step);
        const made = await exportBundle(office, usb);
        expect(made.sequence).toBe(step);
        files.push(made.file!);
      }
      // The bundles really differ: each is its own file with its own changes.
      expect(new Set(files.map((f) => fs.readFileSync(f).toString('base64'))).size).toBe(BUNDLES);

      const inOrder = await importFiles(bureau, files);
      expect(inOrder.map((r) => r.status)).toEqual(Array(BUNDLES).fill('applied'));
      expectSameRows(office, bureau);
      const reference = bureauState(bureau);
      const totalRows = inOrder.reduce((n, r) => n + (r.rows ?? 0), 0);
      expect(reference.rows.some((r) => (r as { deleted: number }).deleted === 1)).toBe(true);

      await fc.assert(
        fc.asyncProperty(arrivalPlan, async ({ arrivals, calls }) => {
          forgetIntake(bureau, office.code);
          const results: IntakeResult[] = [];
          for (const call of calls) results.push(...(await importFiles(bureau, call.map((s) => files[s - 1]))));
          const predicted = model(arrivals);
          expect(results.map((r) => r.sequence)).toEqual(arrivals);
          expect(results.map((r) => r.status)).toEqual(predicted.statuses);
          expect(results.map((r) => r.params?.missing)).toEqual(predicted.missing);
          // Every bundle's rows went in exactly once, counted on the file that applied them or released them.
          expect(results.reduce((n, r) => n + (r.rows ?? 0), 0)).toBe(totalRows);
          expect(bureauState(bureau)).toEqual(reference);
          // The log has every arrival and each release; no alarms in any order.
          const log = intakeLog(bureau);
          expect(log.filter((l) => l.status === 'applied').map((l) => l.sequence).sort()).toEqual(Array.from({ length: BUNDLES }, (_, i) => i + 1));
          expect(log.length).toBe(arrivals.length + predicted.statuses.filter((s) => s === 'held').length);
          expect(alarms(bureau)).toEqual([]);
        }),
        { numRuns: 150, examples: [[{ arrivals: [5, 4, 3, 2, 1], calls: [[5, 4, 3, 2, 1]] }], [{ arrivals: [2, 2, 1, 5, 3, 4, 1], calls: [[2, 2], [1, 5, 3], [4, 1]] }]] },
      );
    },
    TIMEOUT_MS,
  );
});
