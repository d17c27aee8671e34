/**
 * Thumbnails of image evidence, for the gallery: a JPEG at most 320 px on its long side (typically
 * 10–30 kB), made by the verifier from the bytes it has just verified. A thumbnail is a convenience,
 * never part of the evidence: whatever happens here, the verdict stands.
 *
 * Made without native code (WebAssembly codecs, see codecs.ts): JPEG, PNG and WebP. HEIC is out of
 * scope (its decoders, libheif with libde265, are LGPL, over a megabyte of wasm, and HEVC is under patent
 * licensing): its evidence is recorded `thumbnail: 'unavailable'`, as is an image the codec cannot read.
 */
import { decode, encodeJpeg, UndecodableImage } from './codecs';
import { declaredSize, downscale, fitWithin, MAX_SOURCE_PIXELS, type Size } from './image-pixels';
import { isDecodable } from './media-types';

export const THUMBNAIL_CONTENT_TYPE = 'image/jpeg';
/** MozJPEG quality: 320 px photos land around 10–30 kB, and still read well on a phone. */
export const THUMBNAIL_QUALITY = 72;

/** Why an image gets no thumbnail, for good: retrying would not help. */
export type UnavailableReason = 'unsupported_type' | 'too_many_pixels' | 'undecodable';

/** This image cannot have a thumbnail (its type, its size, or bytes the codec cannot read). */
export class ThumbnailUnavailable extends Error {
  constructor(readonly reason: UnavailableReason) {
    super(`No thumbnail: ${reason}`);
    this.name = 'ThumbnailUnavailable';
  }
}

export interface Thumbnail extends Size {
  readonly bytes: Uint8Array;
}

/**
 * The thumbnail of an image. Refuses from the header alone what it will not decode (another type, no
 * readable size, more than 64 MP); then decodes (upright, as EXIF orientation says), shrinks by area
 * averaging and encodes a JPEG.
 *
 * @throws ThumbnailUnavailable when this image cannot have one; any other error (a codec that failed
 *   to load, memory) is worth a later retry.
 */
export async function makeThumbnail(bytes: Uint8Array, type: string | null | undefined): Promise<Thumbnail> {
  if (!isDecodable(type)) throw new ThumbnailUnavailable('unsupported_type');
  const declared = declaredSize(bytes);
  if (!declared) throw new ThumbnailUnavailable('undecodable');
  if (declared.width * declared.height > MAX_SOURCE_PIXELS) throw new ThumbnailUnavailable('too_many_pixels');
  let pixels;
  try {
    pixels = await decode(bytes, type);
  } catch (error) {
    if (error instanceof UndecodableImage) throw new ThumbnailUnavailable('undecodable');
    throw error;
  }
  if (!(pixels.width > 0 && pixels.height > 0) || pixels.data.length < pixels.width * pixels.height * 4) {
    throw new ThumbnailUnavailable('undecodable');
  }
  const target = fitWithin(pixels);
  const small = downscale(pixels, target);
  return { bytes: await encodeJpeg(small, THUMBNAIL_QUALITY), ...target };
}
