/**
 * The lockout rule (账户锁定), one for both doors: the open database's users table and the sealed
 * door's file beside it (../audit/sealed-failures.ts). After `lockoutThreshold` wrong passwords in a
 * row the account is locked for `lockoutMinutes`; the count starts again from zero after the lock.
 * A locked account is refused without its password being tried, so the answer never tells a
 * guesser that the password was right.
 */
import type { LockoutRule, SealedLockState } from '../audit';

export type LockState = SealedLockState;

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && Date.parse(state.lockedUntil) > now.getTime();
}

/** The state after one more wrong password. */
export function afterWrongPassword(state: LockState, rule: LockoutRule, now: Date): LockState {
  const attempts = (isExpiredLock(state, now) ? 0 : state.attempts) + 1;
  if (attempts >= rule.lockoutThreshold) return { attempts: 0, lockedUntil: new Date(now.getTime() + rule.lockoutMinutes * 60_000).toISOString() };
  return { attempts, lockedUntil: null };
}

/** Attempts left before the lock, for BAD_CREDENTIALS. */
export function remainingAttempts(state: LockState, rule: LockoutRule): number {
  return Math.max(0, rule.lockoutThreshold - state.attempts);
}

const isExpiredLock = (state: LockState, now: Date) => state.lockedUntil !== null && !isLocked(state, now);

/** Local wall-clock time for messages such as "locked until 14:35". */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Of two states of one user (the database's and the sealed door's), the stricter: neither door's failures are forgotten. */
export function stricter(a: LockState, b: LockState): LockState {
  const lockedUntil = a.lockedUntil && b.lockedUntil ? (a.lockedUntil > b.lockedUntil ? a.lockedUntil : b.lockedUntil) : (a.lockedUntil ?? b.lockedUntil);
  return { attempts: Math.max(a.attempts, b.attempts), lockedUntil };
}
