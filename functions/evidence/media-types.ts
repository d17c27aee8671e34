/**
 * Which evidence is an image, and which images the thumbnail codecs read. Dependency-free, so that
 * code deciding whether to keep bytes for a thumbnail does not load (or bundle) the codecs themselves.
 */

/** The media types the codecs decode (HEIC is not among them: see thumbnails.ts). */
export const DECODABLE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type DecodableType = (typeof DECODABLE_TYPES)[number];

export const isDecodable = (type: string | undefined | null): type is DecodableType =>
  (DECODABLE_TYPES as readonly string[]).includes(type ?? '');

/** Whether evidence of this (sniffed) media type is an image the gallery shows, thumbnail or not. */
export const isImageType = (type: string | null | undefined): boolean => (type ?? '').startsWith('image/');
