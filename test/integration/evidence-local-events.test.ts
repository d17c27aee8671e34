import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/app';
import { createDependencies } from '../../functions/platform/dependencies';
import { evidenceBucket } from '../../functions/tables';
import {
  bridgeEvidenceEvents,
  type EvidenceEventBridge,
  type EvidenceLambda,
} from '../../infra/local/evidence-events';
import { startS3Emulator, type S3Emulator } from '../../infra/local/s3-emulator';
import { apiCaller } from '../support/api';
import { registeredCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { jpegWithExif, photoJpeg, sha256Hex } from '../support/evidence-files';
import { seedDirectory } from '../support/fixtures';

/**
 * Local mode's wiring, as `npm start` runs it: an s3rver of its own (the suite's shared one lives in the
 * global set-up's process, whose events this process cannot hear), its `ObjectCreated` events bridged to
 * the real verifier Lambda entry (functions/handlers/evidence-verifier.ts, configured through the
 * environment as Lambda configures it). The test only uploads and then reads the API until the verdict
 * shows: nobody calls the verifier by hand.
 */
const base = testEnvironment();
let s3: S3Emulator;
let bridge: EvidenceEventBridge;
let s3Dir: string;
let call: ReturnType<typeof apiCaller>;
let world: Awaited<ReturnType<typeof seedDirectory>>;
const savedEnv = { ...process.env };
/** What the bridge reported as failed, and every key s3rver announced. */
const bridgeErrors: unknown[] = [];
const createdKeys: string[] = [];

beforeAll(async () => {
  s3Dir = mkdtempSync(join(tmpdir(), 'abdi-evidence-events-'));
  s3 = await startS3Emulator({
    directory: s3Dir,
    buckets: [{ name: base.config.evidenceBucket, definition: evidenceBucket }],
    allowedOrigins: ['*'],
  });
  const config = { ...base.config, s3Endpoint: s3.endpoint };
  Object.assign(process.env, {
    ABDI_MODE: 'local',
    AWS_REGION: config.region,
    TABLE_NAME: config.tableName,
    IDEMPOTENCY_TABLE_NAME: config.idempotencyTableName,
    EVIDENCE_BUCKET: config.evidenceBucket,
    DOCUMENTS_BUCKET: config.documentsBucket,
    DYNAMODB_ENDPOINT: config.dynamoEndpoint,
    S3_ENDPOINT: s3.endpoint,
    CURSOR_SIGNING_KEY: config.cursorKey,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  // Imported only now, as start.ts does: the entry reads its configuration when it loads.
  const verifier = (await import('../../functions/handlers/evidence-verifier')) as {
    handler: EvidenceLambda;
  };
  bridge = bridgeEvidenceEvents(s3, verifier.handler, { onError: (error) => bridgeErrors.push(error) });
  s3.onObjectCreated((event) => {
    for (const record of (event as { Records?: { s3?: { object?: { key?: string } } }[] }).Records ?? []) {
      createdKeys.push(decodeURIComponent(String(record.s3?.object?.key)));
    }
  });

  const api = createApiHandler(createDependencies(config), {
    logger: new Logger({ serviceName: 'abdi-test', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'AbdiTest', serviceName: 'abdi-test' }),
  });
  call = apiCaller(api);
  world = await seedDirectory(base.directory, uniqueSuffix());
});

afterAll(async () => {
  await bridge?.stop();
  await s3?.stop();
  rmSync(s3Dir, { recursive: true, force: true });
  process.env = savedEnv;
});

/** Reads the evidence until it leaves `pending`, for at most five seconds ("within seconds"). */
async function settled(url: string) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const read = await call('GET', url, { claims: world.claims.officer });
    if (read.body.status !== 'pending' || Date.now() > deadline) return read.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads the evidence until it has a thumbnail URL or says it will get none, for at most five seconds. */
async function withThumbnail(url: string) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const read = await call('GET', url, { claims: world.claims.officer });
    if (read.body.thumbnailUrl || read.body.thumbnail || Date.now() > deadline) return read.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function uploadThroughS3(caseUrl: string, declared: Buffer, sent: Buffer) {
  const requested = await call('POST', caseUrl, {
    claims: world.claims.officer,
    body: {
      fileName: 'IMG_2041.jpg',
      contentType: 'image/jpeg',
      sizeBytes: declared.length,
      sha256: sha256Hex(declared),
      kind: 'photo',
    },
  });
  expect(requested.status, JSON.stringify(requested.body)).toBe(201);
  const { url, headers } = requested.body.upload;
  expect(new URL(url).origin).toBe(s3.endpoint);
  const put = await fetch(url, { method: 'PUT', headers, body: new Uint8Array(sent) });
  expect(put.status).toBe(200);
  return `${caseUrl}/${requested.body.id}`;
}

describe("local mode: s3rver's ObjectCreated → the verifier handler", () => {
  it('turns a good upload verified and a corrupted one rejected, with no one calling the verifier', async () => {
    // Prepare
    const { caseId, base: office } = await registeredCase(call, world, { status: 'assessed' });
    const caseUrl = `${office}/cases/${caseId}/evidence`;
    const good = jpegWithExif({ padding: uniqueSuffix() });
    const declared = jpegWithExif({ padding: `${uniqueSuffix()}-declared` });
    const other = jpegWithExif({ padding: `${uniqueSuffix()}-tampered` });

    // Act
    const goodUrl = await uploadThroughS3(caseUrl, good, good);
    const badUrl = await uploadThroughS3(caseUrl, declared, other);

    // Assess
    expect(await settled(goodUrl)).toMatchObject({
      status: 'verified',
      checks: { detectedType: 'image/jpeg' },
    });
    expect(await settled(badUrl)).toMatchObject({ status: 'rejected', rejectionReason: 'checksum_mismatch' });
  });

  it("adds a photo's thumbnail, whose own ObjectCreated the verifier passes over without a fuss", async () => {
    // Prepare
    const { caseId, base: office } = await registeredCase(call, world, { status: 'assessed' });
    const caseUrl = `${office}/cases/${caseId}/evidence`;
    const photo = await photoJpeg(1200, 900, { padding: uniqueSuffix() });
    // Act
    const url = await uploadThroughS3(caseUrl, photo, photo);
    const evidence = await withThumbnail(url);
    await bridge.drain();
    // Assess
    expect(evidence).toMatchObject({ status: 'verified', thumbnailUrl: expect.any(String) });
    const thumbnail = await fetch(evidence.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    const key = `thumbnails/${world.home}/${caseId}/${evidence.id}.jpg`;
    expect(createdKeys).toContain(key);
    expect(bridgeErrors).toEqual([]);
  });
});
