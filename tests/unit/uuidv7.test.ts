/** UUIDv7 ids (RFC 9562): layout, version and variant bits, and ordering even within one millisecond. */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../../electron/core/ids';
import { idSchema } from '../../shared/contract';

/*
 * The generator remembers the last millisecond it used (that is what keeps ids ordered when the
 * clock stalls or steps back), so each case here starts in a millisecond later than any before it.
 */
let nextFreshMs = Date.UTC(2100, 0, 1);
function freshMs(): number {
  nextFreshMs += 100_000;
  return nextFreshMs;
}

const timestampOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
const counterOf = (id: string) => parseInt(id.replace(/-/g, '').slice(13, 16), 16);

describe('uuidv7', () => {
  it('has the RFC 9562 layout: 48-bit milliseconds, version 7, variant 10', () => {
    const ms = freshMs();
    const id = uuidv7(ms);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idSchema.safeParse(id).success).toBe(true);
    expect(timestampOf(id)).toBe(ms);
  });

  it('carries the given time for any millisecond after the last one used', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), (step) => {
        const ms = freshMs() + step;
        const id = uuidv7(ms);
        expect(timestampOf(id)).toBe(ms);
        expect(idSchema.safeParse(id).success).toBe(true);
      }),
    );
  });

  it('ids made in one millisecond are strictly increasing and keep that millisecond for at least 2048 ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2048 }), (n) => {
        const ms = freshMs();
        const ids = Array.from({ length: n }, () => uuidv7(ms));
        for (let i = 1; i < ids.length; i += 1) expect(ids[i] > ids[i - 1], `${ids[i - 1]} < ${ids[i]}`).toBe(true);
        expect(ids.every((id) => timestampOf(id) === ms)).toBe(true);
        expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/.test(id))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('past 4096 ids in one millisecond it borrows the next millisecond rather than repeat or reorder', () => {
    const ms = freshMs();
    const ids = Array.from({ length: 10_000 }, () => uuidv7(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(timestampOf(ids.at(-1)!)).toBeGreaterThan(ms);
    expect(timestampOf(ids.at(-1)!)).toBeLessThanOrEqual(ms + 5);
  });

  it('stays strictly increasing when the clock stalls or steps backwards', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 300 }), (offsets) => {
        const base = freshMs();
        const ids = offsets.map((o) => uuidv7(base + o));
        for (let i = 1; i < ids.length; i += 1) expect(ids[i] > ids[i - 1]).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('a new millisecond starts its counter low enough to leave room for 2048 more', () => {
    const starts = Array.from({ length: 200 }, () => counterOf(uuidv7(freshMs())));
    expect(Math.max(...starts)).toBeLessThanOrEqual(0x7ff);
    expect(new Set(starts).size).toBeGreaterThan(100); // random, not a fixed start
  });

  it('without an argument it uses the current time', async () => {
    vi.resetModules(); // a generator that has not been pushed into the future by the cases above
    const fresh = await import('../../electron/core/ids');
    const before = Date.now();
    const ts = timestampOf(fresh.uuidv7());
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(Date.now());
  });
});
