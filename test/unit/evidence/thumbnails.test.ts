import { describe, expect, it } from 'vitest';
import { decode } from '../../../functions/evidence/codecs';
import { MAX_SOURCE_PIXELS } from '../../../functions/evidence/image-pixels';
import { thumbnailKey, isThumbnailKey } from '../../../functions/evidence/thumbnail-key';
import { makeThumbnail, ThumbnailUnavailable } from '../../../functions/evidence/thumbnails';
import { heicHeader, jpegWithExif, pdf, photoJpeg, photoPng, photoWebp } from '../../support/evidence-files';

/** The RGB of one pixel of a decoded thumbnail, as the nearest of the test picture's colours. */
async function colourAt(jpeg: Uint8Array, x: number, y: number) {
  const pixels = await decode(jpeg, 'image/jpeg');
  const i = (y * pixels.width + x) * 4;
  const [r, g, b] = Array.from(pixels.data.slice(i, i + 3));
  const named = { red: [220, 30, 20], blue: [20, 30, 220], green: [0, 200, 0], white: [255, 255, 255] };
  const distance = (c: number[]) => Math.hypot(r! - c[0]!, g! - c[1]!, b! - c[2]!);
  const [name, colour] = Object.entries(named).sort(([, a], [, b]) => distance(a) - distance(b))[0]!;
  return distance(colour) < 25 ? name : `rgb(${r}, ${g}, ${b})`;
}

/** The reason a thumbnail is unavailable, or 'made'. */
async function outcome(bytes: Uint8Array, type: string) {
  try {
    await makeThumbnail(bytes, type);
    return 'made';
  } catch (error) {
    if (error instanceof ThumbnailUnavailable) return error.reason;
    throw error;
  }
}

describe('thumbnails', () => {
  it('makes a small JPEG, at most 320 px on its long side, from a photo', async () => {
    // Prepare
    const photo = await photoJpeg(1600, 1200);
    // Act
    const thumbnail = await makeThumbnail(photo, 'image/jpeg');
    // Assess
    expect(thumbnail).toMatchObject({ width: 320, height: 240 });
    expect([...thumbnail.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(thumbnail.bytes.byteLength).toBeLessThan(40 * 1024);
    const decoded = await decode(thumbnail.bytes, 'image/jpeg');
    expect(decoded).toMatchObject({ width: 320, height: 240 });
    // Left half red, right half blue, top green: the picture survived the trip.
    expect(await colourAt(thumbnail.bytes, 40, 150)).toBe('red');
    expect(await colourAt(thumbnail.bytes, 280, 150)).toBe('blue');
  });

  it('turns a photo upright as its EXIF orientation says (6: 90° clockwise)', async () => {
    const photo = await photoJpeg(800, 600, { orientation: 6 });
    const thumbnail = await makeThumbnail(photo, 'image/jpeg');
    expect(thumbnail).toMatchObject({ width: 240, height: 320 });
    // Turned clockwise: the red left half is now on top, the green top row on the right.
    expect(await colourAt(thumbnail.bytes, 120, 60)).toBe('red');
    expect(await colourAt(thumbnail.bytes, 120, 260)).toBe('blue');
    expect(await colourAt(thumbnail.bytes, 236, 160)).toBe('green');
  });

  it('reads PNG (transparency on white) and WebP, and never enlarges a small image', async () => {
    const fromPng = await makeThumbnail(photoPng(640, 400, { alpha: true }), 'image/png');
    expect(fromPng).toMatchObject({ width: 320, height: 200 });
    expect(await colourAt(fromPng.bytes, 280, 150)).toBe('white');
    expect(await makeThumbnail(await photoWebp(1000, 500), 'image/webp')).toMatchObject({
      width: 320,
      height: 160,
    });
    expect(await makeThumbnail(await photoJpeg(200, 100), 'image/jpeg')).toMatchObject({
      width: 200,
      height: 100,
    });
  });

  it('is unavailable, for good, for HEIC and PDF, for bytes with no picture, and above 64 MP', async () => {
    const bomb = photoPng(2, 2);
    bomb.writeUInt32BE(10_000, 16);
    bomb.writeUInt32BE(Math.ceil(MAX_SOURCE_PIXELS / 10_000) + 1, 20);
    expect(await outcome(heicHeader(), 'image/heic')).toBe('unsupported_type');
    expect(await outcome(pdf(), 'application/pdf')).toBe('unsupported_type');
    expect(await outcome(jpegWithExif({}), 'image/jpeg')).toBe('undecodable');
    expect(await outcome(photoPng(8, 8), 'image/jpeg')).toBe('undecodable');
    expect(await outcome(bomb, 'image/png')).toBe('too_many_pixels');
  });

  it('a codec that failed on corrupt bytes still decodes the next photo', async () => {
    const broken = await photoJpeg(64, 48);
    broken.fill(0xff, 20, 200); // the quantisation and Huffman tables: gone
    expect(await outcome(broken, 'image/jpeg')).toBe('undecodable');
    expect(await makeThumbnail(await photoJpeg(640, 480), 'image/jpeg')).toMatchObject({ width: 320 });
  });

  it('is stored under thumbnails/, never under evidence/ (which would start a verification)', () => {
    const key = thumbnailKey('palopo', '01JCASE0000000000000000000', '01JEVIDENCE000000000000000');
    expect(key).toBe('thumbnails/palopo/01JCASE0000000000000000000/01JEVIDENCE000000000000000.jpg');
    expect(isThumbnailKey(key)).toBe(true);
    expect(isThumbnailKey('evidence/palopo/x')).toBe(false);
  });
});
