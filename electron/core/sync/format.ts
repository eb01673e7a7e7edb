/**
 * The sync's files, with no database in sight: bundles (office → bureau), receipts (bureau → office)
 * and enrollment files (bureau → office, once). Every check a reader makes on a file's bytes is here.
 *
 * Bundle file (`.cdbundle`), four parts:
 *   line 1  `CIVICDESK-BUNDLE/1`
 *   line 2  the clear header, one line of JSON (BundleHeader)
 *   line 3  the office's Ed25519 signature (base64) over `civicdesk-bundle-v1\n` + line 2 + `\n` +
 *           SHA-256 of the ciphertext: the header and the ciphertext are signed together.
 *   rest    the payload: gzip'd JSON (BundlePayload), encrypted with age to the bureau's X25519
 *           recipient. The standard `age` tool decrypts it: `civicdesk bundle inspect FILE --payload-out
 *           p.age`, then `age -d -i bureau-identity.txt p.age | gunzip`.
 * The header says the ciphertext's length and hash, so a reader refuses a cut or altered file before
 * decrypting it, and the upload server can check an upload's length and signer before taking a byte.
 *
 * Receipt file (`.cdreceipt`): `CIVICDESK-RECEIPT/1`, one line of JSON, the bureau's signature over
 * `civicdesk-receipt-v1\n` + that line. It holds no names or ID numbers (record ids, masked IDs, codes).
 *
 * Enrollment file (`.cdenroll`): JSON with the bureau's public keys and the office's identity; its one
 * secret (32 bytes that later prove the office's own key) is sealed with a key stretched from a
 * one-time code the bureau shows once and the clerk types in. The bureau's keys are bound into that
 * seal, so a file with swapped keys does not open with the code.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, scryptSync, sign, timingSafeEqual, verify } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

export const BUNDLE_MAGIC = 'CIVICDESK-BUNDLE/1';
export const RECEIPT_MAGIC = 'CIVICDESK-RECEIPT/1';
export const ENROLLMENT_FORMAT = 'civicdesk-enrollment/1';
export const BUNDLE_EXTENSION = '.cdbundle';
export const RECEIPT_EXTENSION = '.cdreceipt';
export const ENROLLMENT_EXTENSION = '.cdenroll';
/** Largest bundle a bureau takes (files and uploads): a whole office's first bundle fits many times over. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;
const MAX_HEADER_BYTES = 64 * 1024;
/**
 * Largest payload a bundle may unpack to: a 100,000-resident office's whole first bundle is ~150 MB of
 * JSON; anything past this is refused as unreadable rather than exhausting the bureau's memory.
 */
export const MAX_PAYLOAD_BYTES = 400 * 1024 * 1024;

/** Why a file is refused; the intake reports these as `reason` and the catalogs translate them (sync.reasons.*). */
export type FileProblem =
  | 'not_a_bundle'
  | 'truncated'
  | 'bad_signature'
  | 'tampered'
  | 'wrong_recipient'
  | 'bad_payload'
  | 'too_large'
  | 'not_a_receipt'
  | 'not_an_enrollment';

export class SyncFileError extends Error {
  constructor(
    readonly problem: FileProblem,
    detail?: string,
  ) {
    super(detail ? `${problem}: ${detail}` : problem);
    this.name = 'SyncFileError';
  }
}

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

// --- keys -------------------------------------------------------------------------------------

export interface SigningKeyPair {
  /** PKCS#8 DER: kept in office_secrets, inside the encrypted database. */
  privateKey: Buffer;
  /** SPKI DER, base64: what the other side pins. */
  publicKey: string;
}

export function newSigningKey(): SigningKeyPair {
  const pair = generateKeyPairSync('ed25519');
  return {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'der' }),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

function signWith(privateKey: Buffer, message: Buffer): string {
  return sign(null, message, createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' })).toString('base64');
}

function verifyWith(publicKey: string, message: Buffer, signature: string): boolean {
  try {
    const sig = Buffer.from(signature, 'base64');
    // Canonical base64 only: Node's decoder ignores a last character's spare bits and stray
    // characters, so another spelling of the same signature would verify — and make a file with
    // another hash that the bureau would take for a different bundle with the same sequence.
    if (sig.length !== 64 || sig.toString('base64') !== signature) return false;
    return verify(null, message, createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }), sig);
  } catch {
    return false;
  }
}

/** A new age X25519 identity (`AGE-SECRET-KEY-1…`) and its recipient (`age1…`). */
export async function newAgeIdentity(): Promise<{ identity: string; recipient: string }> {
  const age = await import('age-encryption');
  const identity = await age.generateX25519Identity();
  return { identity, recipient: await age.identityToRecipient(identity) };
}

async function ageEncrypt(recipient: string, plain: Uint8Array): Promise<Buffer> {
  const age = await import('age-encryption');
  const e = new age.Encrypter();
  e.addRecipient(recipient);
  const cipher = await e.encrypt(plain);
  // A view over age's output, not a second copy of it.
  return Buffer.from(cipher.buffer, cipher.byteOffset, cipher.byteLength);
}

/** The plaintext, or a `wrong_recipient` / `tampered` refusal. */
async function ageDecrypt(identity: string, cipher: Uint8Array): Promise<Buffer> {
  const age = await import('age-encryption');
  const d = new age.Decrypter();
  d.addIdentity(identity);
  try {
    return Buffer.from(await d.decrypt(cipher));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new SyncFileError(/no identity matched/i.test(text) ? 'wrong_recipient' : 'tampered', text);
  }
}

// --- the office's key, tied to its enrollment ------------------------------------------------

/** What proves, with the enrollment's secret, that `officeKey` is the key the enrolled office made. */
export function keyProof(enrollSecret: Buffer, enrollmentId: string, officeCode: string, officeKey: string): string {
  return createHmac('sha256', enrollSecret).update(`civicdesk-office-key\n${enrollmentId}\n${officeCode}\n${officeKey}`).digest('hex');
}

export function keyProofHolds(enrollSecret: Buffer, enrollmentId: string, officeCode: string, officeKey: string, proof: string): boolean {
  const expected = Buffer.from(keyProof(enrollSecret, enrollmentId, officeCode, officeKey), 'hex');
  const given = Buffer.from(proof, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// --- bundles ----------------------------------------------------------------------------------

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface BundleHeader {
  format: 1;
  office: string;
  enrollmentId: string;
  bundleId: string;
  sequence: number;
  /** SHA-256 of the previous bundle's whole file; null for the first. */
  prevHash: string | null;
  createdAt: string;
  /** The office's audit chain head when the bundle was made. */
  auditHead: AuditHead | null;
  /** The office's Ed25519 key and its proof (see keyProof): the bureau pins it at the first bundle. */
  officeKey: string;
  keyProof: string;
  payloadBytes: number;
  payloadSha256: string;
}

/** A SQL value as JSON carries it: blobs as `{ $b64 }`. */
export type WireValue = string | number | null | { $b64: string };

export interface BundleTable {
  entity: string;
  /** The row's columns; each row is `[tx, changeSeq, ...values in this order]`. */
  columns: string[];
  rows: [string, number, ...WireValue[]][];
}

/** One audit entry as stored: seq, at, user_id, username, action, entity, entity_id, fields, detail, prev_hash, hash. */
export type WireAuditEntry = [number, string, string | null, string | null, string, string | null, string | null, string, string, string, string];

export interface BundlePayload {
  format: 1;
  office: string;
  bundleId: string;
  sequence: number;
  /** The change-log rows it covers: (changeFrom, changeTo]. */
  changeFrom: number;
  changeTo: number;
  /** How many change-log rows that is. */
  changes: number;
  tables: BundleTable[];
  /** The audit entries since the last bundle, in order. */
  audit: WireAuditEntry[];
}

const HEADER_KEYS: (keyof BundleHeader)[] = [
  'format',
  'office',
  'enrollmentId',
  'bundleId',
  'sequence',
  'prevHash',
  'createdAt',
  'auditHead',
  'officeKey',
  'keyProof',
  'payloadBytes',
  'payloadSha256',
];

function headerLine(header: BundleHeader): string {
  return JSON.stringify(Object.fromEntries(HEADER_KEYS.map((k) => [k, header[k]])));
}

const bundleMessage = (line: string, payloadSha: string) => Buffer.from(`civicdesk-bundle-v1\n${line}\n${payloadSha}`, 'utf8');

/** Compress, encrypt to the bureau, sign: the whole file's bytes. `payload` is a BundlePayload, or its JSON already gzip'd. */
export async function sealBundle(
  payload: BundlePayload | { gzipped: Buffer },
  header: Omit<BundleHeader, 'format' | 'payloadBytes' | 'payloadSha256'>,
  bureauRecipient: string,
  signingKey: Buffer,
): Promise<Buffer> {
  const compressed = 'gzipped' in payload ? payload.gzipped : gzipSync(Buffer.from(JSON.stringify(payload), 'utf8'), { level: 6 });
  const cipher = await ageEncrypt(bureauRecipient, compressed);
  const full: BundleHeader = { format: 1, ...header, payloadBytes: cipher.length, payloadSha256: sha256(cipher) };
  const line = headerLine(full);
  const signature = signWith(signingKey, bundleMessage(line, full.payloadSha256));
  return Buffer.concat([Buffer.from(`${BUNDLE_MAGIC}\n${line}\n${signature}\n`, 'utf8'), cipher]);
}

export interface OpenedBundle {
  header: BundleHeader;
  signature: string;
  cipher: Buffer;
  /** SHA-256 of the whole file: the bundle's identity and the next bundle's prevHash. */
  sha256: string;
}

function splitLines(file: Buffer, count: number, problem: FileProblem): { lines: string[]; rest: Buffer } {
  const lines: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const end = file.indexOf(0x0a, at);
    if (end < 0 || end - at > MAX_HEADER_BYTES) throw new SyncFileError(at === 0 ? problem : 'truncated');
    lines.push(file.subarray(at, end).toString('utf8'));
    at = end + 1;
  }
  return { lines, rest: file.subarray(at) };
}

function isHeader(value: unknown): value is BundleHeader {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Record<string, unknown>;
  const str = (k: string) => typeof h[k] === 'string';
  const int = (k: string) => Number.isSafeInteger(h[k]) && (h[k] as number) >= 0;
  const head = h.auditHead;
  return (
    h.format === 1 &&
    str('office') &&
    str('enrollmentId') &&
    str('bundleId') &&
    int('sequence') &&
    (h.sequence as number) >= 1 &&
    (h.prevHash === null || str('prevHash')) &&
    str('createdAt') &&
    (head === null || (typeof head === 'object' && Number.isSafeInteger((head as AuditHead).seq) && typeof (head as AuditHead).hash === 'string')) &&
    str('officeKey') &&
    str('keyProof') &&
    int('payloadBytes') &&
    str('payloadSha256')
  );
}

/**
 * Read a bundle's clear parts and check the ciphertext is whole and as signed-for in the header —
 * not yet who signed it (the reader looks the office up, then calls `bundleSignatureHolds`).
 */
export function openBundle(file: Buffer): OpenedBundle {
  if (file.length > MAX_BUNDLE_BYTES) throw new SyncFileError('too_large');
  if (!file.subarray(0, BUNDLE_MAGIC.length + 1).equals(Buffer.from(`${BUNDLE_MAGIC}\n`))) {
    // A bundle cut inside its first line is still a (truncated) bundle.
    const prefix = file.toString('utf8', 0, Math.min(file.length, BUNDLE_MAGIC.length));
    throw new SyncFileError(file.length > 0 && BUNDLE_MAGIC.startsWith(prefix) && file.length <= BUNDLE_MAGIC.length ? 'truncated' : 'not_a_bundle');
  }
  const { lines, rest } = splitLines(file, 3, 'not_a_bundle');
  let header: unknown;
  try {
    header = JSON.parse(lines[1]);
  } catch {
    throw new SyncFileError('tampered', 'header');
  }
  if (!isHeader(header) || headerLine(header) !== lines[1]) throw new SyncFileError('tampered', 'header');
  if (rest.length < header.payloadBytes) throw new SyncFileError('truncated');
  if (rest.length > header.payloadBytes || sha256(rest) !== header.payloadSha256) throw new SyncFileError('tampered', 'payload');
  return { header, signature: lines[2], cipher: Buffer.from(rest), sha256: sha256(file) };
}

/** A bundle's first three lines (magic, header, signature): what an upload's creation request carries. */
export interface BundleHead {
  header: BundleHeader;
  signature: string;
  /** The three lines' length in bytes: the whole file is this plus header.payloadBytes. */
  headBytes: number;
}

/**
 * Read a bundle's clear head alone — the three lines, nothing after them — so the upload server can
 * check length and signer before it takes a byte of the payload. Refuses as openBundle does.
 */
export function readBundleHead(head: Buffer): BundleHead {
  if (!head.subarray(0, BUNDLE_MAGIC.length + 1).equals(Buffer.from(`${BUNDLE_MAGIC}\n`))) throw new SyncFileError('not_a_bundle');
  const { lines, rest } = splitLines(head, 3, 'not_a_bundle');
  if (rest.length > 0) throw new SyncFileError('not_a_bundle', 'head');
  let header: unknown;
  try {
    header = JSON.parse(lines[1]);
  } catch {
    throw new SyncFileError('tampered', 'header');
  }
  if (!isHeader(header) || headerLine(header) !== lines[1]) throw new SyncFileError('tampered', 'header');
  return { header, signature: lines[2], headBytes: head.length };
}

/** The first three lines of a whole bundle file (what readBundleHead reads). */
export function bundleHeadOf(file: Buffer): Buffer {
  let at = 0;
  for (let i = 0; i < 3; i++) {
    const end = file.indexOf(0x0a, at);
    if (end < 0 || end - at > MAX_HEADER_BYTES) throw new SyncFileError('truncated');
    at = end + 1;
  }
  return file.subarray(0, at);
}

export function bundleSignatureHolds(bundle: Pick<OpenedBundle, 'header' | 'signature'>, officeKey: string): boolean {
  return verifyWith(officeKey, bundleMessage(headerLine(bundle.header), bundle.header.payloadSha256), bundle.signature);
}

/** Decrypt and parse; the payload must name the same office, bundle and sequence as the signed header. */
export async function readBundlePayload(bundle: OpenedBundle, bureauIdentity: string): Promise<BundlePayload> {
  const compressed = await ageDecrypt(bureauIdentity, bundle.cipher);
  let payload: BundlePayload;
  try {
    // Bounded: a small signed file must not unpack into gigabytes (a decompression bomb stops the intake).
    payload = JSON.parse(gunzipSync(compressed, { maxOutputLength: MAX_PAYLOAD_BYTES }).toString('utf8')) as BundlePayload;
  } catch {
    throw new SyncFileError('bad_payload');
  }
  const h = bundle.header;
  if (
    typeof payload !== 'object' ||
    payload === null ||
    payload.format !== 1 ||
    payload.office !== h.office ||
    payload.bundleId !== h.bundleId ||
    payload.sequence !== h.sequence ||
    !Array.isArray(payload.tables) ||
    !Array.isArray(payload.audit)
  ) {
    throw new SyncFileError('bad_payload');
  }
  return payload;
}

// --- receipts ---------------------------------------------------------------------------------

export type IntakeStatus = 'applied' | 'duplicate' | 'held' | 'rejected';

export interface ReceiptDuplicate {
  /** This office's resident. */
  residentId: string;
  /** Masked ID number (first 6 and last 4 visible). */
  idMasked: string;
  /** The other offices holding a live resident with the same normalized ID number. */
  otherOffices: { code: string; name: string }[];
}

export interface Receipt {
  format: 1;
  bureauId: string;
  bureauName: string;
  office: string;
  enrollmentId: string;
  /** Counts up per office: an office refuses a receipt not newer than the last it took. */
  receiptSeq: number;
  issuedAt: string;
  /** Highest sequence applied with no gap before it, and that bundle's hash. */
  acknowledgedSequence: number;
  acknowledgedHash: string | null;
  bundles: { sequence: number; bundleId: string | null; status: IntakeStatus; reason?: string }[];
  /** The office's audit chain head as the bureau holds it. */
  auditHead: AuditHead | null;
  /** What the bureau sends back: cross-office duplicates, and updates to code tables or standards. */
  returnData: { duplicates: ReceiptDuplicate[]; updates: { kind: string; version: string; payload: unknown }[] };
}

const receiptMessage = (line: string) => Buffer.from(`civicdesk-receipt-v1\n${line}`, 'utf8');

export function sealReceipt(receipt: Receipt, bureauSigningKey: Buffer): Buffer {
  const line = JSON.stringify(receipt);
  return Buffer.from(`${RECEIPT_MAGIC}\n${line}\n${signWith(bureauSigningKey, receiptMessage(line))}\n`, 'utf8');
}

/** A receipt signed by `bureauKey`, or a refusal: not a receipt, or a signature that does not hold. */
export function openReceipt(file: Buffer, bureauKey: string): Receipt {
  if (!file.subarray(0, RECEIPT_MAGIC.length + 1).equals(Buffer.from(`${RECEIPT_MAGIC}\n`))) throw new SyncFileError('not_a_receipt');
  const { lines } = splitLines(file, 3, 'not_a_receipt');
  if (!verifyWith(bureauKey, receiptMessage(lines[1]), lines[2])) throw new SyncFileError('bad_signature');
  let receipt: Receipt;
  try {
    receipt = JSON.parse(lines[1]) as Receipt;
  } catch {
    throw new SyncFileError('not_a_receipt');
  }
  if (receipt.format !== 1 || !Number.isSafeInteger(receipt.receiptSeq) || !Number.isSafeInteger(receipt.acknowledgedSequence) || !Array.isArray(receipt.bundles)) {
    throw new SyncFileError('not_a_receipt');
  }
  return receipt;
}

// --- enrollment files --------------------------------------------------------------------------

export interface EnrollmentFile {
  format: typeof ENROLLMENT_FORMAT;
  enrollmentId: string;
  createdAt: string;
  bureau: { id: string; name: string; recipient: string; verifyKey: string };
  office: { code: string; name: string };
  /** The enrollment secret, sealed with a key stretched from the one-time code. */
  sealed: { kdf: { logN: number; r: number; p: number; salt: string }; iv: string; tag: string; data: string };
}

// Crockford base32 without I, L, O, U: read off a screen or a phone call without confusion.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 80 random bits as four groups of four characters. */
export function newOneTimeCode(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += CODE_ALPHABET[bytes[i] & 31];
  return out.match(/.{4}/g)!.join('-');
}

/** What a person types: any case, spaces or dashes, O for 0, I/L for 1. */
export function normalizeOneTimeCode(text: string): string {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return clean.match(/.{1,4}/g)?.join('-') ?? '';
}

const ENROLL_COST = { logN: 15, r: 8, p: 1 };

function enrollmentAad(f: Pick<EnrollmentFile, 'enrollmentId' | 'bureau' | 'office'>): Buffer {
  // Everything the office will keep from the file is bound to the code: keys, ids and both names.
  return Buffer.from(
    `civicdesk-enrollment-v1\n${f.enrollmentId}\n${f.office.code}\n${f.office.name}\n${f.bureau.id}\n${f.bureau.name}\n${f.bureau.recipient}\n${f.bureau.verifyKey}`,
    'utf8',
  );
}

function codeKey(code: string, kdf: EnrollmentFile['sealed']['kdf']): Buffer {
  const N = 2 ** kdf.logN;
  return scryptSync(normalizeOneTimeCode(code), Buffer.from(kdf.salt, 'base64'), 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r + (1 << 20) });
}

export function makeEnrollmentFile(unsealed: Omit<EnrollmentFile, 'format' | 'sealed'>, enrollSecret: Buffer, oneTimeCode: string): EnrollmentFile {
  const kdf = { ...ENROLL_COST, salt: randomBytes(16).toString('base64') };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', codeKey(oneTimeCode, kdf), iv);
  cipher.setAAD(enrollmentAad(unsealed));
  const data = Buffer.concat([cipher.update(enrollSecret), cipher.final()]);
  return {
    format: ENROLLMENT_FORMAT,
    ...unsealed,
    sealed: { kdf, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') },
  };
}

export function parseEnrollmentFile(text: Buffer): EnrollmentFile {
  let f: EnrollmentFile;
  try {
    f = JSON.parse(text.toString('utf8')) as EnrollmentFile;
  } catch {
    throw new SyncFileError('not_an_enrollment');
  }
  const ok =
    typeof f === 'object' &&
    f !== null &&
    f.format === ENROLLMENT_FORMAT &&
    typeof f.enrollmentId === 'string' &&
    typeof f.bureau?.recipient === 'string' &&
    f.bureau.recipient.startsWith('age1') &&
    typeof f.bureau.verifyKey === 'string' &&
    typeof f.bureau.id === 'string' &&
    typeof f.bureau.name === 'string' &&
    typeof f.office?.code === 'string' &&
    typeof f.office.name === 'string' &&
    typeof f.sealed?.data === 'string' &&
    Number.isSafeInteger(f.sealed.kdf?.logN) &&
    // The cost is the bureau's (2^15); a file asking for more would make the office PC spend gigabytes per try.
    f.sealed.kdf.logN >= 14 &&
    f.sealed.kdf.logN <= 16 &&
    f.sealed.kdf.r === 8 &&
    f.sealed.kdf.p === 1;
  if (!ok) throw new SyncFileError('not_an_enrollment');
  return f;
}

/** The enrollment secret, or null when the code is not this file's. */
export function unsealEnrollment(f: EnrollmentFile, oneTimeCode: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', codeKey(oneTimeCode, f.sealed.kdf), Buffer.from(f.sealed.iv, 'base64'));
    decipher.setAAD(enrollmentAad(f));
    decipher.setAuthTag(Buffer.from(f.sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(f.sealed.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** Blobs and big integers as JSON carries them; everything else as it is. */
export function toWire(value: unknown): WireValue {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $b64: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

export function fromWire(value: WireValue): string | number | null | Buffer {
  if (value !== null && typeof value === 'object') return Buffer.from(value.$b64, 'base64');
  return value;
}
