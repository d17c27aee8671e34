import { createHash } from 'node:crypto';
import { lazyS3, presignGet, type LoadedS3, type S3Options } from './s3-client';

/**
 * The exports bucket (issue 17): a subject's copy of their data (JSON and PDF), written by the documents
 * function, read only through presigned links, deleted by the bucket's lifecycle after the retention
 * schedule's `exports` period. Not under Object Lock: a copy handed to a person is not an archive, and
 * it must be possible to delete it early (a copy made by mistake).
 */
export interface ExportFiles {
  /** Stores `bytes` under `key`; answers their SHA-256 (hex) and size. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<{ sha256: string; sizeBytes: number }>;
  presignDownload(input: {
    key: string;
    contentType: string;
    /** ASCII, no personal data: it is in the URL and the access logs. */
    downloadName: string;
    expiresInSeconds: number;
  }): Promise<string>;
}

export class S3ExportFiles implements ExportFiles {
  private readonly sdk: () => Promise<LoadedS3>;

  constructor(private readonly options: S3Options & { readonly bucket: string }) {
    this.sdk = lazyS3(options);
  }

  async put(key: string, bytes: Uint8Array, contentType: string) {
    const { s3, client } = await this.sdk();
    const digest = createHash('sha256').update(bytes).digest();
    await client.send(
      new s3.PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.byteLength,
        // S3 refuses bytes that do not match: what the record says is what is stored.
        ChecksumSHA256: digest.toString('base64'),
      }),
    );
    return { sha256: digest.toString('hex'), sizeBytes: bytes.byteLength };
  }

  presignDownload(input: Parameters<ExportFiles['presignDownload']>[0]): Promise<string> {
    return presignGet(this.sdk, { ...input, bucket: this.options.bucket, disposition: 'attachment' });
  }
}
