/**
 * Random sequences of registry operations (register, join, move, set head, split, merge households,
 * merge resident records) against a real database: whatever the sequence, no household is ever left
 * without a head while it has members, nobody is outside a household, the open membership period
 * always agrees with the resident row, and a refused operation writes nothing.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { RELATIONS, type Relation } from '../../shared/domain/residents';
import type { MethodInput, MethodName, Result } from '../../shared/contract';
import { maxSeq } from '../support/db-inspect';
import { setupOffice } from '../support/office';
import { newIdNumber } from '../support/residents-registry';
import { householdProblems } from '../support/residents-invariants';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

/** Many short databases in one property: room beyond the project's 30 s on a shared machine. */
const MODEL_TIMEOUT_MS = 120_000;

const OPS = ['register', 'join', 'moveExisting', 'moveNew', 'setHead', 'split', 'mergeHouseholds', 'mergeResidents'] as const;
type OpKind = (typeof OPS)[number];
interface Op {
  kind: OpKind;
  /** Picks: indexes into the current residents/households, taken modulo their count. */
  a: number;
  b: number;
  c: number;
  /** Which members a split takes along, one bit per member. */
  mask: number;
  /** Whether to name a new head when the head leaves. */
  withHead: boolean;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom(...OPS),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  mask: fc.nat({ max: 255 }),
  withHead: fc.boolean(),
});

const REGISTER: Op = { kind: 'register', a: 0, b: 0, c: 0, mask: 0, withHead: false };
const MEMBER_RELATIONS = RELATIONS.filter((r): r is Exclude<Relation, 'head'> => r !== 'head');
/** Refusals an operation may meet with in a random sequence; anything else (INTERNAL above all) fails the test. */
const EXPECTED_REFUSALS = new Set(['INVALID_INPUT', 'NOT_FOUND']);

interface State {
  households: { id: string; version: number; head: string | null }[];
  residents: { id: string; version: number; household: string; relation: string }[];
}

function readState(t: TestHost): State {
  return {
    households: t.host.db.prepare('SELECT id, version, head_resident_id AS head FROM households WHERE deleted_at IS NULL ORDER BY rowid').all() as State['households'],
    residents: t.host.db
      .prepare('SELECT id, version, household_id AS household, relation FROM residents WHERE deleted_at IS NULL ORDER BY n')
      .all() as State['residents'],
  };
}

const pick = <T,>(items: T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);

/** Turn one random op into a contract call against the current state (undefined when it does not apply). */
function toCall(op: Op, s: State, counter: number): { method: MethodName; input: MethodInput<MethodName> } | undefined {
  const resident = pick(s.residents, op.a);
  const household = pick(s.households, op.b);
  const membersOf = (h: string) => s.residents.filter((r) => r.household === h);
  switch (op.kind) {
    case 'register':
      return { method: 'residents.create', input: { name: `居民${counter}`, idNumber: newIdNumber(), household: { mode: 'new', address: `地址${counter}` } } };
    case 'join':
      if (!household) return undefined;
      return {
        method: 'residents.create',
        input: { name: `成员${counter}`, idNumber: newIdNumber(), household: { mode: 'existing', householdId: household.id, relation: pick(MEMBER_RELATIONS, op.c)! } },
      };
    case 'moveExisting':
    case 'moveNew': {
      if (!resident) return undefined;
      const remaining = membersOf(resident.household).filter((m) => m.id !== resident.id);
      const newHeadId = op.withHead ? pick(remaining, op.c)?.id : undefined;
      const to =
        op.kind === 'moveNew' || !household
          ? ({ mode: 'new' } as const)
          : ({ mode: 'existing', householdId: household.id, relation: pick(MEMBER_RELATIONS, op.c)! } as const);
      return { method: 'households.moveMember', input: { residentId: resident.id, to, newHeadId } };
    }
    case 'setHead': {
      if (!household) return undefined;
      const members = membersOf(household.id);
      const head = pick(members, op.a);
      if (!head) return undefined;
      const relations = Object.fromEntries(members.filter((m) => m.id !== head.id && op.mask & 1).map((m) => [m.id, pick(MEMBER_RELATIONS, op.c)!]));
      return { method: 'households.setHead', input: { id: household.id, version: household.version, headResidentId: head.id, relations } };
    }
    case 'split': {
      if (!household) return undefined;
      // Mostly members other than the head; now and then the head too (a refusal).
      const leaving = membersOf(household.id).filter((m, i) => (m.relation !== 'head' || op.mask & 128) && op.mask & (1 << i % 7));
      const newHead = pick(leaving, op.c);
      if (!newHead) return undefined;
      // When the head leaves, now and then name someone who stays to take over (else a refusal).
      const staying = membersOf(household.id).filter((m) => !leaving.includes(m));
      const remainingHead = op.withHead ? pick(staying, op.b) : undefined;
      return {
        method: 'households.split',
        input: { id: household.id, version: household.version, memberIds: leaving.map((m) => m.id), newHeadId: newHead.id, remainingHeadId: remainingHead?.id },
      };
    }
    case 'mergeHouseholds': {
      const other = pick(s.households, op.c);
      if (!household || !other) return undefined;
      // Now and then the result is headed by someone from either household (or, refused, by anyone).
      const head = op.withHead ? pick(s.residents, op.b) : undefined;
      return { method: 'households.merge', input: { keepId: household.id, keepVersion: household.version, mergeId: other.id, mergeVersion: other.version, headId: head?.id } };
    }
    case 'mergeResidents': {
      const other = pick(s.residents, op.c);
      if (!resident || !other) return undefined;
      return { method: 'residents.merge', input: { keepId: resident.id, keepVersion: resident.version, mergeId: other.id, mergeVersion: other.version } };
    }
  }
}

describe('household invariants under random operation sequences', () => {
  it('no household is ever without a head while it has members, and refused operations write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 28 }), async (ops) => {
        const t = createTestHost();
        try {
          const office = await setupOffice(t);
          let counter = 0;
          // Start from two households so the first moves have somewhere to go.
          for (const op of [REGISTER, REGISTER, ...ops]) {
            counter += 1;
            const call = toCall(op, readState(t), counter);
            if (!call) continue;
            const seq = maxSeq(t.host.db);
            const result = (await t.host.dispatch(office.adminConn, call.method, call.input)) as Result<unknown>;
            if (!result.ok) {
              expect(EXPECTED_REFUSALS, `${call.method} ${JSON.stringify(result.error)}`).toContain(result.error.code);
              expect(maxSeq(t.host.db), `${call.method} was refused but wrote`).toBe(seq);
            }
            expect(householdProblems(t.host.db), `after ${call.method} ${JSON.stringify(call.input)}`).toEqual([]);
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 15 },
    );
  }, MODEL_TIMEOUT_MS);
});
