/**
 * The 15-minute service circle, computed: pure (no SQL, no clock), so the core's handlers, the CLI,
 * the statistics and the bench all take the same figures.
 *
 * Work is per distinct position, not per person: most older residents share their compound's point.
 * Facilities go into a k-d tree (kdbush); each point asks it for the facilities in the longitude/
 * latitude box around its straight-line reach (limit ÷ detour) and checks them exactly, plus the
 * facilities its compound has a known walk to (the nearest, for the list, is geokdbush's); a
 * known walk replaces the estimate for that pair, so it can bring a far facility within reach or
 * put a near one out of it. Never all pairs.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceMeters } from '../../../../shared/domain/eldercare/positions';
import { limitMeters, walkMeters, withinLimit, type CircleRules } from '../../../../shared/domain/eldercare/coverage';

/** A facility that may count: its position (WGS-84) and the services it counts for (already filtered by the rules). */
export interface CircleFacility {
  /** A facility id, or a what-if facility's key. */
  id: string;
  name: string;
  planned: boolean;
  lng: number;
  lat: number;
  /** Service codes it counts for (regular enough; active or planned in the what-if). */
  services: readonly string[];
}

/** A position people live at. Known walks apply only to a compound's own point. */
export interface CirclePoint {
  lng: number;
  lat: number;
  /** Set when this is a compound's point (its known walks apply); null for a resident's own point. */
  compoundId: string | null;
}

/** Known walks: compound id → facility id → metres. */
export type KnownWalks = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface NearestFacility {
  facility: CircleFacility;
  meters: number;
  minutes: number;
  knownWalk: boolean;
}

/** The sphere distanceMeters measures on. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Metres added to the query's reach (the exact comparison follows): float error must never drop a facility at the limit. */
const REACH_SLACK_M = 0.001;

export class Circle {
  readonly services: readonly string[];
  readonly limit: number;
  private readonly serviceIndex: Map<string, number>;
  /** Per facility: the indexes of the services it counts for. */
  private readonly facilityServices: number[][];
  private readonly byId: Map<string, number>;
  private readonly index: KDBush | null;
  /** The straight-line reach as an angle on the sphere (radians), a hair wide, so a facility exactly at the limit is found. */
  private readonly reachRad: number;

  constructor(
    readonly facilities: readonly CircleFacility[],
    readonly rules: CircleRules,
    services: readonly string[],
    readonly walks: KnownWalks = new Map(),
  ) {
    this.services = services;
    this.serviceIndex = new Map(services.map((s, i) => [s, i]));
    this.facilityServices = facilities.map((f) => f.services.map((s) => this.serviceIndex.get(s)).filter((i): i is number => i !== undefined));
    this.byId = new Map(facilities.map((f, i) => [f.id, i]));
    this.limit = limitMeters(rules);
    const reachMeters = this.limit / rules.detourFactor;
    this.reachRad = ((reachMeters + REACH_SLACK_M) / EARTH_RADIUS_M) * (1 + 1e-9);
    if (facilities.length === 0) {
      this.index = null;
    } else {
      const index = new KDBush(facilities.length);
      for (const f of facilities) index.add(f.lng, f.lat);
      index.finish();
      this.index = index;
    }
  }

  /** The walk from a point to a facility (by index), metres, and whether a known walk gave it. */
  private walk(point: CirclePoint, facility: number): { meters: number; knownWalk: boolean } {
    const f = this.facilities[facility];
    const known = point.compoundId === null ? undefined : this.walks.get(point.compoundId)?.get(f.id);
    return { meters: walkMeters(distanceMeters(point, f), this.rules.detourFactor, known), knownWalk: known !== undefined };
  }

  /**
   * The facilities that may be within the straight-line reach of a point: a longitude/latitude box
   * that holds the whole circle of that radius on the sphere (kdbush's range query: no allocation
   * per node, unlike a nearest-first search), checked exactly by the caller.
   */
  private candidates(point: { lng: number; lat: number }): number[] {
    const index = this.index!;
    const angle = this.reachRad;
    const dLat = angle / RAD;
    const cosLat = Math.cos(point.lat * RAD);
    const sinRatio = Math.sin(angle) / cosLat;
    // Near a pole (or a reach wider than the parallel) the box is every longitude.
    const dLng = sinRatio >= 1 || cosLat <= 0 ? 180 : Math.asin(sinRatio) / RAD;
    const margin = 1e-9;
    return index.range(point.lng - dLng - margin, point.lat - dLat - margin, point.lng + dLng + margin, point.lat + dLat + margin);
  }

  /**
   * For one point: 1 for each service (in `services` order) some counting facility of which is
   * within the limit, else 0.
   */
  reach(point: CirclePoint, out: Uint8Array = new Uint8Array(this.services.length)): Uint8Array {
    out.fill(0);
    if (!this.index) return out;
    const known = point.compoundId === null ? undefined : this.walks.get(point.compoundId);
    const consider = (i: number) => {
      const { meters } = this.walk(point, i);
      if (withinLimit(meters, this.limit)) for (const s of this.facilityServices[i]) out[s] = 1;
    };
    for (const i of this.candidates(point)) {
      // A known walk for this pair is considered below (it may be longer than the estimate).
      if (known?.has(this.facilities[i].id)) continue;
      consider(i);
    }
    if (known) {
      for (const facilityId of known.keys()) {
        const i = this.byId.get(facilityId);
        if (i !== undefined) consider(i);
      }
    }
    return out;
  }

  /** The nearest facility counting for a service, by walking metres (known walks included); null when none counts. */
  nearest(point: CirclePoint, service: string): NearestFacility | null {
    const s = this.serviceIndex.get(service);
    if (s === undefined || !this.index) return null;
    const known = point.compoundId === null ? undefined : this.walks.get(point.compoundId);
    const serves = (i: number) => this.facilityServices[i].includes(s);
    let best: { i: number; meters: number; knownWalk: boolean } | null = null;
    // Without known walks the estimate grows with straight-line distance: the nearest unwalked one is the best estimate.
    const [nearestEstimate] = around(this.index, point.lng, point.lat, 1, Infinity, (i: number) => serves(i) && !known?.has(this.facilities[i].id));
    if (nearestEstimate !== undefined) best = { i: nearestEstimate, ...this.walk(point, nearestEstimate) };
    if (known) {
      for (const facilityId of known.keys()) {
        const i = this.byId.get(facilityId);
        if (i === undefined || !serves(i)) continue;
        const w = this.walk(point, i);
        if (!best || w.meters < best.meters) best = { i, ...w };
      }
    }
    if (!best) return null;
    return { facility: this.facilities[best.i], meters: best.meters, minutes: best.meters / this.rules.walkingMetersPerMinute, knownWalk: best.knownWalk };
  }
}

/** Someone counted: the point they live at (index into the points; -1 when they have none), their grid and compound. */
export interface CirclePerson {
  point: number;
  gridId: string | null;
  compoundId: string | null;
}

export interface CircleTally {
  older: number;
  withPosition: number;
  covered: number;
}

export interface CircleFigures extends CircleTally {
  /** Per service (the circle's services order): residents with a position covered for it. */
  byService: number[];
  byGrid: Map<string | null, CircleTally>;
  byCompound: Map<string, CircleTally>;
  /** Per point: covered for the headline (any service, or the one asked). */
  pointCovered: Uint8Array;
}

/**
 * Work out every distinct point once, then count people. `service`: the headline is for that one
 * service; otherwise a point is covered when any service is.
 */
export function computeCircle(circle: Circle, points: readonly CirclePoint[], people: readonly CirclePerson[], service: string | null): CircleFigures {
  const nServices = circle.services.length;
  const serviceAt = service === null ? -1 : circle.services.indexOf(service);
  const pointServices = new Uint8Array(points.length * nServices);
  const pointCovered = new Uint8Array(points.length);
  const scratch = new Uint8Array(nServices);
  for (let p = 0; p < points.length; p++) {
    circle.reach(points[p], scratch);
    pointServices.set(scratch, p * nServices);
    if (service === null) pointCovered[p] = scratch.includes(1) ? 1 : 0;
    else pointCovered[p] = serviceAt >= 0 ? scratch[serviceAt] : 0;
  }

  // People per point first: byService then costs points × services, not people × services.
  const perPoint = new Uint32Array(points.length);
  const figures: CircleFigures = { older: 0, withPosition: 0, covered: 0, byService: new Array<number>(nServices).fill(0), byGrid: new Map(), byCompound: new Map(), pointCovered };
  const tally = (map: Map<string | null, CircleTally>, key: string | null) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = { older: 0, withPosition: 0, covered: 0 }));
    return t;
  };
  for (const person of people) {
    const grid = tally(figures.byGrid, person.gridId);
    const compound = person.compoundId === null ? null : tally(figures.byCompound as Map<string | null, CircleTally>, person.compoundId);
    figures.older++;
    grid.older++;
    if (compound) compound.older++;
    if (person.point < 0) continue;
    perPoint[person.point]++;
    figures.withPosition++;
    grid.withPosition++;
    if (compound) compound.withPosition++;
    if (pointCovered[person.point]) {
      figures.covered++;
      grid.covered++;
      if (compound) compound.covered++;
    }
  }
  for (let p = 0; p < points.length; p++) {
    if (perPoint[p] === 0) continue;
    for (let s = 0; s < nServices; s++) if (pointServices[p * nServices + s]) figures.byService[s] += perPoint[p];
  }
  return figures;
}

/** The same figure the slow way (every point against every facility): the bench's baseline and the tests' cross-check. */
export function reachAllPairs(circle: Circle, point: CirclePoint): Uint8Array {
  const out = new Uint8Array(circle.services.length);
  const services = new Map(circle.services.map((s, i) => [s, i]));
  for (const f of circle.facilities) {
    const known = point.compoundId === null ? undefined : circle.walks.get(point.compoundId)?.get(f.id);
    const meters = walkMeters(distanceMeters(point, f), circle.rules.detourFactor, known);
    if (!withinLimit(meters, circle.limit)) continue;
    for (const code of f.services) {
      const s = services.get(code);
      if (s !== undefined) out[s] = 1;
    }
  }
  return out;
}
