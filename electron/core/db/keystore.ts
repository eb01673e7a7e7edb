/**
 * Key slots (密钥槽) for the encrypted database. The database key is 32 random bytes; each user's
 * password, and the office's printed recovery key, unwrap a copy of it. Adding or removing a user or
 * changing a password rewrites one slot and never re-encrypts the database. The slot file sits next
 * to the database (`<db>.keys`); it holds no key in clear, only scrypt-stretched AES-256-GCM wraps.
 * A disabled or removed user has no slot. Changing the database key itself (rekey.ts) reaches users
 * whose passwords it does not know through the key pair each user slot carries (slot-identity.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { Office } from '../../../shared/contract';
import { DatabaseOpenError } from './connection';

export interface KeySlot {
  kind: 'user' | 'recovery';
  /** For user slots: whose password opens it. */
  userId?: string;
  username?: string;
  kdf: { alg: 'scrypt'; logN: number; r: number; p: number; salt: string };
  iv: string;
  tag: string;
  wrapped: string;
  /** A user's X25519 key pair, the private half wrapped by the password (slot-identity.ts): lets a key change seal the new key to this user. */
  identity?: SlotIdentity;
  /** Set on a slot sealed to `identity` by a key change: `wrapped` is then under X25519(identity, ephemeral), not the password. */
  ephemeral?: string;
}

export interface SlotIdentity {
  publicKey: string;
  iv: string;
  tag: string;
  wrappedPrivate: string;
}

export interface KeyFile {
  format: 1;
  /** Shown on the sign-in screen before the database is open; not secret. */
  office: Office;
  slots: KeySlot[];
}

export const keyFilePath = (dbPath: string) => `${dbPath}.keys`;

/**
 * scrypt cost (log2 N, r = 8, p = 1) of new key slots. Slots can be attacked offline — they sit in
 * `.keys` and in every backup header — so they cost more than the password hashes inside the
 * encrypted database (2^15): 2^17 is OWASP's minimum for scrypt, ~0.37 s and 128 MiB on the 2-core
 * build machine, once per sign-in. Each slot records its own parameters, so slots made at an older
 * cost keep opening; the next sign-in of their user rewraps them (`slotNeedsUpgrade`).
 */
export const KEY_SLOT_COST_LOG2 = 17;

export function newDatabaseKey(): Buffer {
  return randomBytes(32);
}

export function kek(secret: string, kdf: KeySlot['kdf']): Buffer {
  const N = 2 ** kdf.logN;
  return scryptSync(secret.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r + (1 << 20) });
}

/** The slot's identity is authenticated with the key, so a slot cannot be moved to another user. */
export const aad = (slot: Pick<KeySlot, 'kind' | 'userId'>) => Buffer.from(`civicdesk-slot:${slot.kind}:${slot.userId ?? ''}`);

export function wrapKey(dbKey: Buffer, secret: string, costLog2: number, who: Pick<KeySlot, 'kind' | 'userId' | 'username'>): KeySlot {
  const kdf = { alg: 'scrypt' as const, logN: costLog2, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek(secret, kdf), iv);
  cipher.setAAD(aad(who));
  const wrapped = Buffer.concat([cipher.update(dbKey), cipher.final()]);
  return { ...who, kdf, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
}

/** Was this slot made with weaker scrypt parameters than `costLog2` (r = 8, p = 1)? Then its next sign-in rewraps it. */
export function slotNeedsUpgrade(slot: KeySlot, costLog2: number): boolean {
  return slot.kdf.alg !== 'scrypt' || slot.kdf.logN < costLog2 || slot.kdf.r < 8 || slot.kdf.p < 1;
}

/** The database key, or null when the secret is wrong (GCM authentication fails). */
export function unwrapKey(slot: KeySlot, secret: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek(secret, slot.kdf), Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(aad(slot));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** The time an unwrap at this cost takes, for a user name that has no slot (see Vault.burnUnwrap). */
export function burnUnwrapCost(secret: string, costLog2: number): void {
  kek(secret, { alg: 'scrypt', logN: costLog2, r: 8, p: 1, salt: BURN_SALT });
}
const BURN_SALT = Buffer.alloc(16).toString('base64');

/** The slot file beside `dbPath`; undefined when there is none, a `keys_unreadable` refusal when it is not one. */
export function readKeyFile(dbPath: string): KeyFile | undefined {
  const file = keyFilePath(dbPath);
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new DatabaseOpenError('keys_unreadable', dbPath, { keysFile: file });
  }
  if (!isKeyFile(parsed)) throw new DatabaseOpenError('keys_unreadable', dbPath, { keysFile: file });
  return parsed;
}

function isKeyFile(value: unknown): value is KeyFile {
  return typeof value === 'object' && value !== null && 'format' in value && value.format === 1 && 'slots' in value && Array.isArray(value.slots);
}

/** Write-then-rename with fsyncs: a crash leaves the old slots or the new ones, never half a file. */
export function writeKeyFile(dbPath: string, keys: KeyFile): void {
  const file = keyFilePath(dbPath);
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(keys, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dir = fs.openSync(path.dirname(file), 'r');
    fs.fsyncSync(dir);
    fs.closeSync(dir);
  } catch {
    // Windows cannot open a directory for fsync; the rename is already durable there.
  }
}

// Crockford base32: no I, L, O or U, so a printed key is read back without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 240 random bits as eight groups of six characters, for printing and keeping in the office safe. */
export function newRecoveryKey(): string {
  const bytes = randomBytes(30);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{6}/g)!.join('-');
}

/** Accept what a person types from the printout: any case, spaces or dashes, O for 0, I/L for 1. */
export function normalizeRecoveryKey(input: string): string {
  const clean = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return clean.match(/.{1,6}/g)?.join('-') ?? '';
}
