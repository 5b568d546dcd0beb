// Draws the SENCo Desk icon (an open book on a desk, on a teal rounded square) as icon.svg and a 1024 x 1024
// icon.png, from one list of shapes, with no dependencies. electron-builder makes the Windows .ico and the
// macOS .icns from icon.png (directories.buildResources is this folder). Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 1024;
const here = dirname(fileURLToPath(import.meta.url));

/** Painted in order; coordinates in a 1024-unit square. */
const shapes = [
  { kind: 'roundRect', x: 32, y: 32, w: 960, h: 960, r: 200, fill: '#1f6f78' },
  // The book's pages, tilted up from the spine.
  { kind: 'polygon', points: [[512, 590], [250, 545], [250, 300], [512, 350]], fill: '#ffd166' },
  { kind: 'polygon', points: [[512, 590], [774, 545], [774, 300], [512, 350]], fill: '#ffe7a8' },
  // The desk.
  { kind: 'rect', x: 176, y: 610, w: 672, h: 64, fill: '#ffffff' },
  { kind: 'rect', x: 226, y: 674, w: 60, h: 190, fill: '#ffffff' },
  { kind: 'rect', x: 738, y: 674, w: 60, h: 190, fill: '#ffffff' },
];

function svg() {
  const body = shapes
    .map((s) => {
      switch (s.kind) {
        case 'roundRect':
          return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`;
        case 'rect':
          return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="${s.fill}"/>`;
        case 'polygon':
          return `<polygon points="${s.points.map((p) => p.join(',')).join(' ')}" fill="${s.fill}"/>`;
        default:
          throw new Error(`unknown shape ${s.kind}`);
      }
    })
    .join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}">\n  <title>SENCo Desk</title>\n  ${body}\n</svg>\n`;
}

function inside(s, x, y) {
  switch (s.kind) {
    case 'rect':
      return x >= s.x && x < s.x + s.w && y >= s.y && y < s.y + s.h;
    case 'roundRect': {
      if (x < s.x || x >= s.x + s.w || y < s.y || y >= s.y + s.h) return false;
      const cx = Math.min(Math.max(x, s.x + s.r), s.x + s.w - s.r);
      const cy = Math.min(Math.max(y, s.y + s.r), s.y + s.h - s.r);
      return (x - cx) ** 2 + (y - cy) ** 2 <= s.r ** 2;
    }
    case 'polygon': {
      let hit = false;
      const p = s.points;
      for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
        const [xi, yi] = p[i];
        const [xj, yj] = p[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
      }
      return hit;
    }
    default:
      throw new Error(`unknown shape ${s.kind}`);
  }
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function raster() {
  const SS = 3; // samples per axis, for smooth edges
  const fills = shapes.map((s) => rgb(s.fill));
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    const rowStart = py * (SIZE * 4 + 1);
    rows[rowStart] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = px + (sx + 0.5) / SS;
          const y = py + (sy + 0.5) / SS;
          for (let k = shapes.length - 1; k >= 0; k--) {
            if (inside(shapes[k], x, y)) {
              const [fr, fg, fb] = fills[k];
              r += fr; g += fg; b += fb; a += 255;
              break;
            }
          }
        }
      }
      const n = SS * SS;
      const o = rowStart + 1 + px * 4;
      // Straight (not premultiplied) alpha: average colour over the covered samples only.
      const covered = a / 255;
      rows[o] = covered ? Math.round(r / covered) : 0;
      rows[o + 1] = covered ? Math.round(g / covered) : 0;
      rows[o + 2] = covered ? Math.round(b / covered) : 0;
      rows[o + 3] = Math.round(a / n);
    }
  }
  return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raster(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(join(here, 'icon.svg'), svg());
writeFileSync(join(here, 'icon.png'), png());
process.stdout.write('Wrote build/icon.svg and build/icon.png\n');
