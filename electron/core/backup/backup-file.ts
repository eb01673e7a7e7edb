/**
 * The backup file (`.cdbak`): one file a clerk can copy to a USB stick, holding the database and
 * the key slots that open it.
 *
 *   "CIVICDESK-BACKUP" (16 bytes) | format u32 BE | header length u32 BE | header (UTF-8 JSON)
 *   | header MAC (32 bytes) | payload (the database file as written: encrypted in its page cipher)
 *
 * The header is readable without a key, so the startup dialog and `backup.inspect` can say what a
 * backup holds (date, office, counts) before anyone signs in. Nothing in it is secret: the office
 * is already on the sign-in screen, counts are not personal data, and the key slots are the same
 * scrypt-wrapped copies that sit beside the database. The MAC (HMAC-SHA256 keyed from the database
 * key) lets anyone holding the key check that the summary belongs to this payload; the payload's
 * SHA-256 in the header catches a damaged copy even without the key.
 */
import fs from 'node:fs';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { BACKUP_KINDS, backupSummarySchema, officeSchema } from '../../../shared/contract';

export const BACKUP_MAGIC = Buffer.from('CIVICDESK-BACKUP', 'ascii');
export const BACKUP_FORMAT = 1;
const PREFIX_BYTES = BACKUP_MAGIC.length + 8;
const MAC_BYTES = 32;
const CHUNK = 1 << 20;
/** A header is a few KB (mostly key slots); anything far larger is not one of ours. */
const MAX_HEADER_BYTES = 1 << 20;

export type BackupKind = (typeof BACKUP_KINDS)[number];

const keySlotSchema = z.object({
  kind: z.enum(['user', 'recovery']),
  userId: z.string().optional(),
  username: z.string().optional(),
  kdf: z.object({ alg: z.literal('scrypt'), logN: z.number().int().min(1).max(24), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  iv: z.string(),
  tag: z.string(),
  wrapped: z.string(),
  // A slot's key pair and a key change's sealed slot (db/slot-identity.ts): kept, or a restored slot would lose them.
  identity: z.object({ publicKey: z.string(), iv: z.string(), tag: z.string(), wrappedPrivate: z.string() }).optional(),
  ephemeral: z.string().optional(),
});
const keyFileSchema = z.object({ format: z.literal(1), office: officeSchema, slots: z.array(keySlotSchema) });

/** The header holds what a summary shows (shared/contract/backup.ts) plus what restoring needs. */
const headerSchema = backupSummarySchema
  .pick({ createdAt: true, local: true, kind: true, office: true, appVersion: true, schemaVersion: true, counts: true, encrypted: true })
  .extend({
    format: z.literal(BACKUP_FORMAT),
    /** Highest change-log sequence number issued when the backup was taken. */
    changeSeq: z.number().int(),
    keys: keyFileSchema.nullable(),
    payload: z.object({ bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  });
export type BackupHeader = z.infer<typeof headerSchema>;

export type BackupFileProblem = 'missing' | 'not_a_backup' | 'unsupported' | 'truncated' | 'damaged';

export class BackupFileError extends Error {
  constructor(
    readonly reason: BackupFileProblem,
    readonly file: string,
  ) {
    super(`${file}: ${reason.replace(/_/g, ' ')}`);
    this.name = 'BackupFileError';
  }
}

/** The key for header MACs, derived so the database key itself never keys anything else. */
export function headerMacKey(databaseKey: Buffer): Buffer {
  return createHmac('sha256', databaseKey).update('civicdesk backup header v1').digest();
}

const macOf = (macKey: Buffer | null, headerBytes: Buffer) => (macKey ? createHmac('sha256', macKey).update(headerBytes).digest() : Buffer.alloc(MAC_BYTES));

export interface ReadBackup {
  header: BackupHeader;
  headerBytes: Buffer;
  mac: Buffer;
  payloadOffset: number;
}

/** Read and check the header; the payload is not read (see `payloadMatches`). */
export function readBackupHeader(file: string): ReadBackup {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'EISDIR')) throw new BackupFileError('missing', file);
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const prefix = Buffer.alloc(PREFIX_BYTES);
    if (fs.readSync(fd, prefix, 0, PREFIX_BYTES, 0) < PREFIX_BYTES || !prefix.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) {
      throw new BackupFileError('not_a_backup', file);
    }
    if (prefix.readUInt32BE(16) !== BACKUP_FORMAT) throw new BackupFileError('unsupported', file);
    const headerLength = prefix.readUInt32BE(20);
    if (headerLength > MAX_HEADER_BYTES) throw new BackupFileError('not_a_backup', file);
    const payloadOffset = PREFIX_BYTES + headerLength + MAC_BYTES;
    if (size < payloadOffset) throw new BackupFileError('truncated', file);
    const headerBytes = Buffer.alloc(headerLength);
    fs.readSync(fd, headerBytes, 0, headerLength, PREFIX_BYTES);
    const mac = Buffer.alloc(MAC_BYTES);
    fs.readSync(fd, mac, 0, MAC_BYTES, PREFIX_BYTES + headerLength);
    let parsed: unknown;
    try {
      parsed = JSON.parse(headerBytes.toString('utf8'));
    } catch {
      throw new BackupFileError('damaged', file);
    }
    const header = headerSchema.safeParse(parsed);
    if (!header.success) throw new BackupFileError('damaged', file);
    if (size !== payloadOffset + header.data.payload.bytes) throw new BackupFileError(size < payloadOffset + header.data.payload.bytes ? 'truncated' : 'damaged', file);
    return { header: header.data, headerBytes, mac, payloadOffset };
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the header's MAC was made with this database key (false for a plain backup). */
export function headerMacValid(read: ReadBackup, databaseKey: Buffer): boolean {
  return timingSafeEqual(macOf(headerMacKey(databaseKey), read.headerBytes), read.mac);
}

/** Called between chunks of long file work: reports progress and throws to cancel. */
export type Tick = (done: number, total: number) => Promise<void>;

/** Does the payload still hash to what the header says? Reads the whole file (about 1 s per 400 MB). */
export function payloadMatches(file: string, read: ReadBackup = readBackupHeader(file)): boolean {
  const hash = createHash('sha256');
  for (const chunk of chunksOf(file, read.payloadOffset, read.header.payload.bytes)) hash.update(chunk);
  return hash.digest('hex') === read.header.payload.sha256;
}

/**
 * Write a backup to `target` (a temporary name: it must not exist) from the database copy at
 * `payloadFile`, then fsync it. One pass over the payload: the header is written with a placeholder
 * hash of the same length and patched in place once the payload has been copied.
 */
export async function writeBackupFile(
  target: string,
  fields: Omit<BackupHeader, 'format' | 'payload'>,
  payloadFile: string,
  macKey: Buffer | null,
  tick?: Tick,
): Promise<BackupHeader> {
  const bytes = fs.statSync(payloadFile).size;
  const encode = (sha256: string) => Buffer.from(JSON.stringify({ format: BACKUP_FORMAT, ...fields, payload: { bytes, sha256 } }), 'utf8');
  const placeholder = encode('0'.repeat(64));
  const prefix = Buffer.alloc(PREFIX_BYTES);
  BACKUP_MAGIC.copy(prefix, 0);
  prefix.writeUInt32BE(BACKUP_FORMAT, 16);
  prefix.writeUInt32BE(placeholder.length, 20);

  const fd = fs.openSync(target, 'wx', 0o600);
  try {
    writeAll(fd, prefix, 0);
    writeAll(fd, placeholder, PREFIX_BYTES);
    writeAll(fd, Buffer.alloc(MAC_BYTES), PREFIX_BYTES + placeholder.length);
    const hash = createHash('sha256');
    let position = PREFIX_BYTES + placeholder.length + MAC_BYTES;
    await forEachChunk(
      payloadFile,
      0,
      bytes,
      (chunk) => {
        hash.update(chunk);
        writeAll(fd, chunk, position);
        position += chunk.length;
      },
      tick,
    );
    const sha256 = hash.digest('hex');
    const headerBytes = encode(sha256);
    if (headerBytes.length !== placeholder.length) throw new Error('backup header changed length while patching');
    writeAll(fd, headerBytes, PREFIX_BYTES);
    writeAll(fd, macOf(macKey, headerBytes), PREFIX_BYTES + headerBytes.length);
    fs.fsyncSync(fd);
    return { format: BACKUP_FORMAT, ...fields, payload: { bytes, sha256 } };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Copy the payload out to `target` (must not exist), checking its hash on the way and fsyncing it.
 * A payload that does not match its header is removed again and reported as damaged.
 */
export async function extractPayload(file: string, target: string, tick?: Tick): Promise<BackupHeader> {
  const read = readBackupHeader(file);
  const fd = fs.openSync(target, 'wx', 0o600);
  let ok = false;
  try {
    const hash = createHash('sha256');
    let position = 0;
    await forEachChunk(
      file,
      read.payloadOffset,
      read.header.payload.bytes,
      (chunk) => {
        hash.update(chunk);
        writeAll(fd, chunk, position);
        position += chunk.length;
      },
      tick,
    );
    if (hash.digest('hex') !== read.header.payload.sha256) throw new BackupFileError('damaged', file);
    fs.fsyncSync(fd);
    ok = true;
    return read.header;
  } finally {
    fs.closeSync(fd);
    if (!ok) fs.rmSync(target, { force: true });
  }
}

function writeAll(fd: number, buffer: Buffer, position: number): void {
  let written = 0;
  while (written < buffer.length) written += fs.writeSync(fd, buffer, written, buffer.length - written, position + written);
}

/** The bytes [offset, offset + length) of `file`, a chunk at a time (the buffer is reused: copy to keep). */
function* chunksOf(file: string, offset: number, length: number): Generator<Buffer> {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(length, 1)));
    let done = 0;
    while (done < length) {
      const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, length - done), offset + done);
      if (n === 0) throw new BackupFileError('truncated', file);
      done += n;
      yield buffer.subarray(0, n);
    }
  } finally {
    fs.closeSync(fd);
  }
}

async function forEachChunk(file: string, offset: number, length: number, use: (chunk: Buffer) => void, tick?: Tick): Promise<void> {
  let done = 0;
  for (const chunk of chunksOf(file, offset, length)) {
    use(chunk);
    done += chunk.length;
    if (tick) await tick(done, length);
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
