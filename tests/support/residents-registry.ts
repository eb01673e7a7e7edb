/**
 * An office ready for registry work: users of every role signed in, valid ID numbers on demand, and
 * a typed `register` that goes through residents.create like the form does.
 */
import { expect } from 'vitest';
import type { MethodInput, Resident } from '../../shared/contract';
import { checkCharacter, composeIdNumber } from '../../shared/domain/id-number';
import { createUser, setupOffice, type TestOffice, type TestUser } from './office';
import { expectOk } from './results';
import type { TestHost } from './test-host';

export interface RegistryOffice extends TestOffice {
  clerk: TestUser;
  supervisor: TestUser;
  viewer: TestUser;
}

/** Set up the office and sign in a clerk, a supervisor and a viewer, each on their own connection. */
export async function setupRegistry(t: TestHost): Promise<RegistryOffice> {
  const office = await setupOffice(t);
  const clerk = await createUser(t, office, 'clerk');
  const supervisor = await createUser(t, office, 'supervisor');
  const viewer = await createUser(t, office, 'viewer');
  return { ...office, clerk, supervisor, viewer };
}

let sequence = 0;
/**
 * A fresh valid 18-character ID number (Dawukou, born 1985-06-12 unless told otherwise). Each call
 * takes the next sequence number (distinct for 500 calls per birth date); odd is male, even female.
 */
export function newIdNumber(options: { birthDate?: string; division?: string; sex?: 'male' | 'female' } = {}): string {
  sequence += 1;
  const sex = options.sex ?? (sequence % 2 === 1 ? 'male' : 'female');
  const seq = (sequence % 500) * 2 + (sex === 'male' ? 1 : 0);
  return composeIdNumber(options.division ?? '640202', options.birthDate ?? '1985-06-12', seq);
}

/** A valid ID whose check character is X (about one in eleven sequences gives one). */
export function idNumberEndingInX(birthDate = '1972-11-03', division = '640205'): string {
  for (let seq = 0; seq < 1000; seq++) {
    const first17 = `${division}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    if (checkCharacter(first17) === 'X') return first17 + 'X';
  }
  throw new Error(`no sequence gives X for ${division} ${birthDate}`);
}

/** The same number as a clerk might type it: full-width digits and a lower-case x. */
export function fullWidth(idNumber: string): string {
  return [...idNumber].map((c) => (c >= '0' && c <= '9' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c.toLowerCase())).join('');
}

export type CreateInput = MethodInput<'residents.create'>;
export type RegisterInput = Omit<CreateInput, 'household' | 'idNumber'> & Partial<Pick<CreateInput, 'household' | 'idNumber'>>;

/** Register through residents.create; a new household of their own unless `household` says otherwise. */
export async function register(t: TestHost, conn: string, input: RegisterInput): Promise<Resident> {
  const full: CreateInput = { idNumber: newIdNumber(), household: { mode: 'new' }, ...input };
  return expectOk(await t.call(conn, 'residents.create', full));
}

/** Register `names` as one household: the first is the head, the others join with `relation`. */
export async function registerHousehold(
  t: TestHost,
  conn: string,
  names: string[],
  options: { address?: string; gridId?: string; relation?: 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling' | 'other' } = {},
): Promise<Resident[]> {
  const [headName, ...others] = names;
  const head = await register(t, conn, { name: headName, household: { mode: 'new', address: options.address ?? '朝阳街道康乐小区1号楼', gridId: options.gridId } });
  expect(head.householdId).not.toBeNull();
  const members = [head];
  for (const name of others) {
    members.push(await register(t, conn, { name, household: { mode: 'existing', householdId: head.householdId!, relation: options.relation ?? 'child' } }));
  }
  return members;
}
