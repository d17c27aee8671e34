import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';

/**
 * Field work recorded without signal (issue 20, item 1; ADR 0024) through the API, against DynamoDB
 * Local: a session's offline mark (recorded and flagged, never refused), and the office's list of offline
 * records refused on sync, kept for the PK until resolved.
 */
// Monday 29 June 2026, 16:00 in Palopo (WITA): the cases' whole window (1 March – 30 June) has begun.
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let office: string;
let caseId: string;

type Claims = Record<string, unknown>;
interface Refusal {
  id: string;
  caseId: string;
  status: string;
  recordedBy: string;
}

const key = () => ({ 'idempotency-key': `off-${uniqueSuffix()}` });
const fieldsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

/** A session the supervisor recorded offline on `date`, 08:00–11:00, at their site. */
const offlineSession = (date: string, offline: Record<string, unknown>) => ({
  date,
  startTime: '08:00',
  endTime: '11:00',
  siteId: world.siteId,
  outcome: 'attended',
  offline,
});

/** What the field app posts when the API refused an outbox item. */
const refusedSession = (overrides: Record<string, unknown> = {}) => ({
  caseId,
  kind: 'session',
  recordedAt: '2026-06-29T11:05:00+08:00',
  siteId: world.siteId,
  record: { date: '2026-06-29', startTime: '08:00', endTime: '11:00', outcome: 'attended', notes: 'Hadir' },
  refusal: {
    status: 409,
    type: 'https://abdi.id/problems/conflict',
    title: 'Conflict',
    detail: 'Sessions cannot be recorded on a closed case.',
    rules: ['CR-CASE-STATUS'],
  },
  ...overrides,
});

const keep = (body: unknown, claims: Claims = world.claims.supervisor, headers = key()) =>
  call('POST', `${office}/offline-refusals`, { claims, headers, body });
const list = (claims: Claims, query = '', at = office) =>
  call('GET', `${at}/offline-refusals?limit=100${query}`, { claims });
const resolve = (id: string, claims: Claims = world.claims.officer, at = office) =>
  call('POST', `${at}/offline-refusals/${id}/resolve`, {
    claims,
    headers: key(),
    body: { note: 'Dicatat ulang dari daftar hadir kertas' },
  });

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  office = `/v1/offices/${world.home}`;
  await fixtureSite(env.deps, world);
  caseId = (await placedCase(call, world)).caseId;
});

describe('a session recorded offline', () => {
  it('OFFLINE-RECORD: keeps the device time and position on the session, its list and its audit entry', async () => {
    // Act: tapped at 11:05 on the device, arrived at 16:00.
    const recorded = await call('POST', `${office}/cases/${caseId}/sessions`, {
      claims: world.claims.supervisor,
      headers: key(),
      body: offlineSession('2026-06-29', {
        recordedAt: '2026-06-29T11:05:00+08:00',
        location: { lat: -2.9712, lng: 120.1788, accuracyMeters: 8 },
      }),
    });

    // Assess
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const mark = {
      recordedAt: '2026-06-29T03:05:00.000Z',
      location: { lat: -2.9712, lng: 120.1788, accuracyMeters: 8 },
    };
    expect(recorded.body.offline).toEqual(mark);
    expect(recorded.body).toMatchObject({ date: '2026-06-29', startTime: '08:00', verified: false });
    const listed = await call('GET', `${office}/cases/${caseId}/sessions`, { claims: world.claims.officer });
    const shown = (listed.body.items as { id: string; offline?: unknown }[]).find(
      (s) => s.id === recorded.body.id,
    );
    expect(shown?.offline).toEqual(mark);
    const audit = await call('GET', `${office}/cases/${caseId}/audit`, { claims: world.claims.officer });
    const entry = (
      audit.body.items as { action: string; changes: { field: string; after: unknown }[] }[]
    ).find((e) => e.action === 'session.create');
    expect(entry?.changes).toContainEqual(
      expect.objectContaining({ field: 'session.offline.recordedAt', after: mark.recordedAt }),
    );
  });

  it('OFFLINE-RECORD: a sync 9 days late is recorded and flagged, not refused', async () => {
    const recorded = await call('POST', `${office}/cases/${caseId}/sessions`, {
      claims: world.claims.supervisor,
      body: offlineSession('2026-06-20', { recordedAt: '2026-06-20T11:10:00+08:00' }),
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body.offline).toEqual({ recordedAt: '2026-06-20T03:10:00.000Z', flags: ['sent_late'] });
  });

  it('refuses a malformed mark naming offline.recordedAt, and an unknown field in it', async () => {
    const bad = await call('POST', `${office}/cases/${caseId}/sessions`, {
      claims: world.claims.supervisor,
      body: offlineSession('2026-06-22', { recordedAt: '2026-06-22 11:00' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toBe('application/problem+json');
    expect(fieldsOf(bad.body)).toContain('offline.recordedAt');
    const extra = await call('POST', `${office}/cases/${caseId}/sessions`, {
      claims: world.claims.supervisor,
      body: offlineSession('2026-06-22', { recordedAt: '2026-06-22T11:00:00+08:00', battery: 3 }),
    });
    expect(extra.status).toBe(400);
  });
});

describe('offline records refused on sync', () => {
  it('keeps one record per Idempotency-Key, open, with who sent it and when it arrived', async () => {
    // Act: the outbox retries with its item's own key.
    const headers = key();
    const first = await keep(refusedSession(), world.claims.supervisor, headers);
    const again = await keep(refusedSession(), world.claims.supervisor, headers);

    // Assess
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({
      caseId,
      kind: 'session',
      status: 'open',
      recordedAt: '2026-06-29T03:05:00.000Z',
      recordedBy: world.people.supervisor,
      receivedAt: '2026-06-29T08:00:00.000Z',
      record: { date: '2026-06-29', outcome: 'attended', notes: 'Hadir' },
      refusal: { status: 409, rules: ['CR-CASE-STATUS'] },
    });
    expect(typeof first.body.clientName).toBe('string');
    const listed = await list(world.claims.admin);
    expect((listed.body.items as Refusal[]).filter((r) => r.id === first.body.id)).toHaveLength(1);
    const audit = await call('GET', `${office}/cases/${caseId}/audit`, { claims: world.claims.officer });
    const kept = (audit.body.items as { action: string }[]).filter(
      (e) => e.action === 'offline-refusal.record',
    );
    expect(kept.length).toBeGreaterThanOrEqual(1);
  });

  it('lists open ones first for the PK and the admin; a supervisor sees only their own', async () => {
    const mine = await keep(refusedSession({ kind: 'evidence', record: { fileName: 'IMG_0042.jpg' } }));
    const officers = await keep(refusedSession(), world.claims.officer);
    expect(officers.status).toBe(201);

    for (const claims of [world.claims.admin, world.claims.officer]) {
      const ids = ((await list(claims)).body.items as Refusal[]).map((r) => r.id);
      expect(ids).toEqual(expect.arrayContaining([mine.body.id, officers.body.id]));
    }
    const own = (await list(world.claims.supervisor)).body.items as Refusal[];
    expect(own.map((r) => r.id)).toContain(mine.body.id);
    expect(own.every((r) => r.recordedBy === world.people.supervisor)).toBe(true);
    expect(own.map((r) => r.id)).not.toContain(officers.body.id);
  });

  it('resolves once with the note; a second resolve is 409; the status filter follows', async () => {
    const kept = await keep(refusedSession());

    const resolved = await resolve(kept.body.id);
    const twice = await resolve(kept.body.id);

    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolvedBy: world.people.officer,
      resolvedAt: '2026-06-29T08:00:00.000Z',
      note: 'Dicatat ulang dari daftar hadir kertas',
    });
    expect(twice.status).toBe(409);
    // In the case's trail, and never as a bare `status`: that is the case's own (a webhook event).
    const audit = await call('GET', `${office}/cases/${caseId}/audit?limit=100`, {
      claims: world.claims.officer,
    });
    const entry = (
      audit.body.items as {
        action: string;
        recordId?: string;
        changes: { field: string; after: unknown }[];
      }[]
    ).find((e) => e.action === 'offline-refusal.resolve');
    expect(entry?.changes).toEqual([
      expect.objectContaining({ field: 'offlineRefusal.status', after: 'resolved' }),
    ]);
    const open = (await list(world.claims.admin, '&status=open')).body.items as Refusal[];
    const done = (await list(world.claims.admin, '&status=resolved')).body.items as Refusal[];
    expect(open.map((r) => r.id)).not.toContain(kept.body.id);
    expect(done.map((r) => r.id)).toContain(kept.body.id);
    expect(open.every((r) => r.status === 'open') && done.every((r) => r.status === 'resolved')).toBe(true);
    // Open ones come first in the whole list.
    const all = ((await list(world.claims.admin)).body.items as Refusal[]).map((r) => r.status);
    expect(all.indexOf('resolved')).toBeGreaterThan(all.lastIndexOf('open'));
  });

  it("another office's staff get 404 for the record, and see none of it", async () => {
    const kept = await keep(refusedSession());
    const otherOffice = `/v1/offices/${world.other}`;

    expect((await resolve(kept.body.id, world.claims.otherAdmin, otherOffice)).status).toBe(404);
    expect((await resolve(kept.body.id, world.claims.otherAdmin)).status).toBe(404);
    const theirs = await list(world.claims.otherAdmin, '', otherOffice);
    expect(theirs.status).toBe(200);
    expect((theirs.body.items as Refusal[]).map((r) => r.id)).not.toContain(kept.body.id);
    // A well-formed id of no record is as unknown as another office's.
    expect((await resolve(`${caseId}-${'0'.repeat(26)}`)).status).toBe(404);
  });

  it('the supervisor sends but does not resolve; the jaksa and the Kanwil neither send nor read', async () => {
    const kept = await keep(refusedSession());
    expect((await resolve(kept.body.id, world.claims.supervisor)).status).toBe(403);
    for (const claims of [world.claims.prosecutor, world.claims.regional]) {
      expect((await keep(refusedSession(), claims)).status).toBe(403);
      expect((await list(claims)).status).toBe(403);
    }
  });

  it('refuses bad bodies with 400, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [refusedSession({ caseId: 'not-a-case' }), 'caseId'],
      [refusedSession({ caseId: '0'.repeat(26) }), 'caseId'],
      [refusedSession({ kind: 'payment' }), 'kind'],
      [refusedSession({ recordedAt: 'kemarin' }), 'recordedAt'],
      [refusedSession({ record: { sha256: 'xyz' } }), 'record.sha256'],
      [refusedSession({ record: { startTime: '8.00' } }), 'record.startTime'],
      [
        refusedSession({
          refusal: { status: 401, type: 'https://abdi.id/problems/unauthenticated', title: 'x' },
        }),
        'refusal.status',
      ],
      [refusedSession({ refusal: { status: 500, type: 't', title: 'x' } }), 'refusal.status'],
      [refusedSession({ refusal: { status: 409, title: 'x' } }), 'refusal.type'],
    ];
    for (const [body, field] of cases) {
      const refused = await keep(body);
      expect(refused.status, field).toBe(400);
      expect(refused.headers['content-type']).toBe('application/problem+json');
      expect(fieldsOf(refused.body), JSON.stringify(refused.body)).toContain(field);
    }
    const noNote = await call('POST', `${office}/offline-refusals/${caseId}-${'0'.repeat(26)}/resolve`, {
      claims: world.claims.officer,
      body: {},
    });
    expect(noNote.status).toBe(400);
    expect(fieldsOf(noNote.body)).toContain('note');
  });
});
