#!/usr/bin/env node
/**
 * Draws the TMS Console app icon and writes build/icon.png (1024×1024) and build/icon.icns
 * (PNG-based icns: 16…1024 px). Pure JavaScript: a tiny rasterizer with 4×4 supersampling,
 * a PNG encoder over node:zlib and an icns packer. No dependencies.
 *
 * The picture: a dark-blue rounded square, a white database cylinder (Oracle), and two amber
 * bars in front of it (the two cache levels).  Run: node build/make-icon.mjs
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const SIZE = 1024;
const SS = 4; // samples per axis

// ---- shapes: each returns coverage 0/1 for a point, plus a colour ----
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const ellipse = (cx, cy, rx, ry) => (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const union =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

// background: macOS icon grid (824 px body inside 1024, radius ~185)
const bg = roundRect(100, 100, 924, 924, 185);
const bgColour = (_x, y) => mix([28, 78, 140], [14, 30, 58], (y - 100) / 824);

// database cylinder
const cx = 470;
const rx = 230;
const ry = 70;
const top = 260;
const bottom = 700;
const body = union(
  rect(cx - rx, top, cx + rx, bottom),
  ellipse(cx, bottom, rx, ry),
  ellipse(cx, top, rx, ry),
);
const band = (y, w) => minus(ellipse(cx, y, rx + 2, ry), ellipse(cx, y - w, rx + 2, ry));
const bands = union(band(top + 22, 22), band(top + 170, 22), band(top + 318, 22));
const topFace = ellipse(cx, top, rx - 26, ry - 18);

// two cache bars (L1 / L2), amber, in front at the lower right
const bar1 = roundRect(560, 600, 860, 680, 40);
const bar2 = roundRect(560, 712, 860, 792, 40);
const barShadow = union(roundRect(572, 612, 872, 692, 40), roundRect(572, 724, 872, 804, 40));

function shade(x, y) {
  if (!bg(x, y)) return [0, 0, 0, 0];
  let c = bgColour(x, y);
  if (body(x, y)) {
    c = [236, 242, 250];
    if (bands(x, y)) c = [120, 150, 190];
    if (topFace(x, y)) c = [206, 220, 238];
  }
  if (barShadow(x, y) && !bar1(x, y) && !bar2(x, y)) c = mix(c, [0, 0, 0], 0.35);
  if (bar1(x, y)) c = [255, 196, 61];
  if (bar2(x, y)) c = [242, 142, 43];
  return [...c, 255];
}

function render(size) {
  const scale = SIZE / size;
  const px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const [r, g, b, a] = shade((i + (sx + 0.5) / SS) * scale, (j + (sy + 0.5) / SS) * scale);
          // premultiplied accumulation, so edges against transparency stay clean
          acc[0] += r * a;
          acc[1] += g * a;
          acc[2] += b * a;
          acc[3] += a;
        }
      }
      const o = (j * size + i) * 4;
      const alpha = acc[3] / (SS * SS);
      px[o] = acc[3] ? Math.round(acc[0] / acc[3]) : 0;
      px[o + 1] = acc[3] ? Math.round(acc[1] / acc[3]) : 0;
      px[o + 2] = acc[3] ? Math.round(acc[2] / acc[3]) : 0;
      px[o + 3] = Math.round(alpha);
    }
  }
  return px;
}

// ---- PNG ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- ICNS (PNG payloads) ----
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
function encodeIcns(pngBySize) {
  const entries = ICNS_TYPES.map(([type, size]) => {
    const data = pngBySize.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const pngs = new Map();
for (const size of [...new Set(ICNS_TYPES.map(([, s]) => s))].sort((a, b) => b - a)) {
  pngs.set(size, encodePng(size, size, render(size)));
}
writeFileSync(join(here, 'icon.png'), pngs.get(1024));
writeFileSync(join(here, 'icon.icns'), encodeIcns(pngs));
console.log(`wrote build/icon.png (${pngs.get(1024).length} bytes) and build/icon.icns`);
