import { beforeAll, expect } from 'vitest';
import { apiCaller } from './api';
import { newPartner, registeredCase } from './cases';
import { testEnvironment, uniqueSuffix } from './environment';
import { sha256Hex } from './evidence-files';
import { seedDirectory } from './fixtures';
import { weekdayPlacement } from './requests';

type Call = ReturnType<typeof apiCaller>;
type World = Awaited<ReturnType<typeof seedDirectory>>;

/** The work site the evidence tests photograph: its centre and the 100 m radius a photo must fall in. */
export const EVIDENCE_SITE = { lat: -2.9712, lng: 120.1788, radiusMeters: 100 };

/**
 * One test file's evidence set-up: the API on a fixed clock (Monday 2 March 2026, 12:00 in Palopo,
 * WITA), a world seeded before the file's tests (see `seedEvidenceWorld`), and the flow's steps bound
 * to both. `world` is there once the tests run.
 */
export function evidenceFlow() {
  const clock = new Date('2026-03-02T04:00:00Z');
  const now = () => clock;
  const env = testEnvironment({ now });
  const call = apiCaller(env.handler);
  let seeded: World | undefined;
  beforeAll(async () => {
    seeded = await seedEvidenceWorld(env, call, clock);
  });
  const world = (): World => {
    if (!seeded) throw new Error('the evidence world is seeded in beforeAll: use it inside a test');
    return seeded;
  };
  return {
    clock,
    now,
    env,
    call,
    get world() {
      return world();
    },
    /** A case placed at the supervisor's site, with one attended session on 2 March, 08:00–11:00. */
    caseAtSite: () => caseAtSite(call, world()),
    /** Asks for an upload of `bytes` as a JPEG photo, as the officer unless `claims` say otherwise. */
    request: (
      url: string,
      bytes: Buffer,
      fields: Record<string, unknown> = {},
      claims: Record<string, unknown> = world().claims.officer,
    ) => requestEvidenceUpload(call, url, bytes, fields, claims),
  };
}

/**
 * A fresh directory whose supervisor's site (`world.siteId`) stands at `EVIDENCE_SITE`, recorded under
 * that very id for a partner made through the API, so evidence at the site can be checked against it.
 */
async function seedEvidenceWorld(
  env: ReturnType<typeof testEnvironment>,
  call: Call,
  at: Date,
): Promise<World> {
  const world = await seedDirectory(env.directory, uniqueSuffix());
  const partner = await call('POST', `/v1/offices/${world.home}/partners`, {
    claims: world.claims.admin,
    body: newPartner(),
  });
  expect(partner.status).toBe(201);
  await env.deps.sites.create(
    world.home,
    world.siteId,
    {
      partnerId: partner.body.id,
      name: 'Masjid Agung Bara',
      address: 'Jl. Dr. Ratulangi',
      kelurahan: 'Balandai',
      kecamatan: 'Bara',
      kabupatenKota: 'Kota Palopo',
      location: EVIDENCE_SITE,
      capacity: 50,
      activities: ['Membersihkan masjid'],
      active: true,
    },
    { actor: 'test', at },
  );
  return world;
}

/** A case placed at the supervisor's site, with one attended session on 2 March 2026, 08:00–11:00. */
async function caseAtSite(call: Call, world: World) {
  const { caseId, base } = await registeredCase(call, world, { status: 'assessed' });
  const placed = await call('POST', `${base}/cases/${caseId}/placements`, {
    claims: world.claims.officer,
    body: weekdayPlacement(world.siteId, { weekdays: [1], endTime: '11:00', until: '2026-06-29' }),
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const session = await call('POST', `${base}/cases/${caseId}/sessions`, {
    claims: world.claims.officer,
    body: {
      date: '2026-03-02',
      startTime: '08:00',
      endTime: '11:00',
      siteId: world.siteId,
      outcome: 'attended',
    },
  });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  return { caseId, url: `${base}/cases/${caseId}/evidence`, sessionId: session.body.id as string };
}

/** Asks for an upload of `bytes` as a JPEG photo (its size and SHA-256 declared); `fields` override. */
function requestEvidenceUpload(
  call: Call,
  url: string,
  bytes: Buffer,
  fields: Record<string, unknown>,
  claims: Record<string, unknown>,
) {
  return call('POST', url, {
    claims,
    body: {
      fileName: 'IMG_0001.jpg',
      contentType: 'image/jpeg',
      sizeBytes: bytes.length,
      sha256: sha256Hex(bytes),
      kind: 'photo',
      ...fields,
    },
  });
}

/** PUTs the bytes to the presigned URL with the returned headers, as a browser would. */
export async function putUpload(upload: { url: string; headers: Record<string, string> }, bytes: Buffer) {
  const response = await fetch(upload.url, {
    method: 'PUT',
    headers: upload.headers,
    body: new Uint8Array(bytes),
  });
  expect(response.status).toBe(200);
}

/** The S3 notification for the object behind a presigned URL: what S3 (and s3rver) would send. */
export function createdEvent(uploadUrl: string) {
  const [, bucket, ...key] = new URL(uploadUrl).pathname.split('/');
  return {
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: bucket }, object: { key: key.join('/') } },
      },
    ],
  };
}
