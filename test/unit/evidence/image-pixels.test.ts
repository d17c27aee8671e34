import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coverage,
  declaredSize,
  downscale,
  fitWithin,
  THUMBNAIL_MAX_EDGE,
  type Pixels,
} from '../../../functions/evidence/image-pixels';
import { jpegWithExif, photoJpeg, photoPng, photoWebp, png } from '../../support/evidence-files';

/** One colour everywhere. */
const plain = (width: number, height: number, rgba: [number, number, number, number]): Pixels => {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
  return { width, height, data };
};
const pixel = (p: Pixels, x: number, y: number) =>
  Array.from(p.data.slice((y * p.width + x) * 4, (y * p.width + x + 1) * 4));

describe('thumbnail size', () => {
  it('puts the long side at 320 px and keeps the aspect ratio, landscape or portrait', () => {
    expect(fitWithin({ width: 4000, height: 3000 })).toEqual({ width: 320, height: 240 });
    expect(fitWithin({ width: 3000, height: 4000 })).toEqual({ width: 240, height: 320 });
    expect(fitWithin({ width: 4032, height: 4032 })).toEqual({ width: 320, height: 320 });
    expect(fitWithin({ width: 1920, height: 1080 })).toEqual({ width: 320, height: 180 });
  });

  it('never enlarges, and keeps at least one pixel on the short side', () => {
    expect(fitWithin({ width: 320, height: 100 })).toEqual({ width: 320, height: 100 });
    expect(fitWithin({ width: 12, height: 9 })).toEqual({ width: 12, height: 9 });
    expect(fitWithin({ width: 20_000, height: 10 })).toEqual({ width: 320, height: 1 });
  });

  it('refuses a size that is not positive', () => {
    expect(() => fitWithin({ width: 0, height: 10 })).toThrow(RangeError);
    expect(() => fitWithin({ width: Number.NaN, height: 10 })).toThrow(RangeError);
  });

  it('always fits within the edge and stays within one pixel of the exact ratio (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30_000 }),
        fc.integer({ min: 1, max: 30_000 }),
        (width, height) => {
          const fit = fitWithin({ width, height });
          expect(Math.max(fit.width, fit.height)).toBe(Math.min(THUMBNAIL_MAX_EDGE, Math.max(width, height)));
          expect(fit.width).toBeGreaterThanOrEqual(1);
          expect(fit.height).toBeGreaterThanOrEqual(1);
          if (width >= height)
            expect(Math.abs(fit.height - (height * fit.width) / width)).toBeLessThanOrEqual(1);
          else expect(Math.abs(fit.width - (width * fit.height) / height)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('the size a file declares', () => {
  it('reads JPEG, PNG and WebP headers', async () => {
    expect(declaredSize(await photoJpeg(640, 480))).toEqual({ width: 640, height: 480 });
    expect(declaredSize(await photoJpeg(64, 48, { orientation: 6, padding: 'x' }))).toEqual({
      width: 64,
      height: 48,
    });
    expect(declaredSize(photoPng(33, 17))).toEqual({ width: 33, height: 17 });
    expect(declaredSize(png())).toEqual({ width: 1, height: 1 });
    expect(declaredSize(await photoWebp(50, 30))).toEqual({ width: 50, height: 30 });
  });

  it('reads a huge declared canvas from the header alone (what the pixel limit is checked on)', () => {
    const bomb = photoPng(2, 2);
    bomb.writeUInt32BE(60_000, 16);
    bomb.writeUInt32BE(60_000, 20);
    expect(declaredSize(bomb)).toEqual({ width: 60_000, height: 60_000 });
  });

  it('finds no size in a JPEG without a frame, in truncated headers, or in other files', async () => {
    expect(declaredSize(jpegWithExif({}))).toBeUndefined();
    expect(declaredSize((await photoJpeg(64, 48)).subarray(0, 40))).toBeUndefined();
    expect(declaredSize(photoPng(4, 4).subarray(0, 20))).toBeUndefined();
    expect(declaredSize(Buffer.from('%PDF-1.4\n'))).toBeUndefined();
    expect(declaredSize(new Uint8Array())).toBeUndefined();
  });
});

describe('downscaling', () => {
  it('keeps a plain colour exactly', () => {
    const small = downscale(plain(97, 61, [10, 120, 250, 255]), { width: 13, height: 7 });
    expect(small).toMatchObject({ width: 13, height: 7 });
    for (const [x, y] of [
      [0, 0],
      [12, 6],
      [6, 3],
    ] as const) {
      expect(pixel(small, x, y)).toEqual([10, 120, 250, 255]);
    }
  });

  it('averages the area each output pixel covers', () => {
    // Black and white columns, alternating: any 2:1 reduction is mid grey.
    const stripes = plain(8, 4, [0, 0, 0, 255]);
    for (let y = 0; y < 4; y++)
      for (let x = 1; x < 8; x += 2) stripes.data.set([255, 255, 255, 255], (y * 8 + x) * 4);
    const half = downscale(stripes, { width: 4, height: 2 });
    expect(pixel(half, 0, 0)).toEqual([128, 128, 128, 255]);
    expect(pixel(half, 3, 1)).toEqual([128, 128, 128, 255]);
    // A 3:2 reduction covers one and a half source pixels: 1 black + ½ white, or ½ black + 1 white.
    const twoThirds = downscale(
      { width: 3, height: 1, data: new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255]) },
      { width: 2, height: 1 },
    );
    expect(pixel(twoThirds, 0, 0)).toEqual([85, 85, 85, 255]);
    expect(pixel(twoThirds, 1, 0)).toEqual([85, 85, 85, 255]);
  });

  it('lays transparent pixels on white and returns opaque pixels', () => {
    const clear = downscale(plain(4, 4, [0, 0, 0, 0]), { width: 2, height: 2 });
    expect(pixel(clear, 1, 1)).toEqual([255, 255, 255, 255]);
    const halfRed = downscale(plain(4, 4, [255, 0, 0, 128]), { width: 1, height: 1 });
    expect(pixel(halfRed, 0, 0)).toEqual([255, 127, 127, 255]);
  });

  it('refuses to enlarge or to read past the data', () => {
    expect(() => downscale(plain(4, 4, [0, 0, 0, 255]), { width: 5, height: 4 })).toThrow(RangeError);
    expect(() =>
      downscale({ width: 4, height: 4, data: new Uint8Array(8) }, { width: 2, height: 2 }),
    ).toThrow(RangeError);
  });

  it('gives every output cell source weights that add up to 1 and cover the source once (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5000 })
          .chain((from) => fc.tuple(fc.constant(from), fc.integer({ min: 1, max: from }))),
        ([from, to]) => {
          const { first, offset, weight } = coverage(from, to);
          let worst = 0;
          let total = 0;
          let inside = true;
          for (let i = 0; i < to; i++) {
            let sum = 0;
            for (let k = offset[i]!; k < offset[i + 1]!; k++) sum += weight[k]!;
            worst = Math.max(worst, Math.abs(sum - 1));
            inside &&= first[i]! >= 0 && first[i]! + offset[i + 1]! - offset[i]! <= from;
            total += sum;
          }
          expect(worst).toBeLessThan(1e-4);
          expect(inside).toBe(true);
          expect(total).toBeCloseTo(to, 2);
        },
      ),
      { numRuns: 200 },
    );
  });
});
