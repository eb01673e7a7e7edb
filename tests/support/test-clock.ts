import type { Clock } from '../../electron/core/clock';

/** A clock that only moves when the test says so (lockout expiry, idle lock). */
export class TestClock implements Clock {
  private ms: number;

  constructor(start: Date | string = '2025-03-10T08:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  advanceMs(ms: number): void {
    this.ms += ms;
  }

  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}
