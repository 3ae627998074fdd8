import { crc32, inflateSync } from 'node:zlib';
import type { RgbaImage } from '../../scripts/png';

// Reads 8-bit RGBA PNGs independently of scripts/png.ts, so the tests check the files the
// way an image viewer would: all five row filters, CRCs checked.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

interface Chunk {
  type: string;
  data: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  const found: Chunk[] = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) {
      throw new Error(`PNG chunk ${type} has a bad CRC`);
    }
    found.push({ type, data });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return found;
}

export function readPngHeader(png: Buffer): PngHeader {
  const first = chunks(png)[0];
  if (first?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  return {
    width: first.data.readUInt32BE(0),
    height: first.data.readUInt32BE(4),
    bitDepth: first.data[8]!,
    colorType: first.data[9]!,
    interlace: first.data[12]!,
  };
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const pa = Math.abs(p - left);
  const pb = Math.abs(p - up);
  const pc = Math.abs(p - upLeft);
  return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
}

export function decodeRgbaPng(png: Buffer): RgbaImage {
  const header = readPngHeader(png);
  if (header.bitDepth !== 8 || header.colorType !== 6 || header.interlace !== 0) {
    throw new Error(`only 8-bit non-interlaced RGBA is supported, got ${JSON.stringify(header)}`);
  }
  const { width, height } = header;
  const raw = inflateSync(
    Buffer.concat(
      chunks(png)
        .filter((c) => c.type === 'IDAT')
        .map((c) => c.data),
    ),
  );
  const bpp = 4;
  const stride = width * bpp;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= bpp ? pixels[y * stride + x - bpp]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp]! : 0;
      const predicted =
        filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : filter === 4 ? paeth(left, up, upLeft) : NaN;
      if (Number.isNaN(predicted)) throw new Error(`unknown PNG row filter ${filter}`);
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, pixels };
}
