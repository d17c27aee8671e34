import { createHash } from 'node:crypto';

/**
 * Small files of the kinds evidence tests need, built byte by byte so no image library is involved:
 * a JPEG with an EXIF block (capture time, zone offset, GPS), a PNG, a PDF and a Windows executable.
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
