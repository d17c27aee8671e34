import { afterEach, describe, expect, it } from 'vitest';
import { verifyStoredObjects } from '../../functions/actions/evidence/verify-stored-objects';
import { createEvidenceWorkers } from '../../functions/platform/dependencies';
import { uniqueSuffix } from '../support/environment';
import { jpegWithExif, png } from '../support/evidence-files';
import { EVIDENCE_SITE, createdEvent, evidenceFlow, putUpload } from '../support/evidence-flow';

/**
 * Photos taken without signal and uploaded later (issue 20, ADR 0024), through the whole evidence flow
 * against DynamoDB Local and s3rver: the `recordedOffline` mark round-trips, and the context checks
 * judge the capture, not the upload: a photo of Monday's session uploaded on Tuesday is within EV-TIME.
 */
const flow = evidenceFlow();
const { clock, env, call, caseAtSite, request } = flow;
const workers = createEvidenceWorkers(env.config, { now: flow.now });
const MONDAY_NOON = clock.getTime();

afterEach(() => {
  // The flow's clock is shared by the file: every test starts on Monday at noon again.
  clock.setTime(MONDAY_NOON);
});

/** Moves the flow's clock (the API's and the verifier's) to Tuesday 3 March 2026, 12:00 in Palopo. */
const nextDay = () => clock.setTime(MONDAY_NOON + 24 * 3_600_000);

/** Request as the site supervisor, upload, verify: the evidence as the PK then reads it. */
async function upload(target: { url: string }, bytes: Buffer, fields: Record<string, unknown>) {
  const requested = await request(target.url, bytes, fields, flow.world.claims.supervisor);
  expect(requested.status, JSON.stringify(requested.body)).toBe(201);
  await putUpload(requested.body.upload, bytes);
  await verifyStoredObjects(workers, createdEvent(requested.body.upload.url));
  const read = await call('GET', `${target.url}/${requested.body.id}`, { claims: flow.world.claims.officer });
  expect(read.status).toBe(200);
  return read.body;
}

describe('a photo taken offline', () => {
  it("EV-TIME: uploaded a day after its capture, for yesterday's session, it is verified without a warning", async () => {
    // Prepare: Monday's session, 08:00–11:00 at the site (recorded on Monday).
    const target = await caseAtSite();
    const bytes = jpegWithExif({
      dateTimeOriginal: '2026:03:02 09:15:00',
      offset: '+08:00',
      gps: EVIDENCE_SITE,
      padding: uniqueSuffix(),
    });
    nextDay();

    // Act
    const evidence = await upload(target, bytes, {
      sessionId: target.sessionId,
      capturedAt: '2026-03-02T09:15:00+08:00',
      location: { lat: EVIDENCE_SITE.lat, lng: EVIDENCE_SITE.lng, accuracyMeters: 10 },
      recordedOffline: true,
    });

    // Assess
    expect(evidence).toMatchObject({
      status: 'verified',
      recordedOffline: true,
      capturedAt: '2026-03-02T01:15:00.000Z',
      createdAt: '2026-03-03T04:00:00.000Z',
      warnings: [],
    });
    expect(evidence.checks.time).toMatchObject({
      source: 'exif',
      capturedAtLocal: '2026-03-02T09:15',
      session: { date: '2026-03-02' },
      withinSession: true,
    });
    expect(evidence.checks.location).toMatchObject({ insideRadius: true });
  });

  it('EV-TIME: without EXIF, the capture time the app declared is the one checked, not the upload', async () => {
    const target = await caseAtSite();
    nextDay();

    const evidence = await upload(target, png(), {
      contentType: 'image/png',
      fileName: 'offline.png',
      sessionId: target.sessionId,
      capturedAt: '2026-03-02T10:40:00+08:00',
      recordedOffline: true,
    });

    expect(evidence.status).toBe('verified');
    expect(evidence.checks.time).toMatchObject({
      source: 'declared',
      capturedAtLocal: '2026-03-02T10:40',
      withinSession: true,
    });
    expect(evidence.warnings).toEqual([]);
  });

  it('is unmarked unless the app says so, and the list shows the mark too', async () => {
    const target = await caseAtSite();
    const online = await request(target.url, png(), {
      contentType: 'image/png',
      sessionId: target.sessionId,
    });
    const offline = await request(target.url, jpegWithExif({ padding: uniqueSuffix() }), {
      sessionId: target.sessionId,
      recordedOffline: true,
    });
    expect(online.status).toBe(201);
    expect(offline.status).toBe(201);

    const listed = await call('GET', target.url, { claims: flow.world.claims.officer });
    const byId = new Map(
      (listed.body.items as { id: string; recordedOffline?: boolean }[]).map((e) => [e.id, e]),
    );
    expect(byId.get(offline.body.id)?.recordedOffline).toBe(true);
    expect(byId.get(online.body.id)).toBeDefined();
    expect(byId.get(online.body.id)?.recordedOffline).toBeUndefined();
  });

  it('refuses a mark that is not a boolean, naming recordedOffline', async () => {
    const target = await caseAtSite();
    const refused = await request(target.url, png(), { contentType: 'image/png', recordedOffline: 'ya' });
    expect(refused.status).toBe(400);
    expect((refused.body.errors as { path: string }[]).map((e) => e.path)).toContain('recordedOffline');
  });
});
