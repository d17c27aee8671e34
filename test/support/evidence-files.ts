import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import encodeWebpWasm, { init as initWebpEncoder } from '@jsquash/webp/encode.js';
import { encodeJpeg } from '../../functions/evidence/codecs';
import type { Pixels } from '../../functions/evidence/image-pixels';

/**
 * Files of the kinds evidence tests need. Most are built byte by byte: a JPEG with an EXIF block
 * (capture time, zone offset, GPS) but no picture, a 1×1 PNG, a PDF, an HEIC header and a Windows
 * executable. Real pictures (for thumbnails) are drawn here and encoded with the codecs the verifier
 * uses (JPEG), zlib (PNG) and libwebp (WebP, the encoder only tests need).
 */

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const le16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const entry = (tag: number, type: number, count: number, value: Buffer) =>
  Buffer.concat([le16(tag), le16(type), le32(count), value]);

/** Degrees as three EXIF RATIONALs: degrees, minutes, seconds (milliseconds precision). */
function dms(value: number): Buffer {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 1000);
  return Buffer.concat([le32(d), le32(1), le32(m), le32(1), le32(s), le32(1000)]);
}

/**
 * A JPEG (SOI, APP1 Exif, EOI) whose EXIF says when (`2026:03:02 09:15:00`, optional `+08:00`) and,
 * optionally, where it was taken. `padding` bytes of comment make otherwise equal files differ.
 */
export function jpegWithExif(options: {
  dateTimeOriginal?: string;
  offset?: string;
  gps?: { lat: number; lng: number };
  padding?: string;
}): Buffer {
  const dt = Buffer.from(`${options.dateTimeOriginal ?? '2026:03:02 09:15:00'}\0`, 'ascii');
  const off = options.offset ? Buffer.from(`${options.offset}\0`, 'ascii') : Buffer.alloc(0);
  const gps = options.gps;
  const ifd0Count = gps ? 2 : 1;
  const exifOffset = 8 + 2 + ifd0Count * 12 + 4;
  const exifCount = options.offset ? 2 : 1;
  const dtOffset = exifOffset + 2 + exifCount * 12 + 4;
  const offOffset = dtOffset + dt.length;
  const gpsOffset = offOffset + off.length;
  const latOffset = gpsOffset + 2 + 4 * 12 + 4;
  const ref = (c: string) => Buffer.concat([Buffer.from(`${c}\0`, 'ascii'), Buffer.alloc(2)]);
  const tiff = Buffer.concat([
    Buffer.from('II*\0', 'binary'),
    le32(8),
    le16(ifd0Count),
    entry(0x8769, 4, 1, le32(exifOffset)),
    ...(gps ? [entry(0x8825, 4, 1, le32(gpsOffset))] : []),
    le32(0),
    le16(exifCount),
    entry(0x9003, 2, dt.length, le32(dtOffset)),
    ...(options.offset ? [entry(0x9011, 2, off.length, le32(offOffset))] : []),
    le32(0),
    dt,
    off,
    ...(gps
      ? [
          le16(4),
          entry(1, 2, 2, ref(gps.lat < 0 ? 'S' : 'N')),
          entry(2, 5, 3, le32(latOffset)),
          entry(3, 2, 2, ref(gps.lng < 0 ? 'W' : 'E')),
          entry(4, 5, 3, le32(latOffset + 24)),
          le32(0),
          dms(gps.lat),
          dms(gps.lng),
        ]
      : []),
  ]);
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const comment = Buffer.from(options.padding ?? 'abdi', 'utf8');
  const segment = (marker: number, body: Buffer) => {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(body.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), length, body]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe1, app1),
    segment(0xfe, comment),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A valid 1×1 transparent PNG. */
export const png = () =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );

/** A minimal PDF (an attendance sheet scan stands in for it). */
export const pdf = (text = 'Daftar hadir') =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** The start of a Windows executable (MZ header, PE signature), padded. */
export const windowsExecutable = () => {
  const bytes = Buffer.alloc(256);
  bytes.write('MZ', 0, 'binary');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'binary');
  return bytes;
};

/** An HEIC file's start (an `ftyp` box of brand `heic`): what file-type sniffs as image/heic. */
export const heicHeader = () =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypheic', 'ascii'),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('mif1heic', 'ascii'),
    Buffer.alloc(64),
  ]);

/**
 * A test picture: the left half red, the right half blue, the top row green, so that a thumbnail shows
 * which way up it was decoded. `alpha` makes the blue half transparent (a PNG's).
 */
export function testPicture(width: number, height: number, options: { alpha?: boolean } = {}): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const left = x < width / 2;
      const top = y < Math.max(1, Math.round(height / 10));
      data[i] = top ? 0 : left ? 220 : 20;
      data[i + 1] = top ? 200 : 30;
      data[i + 2] = top ? 0 : left ? 20 : 220;
      data[i + 3] = options.alpha && !left && !top ? 0 : 255;
    }
  }
  return { width, height, data };
}

/**
 * A real JPEG photo of `width`×`height` pixels; `orientation` adds an EXIF block whose Orientation tag
 * says how to turn it (6: 90° clockwise), `padding` a comment that makes otherwise equal files differ.
 */
export async function photoJpeg(
  width: number,
  height: number,
  options: { orientation?: number; padding?: string } = {},
): Promise<Buffer> {
  const jpeg = Buffer.from(await encodeJpeg(testPicture(width, height), 85));
  const segment = (marker: number, body: Buffer) => {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(body.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), length, body]);
  };
  const extra: Buffer[] = [];
  if (options.orientation) {
    const tiff = Buffer.concat([
      Buffer.from('II*\0', 'binary'),
      le32(8),
      le16(1),
      entry(0x0112, 3, 1, Buffer.concat([le16(options.orientation), le16(0)])),
      le32(0),
    ]);
    extra.push(segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff])));
  }
  if (options.padding) extra.push(segment(0xfe, Buffer.from(options.padding, 'utf8')));
  // After SOI, before the encoder's own segments.
  return Buffer.concat([jpeg.subarray(0, 2), ...extra, jpeg.subarray(2)]);
}

/** A real RGBA PNG (8 bits, no interlace), compressed with zlib. */
export function photoPng(width: number, height: number, options: { alpha?: boolean } = {}): Buffer {
  const picture = testPicture(width, height, options);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(picture.data.buffer, y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let webpEncoder: Promise<void> | undefined;

/** A real lossy WebP photo, encoded with libwebp (jSquash's encoder, loaded from node_modules). */
export async function photoWebp(width: number, height: number): Promise<Buffer> {
  webpEncoder ??= (async () => {
    const require = createRequire(import.meta.url);
    const simd = new WebAssembly.Module(
      readFileSync(require.resolve('@jsquash/webp/codec/enc/webp_enc_simd.wasm')),
    );
    await (initWebpEncoder as unknown as (module: WebAssembly.Module) => Promise<void>)(simd);
  })();
  await webpEncoder;
  const picture = testPicture(width, height);
  const image = { data: picture.data, width, height, colorSpace: 'srgb' } as ImageData;
  return Buffer.from(await encodeWebpWasm(image, { quality: 80 }));
}
