/** Password hashing: scrypt with a per-hash salt and the cost recorded, verified in constant time. */
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../electron/core/accounts/password';

const COST = 10;

describe('password hashes', () => {
  it('verify the right password and refuse a wrong one', () => {
    const stored = hashPassword('Correct-horse-1', COST);
    expect(verifyPassword('Correct-horse-1', stored)).toBe(true);
    expect(verifyPassword('correct-horse-1', stored)).toBe(false);
    expect(verifyPassword('', stored)).toBe(false);
  });

  it('record algorithm and cost, so a later cost change still verifies old hashes', () => {
    const cheap = hashPassword('Old-pass-1', COST);
    const dearer = hashPassword('Old-pass-1', COST + 2);
    expect(cheap.split('$').slice(0, 4)).toEqual(['scrypt', '10', '8', '1']);
    expect(dearer.split('$')[1]).toBe('12');
    expect(verifyPassword('Old-pass-1', cheap)).toBe(true);
    expect(verifyPassword('Old-pass-1', dearer)).toBe(true);
  });

  it('differ for equal passwords (random salt)', () => {
    expect(hashPassword('Same-pass-1', COST)).not.toBe(hashPassword('Same-pass-1', COST));
  });

  it('refuse, rather than throw on, a stored value that is not one of ours', () => {
    for (const stored of ['', 'plain-text', 'bcrypt$10$x$y$z$w', 'scrypt$10$8$1$onlyfive']) {
      expect(verifyPassword('anything-1', stored)).toBe(false);
    }
  });

  it('a tampered hash no longer verifies', () => {
    const parts = hashPassword('Tamper-pass-1', COST).split('$');
    const hash = Buffer.from(parts[5], 'base64');
    hash[0] ^= 0xff;
    parts[5] = hash.toString('base64');
    expect(verifyPassword('Tamper-pass-1', parts.join('$'))).toBe(false);
  });
});
