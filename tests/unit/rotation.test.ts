/**
 * Backup rotation (7 daily, 4 weekly, 12 monthly) as properties over arbitrary sets of backups, and
 * over a year of one backup a day; plus ISO weeks and the Windows-safe backup file names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupsToDelete, backupsToKeep, DEFAULT_RETENTION, isoWeek, type StampedBackup } from '../../electron/core/backup/rotation';
import { backupFileName, localStamp, parseBackupFileName, safeOfficeCode } from '../../electron/core/backup/file-name';

const pad = (n: number) => String(n).padStart(2, '0');
const stampOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** Backups at arbitrary moments over about three years, some several on one day, with distinct names. */
const backupsArb = fc
  .uniqueArray(fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) }), { maxLength: 120 })
  .chain((times) =>
    fc.constant(
      times.map((ms, i): StampedBackup => ({ name: `b${i}`, local: stampOf(ms) })),
    ),
  );
const retentionArb = fc.record({ daily: fc.integer({ min: 0, max: 10 }), weekly: fc.integer({ min: 0, max: 6 }), monthly: fc.integer({ min: 0, max: 14 }) });

const dayOf = (b: StampedBackup) => b.local.slice(0, 10);
const periods = {
  daily: dayOf,
  weekly: (b: StampedBackup) => isoWeek(b.local),
  monthly: (b: StampedBackup) => b.local.slice(0, 7),
};
const newest = (xs: StampedBackup[]) => [...xs].sort((a, b) => (a.local < b.local ? 1 : a.local > b.local ? -1 : a.name < b.name ? 1 : -1))[0];

describe('backup rotation rules', () => {
  it('keeps only backups it was given, never more than daily + weekly + monthly, and always the newest', () => {
    fc.assert(
      fc.property(backupsArb, retentionArb, (backups, retention) => {
        const keep = backupsToKeep(backups, retention);
        const names = new Set(backups.map((b) => b.name));
        expect([...keep].every((n) => names.has(n))).toBe(true);
        expect(keep.size).toBeLessThanOrEqual(retention.daily + retention.weekly + retention.monthly);
        if (backups.length > 0 && retention.daily + retention.weekly + retention.monthly > 0) expect(keep.has(newest(backups).name)).toBe(true);
      }),
    );
  });

  it('for each rule, keeps the newest backup of each of its N most recent periods that have one', () => {
    fc.assert(
      fc.property(backupsArb, retentionArb, (backups, retention) => {
        const keep = backupsToKeep(backups, retention);
        for (const rule of ['daily', 'weekly', 'monthly'] as const) {
          const byPeriod = new Map<string, StampedBackup[]>();
          for (const b of backups) byPeriod.set(periods[rule](b), [...(byPeriod.get(periods[rule](b)) ?? []), b]);
          const recent = [...byPeriod.keys()].sort().reverse().slice(0, retention[rule]);
          for (const period of recent) expect(keep.has(newest(byPeriod.get(period)!).name), `${rule} ${period}`).toBe(true);
        }
      }),
    );
  });

  it('never keeps two backups of the same day: only the newest of a day can be chosen', () => {
    fc.assert(
      fc.property(backupsArb, retentionArb, (backups, retention) => {
        const kept = backups.filter((b) => backupsToKeep(backups, retention).has(b.name));
        for (const b of kept) expect(newest(backups.filter((o) => dayOf(o) === dayOf(b))).name).toBe(b.name);
        expect(new Set(kept.map(dayOf)).size).toBe(kept.length);
      }),
    );
  });

  it('is stable: rotating what it kept keeps all of it (running it every day deletes nothing twice)', () => {
    fc.assert(
      fc.property(backupsArb, retentionArb, (backups, retention) => {
        const kept = backups.filter((b) => backupsToKeep(backups, retention).has(b.name));
        expect(backupsToKeep(kept, retention)).toEqual(new Set(kept.map((b) => b.name)));
      }),
    );
  });

  it('deletes exactly what it does not keep, and the answer does not depend on the listing order', () => {
    fc.assert(
      fc.property(backupsArb, retentionArb, fc.func(fc.integer()), (backups, retention, order) => {
        const shuffled = [...backups].sort((a, b) => order(a.name) - order(b.name));
        const keep = backupsToKeep(backups, retention);
        expect(backupsToKeep(shuffled, retention)).toEqual(keep);
        const doomed = backupsToDelete(shuffled, retention);
        expect(doomed.length + keep.size).toBe(backups.length);
        expect(doomed.some((n) => keep.has(n))).toBe(false);
      }),
    );
  });

  it('a year of daily backups (with a second on some days) rotated every day ends as 7 days, 4 weeks, 12 months', () => {
    let folder: StampedBackup[] = [];
    const start = Date.UTC(2025, 0, 1, 17, 30);
    for (let day = 0; day < 400; day++) {
      const at = start + day * 86_400_000;
      folder.push({ name: `d${day}`, local: stampOf(at) });
      if (day % 3 === 0) folder.push({ name: `d${day}-exit`, local: stampOf(at + 3_600_000) });
      const doomed = new Set(backupsToDelete(folder));
      folder = folder.filter((b) => !doomed.has(b.name));
      expect(folder.length).toBeLessThanOrEqual(DEFAULT_RETENTION.daily + DEFAULT_RETENTION.weekly + DEFAULT_RETENTION.monthly);
    }
    const days = new Set(folder.map(dayOf));
    // The last 7 days are all there (the newest of each) …
    for (let back = 0; back < 7; back++) expect(days.has(stampOf(start + (399 - back) * 86_400_000).slice(0, 10))).toBe(true);
    // … 4 distinct weeks and 12 distinct months are represented, and the oldest kept is ~a year old.
    expect(new Set(folder.map((b) => isoWeek(b.local))).size).toBeGreaterThanOrEqual(4);
    expect(new Set(folder.map((b) => b.local.slice(0, 7))).size).toBe(12);
    expect(folder.map((b) => b.local).sort()[0] < '2025-04-01').toBe(true);
  });

  it('has nothing to say about an empty folder', () => {
    expect(backupsToKeep([])).toEqual(new Set());
    expect(backupsToDelete([])).toEqual([]);
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2024-12-30', '2025-W01'], // Monday of the week that holds 2 January 2025
    ['2025-01-05', '2025-W01'],
    ['2025-01-06', '2025-W02'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2026-03-10', '2026-W11'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });

  it('seven consecutive days from a Monday share a week; the next Monday starts another', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (n) => {
        const monday = Date.UTC(2020, 0, 6) + n * 7 * 86_400_000; // 2020-01-06 was a Monday
        const weeks = Array.from({ length: 8 }, (_, i) => isoWeek(stampOf(monday + i * 86_400_000)));
        expect(new Set(weeks.slice(0, 7)).size).toBe(1);
        expect(weeks[7]).not.toBe(weeks[0]);
      }),
    );
  });
});

describe('backup file names', () => {
  it('carry the office code and the local date and time, with characters Windows accepts', () => {
    const name = backupFileName('DWK-CYJ', '2025-03-10T16:30:05');
    expect(name).toBe('civicdesk-DWK-CYJ-2025-03-10_163005.cdbak');
    expect(backupFileName('DWK-CYJ', '2025-03-10T16:30:05', 2)).toBe('civicdesk-DWK-CYJ-2025-03-10_163005-2.cdbak');
    expect(parseBackupFileName(name)).toEqual({ officeCode: 'DWK-CYJ', local: '2025-03-10T16:30:05' });
    expect(parseBackupFileName('civicdesk-DWK-CYJ-2025-03-10_163005-2.cdbak')).toEqual({ officeCode: 'DWK-CYJ', local: '2025-03-10T16:30:05' });
    expect(parseBackupFileName('notes.txt')).toBeUndefined();
  });

  it('never contain a character Windows forbids, whatever the office code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 4_000_000_000_000 }), (code, ms) => {
        const name = backupFileName(code, localStamp(new Date(ms)));
        expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
        expect(name).not.toMatch(/[<>:"/\\|?*]/);
        expect(parseBackupFileName(name)?.officeCode).toBe(safeOfficeCode(code));
      }),
    );
  });

  it('use local wall-clock time', () => {
    const at = new Date(2025, 2, 10, 8, 5, 9); // local
    expect(localStamp(at)).toBe('2025-03-10T08:05:09');
  });
});
