/**
 * The elderly-care share of the demo office, planned without the database: where the office's
 * compounds and facilities are (inside its district of Shizuishan), what each facility offers, and the
 * shares of care profiles, assessment levels and service orders. Deterministic for a seed.
 *
 * Volumes follow the city's article: about 150,000 person-times a quarter for a city of about 750,000
 * people — some 0.8 delivered services per resident per year — scaled to the office's residents.
 */

/** Rough centres (WGS-84) of Shizuishan's districts; an office elsewhere gets the city centre. */
const CENTRES: Readonly<Record<string, { lng: number; lat: number }>> = {
  '640202': { lng: 106.377, lat: 39.014 }, // 大武口区
  '640205': { lng: 106.776, lat: 39.239 }, // 惠农区
  '640221': { lng: 106.545, lat: 38.905 }, // 平罗县
  '640200': { lng: 106.384, lat: 38.984 }, // 石嘴山市
};

export function districtCentre(divisionCode: string): { lng: number; lat: number } {
  return CENTRES[divisionCode] ?? CENTRES[divisionCode.slice(0, 4) + '00'] ?? CENTRES['640200'];
}

/** mulberry32: small, fast, good enough for synthetic data. */
export function seeded(seed: number): () => number {
  let a = (seed ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METERS_PER_DEGREE_LAT = 111_320;

/** A point about `meters` from the centre in a random direction (uniform over the disc when `meters` is drawn as r·√u). */
export function pointNear(centre: { lng: number; lat: number }, meters: number, angle: number): { lng: number; lat: number } {
  const dLat = (meters * Math.sin(angle)) / METERS_PER_DEGREE_LAT;
  const dLng = (meters * Math.cos(angle)) / (METERS_PER_DEGREE_LAT * Math.cos((centre.lat * Math.PI) / 180));
  return { lng: Math.round((centre.lng + dLng) * 1e7) / 1e7, lat: Math.round((centre.lat + dLat) * 1e7) / 1e7 };
}

/** Delivered services per resident per year (150,000 a quarter / ~750,000 people × 4). */
export const PERSON_TIMES_PER_RESIDENT_YEAR = 0.8;

/** One facility per this many residents (at least four in any office). */
export const RESIDENTS_PER_FACILITY = 1500;

/** Facility kinds with their weight, typical services (and the weekdays they run), and places. */
export const FACILITY_TEMPLATES: ReadonlyArray<{
  kind: string;
  weight: number;
  name: string;
  services: ReadonlyArray<{ code: string; days: number[] }>;
  beds: [number, number];
  places: Readonly<Record<string, [number, number]>>;
  staff: Readonly<Record<string, [number, number]>>;
}> = [
  {
    kind: 'meal_point',
    weight: 4,
    name: '老年助餐点',
    services: [{ code: 'meal', days: [1, 2, 3, 4, 5, 6] }],
    beds: [0, 0],
    places: { meal_seats: [30, 80] },
    staff: { cook: [1, 3], helper: [1, 3] },
  },
  {
    kind: 'day_care',
    weight: 3,
    name: '日间照料中心',
    services: [
      { code: 'meal', days: [1, 2, 3, 4, 5] },
      { code: 'comfort', days: [1, 2, 3, 4, 5] },
      { code: 'visit', days: [1, 2, 3, 4, 5] },
      { code: 'bath', days: [2, 4] },
    ],
    beds: [0, 10],
    places: { day_care: [20, 60], meal_seats: [20, 50] },
    staff: { caregiver: [2, 6], social_worker: [1, 2] },
  },
  {
    kind: 'service_station',
    weight: 3,
    name: '居家养老服务站',
    services: [
      { code: 'clean', days: [1, 2, 3, 4, 5, 6, 7] },
      { code: 'visit', days: [1, 2, 3, 4, 5, 6, 7] },
      { code: 'shopping', days: [1, 2, 3, 4, 5] },
      { code: 'mobility', days: [1, 2, 3, 4, 5] },
      { code: 'emergency', days: [1, 2, 3, 4, 5, 6, 7] },
    ],
    beds: [0, 0],
    places: {},
    staff: { caregiver: [3, 10] },
  },
  {
    kind: 'embedded',
    weight: 2,
    name: '社区嵌入式养老院',
    services: [
      { code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] },
      { code: 'bath', days: [1, 3, 5] },
      { code: 'medical', days: [1, 2, 3, 4, 5] },
      { code: 'comfort', days: [1, 2, 3, 4, 5, 6, 7] },
    ],
    beds: [20, 60],
    places: { day_care: [10, 30] },
    staff: { nurse: [1, 4], caregiver: [4, 12] },
  },
  {
    kind: 'health_station',
    weight: 2,
    name: '社区卫生服务站',
    services: [{ code: 'medical', days: [1, 2, 3, 4, 5, 6] }],
    beds: [0, 4],
    places: {},
    staff: { doctor: [1, 3], nurse: [1, 3] },
  },
  {
    kind: 'nursing_home',
    weight: 1,
    name: '敬老院',
    services: [
      { code: 'meal', days: [1, 2, 3, 4, 5, 6, 7] },
      { code: 'bath', days: [1, 2, 3, 4, 5, 6, 7] },
      { code: 'medical', days: [1, 2, 3, 4, 5, 6, 7] },
    ],
    beds: [60, 200],
    places: {},
    staff: { nurse: [2, 8], caregiver: [10, 30] },
  },
];

/** How the office's older residents' needs spread over the ten services (weights of orders). */
export const SERVICE_MIX: ReadonlyArray<[string, number]> = [
  ['meal', 45],
  ['visit', 14],
  ['clean', 10],
  ['medical', 9],
  ['comfort', 7],
  ['bath', 5],
  ['shopping', 4],
  ['mobility', 3],
  ['emergency', 2],
  ['study', 1],
];

/** GB/T 42195 levels among older residents who were assessed. */
export const LEVEL_MIX: ReadonlyArray<[string, number]> = [
  ['intact', 68],
  ['mild', 16],
  ['moderate', 9],
  ['severe', 5],
  ['complete', 2],
];

export function pick<T>(r: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let x = r() * total;
  for (const [value, w] of weighted) {
    x -= w;
    if (x < 0) return value;
  }
  return weighted[weighted.length - 1][0];
}
