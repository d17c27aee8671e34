import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, userClaims, type ApiResponse } from '../support/api';
import { adultClient, lawfulCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { created } from '../support/requests';

/**
 * The breach register through the API (UU 27/2022 Pasal 46, ADR 0022): a breach naming two offices is
 * seen by both and by no other, its affected clients come from the audit log inside the exposure
 * window, a late notice is flagged and kept, and closing waits for both notices.
 */
let clock = new Date('2026-06-01T02:00:00Z');
const env = testEnvironment({ now: () => clock });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let farAdmin: Record<string, unknown>;

const at = (iso: string) => {
  clock = new Date(iso);
};
const breaches = (officeId = world.home) => `/v1/offices/${officeId}/breaches`;
const errorPaths = (response: ApiResponse) =>
  ((response.body.errors ?? []) as { path: string }[]).map((e) => e.path).sort();

/** Clients and a case written at known instants, around the exposure window of 1 June 12:00 – 3 June 00:00. */
const people: Record<'before' | 'inside' | 'viaCase' | 'after', { id: string; fullName: string }> =
  {} as never;
let caseId = '';

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  const farAdminName = `far-admin-${uniqueSuffix()}`;
  await env.directory.putUser(
    { username: farAdminName, fullName: 'Admin Jauh', email: 'far@example.invalid', status: 'active' },
    [{ role: 'admin', officeId: world.far }],
  );
  farAdmin = userClaims(farAdminName);
  const register = async (name: keyof typeof people, iso: string, claims = world.claims.admin) => {
    at(iso);
    const body = adultClient({ fullName: `Klien ${name} ${uniqueSuffix()}` });
    const client = created(await call('POST', `/v1/offices/${world.home}/clients`, { claims, body }));
    people[name] = { id: client.id, fullName: body.fullName as string };
  };
  await register('before', '2026-06-01T02:00:00Z');
  await register('viaCase', '2026-06-01T03:00:00Z', world.claims.officer);
  await register('inside', '2026-06-02T02:00:00Z');
  at('2026-06-02T03:00:00Z');
  const registered = await call('POST', `/v1/offices/${world.home}/cases`, {
    claims: world.claims.officer,
    body: lawfulCase(people.viaCase.id, world.people.officer),
  });
  caseId = created(registered).id;
  await register('after', '2026-06-04T02:00:00Z');
});

const report = () => ({
  what: 'Laptop PK hilang; berisi salinan daftar klien',
  discoveredAt: '2026-06-03T09:00:00+08:00',
  exposure: { from: '2026-06-01T12:00:00Z', to: '2026-06-03T00:00:00Z' },
  officeIds: [world.home, world.other],
  recordTypes: ['client', 'case'],
  suspectActor: world.people.officer,
});

describe('the breach register', () => {
  let breachId = '';

  it('opens a breach naming two offices; both admins list it as open with its deadline, a third gets 404', async () => {
    at('2026-06-04T03:00:00Z');
    const opened = await call('POST', breaches(), { claims: world.claims.admin, body: report() });

    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    breachId = opened.body.id;
    expect(opened.headers.location).toBe(`${breaches()}/${breachId}`);
    expect(opened.body).toMatchObject({
      status: 'open',
      discoveredAt: '2026-06-03T01:00:00.000Z',
      deadline: '2026-06-06T01:00:00.000Z',
      openedBy: { officeId: world.home, actor: world.people.admin },
      clock: { running: true, hoursLeft: 46, overdue: false, pending: ['subjects', 'authority'] },
    });
    for (const [officeId, claims] of [
      [world.home, world.claims.admin],
      [world.other, world.claims.otherAdmin],
    ] as const) {
      const listed = await call('GET', `${breaches(officeId)}?status=open`, { claims });
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: breachId, status: 'open', deadline: '2026-06-06T01:00:00.000Z' }),
      ]);
      expect((await call('GET', `${breaches(officeId)}/${breachId}`, { claims })).status).toBe(200);
    }
    // The Kanwil of the region reads it; an office the breach does not name does not know it exists.
    expect((await call('GET', `${breaches()}/${breachId}`, { claims: world.claims.regional })).status).toBe(
      200,
    );
    const stranger = await call('GET', `${breaches(world.far)}/${breachId}`, { claims: farAdmin });
    expect(stranger.status).toBe(404);
    expect((await call('GET', breaches(world.far), { claims: farAdmin })).body.items).toEqual([]);
    expect(
      (
        await call('POST', `${breaches(world.far)}/${breachId}/notices`, {
          claims: farAdmin,
          body: notice('subjects', '2026-06-04T03:00:00Z'),
        })
      ).status,
    ).toBe(404);
  });

  it('lists the affected clients from audit entries inside the exposure window, and says which window', async () => {
    const page = await call('GET', `${breaches()}/${breachId}/affected-clients`, {
      claims: world.claims.admin,
    });

    expect(page.status).toBe(200);
    expect(page.body.window).toEqual({
      officeId: world.home,
      from: '2026-06-01T12:00:00.000Z',
      to: '2026-06-03T00:00:00.000Z',
    });
    const byId = new Map((page.body.items as { clientId: string }[]).map((item) => [item.clientId, item]));
    expect(byId.get(people.inside.id)).toEqual({
      clientId: people.inside.id,
      fullName: people.inside.fullName,
      caseIds: [],
    });
    expect(byId.get(people.viaCase.id)).toEqual({
      clientId: people.viaCase.id,
      fullName: people.viaCase.fullName,
      caseIds: [caseId],
    });
    // Touched only before or after the window: not listed.
    expect(byId.has(people.before.id)).toBe(false);
    expect(byId.has(people.after.id)).toBe(false);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toBeNull();

    const suspect = await call('GET', `${breaches()}/${breachId}/affected-clients?suspectOnly=true`, {
      claims: world.claims.admin,
    });
    expect(suspect.body.window.actor).toBe(world.people.officer);
    expect((suspect.body.items as { clientId: string }[]).map((c) => c.clientId)).toEqual([
      people.viaCase.id,
    ]);
  });

  it('pages the affected clients, each page within its limit', async () => {
    const first = await call('GET', `${breaches()}/${breachId}/affected-clients?limit=1`, {
      claims: world.claims.admin,
    });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call(
      'GET',
      `${breaches()}/${breachId}/affected-clients?limit=1&cursor=${first.body.nextCursor}`,
      {
        claims: world.claims.admin,
      },
    );
    const ids = [...first.body.items, ...second.body.items]
      .map((c: { clientId: string }) => c.clientId)
      .sort();
    expect(ids).toEqual([people.inside.id, people.viaCase.id].sort());
  });

  it('refuses to close until both notices exist; a notice after the deadline is accepted and flagged late', async () => {
    at('2026-06-05T00:30:00Z');
    // The other office's admin records the notice to the authority, on their own office's path.
    const authority = await call('POST', `${breaches(world.other)}/${breachId}/notices`, {
      claims: world.claims.otherAdmin,
      body: notice('authority', '2026-06-05T00:00:00Z'),
    });
    expect(authority.status, JSON.stringify(authority.body)).toBe(200);
    expect(authority.body.notices.authority).toMatchObject({
      late: false,
      recordedBy: world.people.otherAdmin,
    });
    expect(authority.body).toMatchObject({ status: 'open', clock: { pending: ['subjects'] } });

    const early = await call('POST', `${breaches()}/${breachId}/close`, {
      claims: world.claims.admin,
      body: closing(),
    });
    expect(early.status).toBe(409);
    expect(early.body.errors).toEqual([
      expect.objectContaining({ path: 'notices', rule: 'PDP-BREACH-CLOSE' }),
    ]);

    at('2026-06-06T05:00:00Z');
    const late = await call('POST', `${breaches()}/${breachId}/notices`, {
      claims: world.claims.admin,
      body: notice('subjects', '2026-06-06T04:00:00Z'),
    });
    expect(late.status).toBe(200);
    expect(late.body.notices.subjects).toMatchObject({ late: true, sentAt: '2026-06-06T04:00:00.000Z' });
    expect(late.body).toMatchObject({
      status: 'notified',
      clock: { running: false, pending: [], overdue: true },
    });
    // The other office's copy moved in the same transaction.
    const theirs = await call('GET', breaches(world.other), { claims: world.claims.otherAdmin });
    expect(theirs.body.items[0]).toMatchObject({
      id: breachId,
      status: 'notified',
      notices: { subjects: { late: true } },
    });

    const again = await call('POST', `${breaches()}/${breachId}/notices`, {
      claims: world.claims.admin,
      body: notice('subjects', '2026-06-06T04:30:00Z'),
    });
    expect(again.status).toBe(409);

    const closed = await call('POST', `${breaches()}/${breachId}/close`, {
      claims: world.claims.admin,
      body: closing(),
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closing: { ...closing(), closedBy: world.people.admin },
    });
    for (const [officeId, claims] of [
      [world.home, world.claims.admin],
      [world.other, world.claims.otherAdmin],
    ] as const) {
      expect((await call('GET', `${breaches(officeId)}?status=open`, { claims })).body.items).toEqual([]);
      expect((await call('GET', `${breaches(officeId)}?status=closed`, { claims })).body.items).toEqual([
        expect.objectContaining({ id: breachId, status: 'closed' }),
      ]);
    }
  });

  it('answers bad input with a 4xx problem naming the field', async () => {
    at('2026-06-06T05:00:00Z');
    const malformed = await call('POST', breaches(), {
      claims: world.claims.admin,
      body: { ...report(), discoveredAt: 'kemarin', recordTypes: ['diary'] },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toBe('application/problem+json');
    expect(errorPaths(malformed)).toEqual(['discoveredAt', 'recordTypes.0']);

    const future = await call('POST', breaches(), {
      claims: world.claims.admin,
      body: { ...report(), discoveredAt: '2026-06-07T00:00:00Z', officeIds: [world.other] },
    });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'discoveredAt', rule: 'PDP-BREACH-REPORT' }),
        expect.objectContaining({ path: 'officeIds', rule: 'PDP-BREACH-REPORT' }),
      ]),
    );

    const unknownOffice = await call('POST', breaches(), {
      claims: world.claims.admin,
      body: { ...report(), officeIds: [world.home, 'bapas-tidak-ada'] },
    });
    expect(unknownOffice.status).toBe(400);
    expect(errorPaths(unknownOffice)).toEqual(['officeIds.1']);

    const noEvidence = await call('POST', `${breaches()}/${'0'.repeat(26)}/close`, {
      claims: world.claims.admin,
      body: { summary: 'x', evidence: [] },
    });
    expect(noEvidence.status).toBe(400);
    expect(errorPaths(noEvidence)).toEqual(['evidence']);
  });
});

function notice(audience: 'subjects' | 'authority', sentAt: string) {
  return { audience, sentAt, channel: 'letter', reference: `B-${audience}/PDP/VI/2026` };
}

function closing() {
  return {
    summary: 'Kata sandi seluruh akun diganti; laptop dilaporkan ke kepolisian',
    evidence: [{ description: 'Laporan polisi', reference: 'LP/123/VI/2026/Polres Palopo' }],
  };
}
