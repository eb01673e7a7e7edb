/**
 * Which automatic backups to keep (备份保留): the newest backup of each of the last 7 days that have
 * one, of each of the last 4 ISO weeks, and of each of the last 12 months — the grandfather-father-son
 * scheme restic calls `--keep-daily 7 --keep-weekly 4 --keep-monthly 12`. A day without a backup (the
 * office was closed) does not use up one of the 7: "the last 7 days that have a backup".
 *
 * Pure: names and local wall-clock times in, names out. Local time, because "daily" means the
 * clerk's day, not UTC's (in China 08:00 local is midnight UTC).
 */
export interface Retention {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_RETENTION: Readonly<Retention> = { daily: 7, weekly: 4, monthly: 12 };

export interface StampedBackup {
  name: string;
  /** Local wall-clock time of the backup, `YYYY-MM-DDTHH:MM:SS` (sorts as text). */
  local: string;
}

/** `YYYY-MM-DD` → ISO week `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(localDate: string): string {
  const [y, m, d] = localDate.slice(0, 10).split('-').map(Number);
  // Calendar arithmetic on a UTC date: no time zone or daylight saving can shift the day.
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides its year
  const weekYear = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

const PERIODS = {
  daily: (local: string) => local.slice(0, 10),
  weekly: (local: string) => isoWeek(local),
  monthly: (local: string) => local.slice(0, 7),
} as const;

/** Newest first; the name breaks ties so the choice never depends on the listing order. */
function newestFirst(backups: readonly StampedBackup[]): StampedBackup[] {
  return [...backups].sort((a, b) => (a.local === b.local ? (a.name < b.name ? 1 : a.name > b.name ? -1 : 0) : a.local < b.local ? 1 : -1));
}

/** The names to keep: for each rule, the newest backup of each of its N most recent periods. */
export function backupsToKeep(backups: readonly StampedBackup[], retention: Readonly<Retention> = DEFAULT_RETENTION): Set<string> {
  const sorted = newestFirst(backups);
  const keep = new Set<string>();
  for (const rule of ['daily', 'weekly', 'monthly'] as const) {
    const periodOf = PERIODS[rule];
    const seen = new Set<string>();
    for (const backup of sorted) {
      if (seen.size >= retention[rule]) break;
      const period = periodOf(backup.local);
      if (seen.has(period)) continue; // an older backup of a period already covered
      seen.add(period);
      keep.add(backup.name);
    }
  }
  return keep;
}

/** The names rotation removes, oldest first. */
export function backupsToDelete(backups: readonly StampedBackup[], retention: Readonly<Retention> = DEFAULT_RETENTION): string[] {
  const keep = backupsToKeep(backups, retention);
  return newestFirst(backups)
    .reverse()
    .filter((b) => !keep.has(b.name))
    .map((b) => b.name);
}
