import { createHash } from 'node:crypto';
import { lazyS3, presignGet, type LoadedS3, type S3Options } from './s3-client';

/**
 * Which import a file belongs to: ids only. The same shape as actions/imports/import-ports.ts
 * `ImportFileAddress`; the store keeps its own name for it, as data flows from the edge inwards.
 */
export interface ImportFileAddress {
  readonly officeId: string;
  readonly importId: string;
}

/** Every import object's key starts with this; the bucket's event rule and the grants match it. */
export const IMPORT_KEY_PREFIX = 'imports/';

/** The office id slug and the ULID record id, as the API's schemas accept them (api/schemas/common.ts). */
const OFFICE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const IMPORT_ID = /^[0-9A-Z]{26}$/;

/** `imports/<officeId>/<importId>/upload`: the uploaded spreadsheet, exactly as the office sent it. */
export function uploadKey(address: ImportFileAddress): string {
  return `${prefixOf(address)}upload`;
}

/** `imports/<officeId>/<importId>/report.xlsx`: the file with its result column. */
export function reportKey(address: ImportFileAddress): string {
  return `${prefixOf(address)}report.xlsx`;
}

/**
 * The import an uploaded file belongs to, from its object key (an S3 event names nothing else), or
 * undefined for any other key: a report, a key of another shape, ids that could not have been made here.
 * Strict on purpose: the ids go on into DynamoDB keys, and an event is only as trustworthy as the key.
 */
export function importAddressOfKey(key: string): ImportFileAddress | undefined {
  const parts = key.split('/');
  if (parts.length !== 4 || `${parts[0]}/` !== IMPORT_KEY_PREFIX || parts[3] !== 'upload') return undefined;
  const [, officeId = '', importId = ''] = parts;
  return OFFICE_ID.test(officeId) && IMPORT_ID.test(importId) ? { officeId, importId } : undefined;
}

/** Refuses to build a key from ids that `importAddressOfKey` would not read back. */
function prefixOf(address: ImportFileAddress): string {
  if (!OFFICE_ID.test(address.officeId) || !IMPORT_ID.test(address.importId)) {
    throw new Error('import file address with malformed ids');
  }
  return `${IMPORT_KEY_PREFIX}${address.officeId}/${address.importId}/`;
}

/** The workbook type the report is stored and downloaded as. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The imports bucket in S3: the `ImportFiles` port of actions/imports/import-ports.ts (checked where
 * platform/dependencies.ts hands it to the use cases). The client is s3-client.ts's, with checksums
 * `WHEN_REQUIRED`, so that no empty-body CRC32 is signed into the presigned URL (real S3 would refuse
 * the upload, and s3rver would not notice).
 *
 * The upload URL signs `content-type` and `content-length`, and carries the SHA-256 checksum as a header
 * (kept out of the query string), as evidence uploads do: S3 refuses a PUT of other bytes, another length
 * or another type. The job checks the bytes again (size, hash, format) before it reads a row: the URL's
 * signature, which s3rver does not verify, is never the only check.
 */
export class S3ImportFiles {
  private readonly sdk: () => Promise<LoadedS3>;

  constructor(private readonly options: S3Options & { readonly bucket: string }) {
    this.sdk = lazyS3(options);
  }

  async presignUpload(
    address: ImportFileAddress,
    file: { readonly contentType: string; readonly sizeBytes: number; readonly sha256Base64: string },
    expiresInSeconds: number,
  ): Promise<{ url: string; method: 'PUT'; headers: Record<string, string> }> {
    const [{ s3, client }, { getSignedUrl }] = await Promise.all([
      this.sdk(),
      import('@aws-sdk/s3-request-presigner'),
    ]);
    const url = await getSignedUrl(
      client,
      new s3.PutObjectCommand({
        Bucket: this.options.bucket,
        Key: uploadKey(address),
        ContentType: file.contentType,
        ContentLength: file.sizeBytes,
        ChecksumSHA256: file.sha256Base64,
      }),
      {
        expiresIn: expiresInSeconds,
        signableHeaders: new Set(['content-type', 'content-length']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      },
    );
    return {
      url,
      method: 'PUT',
      headers: {
        'content-type': file.contentType,
        'content-length': String(file.sizeBytes),
        'x-amz-checksum-sha256': file.sha256Base64,
      },
    };
  }

  /**
   * Looks first, reads second: the size comes from a one-key listing, so a file over `maxBytes` is
   * refused without a byte of it downloaded. A listing rather than HeadObject for the same reason as
   * evidence-objects.ts `exists`: without `s3:ListBucket`, S3 answers a HEAD of a missing key with 403,
   * not 404, and the job would fail where it should find nothing; the worker holds ListBucket on
   * `imports/` only (the API function, which never reads an upload, holds none). The read is pinned to the listed ETag, so a file replaced in between is not read unchecked,
   * and is cut off at `maxBytes` all the same.
   */
  async readUpload(
    address: ImportFileAddress,
    maxBytes: number,
  ): Promise<Uint8Array | { readonly tooLarge: true } | undefined> {
    const key = uploadKey(address);
    const { s3, client } = await this.sdk();
    const listed = await client.send(
      new s3.ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: key, MaxKeys: 1 }),
    );
    const object = (listed.Contents ?? []).find((candidate) => candidate.Key === key);
    if (!object) return undefined;
    if ((object.Size ?? 0) > maxBytes) return { tooLarge: true };
    let body;
    try {
      body = await client.send(
        new s3.GetObjectCommand({
          Bucket: this.options.bucket,
          Key: key,
          ...(object.ETag ? { IfMatch: object.ETag } : {}),
        }),
      );
    } catch (error) {
      // Deleted (lifecycle) or replaced between the listing and the read: as good as not there yet.
      if (['NoSuchKey', 'PreconditionFailed'].includes((error as { name?: string }).name ?? '')) {
        return undefined;
      }
      throw error;
    }
    if (!body.Body) throw new Error('import upload has no body');
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of body.Body as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        (body.Body as { destroy?: () => void }).destroy?.();
        return { tooLarge: true };
      }
      chunks.push(chunk);
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  }

  async putReport(address: ImportFileAddress, bytes: Uint8Array): Promise<void> {
    const { s3, client } = await this.sdk();
    await client.send(
      new s3.PutObjectCommand({
        Bucket: this.options.bucket,
        Key: reportKey(address),
        Body: bytes,
        ContentType: XLSX,
        ContentLength: bytes.byteLength,
        // S3 refuses bytes that do not match: a torn upload never stands in for the report.
        ChecksumSHA256: createHash('sha256').update(bytes).digest('base64'),
      }),
    );
  }

  /**
   * Checks the report exists first (a presigned link to nothing would download S3's XML error as the
   * file), then presigns it as an attachment. `fileName` is offered to the browser: ASCII, no personal
   * data (it is in the URL and the access logs); anything else is replaced by `_`.
   *
   * A HEAD, not a listing: the API function holds no `s3:List*` on any bucket (test/infra/app-stack), so
   * S3 answers its HEAD of a missing key with 403 rather than 404. The function may get every key under
   * `imports/`, and HEAD needs no KMS key, so a 403 here means the report is not there: both are none.
   */
  async reportLink(
    address: ImportFileAddress,
    fileName: string,
    expiresInSeconds: number,
  ): Promise<string | undefined> {
    const key = reportKey(address);
    const { s3, client } = await this.sdk();
    try {
      await client.send(new s3.HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || status === 403) return undefined;
      throw error;
    }
    return presignGet(this.sdk, {
      bucket: this.options.bucket,
      key,
      contentType: XLSX,
      downloadName: fileName,
      disposition: 'attachment',
      expiresInSeconds,
    });
  }
}

/**
 * Where a deployment's function has no imports bucket configured (`IMPORTS_BUCKET` unset): building it
 * never fails a cold start, but any use says clearly what is missing.
 */
export class UnconfiguredImportFiles {
  presignUpload(): Promise<never> {
    return unconfigured();
  }
  readUpload(): Promise<never> {
    return unconfigured();
  }
  putReport(): Promise<never> {
    return unconfigured();
  }
  reportLink(): Promise<never> {
    return unconfigured();
  }
}

const unconfigured = () =>
  Promise.reject(new Error('No imports bucket: IMPORTS_BUCKET is not set for this function'));
