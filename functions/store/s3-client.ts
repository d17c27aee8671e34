import type { S3Client } from '@aws-sdk/client-s3';
import { instrumented } from './aws-clients';

export interface S3Options {
  readonly region: string;
  /** Local mode: s3rver's URL (path-style addressing, its fixed credentials). */
  readonly endpoint?: string;
}

export interface LoadedS3 {
  readonly s3: typeof import('@aws-sdk/client-s3');
  readonly client: S3Client;
}

/**
 * The S3 SDK and a client, loaded on first use: most API requests never touch a bucket, and a cold
 * start that evaluates the S3 client for them is slower for nothing (issue 12).
 *
 * Checksums only `WHEN_REQUIRED`: otherwise the SDK signs a CRC32 of the empty presigning body into a
 * presigned URL and real S3 refuses the upload (s3rver would hide that, as it checks no signatures).
 * Traced through aws-clients.ts where the deployment traces.
 */
export function lazyS3(options: S3Options): () => Promise<LoadedS3> {
  let loaded: Promise<LoadedS3> | undefined;
  return () =>
    (loaded ??= import('@aws-sdk/client-s3').then((s3) => ({
      s3,
      client: instrumented(
        new s3.S3Client({
          region: options.region,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          ...(options.endpoint
            ? {
                endpoint: options.endpoint,
                forcePathStyle: true,
                credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
              }
            : {}),
        }),
      ),
    })));
}

/** A presigned GET of one object (of one version when given), offered under `downloadName`. */
export async function presignGet(
  sdk: () => Promise<LoadedS3>,
  input: {
    bucket: string;
    key: string;
    versionId?: string;
    contentType: string;
    /** Keep personal data out of it: it ends up in the URL and access logs. */
    downloadName: string;
    disposition: 'inline' | 'attachment';
    expiresInSeconds: number;
  },
): Promise<string> {
  const [{ s3, client }, { getSignedUrl }] = await Promise.all([
    sdk(),
    import('@aws-sdk/s3-request-presigner'),
  ]);
  return getSignedUrl(
    client,
    new s3.GetObjectCommand({
      Bucket: input.bucket,
      Key: input.key,
      ...(input.versionId ? { VersionId: input.versionId } : {}),
      ResponseContentType: input.contentType,
      ResponseContentDisposition: `${input.disposition}; filename="${input.downloadName.replace(/[^\w.-]/g, '_')}"`,
    }),
    { expiresIn: input.expiresInSeconds },
  );
}
