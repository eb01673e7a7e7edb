/** Time comes from here so tests can fix it (lockout expiry, idle lock). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
