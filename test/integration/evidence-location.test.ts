import { beforeAll, describe, expect, it } from 'vitest';
import { expirePendingUploads } from '../../functions/actions/evidence/expire-pending-uploads';
import { verifyStoredObjects } from '../../functions/actions/evidence/verify-stored-objects';
import { readExif } from '../../functions/evidence/exif';
import { createEvidenceWorkers } from '../../functions/platform/dependencies';
import { allows, expiryTableAccess, verifierTableAccess } from '../../infra/constructs/table-access';
import { recordingDynamoClient } from '../support/dynamo-calls';
import { uniqueSuffix } from '../support/environment';
import { jpegWithExif, photoJpeg } from '../support/evidence-files';
import { EVIDENCE_SITE, createdEvent, evidenceFlow, putUpload } from '../support/evidence-flow';

/**
 * Issue 11, items 7 and 6, against DynamoDB Local and s3rver.
 *
 * Item 7: a real photo (a decodable JPEG with an EXIF GPS block) is uploaded to the presigned URL and
 * verified: the EXIF position is the one checked against the site (EV-LOCATION), and a location declared
 * more than 100 m from it is a warning of its own (EV-LOCATION-MISMATCH).
 *
 * Item 6: every DynamoDB call the verifier and the expiry sweep make here is recorded as IAM sees it and
 * must be allowed by the access lists their roles are synthesized from (infra/constructs/table-access.ts),
 * so the LeadingKeys conditions are proven against the real code paths, not only read off the template.
 */

const flow = evidenceFlow();
const { clock, now, env, call, caseAtSite, request } = flow;
const recorder = recordingDynamoClient(env.config.dynamoEndpoint!);
const verifierPorts = createEvidenceWorkers(env.config, { now, dynamo: recorder.client });

const SITE = EVIDENCE_SITE;
/** The site's centre, as a device declares a position. */
const AT_SITE = { lat: SITE.lat, lng: SITE.lng };
/** `metres` north of the site (0.001° of latitude ≈ 111 m). */
const north = (metres: number) => ({ lat: SITE.lat + metres / 111_195, lng: SITE.lng });
let world: typeof flow.world;
beforeAll(() => {
  world = flow.world;
});

/**
 * A real photo: a 64×48 picture encoded by the verifier's own JPEG codec, with an EXIF block (APP1)
 * that says it was taken on 2 March 2026 at 09:15 WITA at `gps`.
 */
async function realPhoto(gps: { lat: number; lng: number }): Promise<Buffer> {
  const picture = await photoJpeg(64, 48, { padding: uniqueSuffix() });
  const exif = jpegWithExif({ dateTimeOriginal: '2026:03:02 09:15:00', offset: '+08:00', gps });
  // SOI, then the EXIF file's APP1 and comment segments (without its own SOI and EOI), then the picture.
  return Buffer.concat([picture.subarray(0, 2), exif.subarray(2, exif.length - 2), picture.subarray(2)]);
}

async function requestUpload(url: string, bytes: Buffer, fields: Record<string, unknown>) {
  const requested = await request(url, bytes, fields);
  expect(requested.status, JSON.stringify(requested.body)).toBe(201);
  await putUpload(requested.body.upload, bytes);
  return { id: requested.body.id as string, event: createdEvent(requested.body.upload.url) };
}

/** Request, PUT to s3rver, verify with the recorded verifier: the evidence as the API shows it. */
async function uploadAndVerify(url: string, bytes: Buffer, fields: Record<string, unknown>) {
  const { id, event } = await requestUpload(url, bytes, fields);
  const outcomes = await verifyStoredObjects(verifierPorts, event);
  const read = await call('GET', `${url}/${id}`, { claims: world.claims.officer });
  expect(read.status).toBe(200);
  return { outcomes, evidence: read.body };
}

describe('EV-LOCATION-MISMATCH: a real JPEG with EXIF GPS, verified from s3rver', () => {
  it('the test photo is a decodable picture whose EXIF holds the GPS position', async () => {
    const bytes = await realPhoto(north(2_000));
    const exif = await readExif(bytes, 'Asia/Makassar');
    expect(exif?.latitude).toBeCloseTo(north(2_000).lat, 5);
    expect(exif?.longitude).toBeCloseTo(SITE.lng, 5);
  });

  it('EXIF GPS 2 km away wins over a location declared at the site: outside the radius, and a mismatch', async () => {
    // Prepare
    const target = await caseAtSite();
    const bytes = await realPhoto(north(2_000));
    // Act
    const { outcomes, evidence } = await uploadAndVerify(target.url, bytes, {
      sessionId: target.sessionId,
      location: { ...AT_SITE, accuracyMeters: 8 },
    });
    // Assess
    expect(outcomes).toEqual([expect.objectContaining({ status: 'verified', thumbnail: 'created' })]);
    expect(evidence.status).toBe('verified');
    expect(evidence.checks.location).toMatchObject({
      source: 'exif',
      insideRadius: false,
      distanceMeters: 2000,
    });
    expect(evidence.checks.declaredLocation).toEqual({
      distanceMeters: 2000,
      toleranceMeters: 100,
      accuracyMeters: 8,
      agrees: false,
    });
    expect(evidence.warnings.map((w: { rule: string }) => w.rule)).toEqual([
      'EV-LOCATION',
      'EV-LOCATION-MISMATCH',
    ]);
  });

  it('a declaration within 100 m of the EXIF position at the site adds no warning', async () => {
    const target = await caseAtSite();
    const { evidence } = await uploadAndVerify(target.url, await realPhoto(AT_SITE), {
      sessionId: target.sessionId,
      location: north(60),
    });
    expect(evidence.checks.location).toMatchObject({ source: 'exif', insideRadius: true });
    expect(evidence.checks.declaredLocation).toMatchObject({ distanceMeters: 60, agrees: true });
    expect(evidence.warnings).toEqual([]);
  });

  it('a photo without a session is still compared with its declared location', async () => {
    const target = await caseAtSite();
    const { evidence } = await uploadAndVerify(target.url, await realPhoto(north(5_000)), {
      location: AT_SITE,
    });
    expect(evidence.status).toBe('verified');
    expect(evidence.checks.location).toBeUndefined();
    expect(evidence.warnings.map((w: { rule: string }) => w.rule)).toEqual(['EV-LOCATION-MISMATCH']);
  });
});

describe("the evidence workers' DynamoDB calls stay within their IAM access lists", () => {
  it('every call the verifier made above is allowed by verifierTableAccess (LeadingKeys included)', () => {
    const calls = recorder.calls.splice(0);
    expect(calls.map((c) => c.action)).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
    );
    expect(calls.filter((c) => !allows(verifierTableAccess, c))).toEqual([]);
  });

  it('every call of a sweep that expires one upload and verifies a late one is allowed by expiryTableAccess', async () => {
    // Prepare: one upload never stored, one stored whose event was lost.
    const target = await caseAtSite();
    const never = await call('POST', target.url, {
      claims: world.claims.officer,
      body: {
        fileName: 'never.jpg',
        contentType: 'image/jpeg',
        sizeBytes: 10,
        sha256: 'a'.repeat(64),
        kind: 'photo',
      },
    });
    expect(never.status).toBe(201);
    const late = await requestUpload(target.url, await realPhoto(AT_SITE), {
      sessionId: target.sessionId,
      location: AT_SITE,
    });
    const sweeper = recordingDynamoClient(env.config.dynamoEndpoint!);
    const later = createEvidenceWorkers(env.config, {
      now: () => new Date(clock.getTime() + 61 * 60_000),
      dynamo: sweeper.client,
    });
    // Act
    const report = await expirePendingUploads(later);
    // Assess
    expect(report.expired).toBeGreaterThanOrEqual(1);
    expect(report.verifiedLate).toBeGreaterThanOrEqual(1);
    const status = async (id: string) =>
      (await call('GET', `${target.url}/${id}`, { claims: world.claims.officer })).body.status;
    expect(await status(never.body.id)).toBe('expired');
    expect(await status(late.id)).toBe('verified');
    expect(sweeper.calls.map((c) => c.action)).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem']),
    );
    expect(sweeper.calls.filter((c) => !allows(expiryTableAccess, c))).toEqual([]);
  });

  it('a membership read (the principal of a token, as the API resolves it) is allowed to neither worker', async () => {
    // Prepare: the directory the workers are wired with, over a recording client.
    const recorded = recordingDynamoClient(env.config.dynamoEndpoint!);
    const ports = createEvidenceWorkers(env.config, { now, dynamo: recorded.client });
    // Act: what reading someone's profile and memberships sends.
    await ports.directory.resolvePrincipal({ kind: 'user', username: world.people.admin });
    // Assess
    expect(recorded.calls).toHaveLength(1);
    expect(recorded.calls[0]!.partitionKey).toMatch(/^USER#/);
    expect(allows(verifierTableAccess, recorded.calls[0]!)).toBe(false);
    expect(allows(expiryTableAccess, recorded.calls[0]!)).toBe(false);
  });
});
