/**
 * One entry of a zip file (an .xlsx is one), read as a stream without reading the rest: the
 * central directory at the end says where the entry's bytes are, and only those are inflated.
 * exceljs reads the whole archive front to back; this is for a second, cheap look at one part
 * (the merged-cell ranges that sit at the end of a sheet's XML).
 */
import fs from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record (22 bytes) may be followed by a comment of up to 65,535 bytes. */
const END_SEARCH = 22 + 0xffff;
const STORED = 0;
const DEFLATED = 8;
/** An .xlsx's central directory is a few kilobytes; anything far larger is not a workbook to trust. */
const MAX_DIRECTORY = 64 << 20;
/**
 * Bytes per step. Large steps matter: each one is a trip to zlib's worker thread and back, and at
 * zlib's default 16 KB those trips cost more than the inflating (a 100,000-row sheet is ~33 MB).
 */
const CHUNK = 1 << 18;

interface EntryPlace {
  method: number;
  compressedSize: number;
  localOffset: number;
}

/**
 * The entry whose name `matches`, as a stream of its uncompressed bytes; null when the file's
 * directory cannot be read or holds no such entry (stored or deflated entries only: what every
 * spreadsheet program writes).
 */
export function openZipEntry(file: string, matches: (name: string) => boolean): Readable | null {
  const fd = fs.openSync(file, 'r');
  let place: EntryPlace | null;
  let start = 0;
  try {
    place = findEntry(fd, fs.fstatSync(fd).size, matches);
    if (place) {
      const local = readAt(fd, place.localOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_HEADER) place = null;
      // The local header's extra field may differ from the directory's copy: use its own lengths.
      else start = place.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (!place || (place.method !== STORED && place.method !== DEFLATED)) return null;
  if (place.compressedSize === 0) return Readable.from([]);
  const raw = fs.createReadStream(file, { start, end: start + place.compressedSize - 1, highWaterMark: CHUNK });
  if (place.method === STORED) return raw;
  // pipeline: a read error reaches the reader of the inflated bytes, and a reader that stops early
  // (or an inflate error) closes the file.
  return pipeline(raw, zlib.createInflateRaw({ chunkSize: CHUNK }), () => undefined);
}

function findEntry(fd: number, size: number, matches: (name: string) => boolean): EntryPlace | null {
  const tailStart = Math.max(0, size - END_SEARCH);
  const tail = readAt(fd, tailStart, size - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  let directorySize = tail.readUInt32LE(end + 12);
  let directoryOffset = tail.readUInt32LE(end + 16);
  if (directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    // Zip64: some writers use it whatever the size; the locator sits just before the end record.
    const locatorAt = tailStart + end - 20;
    const locator = locatorAt >= 0 ? readAt(fd, locatorAt, 20) : Buffer.alloc(0);
    if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) return null;
    const record = readAt(fd, Number(locator.readBigUInt64LE(8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END) return null;
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  if (directorySize > MAX_DIRECTORY || directoryOffset + directorySize > size) return null;
  const directory = readAt(fd, directoryOffset, directorySize);
  for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === DIRECTORY_ENTRY; ) {
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    if (matches(name)) {
      let compressedSize = directory.readUInt32LE(at + 20);
      const uncompressedSize = directory.readUInt32LE(at + 24);
      let localOffset = directory.readUInt32LE(at + 42);
      if (compressedSize === 0xffffffff || localOffset === 0xffffffff) {
        const wide = zip64Fields(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), uncompressedSize === 0xffffffff, compressedSize === 0xffffffff, localOffset === 0xffffffff);
        if (!wide) return null;
        compressedSize = wide.compressedSize ?? compressedSize;
        localOffset = wide.localOffset ?? localOffset;
      }
      return { method: directory.readUInt16LE(at + 10), compressedSize, localOffset };
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

/** The zip64 extra field holds, in this order, only the values whose 32-bit slots are full. */
function zip64Fields(extra: Buffer, hasUncompressed: boolean, hasCompressed: boolean, hasOffset: boolean): { compressedSize?: number; localOffset?: number } | null {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + length) throw new RangeError('zip64 extra field too short');
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      try {
        if (hasUncompressed) next();
        const compressedSize = hasCompressed ? next() : undefined;
        const localOffset = hasOffset ? next() : undefined;
        return { compressedSize, localOffset };
      } catch {
        return null;
      }
    }
    at += 4 + length;
  }
  return null;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}
