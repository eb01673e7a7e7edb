/**
 * Which encoding a CSV file is in. The rule is deliberately plain: a byte-order mark says so;
 * otherwise a file that is valid UTF-8 from start to end is UTF-8, and anything else is GB18030
 * (GBK's superset, what Excel on Chinese Windows writes). Chinese text in GBK is practically never
 * valid UTF-8 by accident, so the rule does not guess, and it explains itself in one sentence —
 * unlike statistical detectors, which guess from samples and confuse GBK with Big5 or Shift-JIS.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf8' | 'utf8-bom' | 'gb18030';

export interface FileFacts {
  size: number;
  sha256: string;
  /** First bytes, for recognizing the format. */
  head: Buffer;
  encoding: TextEncoding;
  /** Holds a NUL byte: not text in either encoding (a binary file renamed .csv). */
  binary: boolean;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** One streaming pass over the file: size, hash, the first bytes, and the encoding by the rule above. */
export async function examineFile(file: string): Promise<FileFacts> {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let utf8 = true;
  let binary = false;
  let size = 0;
  let head = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    if (head.length < 8) head = Buffer.concat([head, buf.subarray(0, 8 - head.length)]);
    size += buf.length;
    if (!binary && buf.includes(0)) binary = true;
    if (utf8) {
      try {
        decoder.decode(buf, { stream: true });
      } catch {
        utf8 = false;
      }
    }
  }
  if (utf8) {
    try {
      decoder.decode(); // a multi-byte sequence cut off by the end of the file
    } catch {
      utf8 = false;
    }
  }
  const bom = head.subarray(0, 3).equals(UTF8_BOM);
  const encoding: TextEncoding = bom ? 'utf8-bom' : utf8 ? 'utf8' : 'gb18030';
  return { size, sha256: hash.digest('hex'), head, encoding, binary };
}

/** A streaming decoder for `encoding`: bytes in, text out, multi-byte characters kept whole across chunks. */
export function textDecoder(encoding: TextEncoding): { write(buf: Buffer): string; end(): string } {
  if (encoding === 'gb18030') {
    const d = iconv.getDecoder('gb18030');
    return { write: (buf) => d.write(buf), end: () => d.end() ?? '' };
  }
  // TextDecoder drops a leading BOM by default (ignoreBOM: false), which is what we want.
  const d = new TextDecoder('utf-8');
  return { write: (buf) => d.decode(buf, { stream: true }), end: () => d.decode() };
}
