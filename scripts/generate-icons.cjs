#!/usr/bin/env node
/**
 * Draw the app icon (a white house with a red door on a red rounded square — 社区, the community
 * office) and write resources/icon.png (512 px, Linux) and resources/icon.ico (16–256 px, Windows),
 * and renderer/public/favicon.ico (16–48 px) for the browser preview's tab, which Vite copies into
 * out/renderer beside index.html.
 * A placeholder until a designer's icon exists; generated so no image tool is needed here.
 *
 *   node scripts/generate-icons.cjs
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const RED = [183, 28, 28];
const WHITE = [255, 255, 255];
const GOLD = [255, 193, 7];

/** Colour at (x, y) in a 1×1 unit square, or null for transparent. */
function shade(x, y) {
  const r = 0.18; // corner radius of the background
  const m = 0.03; // margin
  const inside = (() => {
    if (x < m || x > 1 - m || y < m || y > 1 - m) return false;
    const cx = Math.min(Math.max(x, m + r), 1 - m - r);
    const cy = Math.min(Math.max(y, m + r), 1 - m - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  })();
  if (!inside) return null;
  // A gold sun over the house.
  if ((x - 0.5) ** 2 + (y - 0.2) ** 2 <= 0.045 ** 2) return GOLD;
  // Door.
  if (x >= 0.44 && x <= 0.56 && y >= 0.6 && y <= 0.8) return RED;
  // Roof: triangle apex (0.5, 0.27), base y = 0.5 from x = 0.18 to 0.82.
  if (y >= 0.27 && y <= 0.5 && Math.abs(x - 0.5) <= ((y - 0.27) / 0.23) * 0.32) return WHITE;
  // Walls.
  if (x >= 0.26 && x <= 0.74 && y >= 0.5 && y <= 0.8) return WHITE;
  // Ground line.
  if (x >= 0.2 && x <= 0.8 && y >= 0.83 && y <= 0.86) return WHITE;
  return RED;
}

function render(size) {
  const ss = 4; // supersampling per axis, for smooth edges
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const rgba = render(size);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico holding PNG images (understood by Windows Vista and later, and by electron-builder). */
function ico(sizes) {
  const images = sizes.map((size) => ({ size, data: png(size) }));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const out = path.resolve(__dirname, '..', 'resources');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'icon.png'), png(512));
fs.writeFileSync(path.join(out, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]));
const pub = path.resolve(__dirname, '..', 'renderer', 'public');
fs.mkdirSync(pub, { recursive: true });
fs.writeFileSync(path.join(pub, 'favicon.ico'), ico([16, 32, 48]));
process.stdout.write(`wrote ${path.join(out, 'icon.png')}, icon.ico and ${path.join(pub, 'favicon.ico')}\n`);
