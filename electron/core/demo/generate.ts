/**
 * Deterministic synthetic households for demos and benchmarks: the same seed gives the same office.
 * Pure: produces plain objects; the demo service writes them through the normal repositories.
 */
import { composeIdNumber } from '../../../shared/domain/id-number';
import type { LowIncomeCategory, Relation } from '../../../shared/domain/residents';
import { COMMUNITIES, DIVISIONS, FEMALE_CHARS, MALE_CHARS, STREETS, SURNAMES } from './names';

/** mulberry32: tiny, fast, good enough for synthetic data, and reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(items: ReadonlyArray<[T, number]>): (r: () => number) => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of items) cumulative.push((acc += w / total));
  return (r) => {
    const x = r();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo][0];
  };
}

const pickSurname = weighted(SURNAMES);
const pickDivision = weighted(DIVISIONS);
const pickSize = weighted<number>([[1, 18], [2, 30], [3, 25], [4, 15], [5, 8], [6, 4]]);
const pickLowIncome = weighted<LowIncomeCategory | null>([
  [null, 930], ['dibao', 35], ['tekun', 4], ['dibao_marginal', 12], ['rigid_expenditure', 8], ['relapse_monitoring', 6], ['other_low_income', 5],
]);

export interface DemoPerson {
  name: string;
  idNumber: string;
  relation: Relation;
  phone: string | null;
  ethnicity: string;
  maritalStatus: 'unmarried' | 'married' | 'widowed' | 'divorced';
  hukouType: 'urban' | 'rural';
  livingAlone: boolean;
  emptyNest: boolean;
  leftBehind: boolean;
  seriousIllness: boolean;
  disabilityCert: string | null;
  lowIncomeCategory: LowIncomeCategory | null;
}

export interface DemoHousehold {
  address: string;
  gridIndex: number;
  members: DemoPerson[];
}

export interface DemoPlan {
  gridCount: number;
  households: Iterable<DemoHousehold>;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * `isTaken` says whether a number is already registered in the office (generating into a populated
 * database): such numbers are skipped like the plan's own repeats. On an empty office it changes nothing.
 */
export function planDemo(residents: number, seed: number, today = new Date(), isTaken: (idNumber: string) => boolean = () => false): DemoPlan {
  const r = rng(seed);
  const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  const chance = (p: number) => r() < p;
  const usedIds = new Set<string>();
  const year = today.getFullYear();
  const gridCount = Math.max(1, Math.round(residents / 800));

  const given = (sex: 'male' | 'female') => {
    const chars = sex === 'male' ? MALE_CHARS : FEMALE_CHARS;
    const one = chars[int(0, chars.length - 1)];
    return chance(0.7) ? one + chars[int(0, chars.length - 1)] : one;
  };
  const idFor = (age: number, sex: 'male' | 'female', division: string) => {
    for (;;) {
      const month = int(1, 12);
      const day = int(1, 28);
      let birthYear = year - age - (chance(0.5) ? 1 : 0);
      // Never born after today: a newborn's birthday this year must already have passed.
      if (new Date(birthYear, month - 1, day) > today) birthYear -= 1;
      let seq = int(0, 998);
      if ((seq % 2 === 1) !== (sex === 'male')) seq += 1;
      const id = composeIdNumber(division, `${birthYear}-${pad2(month)}-${pad2(day)}`, seq);
      if (!usedIds.has(id) && !isTaken(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  function person(surname: string, sex: 'male' | 'female', age: number, relation: Relation, hukou: 'urban' | 'rural', hui: boolean): DemoPerson {
    const idNumber = idFor(age, sex, pickDivision(r));
    const disabled = chance(age > 60 ? 0.1 : 0.03);
    return {
      name: surname + given(sex),
      idNumber,
      relation,
      phone: age >= 16 && chance(0.9) ? `1${int(3, 9)}${String(int(0, 999999999)).padStart(9, '0')}` : null,
      ethnicity: hui ? '回族' : chance(0.02) ? '满族' : '汉族',
      maritalStatus: age < 22 ? 'unmarried' : age > 70 && chance(0.3) ? 'widowed' : chance(0.06) ? 'divorced' : 'married',
      hukouType: hukou,
      livingAlone: false,
      emptyNest: false,
      leftBehind: false,
      seriousIllness: chance(age > 50 ? 0.04 : 0.01),
      disabilityCert: disabled ? `${idNumber}${int(1, 7)}${int(1, 4)}` : null,
      lowIncomeCategory: pickLowIncome(r),
    };
  }

  function* households(): Generator<DemoHousehold> {
    let made = 0;
    let index = 0;
    while (made < residents) {
      const size = Math.min(pickSize(r), residents - made);
      const surname = pickSurname(r);
      const hui = surname === '马' ? chance(0.7) : chance(0.18);
      const hukou = chance(0.78) ? 'urban' : 'rural';
      const headSex = chance(0.7) ? 'male' : 'female';
      const headAge = size === 1 ? int(22, 92) : int(28, 85);
      const members: DemoPerson[] = [person(surname, headSex, headAge, 'head', hukou, hui)];
      if (size >= 2) members.push(person(pickSurname(r), headSex === 'male' ? 'female' : 'male', Math.max(20, headAge + int(-5, 5)), 'spouse', hukou, hui));
      for (let i = 2; i < size; i++) {
        if (headAge > 55 && i === size - 1 && size >= 4) members.push(person(surname, chance(0.5) ? 'male' : 'female', Math.max(0, headAge - int(45, 60)), 'grandchild', hukou, hui));
        else if (headAge < 45 && i === 2 && chance(0.3)) members.push(person(surname, chance(0.5) ? 'male' : 'female', Math.min(100, headAge + int(24, 32)), 'parent', hukou, hui));
        else members.push(person(surname, chance(0.5) ? 'male' : 'female', Math.max(0, headAge - int(22, 36)), 'child', hukou, hui));
      }
      const head = members[0];
      if (size === 1 && headAge >= 60) head.livingAlone = true;
      if (size === 2 && headAge >= 60) members.forEach((m) => (m.emptyNest = true));
      for (const m of members) if (m.relation === 'grandchild' && chance(0.3)) m.leftBehind = true;
      const street = STREETS[index % STREETS.length];
      const community = COMMUNITIES[(index >> 3) % COMMUNITIES.length];
      const address = `${street}${community}小区${int(1, 40)}号楼${int(1, 6)}单元${int(1, 18)}0${int(1, 4)}室`;
      yield { address, gridIndex: index % gridCount, members };
      made += size;
      index += 1;
    }
  }

  return { gridCount, households: households() };
}
