/**
 * Reading stored evidence: one pass that hashes and counts the bytes and keeps what the checks need,
 * and a plain bounded read (for a thumbnail made later). Never more than one byte past the declared
 * size: more proves an object too large, and reading on would only cost time and memory.
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { EvidenceObjects } from '../store/evidence-objects';

/** Bytes kept from the start of an object: enough for every magic number file-type knows. */
const SNIFF_BYTES = 4100;
/** Bytes kept for EXIF: JPEG's APP1 is within the first 64 KB; HEIC's Exif item is usually early too. */
const EXIF_BYTES = 1024 * 1024;

/** What one pass over the bytes measured. */
export interface Measured {
  readonly sizeBytes: number;
  /** Lower-case hex. */
  readonly sha256: string;
  /** Sniffed from the magic numbers; undefined when unrecognised. */
  readonly detectedType: string | undefined;
  /** The first bytes: for the type, and for an image its EXIF. */
  readonly head: Buffer;
  /** All the bytes, when asked to keep them (for a thumbnail). */
  readonly body?: Buffer;
}

/** Which object, as declared at upload. */
export interface DeclaredObject {
  readonly objectKey: string;
  readonly sizeBytes: number;
  readonly contentType: string;
}

/** Streams an object to `each`, chunk by chunk, cut at `limit` bytes; the stream is always closed. */
async function readBounded(
  objects: EvidenceObjects,
  object: { key: string; versionId?: string },
  limit: number,
  each: (bytes: Buffer) => void,
): Promise<number> {
  const stream = await objects.open(object.key, object.versionId);
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const take = bytes.subarray(0, Math.max(0, limit - size));
      each(take);
      size += take.length;
      if (size >= limit) break;
    }
  } finally {
    stream.destroy?.();
  }
  return size;
}

/**
 * One pass over the object: SHA-256 and byte count of everything up to one byte past the declared
 * size, the first bytes kept (1 MB of an image, for EXIF; else enough to sniff), and with `keepBody`
 * all of them (at most the deployment's upload limit).
 */
export async function measureObject(
  objects: EvidenceObjects,
  declared: DeclaredObject,
  options: { versionId?: string; keepBody: boolean },
): Promise<Measured> {
  const hash = createHash('sha256');
  const bodyChunks: Buffer[] = [];
  const headChunks: Buffer[] = [];
  const keep = declared.contentType.startsWith('image/') ? EXIF_BYTES : SNIFF_BYTES;
  let headLength = 0;
  const sizeBytes = await readBounded(
    objects,
    { key: declared.objectKey, versionId: options.versionId },
    declared.sizeBytes + 1,
    (bytes) => {
      hash.update(bytes);
      if (options.keepBody) bodyChunks.push(bytes);
      if (headLength < keep) {
        const part = bytes.subarray(0, keep - headLength);
        headChunks.push(Buffer.from(part));
        headLength += part.length;
      }
    },
  );
  const head = Buffer.concat(headChunks);
  return {
    sizeBytes,
    sha256: hash.digest('hex'),
    detectedType: (await fileTypeFromBuffer(head))?.mime,
    head,
    ...(options.keepBody ? { body: Buffer.concat(bodyChunks) } : {}),
  };
}

/** The whole stored version of an object, bounded by its declared size. */
export async function readObject(
  objects: EvidenceObjects,
  declared: DeclaredObject & { readonly objectVersionId?: string },
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await readBounded(
    objects,
    { key: declared.objectKey, versionId: declared.objectVersionId },
    declared.sizeBytes,
    (bytes) => chunks.push(bytes),
  );
  return Buffer.concat(chunks);
}
