import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode } from '../../functions/evidence/codecs';
import { expirePendingUploads } from '../../functions/actions/evidence/expire-pending-uploads';
import { verifyStoredObjects } from '../../functions/actions/evidence/verify-stored-objects';
import type { EvidenceWorkerPorts, VerifierLogger } from '../../functions/actions/evidence/worker-ports';
import { createEvidenceWorkers as createWorkerPorts } from '../../functions/platform/dependencies';
import { clientClaims } from '../support/api';
import { registeredCase } from '../support/cases';
import { uniqueSuffix } from '../support/environment';
import {
  heicHeader,
  jpegWithExif,
  pdf,
  photoJpeg,
  png,
  sha256Hex,
  windowsExecutable,
} from '../support/evidence-files';
import { EVIDENCE_SITE, createdEvent, evidenceFlow, putUpload } from '../support/evidence-flow';

/**
 * The whole evidence flow against DynamoDB Local and s3rver: request an upload, PUT the bytes with a
 * real HTTP request to the presigned URL, hand the verifier the S3 event for the object, read the verdict.
 *
 * s3rver checks no signatures: these tests never rely on S3 refusing anything. Every rejection here is
 * the verifier's own, from the stored bytes.
 */

const flow = evidenceFlow();
const { clock, now, env, call, caseAtSite, request } = flow;
const workers = createEvidenceWorkers(env.config, { now });

/** The verifier and the expiry sweep over one set of ports, as their Lambda handlers call them. */
function workersOver(ports: EvidenceWorkerPorts) {
  return {
    ...ports,
    objects: ports.evidenceObjects,
    verifier: { handleEvent: (event: unknown) => verifyStoredObjects(ports, event) },
    expiry: { run: () => expirePendingUploads(ports) },
  };
}

function createEvidenceWorkers(...args: Parameters<typeof createWorkerPorts>) {
  return workersOver(createWorkerPorts(...args));
}
let world: typeof flow.world;

const SITE = EVIDENCE_SITE;
const MB = 1024 * 1024;
const PNG = { contentType: 'image/png', fileName: 'foto.png' };

beforeAll(() => {
  // Seeded by the flow: the fixture's supervisor (pengawas lapangan) is granted the site at SITE.
  world = flow.world;
});

const photoAtSite = (padding = uniqueSuffix()) =>
  jpegWithExif({ dateTimeOriginal: '2026:03:02 09:15:00', offset: '+08:00', gps: SITE, padding });

/** Request, upload, verify: the evidence as the API then shows it. */
async function upload(
  target: { url: string },
  bytes: Buffer,
  fields: Record<string, unknown> = {},
  options: { declared?: Buffer; claims?: Record<string, unknown> } = {},
) {
  const requested = await request(target.url, options.declared ?? bytes, fields, options.claims);
  expect(requested.status, JSON.stringify(requested.body)).toBe(201);
  await putUpload(requested.body.upload, bytes);
  const outcomes = await workers.verifier.handleEvent(createdEvent(requested.body.upload.url));
  const read = await call('GET', `${target.url}/${requested.body.id}`, { claims: world.claims.officer });
  expect(read.status).toBe(200);
  return { requested, outcomes, evidence: read.body };
}

describe('requesting an upload', () => {
  it('returns a pending record and a presigned PUT signing the type, the length and the SHA-256', async () => {
    // Prepare
    const target = await caseAtSite();
    const bytes = photoAtSite();
    // Act
    const response = await request(target.url, bytes, { sessionId: target.sessionId });
    // Assess
    expect(response.status).toBe(201);
    const { upload: ticket } = response.body;
    expect(response.body).toMatchObject({ status: 'pending', upload: { method: 'PUT' } });
    expect(ticket.headers).toEqual({
      'content-type': 'image/jpeg',
      'content-length': String(bytes.length),
      'x-amz-checksum-sha256': Buffer.from(sha256Hex(bytes), 'hex').toString('base64'),
    });
    const url = new URL(ticket.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;x-amz-checksum-sha256',
    );
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(15 * 60);
    expect(Date.parse(ticket.expiresAt) - clock.getTime()).toBe(15 * 60 * 1000);
    // The key says nothing about the client or the file: office, case and evidence ids and 128 random bits.
    expect(url.pathname).toMatch(
      new RegExp(
        `^/abdi-test-evidence/evidence/${world.home}/${target.caseId}/${response.body.id}-[0-9a-f]{32}$`,
      ),
    );
    expect(ticket.url).not.toContain('IMG_0001');
  });

  it('refuses an oversized file (EV-SIZE) and a type outside the list (EV-TYPE) before any URL exists', async () => {
    // Prepare
    const target = await caseAtSite();
    // Act
    const big = await call('POST', target.url, {
      claims: world.claims.officer,
      body: {
        fileName: 'video.jpg',
        contentType: 'image/jpeg',
        sizeBytes: 20 * MB + 1,
        sha256: 'a'.repeat(64),
        kind: 'photo',
      },
    });
    const exe = await call('POST', target.url, {
      claims: world.claims.officer,
      body: {
        fileName: 'x.exe',
        contentType: 'application/x-msdownload',
        sizeBytes: 10,
        sha256: 'a'.repeat(64),
        kind: 'document',
      },
    });
    const listed = await call('GET', target.url, { claims: world.claims.officer });
    // Assess
    expect(big.status).toBe(400);
    expect(big.headers['content-type']).toBe('application/problem+json');
    expect(big.body.errors).toEqual([expect.objectContaining({ path: 'sizeBytes', rule: 'EV-SIZE' })]);
    expect(JSON.stringify(big.body)).not.toContain('X-Amz');
    expect(exe.status).toBe(400);
    expect(exe.body.errors).toEqual([expect.objectContaining({ path: 'contentType', rule: 'EV-TYPE' })]);
    expect(listed.body.items).toEqual([]);
  });

  it('repeats the first answer for a retried request with the same Idempotency-Key', async () => {
    // Prepare
    const target = await caseAtSite();
    const bytes = png();
    const send = (key: string) =>
      call('POST', target.url, {
        claims: world.claims.officer,
        headers: { 'idempotency-key': key },
        body: {
          fileName: 'a.png',
          contentType: 'image/png',
          sizeBytes: bytes.length,
          sha256: sha256Hex(bytes),
          kind: 'photo',
        },
      });
    const key = `evidence-${uniqueSuffix()}`;
    // Act
    const first = await send(key);
    const again = await send(key);
    const other = await send(`${key}-other`);
    // Assess
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(other.body.id).not.toBe(first.body.id);
  });
});

describe('verification from the stored bytes', () => {
  it('a good upload becomes verified, with its checks, a 5-minute download URL and an audit trail', async () => {
    // Prepare
    const target = await caseAtSite();
    const bytes = photoAtSite();
    // Act
    const { evidence, outcomes } = await upload(target, bytes, {
      sessionId: target.sessionId,
      location: { lat: SITE.lat, lng: SITE.lng, accuracyMeters: 12 },
    });
    // Assess
    expect(outcomes).toEqual([expect.objectContaining({ status: 'verified', evidenceId: evidence.id })]);
    expect(evidence).toMatchObject({
      status: 'verified',
      kind: 'photo',
      sessionId: target.sessionId,
      checks: {
        storedBytes: bytes.length,
        sha256Matches: true,
        detectedType: 'image/jpeg',
        // The photo's EXIF GPS is the position checked; the declaration beside it agrees (EV-LOCATION-MISMATCH).
        location: { source: 'exif', distanceMeters: 0, insideRadius: true },
        declaredLocation: { distanceMeters: 0, toleranceMeters: 100, accuracyMeters: 12, agrees: true },
        time: { source: 'exif', capturedAtLocal: '2026-03-02T09:15', withinSession: true },
      },
      warnings: [],
    });
    expect(evidence).not.toHaveProperty('objectKey');
    expect(Date.parse(evidence.download.expiresAt) - clock.getTime()).toBe(5 * 60 * 1000);
    expect(Number(new URL(evidence.download.url).searchParams.get('X-Amz-Expires'))).toBe(300);
    const downloaded = Buffer.from(await (await fetch(evidence.download.url)).arrayBuffer());
    expect(sha256Hex(downloaded)).toBe(sha256Hex(bytes));

    const timeline = await call('GET', `/v1/offices/${world.home}/cases/${target.caseId}/audit`, {
      claims: world.claims.officer,
    });
    const actions = timeline.body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['evidence.request-upload', 'evidence.verify']));
  });

  it('a corrupted upload (other bytes than the declared hash) is rejected as checksum_mismatch, and kept', async () => {
    // Prepare: the same length, one byte changed
    const target = await caseAtSite();
    const declared = photoAtSite();
    const corrupted = Buffer.from(declared);
    corrupted.writeUInt8(corrupted.readUInt8(corrupted.length - 3) ^ 0xff, corrupted.length - 3);
    // Act
    const { evidence, requested } = await upload(
      target,
      corrupted,
      { sessionId: target.sessionId },
      { declared },
    );
    const rejected = await call('GET', `${target.url}?status=rejected`, { claims: world.claims.officer });
    const verified = await call('GET', `${target.url}?status=verified`, { claims: world.claims.officer });
    // Assess
    expect(evidence).toMatchObject({
      status: 'rejected',
      rejectionReason: 'checksum_mismatch',
      checks: { sha256Matches: false },
    });
    expect(evidence).not.toHaveProperty('download');
    expect(rejected.body.items.map((e: { id: string }) => e.id)).toEqual([evidence.id]);
    expect(verified.body.items).toEqual([]);
    // Kept: the object is still in the bucket.
    expect(
      await workers.objects.exists(createdEvent(requested.body.upload.url).Records[0]!.s3.object.key),
    ).toBe(true);
  });

  it('an executable declared as image/jpeg is rejected as type_mismatch', async () => {
    const target = await caseAtSite();
    const { evidence } = await upload(target, windowsExecutable(), { sessionId: target.sessionId });
    expect(evidence).toMatchObject({
      status: 'rejected',
      rejectionReason: 'type_mismatch',
      checks: { sha256Matches: true, detectedType: 'application/x-msdownload' },
    });
  });

  it('bytes beyond the declared size (written past the signed URL) are rejected as too_large', async () => {
    // Prepare: request 100 bytes, then write more straight into the bucket, as only a credential holder could.
    const target = await caseAtSite();
    const declared = pdf('x'.repeat(50));
    const requested = await request(target.url, declared, {
      kind: 'document',
      contentType: 'application/pdf',
      fileName: 'ba.pdf',
    });
    const event = createdEvent(requested.body.upload.url);
    const s3 = new S3Client({
      region: 'ap-southeast-3',
      endpoint: env.config.s3Endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: event.Records[0]!.s3.bucket.name,
        Key: event.Records[0]!.s3.object.key,
        Body: Buffer.concat([declared, Buffer.alloc(4096)]),
      }),
    );
    // Act
    const [outcome] = await workers.verifier.handleEvent(event);
    // Assess
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'too_large' });
  });

  it('a second upload of identical bytes for the case is verified and flagged as a duplicate', async () => {
    const target = await caseAtSite();
    const bytes = photoAtSite('same-bytes');
    const first = await upload(target, bytes, { sessionId: target.sessionId });
    const second = await upload(target, bytes, { sessionId: target.sessionId, fileName: 'IMG_0002.jpg' });
    const elsewhere = await upload(await caseAtSite(), bytes);
    expect(first.evidence.warnings).toEqual([]);
    expect(second.evidence).toMatchObject({
      status: 'verified',
      checks: { duplicateOf: first.evidence.id },
      warnings: [{ rule: 'EV-DUPLICATE', message: expect.stringContaining(first.evidence.id) }],
    });
    // Duplicates are per case: the same photo in another case is not flagged.
    expect(elsewhere.evidence.warnings).toEqual([]);
  });

  it('context checks only warn: a photo far from the site and hours after the session is still verified', async () => {
    const target = await caseAtSite();
    const bytes = jpegWithExif({
      dateTimeOriginal: '2026:03:02 15:40:00',
      gps: { lat: -2.99, lng: 120.2 },
      padding: uniqueSuffix(),
    });
    const { evidence } = await upload(target, bytes, { sessionId: target.sessionId });
    expect(evidence.status).toBe('verified');
    expect(evidence.checks.location).toMatchObject({
      source: 'exif',
      insideRadius: false,
      radiusMeters: 100,
    });
    expect(evidence.checks.time).toMatchObject({ withinSession: false, minutesOutside: 4 * 60 + 10 });
    expect(evidence.warnings.map((w: { rule: string }) => w.rule)).toEqual(['EV-LOCATION', 'EV-TIME']);
  });

  it("accepts the cloud's EventBridge Object Created event as well as S3 notification records", async () => {
    // Prepare
    const target = await caseAtSite();
    const bytes = pdf(`daftar hadir ${uniqueSuffix()}`);
    const requested = await request(target.url, bytes, {
      kind: 'attendance_sheet',
      contentType: 'application/pdf',
      fileName: 'daftar-hadir.pdf',
    });
    await putUpload(requested.body.upload, bytes);
    const { bucket, object } = createdEvent(requested.body.upload.url).Records[0]!.s3;
    // Act
    const outcomes = await workers.verifier.handleEvent({
      version: '0',
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: { bucket: { name: bucket.name }, object: { key: object.key, size: bytes.length } },
    });
    // Assess
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 'verified', evidenceId: requested.body.id }),
    ]);
  });

  it('handles a repeated event once, and reports a key no request issued as unknown_key', async () => {
    const target = await caseAtSite();
    const { requested } = await upload(target, png(), PNG);
    const again = await workers.verifier.handleEvent(createdEvent(requested.body.upload.url));
    const stranger = await workers.verifier.handleEvent({
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: {
            bucket: { name: env.config.evidenceBucket },
            object: { key: `evidence/${world.home}/whatever.jpg` },
          },
        },
      ],
    });
    expect(again).toEqual([expect.objectContaining({ status: 'already-decided' })]);
    expect(stranger).toEqual([expect.objectContaining({ status: 'rejected', reason: 'unknown_key' })]);
  });
});

describe('thumbnails of verified images', () => {
  /** The pixel size of the JPEG behind a thumbnail URL, fetched from s3rver and decoded. */
  async function thumbnailSize(url: string) {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const pixels = await decode(new Uint8Array(await response.arrayBuffer()), 'image/jpeg');
    return { width: pixels.width, height: pixels.height };
  }

  /** The stored record, as the verifier left it (the API never shows the thumbnail's key). */
  const stored = (caseId: string, id: string) => workers.evidence.get(world.home, caseId, id);

  it('a verified JPEG photo gets a thumbnail of at most 320 px, under thumbnails/, as a 5-minute URL', async () => {
    // Prepare
    const target = await caseAtSite();
    const bytes = await photoJpeg(1600, 1200, { padding: uniqueSuffix() });
    // Act
    const { evidence, outcomes } = await upload(target, bytes, { sessionId: target.sessionId });
    const listed = await call('GET', target.url, { claims: world.claims.prosecutor });
    // Assess
    expect(outcomes).toEqual([expect.objectContaining({ status: 'verified', thumbnail: 'created' })]);
    expect(evidence.status).toBe('verified');
    const url = new URL(evidence.thumbnailUrl);
    expect(url.pathname).toBe(
      `/${env.config.evidenceBucket}/thumbnails/${world.home}/${target.caseId}/${evidence.id}.jpg`,
    );
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    expect(await thumbnailSize(evidence.thumbnailUrl)).toEqual({ width: 320, height: 240 });
    expect(evidence).not.toHaveProperty('thumbnailKey');
    expect(evidence).not.toHaveProperty('thumbnail');
    expect((await stored(target.caseId, evidence.id))?.thumbnailKey).toBe(
      url.pathname.split('/').slice(2).join('/'),
    );
    // The list offers it too, for the items of the page.
    const item = listed.body.items.find((i: { id: string }) => i.id === evidence.id);
    expect(await thumbnailSize(item.thumbnailUrl)).toEqual({ width: 320, height: 240 });
  });

  it('storing a thumbnail starts no verification: the verifier skips its own keys', async () => {
    const target = await caseAtSite();
    const { evidence } = await upload(target, await photoJpeg(640, 480, { padding: uniqueSuffix() }));
    const key = (await stored(target.caseId, evidence.id))!.thumbnailKey!;
    const outcomes = await workers.verifier.handleEvent({
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: env.config.evidenceBucket }, object: { key } },
        },
      ],
    });
    expect(key.startsWith('thumbnails/')).toBe(true);
    expect(outcomes).toEqual([]);
  });

  it('a PDF gets none', async () => {
    const target = await caseAtSite();
    const { evidence, outcomes } = await upload(target, pdf(`daftar hadir ${uniqueSuffix()}`), {
      kind: 'attendance_sheet',
      contentType: 'application/pdf',
      fileName: 'daftar-hadir.pdf',
    });
    expect(outcomes).toEqual([expect.objectContaining({ status: 'verified' })]);
    expect(outcomes[0]).not.toHaveProperty('thumbnail');
    expect(evidence).not.toHaveProperty('thumbnailUrl');
    expect(evidence).not.toHaveProperty('thumbnail');
  });

  it('an image without a readable picture, or an HEIC, is still verified; its thumbnail is unavailable', async () => {
    // Prepare: a JPEG that passes the hash and the sniffed type, but holds no picture; an HEIC file.
    const target = await caseAtSite();
    // Act
    const corrupt = await upload(target, photoAtSite());
    const heic = await upload(target, heicHeader(), { contentType: 'image/heic', fileName: 'IMG_0003.HEIC' });
    const listed = await call('GET', target.url, { claims: world.claims.officer });
    // Assess
    for (const { evidence, outcomes } of [corrupt, heic]) {
      expect(outcomes).toEqual([expect.objectContaining({ status: 'verified', thumbnail: 'unavailable' })]);
      expect(evidence).toMatchObject({ status: 'verified', thumbnail: 'unavailable' });
      expect(evidence).not.toHaveProperty('thumbnailUrl');
      expect(evidence.download.url).toEqual(expect.any(String));
    }
    expect(listed.body.items.map((i: { thumbnail?: string }) => i.thumbnail)).toEqual([
      'unavailable',
      'unavailable',
    ]);
  });

  it('a failed thumbnail never fails the evidence: logged by ids only, and made when the event comes again', async () => {
    // Prepare: a verifier whose thumbnail upload fails (S3 throttling, say)
    const logs: { level: string; message: string; attributes: unknown }[] = [];
    const logger: VerifierLogger = {
      info: (message: string, attributes?: unknown) => logs.push({ level: 'info', message, attributes }),
      warn: (message: string, attributes?: unknown) => logs.push({ level: 'warn', message, attributes }),
    } as VerifierLogger;
    const failing = workersOver({
      evidence: workers.evidence,
      evidenceObjects: {
        presignUpload: (input) => workers.objects.presignUpload(input),
        presignDownload: (input) => workers.objects.presignDownload(input),
        exists: (key) => workers.objects.exists(key),
        open: (key, versionId) => workers.objects.open(key, versionId),
        putThumbnail: async () => {
          throw Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' });
        },
      },
      sites: env.deps.sites,
      directory: env.deps.directory,
      evidenceSettings: {
        bucket: env.config.evidenceBucket,
        maxUploadBytes: 20 * MB,
        pendingExpiryMinutes: 60,
      },
      now,
      logger,
    }).verifier;
    const target = await caseAtSite();
    const bytes = await photoJpeg(800, 600, { padding: uniqueSuffix() });
    const requested = await request(target.url, bytes, { fileName: 'Budi Santoso di masjid.jpg' });
    await putUpload(requested.body.upload, bytes);
    const event = createdEvent(requested.body.upload.url);
    // Act
    const first = await failing.handleEvent(event);
    const afterFailure = await call('GET', `${target.url}/${requested.body.id}`, {
      claims: world.claims.officer,
    });
    const again = await workers.verifier.handleEvent(event);
    const afterRetry = await call('GET', `${target.url}/${requested.body.id}`, {
      claims: world.claims.officer,
    });
    // Assess
    expect(first).toEqual([expect.objectContaining({ status: 'verified', thumbnail: 'failed' })]);
    expect(afterFailure.body.status).toBe('verified');
    expect(afterFailure.body).not.toHaveProperty('thumbnailUrl');
    expect(afterFailure.body).not.toHaveProperty('thumbnail');
    expect(logs).toContainEqual({
      level: 'warn',
      message: expect.stringContaining('Thumbnail failed'),
      attributes: { evidenceId: requested.body.id, error: 'SlowDown' },
    });
    expect(JSON.stringify(logs)).not.toMatch(/Budi|Santoso|reduce your request rate/);
    expect(again).toEqual([expect.objectContaining({ status: 'already-decided', thumbnail: 'created' })]);
    expect(await thumbnailSize(afterRetry.body.thumbnailUrl)).toEqual({ width: 320, height: 240 });
  });
});

describe('pending uploads that never arrive', () => {
  it('expire after the configured time; one whose bytes did arrive is verified instead', async () => {
    // Prepare
    const target = await caseAtSite();
    const never = await request(target.url, png(), { fileName: 'never.png', contentType: 'image/png' });
    const lost = pdf(`lost event ${uniqueSuffix()}`);
    const lostEvent = await request(target.url, lost, {
      kind: 'attendance_sheet',
      contentType: 'application/pdf',
    });
    await putUpload(lostEvent.body.upload, lost);
    const later = createEvidenceWorkers(env.config, { now: () => new Date(clock.getTime() + 61 * 60_000) });
    const early = createEvidenceWorkers(env.config, { now: () => new Date(clock.getTime() + 30 * 60_000) });
    // Act
    const tooEarly = await early.expiry.run();
    const swept = await later.expiry.run();
    // Assess
    const status = async (id: string) =>
      (await call('GET', `${target.url}/${id}`, { claims: world.claims.officer })).body.status;
    expect(tooEarly.expired).toBe(0);
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect(await status(never.body.id)).toBe('expired');
    expect(await status(lostEvent.body.id)).toBe('verified');
  });
});

describe('who may upload and read', () => {
  it('another office gets 404, whether it asks for an upload, a list or one piece', async () => {
    const target = await caseAtSite();
    const { evidence } = await upload(target, png(), PNG);
    const other = world.claims.otherAdmin;
    expect((await request(target.url, png(), {}, other)).status).toBe(404);
    expect((await call('GET', target.url, { claims: other })).status).toBe(404);
    expect((await call('GET', `${target.url}/${evidence.id}`, { claims: other })).status).toBe(404);
    const viaOwnOffice = target.url.replace(world.home, world.other);
    expect((await call('GET', `${viaOwnOffice}/${evidence.id}`, { claims: other })).status).toBe(404);
  });

  it('prosecutors and the Kanwil read but do not upload; a machine client needs evidence:write', async () => {
    const target = await caseAtSite();
    const { evidence } = await upload(target, png(), PNG);
    expect(
      (await call('GET', `${target.url}/${evidence.id}`, { claims: world.claims.prosecutor })).status,
    ).toBe(200);
    expect((await call('GET', target.url, { claims: world.claims.regional })).status).toBe(200);
    expect((await request(target.url, png(), {}, world.claims.prosecutor)).status).toBe(403);
    expect((await request(target.url, png(), {}, world.claims.regional)).status).toBe(403);
    expect((await request(target.url, png(), {}, world.claims.integration)).status).toBe(403);

    // Prepare: a partner system granted evidence:write
    const clientId = `uploader-${uniqueSuffix()}`;
    await env.directory.putMachineClient(
      { clientId, name: 'SIPP', status: 'active', scopes: ['cases:read', 'evidence:write'] },
      [{ role: 'integration', officeId: world.home }],
    );
    const granted = await request(
      target.url,
      png(),
      {},
      clientClaims(clientId, ['cases:read', 'evidence:write']),
    );
    expect(granted.status).toBe(201);
  });

  it('a site supervisor uploads only for sessions at their sites and sees only that evidence', async () => {
    // Prepare
    const target = await caseAtSite();
    const supervisor = world.claims.supervisor;
    const document = await upload(target, pdf(`berita acara ${uniqueSuffix()}`), {
      kind: 'document',
      contentType: 'application/pdf',
      fileName: 'berita-acara.pdf',
    });
    const elsewhere = await registeredCase(call, world, { status: 'assessed' });
    // Act
    const withoutSession = await request(target.url, png(), {}, supervisor);
    const ownSession = await request(target.url, png(), { sessionId: target.sessionId }, supervisor);
    const otherCase = await request(
      `${elsewhere.base}/cases/${elsewhere.caseId}/evidence`,
      png(),
      {},
      supervisor,
    );
    const listed = await call('GET', target.url, { claims: supervisor });
    const hidden = await call('GET', `${target.url}/${document.evidence.id}`, { claims: supervisor });
    // Assess
    expect(withoutSession.status).toBe(400);
    expect(withoutSession.body.errors).toEqual([expect.objectContaining({ path: 'sessionId' })]);
    expect(ownSession.status).toBe(201);
    expect(otherCase.status).toBe(404);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([ownSession.body.id]);
    expect(hidden.status).toBe(404);
  });

  it('audits every read: one entry per list and per piece', async () => {
    const target = await caseAtSite();
    const { evidence } = await upload(target, png(), PNG);
    expect(evidence.status).toBe('verified');
    await call('GET', target.url, { claims: world.claims.prosecutor });
    await call('GET', `${target.url}/${evidence.id}`, { claims: world.claims.prosecutor });
    const trail = async (type: string, id: string) =>
      (await env.deps.audit.trail(world.home, { type, id }, { limit: 100 })).items;
    const pieceReads = await trail('evidence', evidence.id);
    const listReads = await trail('case-evidence', target.caseId);
    // The upload helper read it once as the officer; the prosecutor once more.
    expect(pieceReads.map((i) => [i.actor, i.action])).toEqual(
      expect.arrayContaining([[world.people.prosecutor, 'evidence.download-url']]),
    );
    expect(listReads.map((i) => [i.actor, i.action])).toEqual([[world.people.prosecutor, 'evidence.list']]);
  });

  it('has no route to overwrite or delete evidence', async () => {
    const target = await caseAtSite();
    const { evidence } = await upload(target, png(), PNG);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await call(method, `${target.url}/${evidence.id}`, {
        claims: world.claims.admin,
        body: {},
      });
      expect(response.status, method).toBeGreaterThanOrEqual(404);
      expect(response.status, method).toBeLessThan(500);
    }
  });
});
