import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { thumbnailKey } from '../evidence/thumbnail-key';
import { lazyS3, presignGet, type LoadedS3, type S3Options } from './s3-client';

/** Which evidence an object belongs to: ids only, never a name. */
export interface EvidenceAddress {
  readonly officeId: string;
  readonly caseId: string;
  readonly id: string;
}

/** The signed PUT a browser or partner system sends the bytes with. */
export interface UploadTarget {
  readonly url: string;
  readonly method: 'PUT';
  /**
   * Headers the PUT must carry exactly as given: all of them are signed. Browsers set `content-length`
   * themselves from the body (it must equal the declared size); other clients send it as listed.
   */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The evidence bucket as the functions see it: presigned uploads and downloads, existence, streaming,
 * and the verifier's thumbnails.
 * An interface so that route and verifier tests could swap it; the one implementation is S3's.
 */
export interface EvidenceObjects {
  presignUpload(input: {
    key: string;
    contentType: string;
    sizeBytes: number;
    /** Base64 SHA-256, as S3's `x-amz-checksum-sha256` carries it. */
    sha256Base64: string;
    /** From now on the system clock (what S3 checks the URL against). */
    expiresInSeconds: number;
  }): Promise<UploadTarget>;
  presignDownload(input: {
    key: string;
    versionId?: string;
    contentType: string;
    /** Offered to the browser; keep personal data out of it (it ends up in the URL and access logs). */
    downloadName: string;
    expiresInSeconds: number;
  }): Promise<string>;
  /**
   * Stores the thumbnail of one piece of evidence (the verifier's only write, under `thumbnails/`) and
   * returns its key. It carries its SHA-256, as S3 requires a checksum on every PUT to a bucket with
   * Object Lock.
   */
  putThumbnail(input: { of: EvidenceAddress; bytes: Uint8Array; contentType: string }): Promise<string>;
  /** Whether an object exists under the key (any version). */
  exists(key: string): Promise<boolean>;
  /** The object's bytes as a stream, of the given version when the bucket is versioned. */
  open(key: string, versionId?: string): Promise<AsyncIterable<Uint8Array> & { destroy?: () => void }>;
}

export interface S3EvidenceObjectsOptions extends S3Options {
  readonly bucket: string;
}

/**
 * Evidence objects in S3 (the client: s3-client.ts). The upload URL signs `content-type`, `content-length` and `x-amz-checksum-sha256` as headers (the
 * checksum is kept out of the query string), so S3 itself refuses a PUT of other bytes, another length
 * or another type. The verifier checks all of it again from the stored bytes: that, not the signature,
 * is what marks evidence verified.
 */
const presigner = () => import('@aws-sdk/s3-request-presigner');

export class S3EvidenceObjects implements EvidenceObjects {
  private readonly sdk: () => Promise<LoadedS3>;

  constructor(private readonly options: S3EvidenceObjectsOptions) {
    this.sdk = lazyS3(options);
  }

  async presignUpload(input: Parameters<EvidenceObjects['presignUpload']>[0]): Promise<UploadTarget> {
    const [{ s3, client }, { getSignedUrl }] = await Promise.all([this.sdk(), presigner()]);
    const url = await getSignedUrl(
      client,
      new s3.PutObjectCommand({
        Bucket: this.options.bucket,
        Key: input.key,
        ContentType: input.contentType,
        ContentLength: input.sizeBytes,
        ChecksumSHA256: input.sha256Base64,
      }),
      {
        expiresIn: input.expiresInSeconds,
        signableHeaders: new Set(['content-type', 'content-length']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      },
    );
    return {
      url,
      method: 'PUT',
      headers: {
        'content-type': input.contentType,
        'content-length': String(input.sizeBytes),
        'x-amz-checksum-sha256': input.sha256Base64,
      },
    };
  }

  presignDownload(input: Parameters<EvidenceObjects['presignDownload']>[0]): Promise<string> {
    return presignGet(this.sdk, { ...input, bucket: this.options.bucket, disposition: 'inline' });
  }

  async putThumbnail(input: Parameters<EvidenceObjects['putThumbnail']>[0]): Promise<string> {
    const key = thumbnailKey(input.of.officeId, input.of.caseId, input.of.id);
    const { s3, client } = await this.sdk();
    await client.send(
      new s3.PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: input.bytes,
        ContentType: input.contentType,
        ContentLength: input.bytes.byteLength,
        ChecksumSHA256: createHash('sha256').update(input.bytes).digest('base64'),
      }),
    );
    return key;
  }

  /**
   * A one-key listing rather than HeadObject: without `s3:ListBucket`, S3 answers a HEAD of a missing
   * key with 403, not 404. The functions get ListBucket for the `evidence/` prefix only.
   */
  async exists(key: string): Promise<boolean> {
    const { s3, client } = await this.sdk();
    const listed = await client.send(
      new s3.ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: key, MaxKeys: 1 }),
    );
    return (listed.Contents ?? []).some((object) => object.Key === key);
  }

  async open(key: string, versionId?: string) {
    const { s3, client } = await this.sdk();
    const object = await client.send(
      new s3.GetObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        ...(versionId ? { VersionId: versionId } : {}),
      }),
    );
    if (!object.Body) throw new Error(`evidence object ${key} has no body`);
    return object.Body as Readable;
  }
}
