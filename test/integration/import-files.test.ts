import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { ImportFileAddress } from '../../functions/actions/imports/import-ports';
import { S3ImportFiles, importAddressOfKey, uploadKey } from '../../functions/store/import-files';
import { testEnvironment, uniqueSuffix } from '../support/environment';

/**
 * The imports bucket's adapter (issue 22) against s3rver, wired as the API and the worker wire it
 * (`createDependencies`): a presigned PUT with a real HTTP request, the file read back, a file over the
 * limit refused without being read, the report stored and linked.
 *
 * s3rver checks neither signatures nor `x-amz-checksum-sha256`: nothing here claims that S3 refuses a
 * PUT of other bytes (the job checks the hash itself); only what the adapter does is asserted.
 */

const env = testEnvironment();
const files = env.deps.importFiles;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A fresh import of a fresh office, its id a ULID as the use cases make them. */
const newAddress = (): ImportFileAddress => ({
  officeId: `bapas-import-${uniqueSuffix()}`,
  importId: ulid(),
});

const sha256Base64 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');

/** The PUT a browser sends: exactly the target's headers (the browser sets content-length itself). */
async function putTo(target: { url: string; headers: Readonly<Record<string, string>> }, bytes: Uint8Array) {
  return fetch(target.url, { method: 'PUT', headers: target.headers, body: new Uint8Array(bytes) });
}

/** Bytes put straight into the bucket, as if uploaded, without a presigned URL. */
async function putDirectly(key: string, bytes: Uint8Array) {
  const s3 = new S3Client({
    region: env.config.region,
    endpoint: env.config.s3Endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await s3.send(new PutObjectCommand({ Bucket: env.config.importsBucket, Key: key, Body: bytes }));
  s3.destroy();
}

describe('imports bucket (S3ImportFiles)', () => {
  it('is the S3 adapter over the configured bucket', () => {
    expect(env.config.importsBucket).toMatch(/-imports$/);
    expect(files).toBeInstanceOf(S3ImportFiles);
  });

  it('presigns a PUT that signs type and length and carries the checksum, and reads the bytes back', async () => {
    // Prepare
    const address = newAddress();
    const bytes = new Uint8Array(Buffer.from(`NIK;Nama\n7373011003851234;Contoh ${uniqueSuffix()}\n`));
    const file = { contentType: 'text/csv', sizeBytes: bytes.byteLength, sha256Base64: sha256Base64(bytes) };

    // Act
    const target = await files.presignUpload(address, file, 900);
    const put = await putTo(target, bytes);
    const read = await files.readUpload(address, 1024);

    // Assess
    expect(target.method).toBe('PUT');
    expect(target.headers).toEqual({
      'content-type': 'text/csv',
      'content-length': String(bytes.byteLength),
      'x-amz-checksum-sha256': file.sha256Base64,
    });
    const url = new URL(target.url);
    expect(url.pathname).toBe(`/${env.config.importsBucket}/${uploadKey(address)}`);
    // Type, length and the checksum are signed headers; the checksum is a header, not in the query.
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'x-amz-checksum-sha256']),
    );
    expect(url.searchParams.has('x-amz-checksum-sha256')).toBe(false);
    // The trap of engineering.md: no CRC32 of an empty body in the URL (real S3 would refuse the PUT).
    expect(url.search.toLowerCase()).not.toContain('crc32');
    expect(url.searchParams.has('x-amz-sdk-checksum-algorithm')).toBe(false);
    expect(put.status).toBe(200);
    expect(read).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(read as Uint8Array).equals(Buffer.from(bytes))).toBe(true);
    // The key the upload's event names reads back to the same import.
    expect(importAddressOfKey(uploadKey(address))).toEqual(address);
  });

  it('answers undefined for an import whose file never arrived', async () => {
    expect(await files.readUpload(newAddress(), 1024)).toBeUndefined();
  });

  it('refuses a file over the limit without reading it', async () => {
    // Prepare: 2 kB stored, 1 kB allowed.
    const address = newAddress();
    await putDirectly(uploadKey(address), new Uint8Array(2048));

    // Act
    const read = await files.readUpload(address, 1024);

    // Assess
    expect(read).toEqual({ tooLarge: true });
    // Exactly at the limit is allowed.
    expect((await files.readUpload(address, 2048)) as Uint8Array).toHaveLength(2048);
  });

  it('stores the report, replaces it, and links it as an attachment; no link before there is one', async () => {
    // Prepare
    const address = newAddress();
    const first = new Uint8Array(Buffer.from('PK first report'));
    const second = new Uint8Array(Buffer.from('PK second report, replacing the first'));

    // Act
    const before = await files.reportLink(address, 'hasil-impor.xlsx', 300);
    await files.putReport(address, first);
    await files.putReport(address, second);
    const link = await files.reportLink(address, 'hasil impor (1).xlsx', 300);

    // Assess
    expect(before).toBeUndefined();
    expect(link).toBeDefined();
    const response = await fetch(link!);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(second))).toBe(true);
    const query = new URL(link!).searchParams;
    expect(query.get('response-content-type')).toBe(XLSX);
    expect(query.get('response-content-disposition')).toBe('attachment; filename="hasil_impor__1_.xlsx"');
    // The report beside the upload is not an upload: the worker would not take it for a job.
    expect(await files.readUpload(address, 1024)).toBeUndefined();
  });

  it('refuses to build a key from ids an event could not name', async () => {
    await expect(
      files.presignUpload(
        { officeId: '../other', importId: 'x' },
        { contentType: 'text/csv', sizeBytes: 1, sha256Base64: sha256Base64(new Uint8Array(1)) },
        60,
      ),
    ).rejects.toThrow(/malformed/);
  });
});
