/**
 * Sign-ins against a sealed database (encrypted, nobody signed in yet): nothing can be written into
 * it until a key opens it, and its lockout counters cannot be read, so a small file beside it
 * (`<db>.sealed-failures`, written whole, fsynced, then renamed, like the key slots) keeps
 *  - the failures, for the audit trail, written by the sign-in that opens the database;
 *  - each user's lockout state (failed attempts, locked until), so wrong passwords count before the
 *    database is open — every CLI call and every app start is sealed — and a locked account is
 *    refused without its password being tried; the open database mirrors its own counters here;
 *  - the office's lockout rule as last seen in the open database (its settings live inside it).
 * A file rather than memory: guessing at the sign-in screen, then quitting, must leave a trace and
 * must not reset the count.
 *
 * It holds no typed text that could be a password: a user name is kept only when it is a key slot's
 * user (the caller checks), anything else as its first character and length (`maskTypedName`); and
 * it stays small whatever is typed (user names are length-limited by the contract, failures capped).
 */
import fs from 'node:fs';
import type { SealedLoginFailure } from '../context';
import { fsyncFile, removeQuietly, renameDurable } from '../durable';

/** Enough to show a burst of guessing (later ones are only counted) without letting it fill the disk. */
export const MAX_HELD_FAILURES = 500;

export const sealedFailuresPath = (dbPath: string) => `${dbPath}.sealed-failures`;

/** A user's lockout state, as the users table keeps it (failed_attempts, locked_until). */
export interface SealedLockState {
  attempts: number;
  lockedUntil: string | null;
}

/** The office's lockout rule (its settings lockoutThreshold / lockoutMinutes). */
export interface LockoutRule {
  lockoutThreshold: number;
  lockoutMinutes: number;
}

interface SealedFile {
  format: 2;
  rule?: LockoutRule;
  /** By user id; users with no failures and no lock are left out. */
  users: Record<string, SealedLockState>;
  held: SealedLoginFailure[];
  /** Failures past MAX_HELD_FAILURES: counted, not kept one by one. */
  notKept: number;
}

const NO_LOCK: SealedLockState = { attempts: 0, lockedUntil: null };

/**
 * What a typed user name that is no known user becomes before it is kept anywhere: its first
 * character and its length. A clerk who types the password into the name field leaves one
 * character of it, not the password. Already masked text stays as it is.
 */
export function maskTypedName(typed: string): string {
  if (MASKED.test(typed)) return typed;
  const chars = [...typed];
  return `${chars[0] ?? ''}…[${chars.length}]`;
}
const MASKED = /^.?…\[\d+\]$/u;

export class SealedFailureStore {
  constructor(
    private readonly dbPath: string,
    /** The rule before the open database has told us the office's (the settings' defaults). */
    private readonly defaultRule: LockoutRule,
  ) {}

  /** The failures held so far, oldest first (an unreadable file is treated as empty, not fatal). */
  read(): SealedLoginFailure[] {
    return this.load().held;
  }

  /** The office's lockout rule as last mirrored from the open database. */
  rule(): LockoutRule {
    return this.load().rule ?? this.defaultRule;
  }

  /** A user's lockout state as the sealed door knows it. */
  lockState(userId: string): SealedLockState {
    return this.load().users[userId] ?? NO_LOCK;
  }

  /** Every user's lockout state held here (by user id). */
  lockStates(): Record<string, SealedLockState> {
    return this.load().users;
  }

  /** Hold one failure for the audit trail; `lock`: the user's lockout state after it. */
  hold(failure: SealedLoginFailure, lock?: { userId: string; state: SealedLockState }): void {
    this.update((file) => {
      if (file.held.length < MAX_HELD_FAILURES) file.held.push(failure);
      else file.notKept += 1;
      if (lock) setState(file, lock.userId, lock.state);
    });
  }

  /** Mirror the open database's state of one user (a failure counted, a sign-in, a reset). */
  setLockState(userId: string, state: SealedLockState): void {
    if (sameState(this.lockState(userId), state)) return;
    this.update((file) => setState(file, userId, state));
  }

  /** The office changed its lockout rule: the sealed door applies it from now on. */
  setRule(rule: LockoutRule): void {
    const current = this.load().rule ?? this.defaultRule;
    if (!sameRule(current, rule)) this.update((file) => (file.rule = rule));
  }

  /** After the open database took what was held: its rule and every user's state, replacing ours. */
  mirror(rule: LockoutRule, users: Record<string, SealedLockState>): void {
    const file = this.load();
    const wanted = { ...file, rule, users: Object.fromEntries(Object.entries(users).filter(([, s]) => !sameState(s, NO_LOCK))) };
    if (JSON.stringify(wanted) !== JSON.stringify(file)) this.save(wanted);
  }

  /** Everything held (and how many were not kept), removed from the file: the caller writes them into the audit trail. */
  take(): { held: SealedLoginFailure[]; notKept: number } {
    const file = this.load();
    if (file.held.length === 0 && file.notKept === 0) return { held: [], notKept: 0 };
    this.save({ ...file, held: [], notKept: 0 });
    return { held: file.held, notKept: file.notKept };
  }

  private update(change: (file: SealedFile) => void): void {
    const file = this.load();
    change(file);
    this.save(file);
  }

  private load(): SealedFile {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(sealedFailuresPath(this.dbPath), 'utf8'));
    } catch {
      return emptyFile();
    }
    // Format 1 (before lockout state was kept here) was the array of failures alone; its user
    // names were kept as typed, so they are masked on the way in unless they look like a user name.
    if (Array.isArray(parsed)) return { ...emptyFile(), held: parsed.filter(isFailure).slice(0, MAX_HELD_FAILURES).map(legacyFailure) };
    const f = parsed as Partial<SealedFile> | null;
    if (!f || f.format !== 2) return emptyFile();
    const users: Record<string, SealedLockState> = {};
    for (const [id, s] of Object.entries(f.users ?? {})) if (isLockState(s)) users[id] = s;
    return {
      format: 2,
      ...(isRule(f.rule) ? { rule: f.rule } : {}),
      users,
      held: Array.isArray(f.held) ? f.held.filter(isFailure).slice(0, MAX_HELD_FAILURES) : [],
      notKept: typeof f.notKept === 'number' && f.notKept > 0 ? Math.floor(f.notKept) : 0,
    };
  }

  /** The whole file, written then renamed; removed when it would say nothing the defaults do not. */
  private save(file: SealedFile): void {
    const target = sealedFailuresPath(this.dbPath);
    const ruleIsDefault = !file.rule || sameRule(file.rule, this.defaultRule);
    if (ruleIsDefault && file.held.length === 0 && file.notKept === 0 && Object.keys(file.users).length === 0) {
      removeQuietly(target);
      return;
    }
    const tmp = `${target}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(file), { mode: 0o600 });
    fsyncFile(tmp);
    renameDurable(tmp, target);
  }
}

function emptyFile(): SealedFile {
  return { format: 2, users: {}, held: [], notKept: 0 };
}

function setState(file: SealedFile, userId: string, state: SealedLockState): void {
  if (sameState(state, NO_LOCK)) delete file.users[userId];
  else file.users[userId] = { attempts: state.attempts, lockedUntil: state.lockedUntil };
}

const sameState = (a: SealedLockState, b: SealedLockState) => a.attempts === b.attempts && a.lockedUntil === b.lockedUntil;
const sameRule = (a: LockoutRule, b: LockoutRule) => a.lockoutThreshold === b.lockoutThreshold && a.lockoutMinutes === b.lockoutMinutes;

/** A user name as the setup and user forms allow it (2–32 letters, digits, _ . -). */
const USERNAME_LIKE = /^[\p{L}\p{N}_.-]{2,32}$/u;
function legacyFailure(f: SealedLoginFailure): SealedLoginFailure {
  return { ...f, username: USERNAME_LIKE.test(f.username) ? f.username : maskTypedName(f.username) };
}

function isFailure(x: unknown): x is SealedLoginFailure {
  const f = x as Partial<SealedLoginFailure> | null;
  return !!f && typeof f.username === 'string' && typeof f.at === 'string' && (f.via === 'password' || f.via === 'recoveryKey');
}

function isLockState(x: unknown): x is SealedLockState {
  const s = x as Partial<SealedLockState> | null;
  return !!s && typeof s.attempts === 'number' && (s.lockedUntil === null || typeof s.lockedUntil === 'string');
}

/**
 * A rule the office's settings could hold (threshold 3–20, 1–1440 minutes): the file has no key to
 * protect it, so a rule edited into it beyond what settings allow (a million tries, no lock) is not
 * taken and the defaults apply until the open database says otherwise.
 */
function isRule(x: unknown): x is LockoutRule {
  const r = x as Partial<LockoutRule> | null;
  return (
    !!r &&
    Number.isInteger(r.lockoutThreshold) &&
    Number.isInteger(r.lockoutMinutes) &&
    r.lockoutThreshold! >= 3 &&
    r.lockoutThreshold! <= 20 &&
    r.lockoutMinutes! >= 1 &&
    r.lockoutMinutes! <= 1440
  );
}
