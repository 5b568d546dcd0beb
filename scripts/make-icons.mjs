// Draws the SENCo Desk icon (an open book on a desk, on a teal rounded square) from one list of shapes, with no
// dependencies, into resources/build/ (electron-builder.yml's directories.buildResources):
//   icon.svg  the drawing itself (the source: edit `shapes` below, then run this script again);
//   icon.png  512 x 512, for macOS (electron-builder makes the .icns from it) and Linux;
//   icon.ico  16, 24, 32, 48, 64, 128 and 256 pixels (PNG-compressed entries, Windows Vista onwards), for the
//             Windows executable, the installers and the shortcuts.
// Every size is rasterised from the shapes (3 x 3 samples a pixel, more at the small sizes), not scaled down
// from a large bitmap, so the 16-pixel icon stays crisp. Run: node scripts/make-icons.mjs [folder]
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 1024; // the drawing's coordinate space
// The output folder: resources/build, or the first argument (the test writes to a temporary folder and compares).
const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'build');
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const PNG_SIZE = 512;

/** Painted in order; coordinates in a 1024-unit square. */
const shapes = [
  { kind: 'roundRect', x: 32, y: 32, w: 960, h: 960, r: 200, fill: '#1f6f78' },
  // The book's pages, tilted up from the spine.
  {
    kind: 'polygon',
    points: [
      [512, 590],
      [250, 545],
      [250, 300],
      [512, 350],
    ],
    fill: '#ffd166',
  },
  {
    kind: 'polygon',
    points: [
      [512, 590],
      [774, 545],
      [774, 300],
      [512, 350],
    ],
    fill: '#ffe7a8',
  },
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

function raster(px_) {
  const SS = px_ <= 64 ? 8 : px_ <= 256 ? 4 : 3; // samples per axis, for smooth edges
  const scale = SIZE / px_;
  const fills = shapes.map((s) => rgb(s.fill));
  const rows = Buffer.alloc(px_ * (px_ * 4 + 1));
  for (let py = 0; py < px_; py++) {
    const rowStart = py * (px_ * 4 + 1);
    rows[rowStart] = 0; // filter: none
    for (let px = 0; px < px_; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) * scale;
          const y = (py + (sy + 0.5) / SS) * scale;
          for (let k = shapes.length - 1; k >= 0; k--) {
            if (inside(shapes[k], x, y)) {
              const [fr, fg, fb] = fills[k];
              r += fr;
              g += fg;
              b += fb;
              a += 255;
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
function png(size) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raster(size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico file: the ICONDIR header, one 16-byte entry per size, then each image as a PNG. */
function ico(sizes) {
  const images = sizes.map((size) => png(size));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(sizes.length, 4);
  const entries = Buffer.alloc(16 * sizes.length);
  let offset = header.length + entries.length;
  sizes.forEach((size, i) => {
    const e = i * 16;
    entries[e] = size >= 256 ? 0 : size; // 0 means 256
    entries[e + 1] = size >= 256 ? 0 : size;
    entries[e + 2] = 0; // no palette
    entries[e + 3] = 0; // reserved
    entries.writeUInt16LE(1, e + 4); // colour planes
    entries.writeUInt16LE(32, e + 6); // bits per pixel
    entries.writeUInt32LE(images[i].length, e + 8);
    entries.writeUInt32LE(offset, e + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, entries, ...images]);
}

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'icon.svg'), svg());
writeFileSync(join(out, 'icon.png'), png(PNG_SIZE));
writeFileSync(join(out, 'icon.ico'), ico(ICO_SIZES));
process.stdout.write(`Wrote icon.svg, icon.png (512) and icon.ico (16 to 256) in ${out}\n`);
