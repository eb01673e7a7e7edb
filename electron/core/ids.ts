import { randomFillSync } from 'node:crypto';

/*
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits, with a monotonic counter inside the
 * same millisecond so ids made in a burst still sort in creation order. Written here rather than
 * taken from `uuid` because uuid@12+ is ESM-only and this is the whole algorithm.
 */
let lastMs = 0;
let counter = 0;

// Random bytes drawn 4 KiB at a time: one system call per 256 ids instead of one each.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
function random(n: number): Buffer {
  if (poolOffset + n > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + n));
  poolOffset += n;
  return out;
}

export function uuidv7(nowMs: number = Date.now()): string {
  if (nowMs <= lastMs) {
    counter = (counter + 1) & 0xfff;
    if (counter === 0) lastMs += 1; // 4096 ids in one ms: borrow the next millisecond
    nowMs = lastMs;
  } else {
    lastMs = nowMs;
    counter = random(2).readUInt16BE(0) & 0x7ff; // random start, room to count up
  }
  const bytes = random(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
