/**
 * Older residents: who is listed (60+, active, from the register), care profiles (refused under 60),
 * assessment levels from scores and the next due date, the worklist's four lists on a fixed clock
 * (Beijing 2026-03-16), and eligibility bands for the allowance and the home-care subsidy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LEVEL_BANDS, TOTAL_MAX, levelForTotal } from '../../shared/domain/eldercare/assessment';
import { addMonths, ageOnDate, bornBy, turningInMonth } from '../../shared/domain/eldercare/care';
import { DEFAULT_ELDERCARE_SETTINGS } from '../../shared/domain/eldercare/settings';
import { expectFailure, expectOk } from '../support/results';
import { disposeTestResources } from '../support/temp-dir';
import { careOffice, facility, older, TODAY, type CareOffice } from './eldercare-care-fixtures';

afterEach(disposeTestResources);

describe('calendar rules (pure)', () => {
  it('ages, birth-date bounds and month arithmetic', () => {
    expect(ageOnDate('1966-03-16', '2026-03-16')).toBe(60);
    expect(ageOnDate('1966-03-17', '2026-03-16')).toBe(59);
    expect(bornBy('2026-03-16', 60)).toBe('1966-03-16');
    // Born on 29 February: 60 on 1 March of a common year, not on 28 February.
    expect(ageOnDate('1964-02-29', '2026-02-28')).toBe(61);
    expect(bornBy('2026-02-28', 62)).toBe('1964-02-28');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-03-20', 12)).toBe('2026-03-20');
    expect(turningInMonth('2026-03-16', 80)).toEqual({ from: '1946-03-01', to: '1946-03-31' });
  });

  it('level bands cover 0…90 without gaps or overlaps, boundaries as the table says', () => {
    expect(TOTAL_MAX).toBe(90);
    const seen = new Map<number, string>();
    for (const b of LEVEL_BANDS) for (let s = b.minTotal; s <= b.maxTotal; s++) seen.set(s, b.level);
    expect(seen.size).toBe(91);
    for (let s = 0; s <= 90; s++) expect(levelForTotal(s), String(s)).toBe(seen.get(s));
    expect([90, 89, 66, 65, 46, 45, 30, 29, 0].map(levelForTotal)).toEqual(['intact', 'mild', 'mild', 'moderate', 'moderate', 'severe', 'severe', 'complete', 'complete']);
  });
});

async function people(c: CareOffice) {
  return {
    sixty: await older(c, '陈六十', '1966-03-16'),
    almost: await older(c, '林将满', '1966-03-17'),
    eighty5: await older(c, '黄八五', '1941-01-05'),
  };
}

describe('older residents and profiles', () => {
  it('lists the active 60+ from the register, with filters', async () => {
    const c = await careOffice();
    const p = await people(c);
    const gone = await older(c, '故人', '1936-01-01');
    expectOk(await c.t.call(c.clerk, 'residents.setStatus', { id: gone.id, version: gone.version, status: 'deceased', date: '2026-03-01' }));
    const all = expectOk(await c.t.call(c.clerk, 'eldercare.older.list', {}));
    expect(all.items.map((i) => [i.person.name, i.age])).toEqual([
      ['黄八五', 85],
      ['陈六十', 60],
    ]);
    expect(all.total).toBe(2);
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.older.list', { ageFrom: 80 })).items.map((i) => i.person.residentId)).toEqual([p.eighty5.id]);
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.older.list', { ageTo: 60 })).items.map((i) => i.person.residentId)).toEqual([p.sixty.id]);
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.older.list', { query: '陈' })).items.map((i) => i.person.residentId)).toEqual([p.sixty.id]);
    expectOk(await c.t.call(c.clerk, 'eldercare.profile.save', { residentId: p.eighty5.id, living: 'alone', careNeeds: ['meal'], emergencyContacts: [] }));
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.older.list', { living: 'alone' })).items.map((i) => i.person.residentId)).toEqual([p.eighty5.id]);
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.older.list', { living: 'none' })).items.map((i) => i.person.residentId)).toEqual([p.sixty.id]);
    const viewer = expectOk(await c.t.call(c.viewer, 'eldercare.older.list', {}));
    expect(viewer.items[0].person.idMasked).toMatch(/^640202\*{12}$/);
  });

  it('a profile is refused for a resident under 60, with a clear message, and nothing is written', async () => {
    const c = await careOffice();
    const p = await people(c);
    const error = expectFailure(await c.t.call(c.clerk, 'eldercare.profile.save', { residentId: p.almost.id, living: 'alone', careNeeds: [], emergencyContacts: [] }), 'INVALID_INPUT');
    expect(error.issues?.[0]).toMatchObject({ path: ['residentId'], code: 'eldercare.not_older', params: { age: 59 } });
    expect(error.issues?.[0]?.message).toBe('This resident is under 60 (59): no elderly-care profile or assessment is kept.');
    expect(c.t.host.db.prepare('SELECT COUNT(*) AS n FROM care_profiles').get()).toEqual({ n: 0 });
    const view = expectOk(await c.t.call(c.clerk, 'eldercare.profile.get', { residentId: p.almost.id }));
    expect(view).toMatchObject({ isOlder: false, age: 59, profile: null, eligibility: [] });
    // Reaching 60 today is enough.
    expectOk(await c.t.call(c.clerk, 'eldercare.profile.save', { residentId: p.sixty.id, living: 'with_family', careNeeds: [], emergencyContacts: [] }));
  });

  it('saves and updates a profile with contacts, needs and facility; stale and bad input refused', async () => {
    const c = await careOffice();
    const p = await people(c);
    const f = facility(c, { name: '康乐日间照料中心' });
    const created = expectOk(
      await c.t.call(c.clerk, 'eldercare.profile.save', {
        residentId: p.eighty5.id,
        living: 'empty_nest',
        careNeeds: ['meal', 'clean', 'meal'],
        emergencyContacts: [{ name: '黄小明', relation: 'child', phone: '13895012345' }],
        facilityId: f,
        notes: '腿脚不便',
      }),
    );
    expect(created.profile).toMatchObject({ version: 1, living: 'empty_nest', careNeeds: ['meal', 'clean'], facilityId: f, facilityName: '康乐日间照料中心', notes: '腿脚不便' });
    expect(created.profile?.emergencyContacts).toEqual([{ name: '黄小明', relation: 'child', phone: '13895012345' }]);
    expectFailure(await c.t.call(c.clerk, 'eldercare.profile.save', { residentId: p.eighty5.id, living: 'alone', careNeeds: [], emergencyContacts: [] }), 'STALE_VERSION');
    const updated = expectOk(await c.t.call(c.clerk, 'eldercare.profile.save', { residentId: p.eighty5.id, version: 1, living: 'alone', careNeeds: [], emergencyContacts: [] }));
    expect(updated.profile).toMatchObject({ version: 2, living: 'alone', facilityId: null });
    const bad = expectFailure(await c.t.call(c.clerk, 'eldercare.profile.save', { residentId: p.eighty5.id, version: 2, living: 'alone', careNeeds: ['meal', 'flying'], emergencyContacts: [] }), 'INVALID_INPUT');
    expect(bad.issues?.[0]).toMatchObject({ path: ['careNeeds', 1], code: 'eldercare.unknown_service' });
    expectFailure(await c.t.call(c.viewer, 'eldercare.profile.save', { residentId: p.eighty5.id, version: 2, living: 'alone', careNeeds: [], emergencyContacts: [] }), 'FORBIDDEN');
  });
});

describe('assessments', () => {
  it('derives the level from the four scores, accepts a level alone, and sets the next due date', async () => {
    const c = await careOffice();
    const p = await people(c);
    const add = (input: object) => c.t.call(c.clerk, 'eldercare.assessments.add', { residentId: p.eighty5.id, assessor: '李评估', assessedOn: '2025-03-20', ...input });
    const mild = expectOk(await add({ scores: { selfCare: 24, motor: 12, mental: 20, perception: 10 } }));
    expect(mild).toMatchObject({ total: 66, level: 'mild', nextDue: '2026-03-20' });
    const moderate = expectOk(await add({ scores: { selfCare: 24, motor: 12, mental: 19, perception: 10 }, level: 'intact' }));
    expect(moderate).toMatchObject({ total: 65, level: 'moderate' }); // scores decide, not the level typed beside them
    const complete = expectOk(await add({ assessedOn: '2025-03-21', level: 'complete' }));
    expect(complete).toMatchObject({ scores: null, total: null, level: 'complete', nextDue: '2026-03-21' });
    const neither = expectFailure(await add({}), 'INVALID_INPUT');
    expect(neither.issues?.[0]?.code).toBe('eldercare.assessment_needs_level');
    const over = expectFailure(await add({ scores: { selfCare: 33, motor: 0, mental: 0, perception: 0 } }), 'INVALID_INPUT');
    expect(over.issues?.[0]).toMatchObject({ path: ['scores', 'selfCare'], code: 'eldercare.score_range' });
    expectFailure(await add({ assessedOn: '2026-03-17', level: 'mild' }), 'INVALID_INPUT');
    const young = expectFailure(await c.t.call(c.clerk, 'eldercare.assessments.add', { residentId: p.almost.id, assessor: 'x', assessedOn: TODAY, level: 'intact' }), 'INVALID_INPUT');
    expect(young.issues?.[0]?.code).toBe('eldercare.not_older');
    // The latest (by date) is the one the list shows.
    const row = expectOk(await c.t.call(c.clerk, 'eldercare.older.list', { ageFrom: 80 })).items[0];
    expect(row).toMatchObject({ level: 'complete', lastAssessedOn: '2025-03-21', nextAssessmentDue: '2026-03-21' });
    // The interval is a setting.
    const settings = expectOk(await c.t.call(c.office.adminConn, 'eldercare.settings.get', {}));
    expectOk(await c.t.call(c.office.adminConn, 'eldercare.settings.update', { ...settings, assessmentIntervalMonths: 6 }));
    expect(expectOk(await add({ assessedOn: '2025-08-31', level: 'mild' })).nextDue).toBe('2026-02-28');
    // Deleting the latest brings back the one before.
    const view = expectOk(await c.t.call(c.clerk, 'eldercare.profile.get', { residentId: p.eighty5.id }));
    expect(view.assessments.map((a) => a.assessedOn)).toEqual(['2025-08-31', '2025-03-21', '2025-03-20', '2025-03-20']);
    expectOk(await c.t.call(c.clerk, 'eldercare.assessments.delete', { id: view.assessments[0].id, version: view.assessments[0].version }));
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.older.list', { ageFrom: 80 })).items[0].lastAssessedOn).toBe('2025-03-21');
  });
});

describe('the worklist (today 2026-03-16, no contact in 30 days)', () => {
  it('puts each resident in the lists they belong to, and only those', async () => {
    const c = await careOffice();
    const save = (residentId: string, living: 'alone' | 'with_family') => c.t.call(c.clerk, 'eldercare.profile.save', { residentId, living, careNeeds: [], emergencyContacts: [] });
    const assess = (residentId: string, assessedOn: string) => c.t.call(c.clerk, 'eldercare.assessments.add', { residentId, assessor: '李', assessedOn, level: 'mild' });
    const order = async (residentId: string, doneOn: string | null, end: 'complete' | 'cancel') => {
      const o = expectOk(await c.t.call(c.clerk, 'eldercare.orders.create', { residentId, service: 'visit', channel: 'visit', requestedOn: doneOn ?? '2026-03-10' }));
      if (end === 'cancel') return expectOk(await c.t.call(c.clerk, 'eldercare.orders.cancel', { id: o.id, version: o.version, reason: 'x' }));
      const d = expectOk(await c.t.call(c.clerk, 'eldercare.orders.dispatch', { id: o.id, version: o.version, provider: '网格员', dueOn: doneOn! }));
      return expectOk(await c.t.call(c.clerk, 'eldercare.orders.complete', { id: d.id, version: d.version, doneOn: doneOn!, durationMinutes: 15, costCents: 0, subsidyCents: 0 }));
    };

    const neverAssessed = await older(c, '甲无评估', '1950-05-01');
    expectOk(await save(neverAssessed.id, 'with_family'));
    const dueThisMonth = await older(c, '乙本月到期', '1950-05-02');
    expectOk(await assess(dueThisMonth.id, '2025-03-31')); // due 2026-03-31
    const notDue = await older(c, '丙未到期', '1950-05-03');
    expectOk(await assess(notDue.id, '2025-04-01')); // due 2026-04-01
    await older(c, '丁无档案', '1950-05-04'); // no profile, never assessed: not on the list

    const aloneQuiet = await older(c, '戊独居无服务', '1945-01-01');
    expectOk(await save(aloneQuiet.id, 'alone'));
    const aloneServed = await older(c, '己独居近期服务', '1945-01-02');
    expectOk(await save(aloneServed.id, 'alone'));
    await order(aloneServed.id, '2026-02-14', 'complete'); // exactly 30 days ago: still contact
    const aloneLongAgo = await older(c, '庚独居久未服务', '1945-01-03');
    expectOk(await save(aloneLongAgo.id, 'alone'));
    await order(aloneLongAgo.id, '2026-02-13', 'complete');
    await order(aloneLongAgo.id, null, 'cancel'); // a cancelled order is no contact
    const registerAlone = await older(c, '辛登记独居', '1945-01-04', { livingAlone: true });
    const profileOverrides = await older(c, '壬档案同住', '1945-01-05', { livingAlone: true });
    expectOk(await save(profileOverrides.id, 'with_family'));

    const turning60 = await older(c, '癸将满六十', '1966-03-31');
    const turned60 = await older(c, '子刚满六十', '1966-03-01');
    await older(c, '丑四月满六十', '1966-04-01');
    const turning80 = await older(c, '寅将满八十', '1946-03-20');

    const w = expectOk(await c.t.call(c.clerk, 'eldercare.worklist', {}));
    const names = (g: { items: { person: { name: string } }[] }) => g.items.map((i) => i.person.name).sort();
    expect(w.today).toBe(TODAY);
    // Due this month, or with a profile and never assessed (everyone given a profile above); not 丙 (April), not 丁 (no profile).
    expect(names(w.assessmentsDue)).toEqual(['乙本月到期', '甲无评估', '戊独居无服务', '己独居近期服务', '庚独居久未服务', '壬档案同住'].sort());
    expect(w.assessmentsDue.total).toBe(6);
    expect(names(w.aloneNoContact)).toEqual(['庚独居久未服务', '戊独居无服务', '辛登记独居'].sort());
    expect(w.aloneNoContact.items.find((i) => i.person.residentId === aloneLongAgo.id)?.lastContactOn).toBe('2026-02-13');
    expect(w.aloneNoContact.items.find((i) => i.person.residentId === registerAlone.id)).toMatchObject({ lastContactOn: null, hasProfile: false, registerLivingAlone: true });
    expect(names(w.turning60ThisMonth)).toEqual(['子刚满六十', '癸将满六十'].sort());
    expect(w.turning60ThisMonth.items.find((i) => i.person.residentId === turning60.id)?.birthdayOn).toBe('2026-03-31');
    expect(w.turning60ThisMonth.items.find((i) => i.person.residentId === turned60.id)?.age).toBe(60);
    expect(names(w.turning80ThisMonth)).toEqual(['寅将满八十']);
    expect(w.turning80ThisMonth.items[0].person.residentId).toBe(turning80.id);
    expect(aloneServed && notDue).toBeTruthy();
  });
});

describe('eligibility (judged on the month’s last day)', () => {
  it('the old-age allowance by the settings’ bands, with totals', async () => {
    const c = await careOffice();
    const turns80 = await older(c, '满八十', '1946-03-31');
    await older(c, '七十九', '1946-04-01');
    const ninety = await older(c, '九十', '1936-03-01');
    const hundred = await older(c, '百岁', '1925-01-01');
    const gone = await older(c, '故', '1940-01-01');
    expectOk(await c.t.call(c.clerk, 'residents.setStatus', { id: gone.id, version: gone.version, status: 'moved_out', date: '2026-03-01' }));
    const e = expectOk(await c.t.call(c.clerk, 'eldercare.eligibility', { kind: 'allowance', month: '2026-03' }));
    expect(e.enabled).toBe(true);
    expect(e.items.map((i) => [i.person.residentId, i.age, i.fromAge, i.toAge, i.monthlyCents])).toEqual([
      [hundred.id, 101, 100, null, 30_000],
      [ninety.id, 90, 90, 99, 10_000],
      [turns80.id, 80, 80, 89, 5_000],
    ]);
    expect(e.total).toBe(3);
    expect(e.totalCents).toBe(45_000);
    expect(e.groups).toEqual([
      { fromAge: 80, toAge: 89, level: null, people: 1, cents: 5_000 },
      { fromAge: 90, toAge: 99, level: null, people: 1, cents: 10_000 },
      { fromAge: 100, toAge: null, level: null, people: 1, cents: 30_000 },
    ]);
    // In February the one turning 80 on 31 March is not yet eligible.
    expect(expectOk(await c.t.call(c.clerk, 'eldercare.eligibility', { kind: 'allowance', month: '2026-02' })).total).toBe(2);
    // Bands are settings.
    const settings = expectOk(await c.t.call(c.office.adminConn, 'eldercare.settings.get', {}));
    expectOk(await c.t.call(c.office.adminConn, 'eldercare.settings.update', { ...settings, allowanceBands: [{ fromAge: 90, toAge: null, monthlyCents: 20_000 }] }));
    const after = expectOk(await c.t.call(c.clerk, 'eldercare.eligibility', { kind: 'allowance', month: '2026-03' }));
    expect([after.total, after.totalCents]).toEqual([2, 40_000]);
  });

  it('the home-care subsidy: off by default; then by age and the latest level as of the month', async () => {
    const c = await careOffice();
    const moderate = await older(c, '中度', '1950-01-01');
    const mild = await older(c, '轻度', '1950-01-02');
    const laterModerate = await older(c, '四月评为中度', '1950-01-03');
    const young = await older(c, '六十一', '1965-01-01');
    const assess = (residentId: string, assessedOn: string, level: 'mild' | 'moderate') => c.t.call(c.clerk, 'eldercare.assessments.add', { residentId, assessor: '李', assessedOn, level });
    expectOk(await assess(moderate.id, '2026-01-10', 'moderate'));
    expectOk(await assess(mild.id, '2025-06-01', 'moderate'));
    expectOk(await assess(mild.id, '2026-02-01', 'mild')); // improved: no longer qualifies
    expectOk(await assess(laterModerate.id, '2026-03-16', 'moderate'));
    expectOk(await assess(young.id, '2026-01-10', 'moderate'));
    const off = expectOk(await c.t.call(c.clerk, 'eldercare.eligibility', { kind: 'homeCareSubsidy', month: '2026-03' }));
    expect(off).toMatchObject({ enabled: false, total: 0, items: [] });
    const settings = expectOk(await c.t.call(c.office.adminConn, 'eldercare.settings.get', {}));
    expectOk(
      await c.t.call(c.office.adminConn, 'eldercare.settings.update', {
        ...settings,
        homeCareSubsidy: { ...DEFAULT_ELDERCARE_SETTINGS.homeCareSubsidy, enabled: true, minAge: 65, monthlyCents: 20_000 },
      }),
    );
    const feb = expectOk(await c.t.call(c.clerk, 'eldercare.eligibility', { kind: 'homeCareSubsidy', month: '2026-02' }));
    expect(feb.items.map((i) => [i.person.name, i.level])).toEqual([['中度', 'moderate']]);
    const mar = expectOk(await c.t.call(c.clerk, 'eldercare.eligibility', { kind: 'homeCareSubsidy', month: '2026-03' }));
    expect(mar.items.map((i) => i.person.name).sort()).toEqual(['中度', '四月评为中度'].sort());
    expect(mar.totalCents).toBe(40_000);
    expect(mar.groups).toEqual([{ fromAge: null, toAge: null, level: 'moderate', people: 2, cents: 40_000 }]);
    const view = expectOk(await c.t.call(c.clerk, 'eldercare.profile.get', { residentId: moderate.id }));
    expect(view.eligibility).toEqual([{ kind: 'homeCareSubsidy', monthlyCents: 20_000, fromAge: null, toAge: null, level: 'moderate' }]);
  });
});
