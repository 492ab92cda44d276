// Draws icon.png (128x128, RGBA) for the VS Code extension: a rounded dark-blue tile with
// a white "recovery" arrow circling a database cylinder. No image library: the shapes are
// rasterised with 4x4 supersampling and written as a PNG with node:zlib.
//   node scripts/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;
const out = process.argv[2] ?? 'icon.png';

const BG = [11, 61, 92];
const BG2 = [20, 110, 150];
const WHITE = [255, 255, 255];
const GREEN = [80, 200, 120];

function roundedRect(x, y, r) {
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

// Returns the colour at (x, y) in icon coordinates, or null for transparent.
function shade(x, y) {
  if (!roundedRect(x, y, 22)) return null;
  const t = y / SIZE;
  let colour = BG.map((c, i) => Math.round(c + (BG2[i] - c) * t));
  const cx = 64;
  const cy = 64;
  const dx = x - cx;
  const dy = y - cy;
  const r = Math.hypot(dx, dy);
  const angle = (Math.atan2(dy, dx) * 180) / Math.PI; // -180..180, 0 = east, 90 = south
  // The ring: a circular arrow with a gap at the upper right.
  const inGap = angle > -80 && angle < -20;
  if (r >= 42 && r <= 50 && !inGap) colour = WHITE;
  // The arrow head at the start of the gap (pointing clockwise, into the gap).
  {
    const a = (-80 * Math.PI) / 180;
    const tipAngle = (-58 * Math.PI) / 180;
    const base1 = [cx + 35 * Math.cos(a), cy + 35 * Math.sin(a)];
    const base2 = [cx + 57 * Math.cos(a), cy + 57 * Math.sin(a)];
    const tip = [cx + 46 * Math.cos(tipAngle), cy + 46 * Math.sin(tipAngle)];
    if (inTriangle([x, y], base1, base2, tip)) colour = WHITE;
  }
  // The database cylinder.
  const left = 46;
  const right = 82;
  const top = 44;
  const bottom = 84;
  const rx = (right - left) / 2;
  const ry = 6;
  const ccx = (left + right) / 2;
  const ellipse = (ey) => ((x - ccx) / rx) ** 2 + ((y - ey) / ry) ** 2;
  const body = x >= left && x <= right && y >= top && y <= bottom;
  if (body || ellipse(bottom) <= 1 || ellipse(top) <= 1) colour = WHITE;
  // Bands on the cylinder.
  for (const band of [top + 13, top + 26]) {
    if (x >= left && x <= right && Math.abs(y - band - ry * Math.sqrt(Math.max(0, 1 - ((x - ccx) / rx) ** 2))) < 1.6) colour = BG;
  }
  if (ellipse(top) <= 1 && ellipse(top) >= 0.55) colour = WHITE;
  if (ellipse(top) < 0.55) colour = [200, 225, 240];
  // A green check mark at the lower right: the objectives are met.
  const check = distanceToPolyline([x, y], [[86, 92], [94, 100], [108, 82]]);
  if (Math.hypot(x - 97, y - 92) <= 16) colour = WHITE;
  if (Math.hypot(x - 97, y - 92) <= 14) colour = GREEN;
  if (check <= 2.6) colour = WHITE;
  return colour;
}

function inTriangle(p, a, b, c) {
  const s = (p1, p2, p3) => (p1[0] - p3[0]) * (p2[1] - p3[1]) - (p2[0] - p3[0]) * (p1[1] - p3[1]);
  const d1 = s(p, a, b);
  const d2 = s(p, b, c);
  const d3 = s(p, c, a);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

function distanceToPolyline(p, points) {
  let best = Infinity;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const [vx, vy] = [b[0] - a[0], b[1] - a[1]];
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * vx + (p[1] - a[1]) * vy) / (vx * vx + vy * vy)));
    best = Math.min(best, Math.hypot(p[0] - a[0] - t * vx, p[1] - a[1] - t * vy));
  }
  return best;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = shade(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (c) {
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
    }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round((255 * a) / (SS * SS));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(out, png);
console.log(`wrote ${out} (${SIZE}x${SIZE}, ${png.length} bytes)`);
