import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * scrypt password hashes with a per-user 16-byte salt, stored as `scrypt$<log2N>$<r>$<p>$<salt>$<hash>`
 * so the cost can be raised later without breaking existing hashes.
 */
const KEY_LENGTH = 32;
const R = 8;
const P = 1;

export function hashPassword(password: string, costLog2: number): string {
  const salt = randomBytes(16);
  const hash = derive(password, salt, costLog2, R, P);
  return ['scrypt', costLog2, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [costLog2, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const actual = derive(password, salt, costLog2, r, p, expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(password: string, salt: Buffer, costLog2: number, r: number, p: number, length = KEY_LENGTH): Buffer {
  const N = 2 ** costLog2;
  return scryptSync(password.normalize('NFC'), salt, length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}

/** Spend the same time on an unknown user name as on a wrong password, so names cannot be probed. */
let dummyHash: string | undefined;
export function burnPasswordCheck(password: string, costLog2: number): void {
  dummyHash ??= hashPassword('not-a-real-password-0', costLog2);
  verifyPassword(password, dummyHash);
}
