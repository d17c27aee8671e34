/**
 * The pure half of thumbnails: how large an image says it is, how large its thumbnail gets, and the
 * downscale itself. No codecs and no I/O here, so every rule is unit-tested on plain arrays.
 */

/** The longest side of a thumbnail, in pixels: a gallery tile on a phone at 2× density. */
export const THUMBNAIL_MAX_EDGE = 320;

/**
 * The most pixels a thumbnail is decoded from. 64 MP covers 50-megapixel phone modes; it bounds the
 * decoder's memory (4 bytes a pixel: 256 MB) so that a small file declaring a huge canvas (a
 * decompression bomb) is refused from its header, before anything is decoded.
 */
export const MAX_SOURCE_PIXELS = 64_000_000;

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Decoded pixels: RGBA, 8 bits a channel, rows top to bottom (what every codec here returns). */
export interface Pixels extends Size {
  readonly data: Uint8Array | Uint8ClampedArray;
}

/**
 * The size of a thumbnail of a `width`×`height` image: the long side `maxEdge`, the aspect ratio kept
 * (each side at least 1 px). An image that already fits keeps its size: nothing is ever enlarged.
 */
export function fitWithin(size: Size, maxEdge = THUMBNAIL_MAX_EDGE): Size {
  const { width, height } = size;
  if (!(width > 0 && height > 0)) throw new RangeError('An image has a positive width and height.');
  const longest = Math.max(width, height);
  if (longest <= maxEdge) return { width, height };
  const scale = maxEdge / longest;
  return {
    width: width >= height ? maxEdge : Math.max(1, Math.round(width * scale)),
    height: height >= width ? maxEdge : Math.max(1, Math.round(height * scale)),
  };
}

/**
 * The pixel size a JPEG, PNG or WebP file declares in its header (JPEG's first SOF frame, PNG's IHDR,
 * WebP's VP8 / VP8L / VP8X chunk), or undefined when the bytes declare none. Cheap: reads only headers.
 * A JPEG's EXIF orientation may swap the displayed sides; the pixel count is the same.
 */
export function declaredSize(bytes: Uint8Array): Size | undefined {
  if (isPng(bytes)) {
    if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return undefined;
    return positive(be32(bytes, 16), be32(bytes, 20));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return webpSize(bytes);
  return undefined;
}

/** JPEG: walk the marker segments up to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegSize(bytes: Uint8Array): Size | undefined {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // no length field
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image, or scan data before a frame
    const length = be16(bytes, at + 2);
    if (length < 2) return undefined;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (at + 9 > bytes.length) return undefined;
      return positive(be16(bytes, at + 7), be16(bytes, at + 5));
    }
    at += 2 + length;
  }
  return undefined;
}

function webpSize(bytes: Uint8Array): Size | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    // Lossy: a key frame's start code, then 14-bit width and height (2 bits of scale above them).
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return positive(le16(bytes, 26) & 0x3fff, le16(bytes, 28) & 0x3fff);
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    if (bytes[20] !== 0x2f) return undefined;
    const b1 = bytes[22]!;
    const b2 = bytes[23]!;
    const b3 = bytes[24]!;
    return positive(1 + (bytes[21]! | ((b1 & 0x3f) << 8)), 1 + ((b1 >> 6) | (b2 << 2) | ((b3 & 0x0f) << 10)));
  }
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return positive(1 + le24(bytes, 24), 1 + le24(bytes, 27));
  }
  return undefined;
}

/**
 * Shrinks RGBA pixels to `target` by area averaging: every output pixel is the mean of the source area
 * it covers (fractional at the edges), which is what a large reduction needs (no aliasing, no ringing).
 * Transparent pixels are laid on white, as a JPEG thumbnail has no alpha. Returns opaque RGBA.
 *
 * Two separable passes; the intermediate holds `target.width` × source height pixels (15 MB for a
 * 4000×3000 photo), and each source byte is read once.
 */
export function downscale(source: Pixels, target: Size): Pixels {
  const { width: sw, height: sh, data } = source;
  const { width: tw, height: th } = target;
  if (data.length < sw * sh * 4) throw new RangeError('The pixel data is shorter than its size says.');
  if (!(tw > 0 && th > 0 && tw <= sw && th <= sh)) throw new RangeError('Downscale only, to a size > 0.');
  const columns = coverage(sw, tw);
  const rows = coverage(sh, th);

  // Pass 1, along each row: premultiplied colour and alpha per target column.
  const across = new Float32Array(tw * sh * 4);
  for (let y = 0; y < sh; y++) {
    const rowIn = y * sw * 4;
    const rowOut = y * tw * 4;
    for (let x = 0; x < tw; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      const first = columns.first[x]!;
      const start = columns.offset[x]!;
      const count = columns.offset[x + 1]! - start;
      for (let k = 0; k < count; k++) {
        const w = columns.weight[start + k]!;
        const p = rowIn + (first + k) * 4;
        const alpha = data[p + 3]! * w;
        r += data[p]! * alpha;
        g += data[p + 1]! * alpha;
        b += data[p + 2]! * alpha;
        a += alpha;
      }
      const o = rowOut + x * 4;
      across[o] = r / 255;
      across[o + 1] = g / 255;
      across[o + 2] = b / 255;
      across[o + 3] = a;
    }
  }

  // Pass 2, down each column; then onto white: c·α + 255·(1 − α), with c·α already premultiplied.
  const out = new Uint8ClampedArray(tw * th * 4);
  const sums = new Float32Array(tw * 4);
  for (let y = 0; y < th; y++) {
    sums.fill(0);
    const first = rows.first[y]!;
    const start = rows.offset[y]!;
    const count = rows.offset[y + 1]! - start;
    for (let k = 0; k < count; k++) {
      const w = rows.weight[start + k]!;
      const row = (first + k) * tw * 4;
      for (let i = 0; i < tw * 4; i++) sums[i]! += across[row + i]! * w;
    }
    const rowOut = y * tw * 4;
    for (let x = 0; x < tw; x++) {
      const i = x * 4;
      const white = 255 - sums[i + 3]!;
      out[rowOut + i] = sums[i]! + white;
      out[rowOut + i + 1] = sums[i + 1]! + white;
      out[rowOut + i + 2] = sums[i + 2]! + white;
      out[rowOut + i + 3] = 255;
    }
  }
  return { width: tw, height: th, data: out };
}

/**
 * For each of `to` output cells, the source cells it covers and by how much, normalised so the weights
 * of one output cell add up to 1. Flat arrays: cell `i` uses weights `offset[i]`…`offset[i+1]-1`,
 * starting at source cell `first[i]`.
 */
export function coverage(from: number, to: number) {
  const step = from / to;
  const first = new Int32Array(to);
  const offset = new Int32Array(to + 1);
  const weights: number[] = [];
  for (let i = 0; i < to; i++) {
    const start = i * step;
    const end = Math.min(from, (i + 1) * step);
    const lo = Math.floor(start);
    const hi = Math.min(from, Math.ceil(end - 1e-9));
    first[i] = lo;
    offset[i] = weights.length;
    for (let s = lo; s < hi; s++) weights.push((Math.min(end, s + 1) - Math.max(start, s)) / step);
  }
  offset[to] = weights.length;
  return { first, offset, weight: Float32Array.from(weights) };
}

const isPng = (b: Uint8Array) =>
  b.length >= 8 &&
  b[0] === 0x89 &&
  b[1] === 0x50 &&
  b[2] === 0x4e &&
  b[3] === 0x47 &&
  b[4] === 0x0d &&
  b[5] === 0x0a &&
  b[6] === 0x1a &&
  b[7] === 0x0a;
const ascii = (b: Uint8Array, at: number, length: number) =>
  at + length <= b.length ? String.fromCharCode(...b.subarray(at, at + length)) : '';
const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const be32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | be16(b, at + 2)) >>> 0;
const le16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const le24 = (b: Uint8Array, at: number) => le16(b, at) | (b[at + 2]! << 16);
const positive = (width: number, height: number): Size | undefined =>
  width > 0 && height > 0 ? { width, height } : undefined;
