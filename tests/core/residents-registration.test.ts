/**
 * Registering a resident: what is read from the ID number (never typed), how the number is stored,
 * legacy 15-digit numbers, the field errors a clerk sees, and that a refused form writes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ContractError } from '../../shared/contract';
import { composeIdNumber } from '../../shared/domain/id-number';
import { changeLogRows, maxSeq, snapshotTables } from '../support/db-inspect';
import { expectFailure, expectOk } from '../support/results';
import { fullWidth, idNumberEndingInX, newIdNumber, register, setupRegistry, type CreateInput } from '../support/residents-registry';
import { createTestHost, type TestHost } from '../support/test-host';
import { disposeTestResources } from '../support/temp-dir';

afterEach(disposeTestResources);

/** The test clock reads 2025-03-10 (08:00 UTC) throughout. */
async function registryHost() {
  const t = createTestHost();
  const office = await setupRegistry(t);
  return { t, office };
}

function storedIdNumbers(t: TestHost): string[] {
  return t.host.db.prepare('SELECT id_number FROM residents ORDER BY n').pluck().all() as string[];
}

/** Create must fail with INVALID_INPUT carrying exactly one issue, and leave every table as it was. */
async function expectRefusedField(t: TestHost, conn: string, input: CreateInput): Promise<NonNullable<ContractError['issues']>[number]> {
  const before = snapshotTables(t.host.db);
  const seq = maxSeq(t.host.db);
  const error = expectFailure(await t.call(conn, 'residents.create', input), 'INVALID_INPUT');
  expect(error.issues).toHaveLength(1);
  expect(maxSeq(t.host.db)).toBe(seq);
  expect(snapshotTables(t.host.db)).toEqual(before);
  return error.issues![0];
}

describe('what registration reads from the ID number', () => {
  it('derives birth date, sex, age on the clock’s day and division of first registration from the number', async () => {
    const { t, office } = await registryHost();
    const man = await register(t, office.clerk.conn, { name: '张建国', idNumber: composeIdNumber('640205', '1958-07-21', 137) });
    expect(man).toMatchObject({ birthDate: '1958-07-21', sex: 'male', age: 66, divisionCode: '640205', idLegacy: false, relation: 'head', status: 'active' });
    expect(man.tags).toEqual(['older60']);

    const woman = await register(t, office.clerk.conn, { name: '李秀英', idNumber: composeIdNumber('640221', '1944-03-11', 246) });
    expect(woman).toMatchObject({ birthDate: '1944-03-11', sex: 'female', age: 80, divisionCode: '640221' });
    expect(woman.tags).toEqual(['older60', 'older80']);

    // A birthday on the clock's own day counts: 60 today, not 59.
    const birthdayToday = await register(t, office.clerk.conn, { name: '王芳', idNumber: composeIdNumber('640202', '1965-03-10', 22) });
    expect(birthdayToday.age).toBe(60);
    const tomorrow = await register(t, office.clerk.conn, { name: '王静', idNumber: composeIdNumber('640202', '1965-03-11', 24) });
    expect(tomorrow.age).toBe(59);
    expect(tomorrow.tags).toEqual([]);
  });

  it('stores the number normalized: full-width digits made half-width, a lower-case x made X, spaces dropped', async () => {
    const { t, office } = await registryHost();
    const id = idNumberEndingInX();
    const typed = ` ${fullWidth(id).slice(0, 6)}\u3000${fullWidth(id).slice(6)} `;
    expect(typed).not.toContain(id.slice(0, 6));
    const resident = await register(t, office.clerk.conn, { name: '赵丽', idNumber: typed });
    expect(storedIdNumbers(t)).toEqual([id]);
    expect(resident.idNumberMasked).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
    expect(resident.idNumberMasked.endsWith('X')).toBe(true);
    expect(expectOk(await t.call(office.clerk.conn, 'residents.revealId', { id: resident.id })).idNumber).toBe(id);
  });

  it('accepts a legacy 15-digit number, flagged idLegacy and stored as typed (never converted to 18 digits)', async () => {
    const { t, office } = await registryHost();
    const legacy = '640202520814231';
    const resident = await register(t, office.clerk.conn, { name: '马德福', idNumber: legacy });
    expect(resident).toMatchObject({ idLegacy: true, birthDate: '1952-08-14', sex: 'male', divisionCode: '640202', age: 72 });
    expect(resident.idNumberMasked).toBe('640202******231');
    expect(storedIdNumbers(t)).toEqual([legacy]);
    const row = t.host.db.prepare('SELECT id_legacy FROM residents WHERE id = ?').pluck().get(resident.id);
    expect(row).toBe(1);

    const modern = await register(t, office.clerk.conn, { name: '马德海' });
    expect(modern.idLegacy).toBe(false);
  });
});

describe('correcting the ID number later (residents.update)', () => {
  it('re-derives birth date, sex, age and division from the corrected number and re-indexes it', async () => {
    const { t, office } = await registryHost();
    const typo = composeIdNumber('640202', '1958-07-21', 137);
    const right = composeIdNumber('640221', '1957-07-21', 246);
    const resident = await register(t, office.clerk.conn, { name: '张建国', idNumber: typo });
    const fixed = expectOk(await t.call(office.clerk.conn, 'residents.update', { id: resident.id, version: resident.version, idNumber: fullWidth(right) }));
    expect(fixed).toMatchObject({ version: resident.version + 1, birthDate: '1957-07-21', sex: 'female', age: 67, divisionCode: '640221' });
    expect(storedIdNumbers(t)).toEqual([right]);
    const found = async (query: string) => expectOk(await t.call(office.clerk.conn, 'residents.search', { query })).items.map((i) => i.id);
    expect(await found(right)).toEqual([resident.id]);
    expect(await found(typo)).toEqual([]);
    expect(await found(typo.slice(-4))).not.toContain(resident.id);
    expect(await found(right.slice(-4))).toContain(resident.id);
  });

  it('a wrong check digit in the correction is refused at idNumber, the record unchanged', async () => {
    const { t, office } = await registryHost();
    const resident = await register(t, office.clerk.conn, { name: '张建国' });
    const good = composeIdNumber('640202', '1960-01-01', 11);
    const before = snapshotTables(t.host.db);
    const error = expectFailure(
      await t.call(office.clerk.conn, 'residents.update', { id: resident.id, version: resident.version, idNumber: good.slice(0, 17) + (good[17] === '0' ? '1' : '0') }),
      'INVALID_INPUT',
    );
    expect(error.issues).toEqual([expect.objectContaining({ path: ['idNumber'], code: 'residents.id_checksum', params: { expected: good[17] } })]);
    expect(snapshotTables(t.host.db)).toEqual(before);
  });
});

describe('field errors name the field, the problem and the fix, and nothing is written', () => {
  it('a wrong check digit → idNumber id_checksum with the digit it should be', async () => {
    const { t, office } = await registryHost();
    const good = composeIdNumber('640202', '1985-06-12', 301);
    const wrongLast = good[17] === '9' ? '8' : '9';
    const issue = await expectRefusedField(t, office.clerk.conn, { name: '张三', idNumber: good.slice(0, 17) + wrongLast, household: { mode: 'new' } });
    expect(issue).toMatchObject({ path: ['idNumber'], code: 'residents.id_checksum', params: { expected: good[17] } });
    expect(issue.message).toContain(`should be ${good[17]}`);
  });

  it('an impossible birth date (19000229: 1900 was no leap year) → idNumber id_birthdate', async () => {
    const { t, office } = await registryHost();
    // The birth date is checked before the check digit: whatever the last character, the date is the problem.
    const issue = await expectRefusedField(t, office.clerk.conn, { name: '张三', idNumber: '64020219000229301X', household: { mode: 'new' } });
    expect(issue).toMatchObject({ path: ['idNumber'], code: 'residents.id_birthdate', params: { date: '19000229' } });
    // And a date after today is just as impossible.
    const future = await expectRefusedField(t, office.clerk.conn, { name: '张三', idNumber: composeIdNumber('640202', '2031-01-01', 301), household: { mode: 'new' } });
    expect(future.code).toBe('residents.id_birthdate');
  });

  it('a number a spreadsheet mangled (6.40202E+17) → idNumber id_excel_mangled; a short one → id_length', async () => {
    const { t, office } = await registryHost();
    expect(await expectRefusedField(t, office.clerk.conn, { name: '张三', idNumber: '6.40202E+17', household: { mode: 'new' } })).toMatchObject({
      path: ['idNumber'],
      code: 'residents.id_excel_mangled',
    });
    expect(await expectRefusedField(t, office.clerk.conn, { name: '张三', idNumber: '64020219850612', household: { mode: 'new' } })).toMatchObject({
      path: ['idNumber'],
      code: 'residents.id_length',
      params: { length: '14' },
    });
  });

  it('a disability certificate whose first 18 characters are someone else’s ID → disabilityCert disability_cert_id', async () => {
    const { t, office } = await registryHost();
    const own = newIdNumber();
    const someoneElse = newIdNumber();
    const issue = await expectRefusedField(t, office.clerk.conn, {
      name: '刘强',
      idNumber: own,
      disabilityCert: `${someoneElse}42`,
      household: { mode: 'new', address: '人民路街道胜利小区3号楼' },
    });
    expect(issue).toMatchObject({ path: ['disabilityCert'], code: 'residents.disability_cert_id' });
  });

  it('a certificate whose category or grade disagrees with the ones chosen → disability_cert_mismatch', async () => {
    const { t, office } = await registryHost();
    const own = newIdNumber();
    const issue = await expectRefusedField(t, office.clerk.conn, { name: '刘强', idNumber: own, disabilityCert: `${own}42`, disabilityCategory: 5, household: { mode: 'new' } });
    expect(issue).toMatchObject({ path: ['disabilityCert'], code: 'residents.disability_cert_mismatch' });
  });

  it('other fields: a bad phone → phone, an empty name → name required, an unknown grid → gridId not_found', async () => {
    const { t, office } = await registryHost();
    expect(await expectRefusedField(t, office.clerk.conn, { name: '张三', idNumber: newIdNumber(), phone: '1234567', household: { mode: 'new' } })).toMatchObject({ path: ['phone'], code: 'residents.phone' });
    expect(await expectRefusedField(t, office.clerk.conn, { name: ' \u3000 ', idNumber: newIdNumber(), household: { mode: 'new' } })).toMatchObject({ path: ['name'], code: 'required' });
    expect(
      await expectRefusedField(t, office.clerk.conn, { name: '张三', idNumber: newIdNumber(), gridId: '0195a1b2-3c4d-7e5f-8a9b-00000000000e', household: { mode: 'new' } }),
    ).toMatchObject({ path: ['gridId'], code: 'not_found' });
    expect(
      await expectRefusedField(t, office.clerk.conn, { name: '张三', idNumber: newIdNumber(), household: { mode: 'existing', householdId: '0195a1b2-3c4d-7e5f-8a9b-00000000000f', relation: 'child' } }),
    ).toMatchObject({ path: ['household', 'householdId'], code: 'not_found' });
  });
});

describe('disability certificates', () => {
  it('reads category and grade from the certificate, accepts a lower-case x and shows the certificate masked', async () => {
    const { t, office } = await registryHost();
    const id = idNumberEndingInX();
    const resident = await register(t, office.clerk.conn, { name: '孙明', idNumber: id, disabilityCert: `${id.slice(0, 17)}x 4 2` });
    expect(resident).toMatchObject({ disabilityCategory: 4, disabilityGrade: 2, disabilityCertMasked: `${id.slice(0, 6)}********${id.slice(14)}42` });
    expect(resident.tags).toContain('disabled');
    expect(t.host.db.prepare('SELECT disability_cert FROM residents WHERE id = ?').pluck().get(resident.id)).toBe(`${id}42`);
    expect(expectOk(await t.call(office.clerk.conn, 'residents.revealId', { id: resident.id })).disabilityCert).toBe(`${id}42`);
  });
});

describe('change log of a registration', () => {
  it('a resident in a new household logs exactly the household, the resident and the membership inserts, in one transaction', async () => {
    const { t, office } = await registryHost();
    const seq = maxSeq(t.host.db);
    const resident = await register(t, office.clerk.conn, { name: '张三', household: { mode: 'new', address: '朝阳街道1号楼' } });
    const rows = changeLogRows(t.host.db, seq);
    const membership = t.host.db.prepare('SELECT id FROM household_members WHERE resident_id = ?').pluck().get(resident.id);
    expect(rows.map((r) => [r.entity, r.entity_id, r.op, r.version])).toEqual([
      ['households', resident.householdId, 'insert', 1],
      ['residents', resident.id, 'insert', 1],
      ['household_members', membership, 'insert', 1],
    ]);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
    expect(rows.every((r) => r.user_id === office.clerk.user.id && r.at === t.clock.now().toISOString())).toBe(true);
    // Field names only, never the values (the ID number is not in the log).
    expect(JSON.stringify(rows)).not.toContain(expectOk(await t.call(office.clerk.conn, 'residents.revealId', { id: resident.id })).idNumber);
  });

  it('joining an existing household logs only the resident and the membership inserts', async () => {
    const { t, office } = await registryHost();
    const head = await register(t, office.clerk.conn, { name: '张三' });
    const seq = maxSeq(t.host.db);
    const child = await register(t, office.clerk.conn, { name: '张小明', household: { mode: 'existing', householdId: head.householdId!, relation: 'child' } });
    expect(child).toMatchObject({ householdId: head.householdId, relation: 'child', address: head.address });
    expect(changeLogRows(t.host.db, seq).map((r) => [r.entity, r.op])).toEqual([
      ['residents', 'insert'],
      ['household_members', 'insert'],
    ]);
  });
});
