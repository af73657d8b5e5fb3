/**
 * Draws the Teams app icons: color.png (192×192, white check mark on a filled rounded square) and outline.png
 * (32×32, the same mark in white on transparent, as Teams requires). Run: node manifests/teams/make-icons.ts
 * Pure node: shapes are rasterised with 4×4 supersampling and written as RGBA PNGs (zlib for the pixels,
 * CRC-32 by hand), so the icons can be regenerated without any image tool.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32.ts';

type Rgba = readonly [number, number, number, number];
/** A shape: coverage of the point (x, y) in pixel units, 1 inside, 0 outside. */
type Shape = (x: number, y: number) => boolean;

const ACCENT: Rgba = [15, 118, 110, 255]; // #0F766E, the manifest's accentColor
const WHITE: Rgba = [255, 255, 255, 255];

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

/** A thick polyline (round joins), e.g. a check mark. */
function stroke(points: readonly (readonly [number, number])[], width: number): Shape {
  const half = width / 2;
  return (x, y) => {
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i]!;
      const [bx, by] = points[i + 1]!;
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      if ((x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= half * half) return true;
    }
    return false;
  };
}

const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

/** Paints layers in order (later on top); each pixel's colour is blended by its supersampled coverage. */
function render(size: number, layers: readonly { shape: Shape; color: Rgba }[]): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const { shape, color } of layers) {
        let hits = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            if (shape(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples)) hits++;
          }
        }
        const cover = (hits / (samples * samples)) * (color[3] / 255);
        if (cover === 0) continue;
        // "Over" compositing in straight (non-premultiplied) alpha.
        const outA = cover + a * (1 - cover);
        r = (color[0] * cover + r * a * (1 - cover)) / outA;
        g = (color[1] * cover + g * a * (1 - cover)) / outA;
        b = (color[2] * cover + b * a * (1 - cover)) / outA;
        a = outA;
      }
      pixels.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], (py * size + px) * 4);
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeBytes = Buffer.from(type, 'ascii');
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeBytes.copy(out, 4);
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(typeBytes, data), 8 + data.length);
  return out;
}

/** An 8-bit RGBA PNG; every row uses filter 0 (none). */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    Buffer.from(rgba.subarray(y * size * 4, (y + 1) * size * 4)).copy(raw, y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** A check mark scaled to a box of `size`, offset by (ox, oy). */
const check = (size: number, ox: number, oy: number, width: number) =>
  stroke(
    [
      [ox + size * 0.22, oy + size * 0.52],
      [ox + size * 0.42, oy + size * 0.72],
      [ox + size * 0.78, oy + size * 0.3],
    ],
    width,
  );

export function colorIcon(): Buffer {
  const size = 192;
  // Teams crops colour icons to a rounded square; the mark stays inside the central safe area.
  return encodePng(
    size,
    render(size, [
      { shape: roundedRect(0, 0, size, size, 36), color: ACCENT },
      { shape: check(96, 48, 48, 14), color: WHITE },
    ]),
  );
}

export function outlineIcon(): Buffer {
  const size = 32;
  const frame = minus(roundedRect(2, 2, 30, 30, 6), roundedRect(4.5, 4.5, 27.5, 27.5, 4));
  return encodePng(
    size,
    render(size, [
      { shape: frame, color: WHITE },
      { shape: check(24, 4, 4, 3), color: WHITE },
    ]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL('.', import.meta.url);
  writeFileSync(new URL('color.png', dir), colorIcon());
  writeFileSync(new URL('outline.png', dir), outlineIcon());
  console.log('wrote manifests/teams/color.png (192×192) and manifests/teams/outline.png (32×32)');
}
