/**
 * Key slots that a key change can rewrap without the users' passwords.
 *
 * A slot wraps the database key with a key stretched from the password, so a new database key could
 * only be wrapped for users whose passwords are typed again. To change the key (after someone left
 * with a copy of `.keys` or a backup) while every remaining user keeps signing in, each user slot also
 * carries an X25519 key pair whose private half is wrapped by the same password-derived key. A key
 * change seals the new database key to each enabled user's public key (X25519 with a fresh ephemeral
 * key, HKDF-SHA256, AES-256-GCM — the shape of age's X25519 recipients, or of an organisation key
 * shared to each member's public key in Bitwarden and 1Password). Only that user's password opens
 * their private key, so someone holding an old slot file and their own old password learns nothing
 * about the new key. A slot is upgraded whenever a password is set, and at a sign-in that knows it.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import { aad, kek, unwrapKey, wrapKey, type KeySlot } from './keystore';

type Who = Pick<KeySlot, 'kind' | 'userId' | 'username'>;

const identityAad = (slot: Pick<KeySlot, 'userId'>) => Buffer.from(`civicdesk-identity:user:${slot.userId ?? ''}`);

function seal(key: Buffer, plain: Buffer, additional: Buffer): { iv: string; tag: string; data: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additional);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function open(key: Buffer, box: { iv: string; tag: string; data: string }, additional: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(additional);
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** A user's slot: the database key under the password, and a fresh key pair whose private half the password opens. */
export function wrapUserSlot(dbKey: Buffer, password: string, costLog2: number, who: Who): KeySlot {
  const slot = wrapKey(dbKey, password, costLog2, who);
  const pair = generateKeyPairSync('x25519');
  const box = seal(kek(password, slot.kdf), pair.privateKey.export({ type: 'pkcs8', format: 'der' }), identityAad(slot));
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { ...slot, identity: { publicKey, iv: box.iv, tag: box.tag, wrappedPrivate: box.data } };
}

function sharedKey(privateKey: Buffer, publicKey: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  const secret = diffieHellman({
    privateKey: createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' }),
    publicKey: createPublicKey({ key: publicKey, format: 'der', type: 'spki' }),
  });
  return Buffer.from(hkdfSync('sha256', secret, Buffer.concat([ephemeral, recipient]), 'civicdesk sealed slot v1', 32));
}

/** The new database key sealed to a user's key pair: their slot after a key change, opened by the same password. */
export function sealToUser(dbKey: Buffer, slot: KeySlot): KeySlot | null {
  if (slot.kind !== 'user' || !slot.identity) return null;
  const recipient = Buffer.from(slot.identity.publicKey, 'base64');
  const pair = generateKeyPairSync('x25519');
  const ephemeral = pair.publicKey.export({ type: 'spki', format: 'der' });
  const key = sharedKey(pair.privateKey.export({ type: 'pkcs8', format: 'der' }), recipient, ephemeral, recipient);
  const box = seal(key, dbKey, aad(slot));
  return { kind: 'user', userId: slot.userId, username: slot.username, kdf: slot.kdf, identity: slot.identity, ephemeral: ephemeral.toString('base64'), iv: box.iv, tag: box.tag, wrapped: box.data };
}

/** The database key from a user slot of either shape, or null when the password is wrong. */
export function unwrapUserSlot(slot: KeySlot, password: string): Buffer | null {
  if (!slot.ephemeral) return unwrapKey(slot, password);
  if (!slot.identity) return null;
  const privateKey = open(kek(password, slot.kdf), { iv: slot.identity.iv, tag: slot.identity.tag, data: slot.identity.wrappedPrivate }, identityAad(slot));
  if (!privateKey) return null;
  const ephemeral = Buffer.from(slot.ephemeral, 'base64');
  const key = sharedKey(privateKey, ephemeral, ephemeral, Buffer.from(slot.identity.publicKey, 'base64'));
  return open(key, { iv: slot.iv, tag: slot.tag, data: slot.wrapped }, aad(slot));
}
