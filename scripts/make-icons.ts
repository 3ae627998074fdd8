import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng, type RgbaImage } from './png';
import { ROOT } from '../src/app/paths';

// Draws the two Teams icons: a white speech bubble with a "K" cut out of it.
// Teams wants color.png 192×192 in full colour and outline.png 32×32 white on transparent.
// Run after changing the design: `npx tsc -p . && node dist/scripts/make-icons.js`.

export const ICON_BLUE = { r: 0x0b, g: 0x4f, b: 0x6c };

type Shape = (x: number, y: number) => boolean;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
  const side = (px: number, py: number, qx: number, qy: number, x: number, y: number) => (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
  };
}

function thickSegment(ax: number, ay: number, bx: number, by: number, halfWidth: number): Shape {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= halfWidth * halfWidth;
  };
}

// The symbol in a unit box, y pointing down.
const bubble: Shape = (() => {
  const body = roundedRect(0, 0, 1, 0.76, 0.22);
  const tail = triangle(0.2, 0.7, 0.46, 0.7, 0.12, 0.98);
  return (x, y) => body(x, y) || tail(x, y);
})();

const letterK: Shape = (() => {
  const top = 0.15;
  const bottom = 0.61;
  const stem = roundedRect(0.28, top, 0.42, bottom, 0);
  const upperArm = thickSegment(0.4, 0.42, 0.72, top, 0.07);
  const lowerArm = thickSegment(0.47, 0.36, 0.74, bottom, 0.07);
  return (x, y) => stem(x, y) || (y >= top && y <= bottom && x >= 0.35 && (upperArm(x, y) || lowerArm(x, y)));
})();

const symbol: Shape = (x, y) => bubble(x, y) && !letterK(x, y);

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Renders with SAMPLES² samples per pixel so edges are anti-aliased. */
function render(size: number, paint: (x: number, y: number) => Rgba | undefined): RgbaImage {
  const SAMPLES = 8;
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = paint(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          r += colour.r * colour.a;
          g += colour.g * colour.a;
          b += colour.b * colour.a;
          a += colour.a;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
      }
      pixels[i + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return { width: size, height: size, pixels };
}

function symbolIn(left: number, top: number, size: number): Shape {
  return (x, y) => symbol((x - left) / size, (y - top) / size);
}

export function renderColorIcon(): RgbaImage {
  const SIZE = 192;
  const background = roundedRect(0, 0, SIZE, SIZE, 36);
  // Teams asks for the symbol to stay inside the central safe area, about 96–120 px.
  const mark = symbolIn(44, 46, 104);
  const white = { r: 255, g: 255, b: 255, a: 1 };
  const blue = { ...ICON_BLUE, a: 1 };
  return render(SIZE, (x, y) => (mark(x, y) ? white : background(x, y) ? blue : undefined));
}

export function renderOutlineIcon(): RgbaImage {
  const SIZE = 32;
  const mark = symbolIn(2, 2, 28);
  const white = { r: 255, g: 255, b: 255, a: 1 };
  return render(SIZE, (x, y) => (mark(x, y) ? white : undefined));
}

if (require.main === module) {
  const dir = join(ROOT, 'manifest');
  writeFileSync(join(dir, 'color.png'), encodePng(renderColorIcon()));
  writeFileSync(join(dir, 'outline.png'), encodePng(renderOutlineIcon()));
  console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}
