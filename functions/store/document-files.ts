import { lazyS3, presignGet, type LoadedS3, type S3Options } from './s3-client';

/** What S3 holds of one stored document file. */
export interface StoredFile {
  readonly sha256: string;
  readonly versionId?: string;
  readonly sizeBytes: number;
}

/**
 * The documents bucket (ADR 0015): versioned, under Object Lock, each document's file at a key of its
 * own that is never written twice. Files are stored by the documents function and read back only
 * through presigned URLs of the stored version, so a download is the stored bytes, not a re-render.
 */
export interface DocumentFiles {
  /**
   * Stores the bytes under `key` unless something is there already (`If-None-Match: *`): then the
   * stored object's hash and version are returned, so a retried issue completes with what is stored.
   */
  put(key: string, bytes: Uint8Array, sha256Base64: string): Promise<StoredFile>;
  presignDownload(input: {
    key: string;
    versionId?: string;
    downloadName: string;
    disposition: 'inline' | 'attachment';
    expiresInSeconds: number;
  }): Promise<string>;
}

export class S3DocumentFiles implements DocumentFiles {
  private readonly sdk: () => Promise<LoadedS3>;

  constructor(private readonly options: S3Options & { readonly bucket: string }) {
    this.sdk = lazyS3(options);
  }

  async put(key: string, bytes: Uint8Array, sha256Base64: string): Promise<StoredFile> {
    const { s3, client } = await this.sdk();
    try {
      const stored = await client.send(
        new s3.PutObjectCommand({
          Bucket: this.options.bucket,
          Key: key,
          Body: bytes,
          ContentType: 'application/pdf',
          ContentLength: bytes.byteLength,
          // Required on every PUT to a bucket with Object Lock; S3 also refuses bytes that do not match.
          ChecksumSHA256: sha256Base64,
          IfNoneMatch: '*',
        }),
      );
      return { sha256: hex(sha256Base64), versionId: stored.VersionId, sizeBytes: bytes.byteLength };
    } catch (error) {
      if ((error as { name?: string }).name !== 'PreconditionFailed') throw error;
      const head = await client.send(
        new s3.HeadObjectCommand({ Bucket: this.options.bucket, Key: key, ChecksumMode: 'ENABLED' }),
      );
      if (!head.ChecksumSHA256) {
        throw new Error(`stored document ${key} has no SHA-256 checksum`, { cause: error });
      }
      return {
        sha256: hex(head.ChecksumSHA256),
        versionId: head.VersionId,
        sizeBytes: Number(head.ContentLength ?? 0),
      };
    }
  }

  presignDownload(input: Parameters<DocumentFiles['presignDownload']>[0]): Promise<string> {
    return presignGet(this.sdk, {
      ...input,
      bucket: this.options.bucket,
      contentType: 'application/pdf',
    });
  }
}

const hex = (base64: string) => Buffer.from(base64, 'base64').toString('hex');
