import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/store/keys';
import { apiCaller, type ApiResponse } from '../support/api';
import { newPartner, newSite } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { created, expectCreatedIn, patch } from '../support/requests';

/** 10:00 WITA on 1 June 2026 in the office (Asia/Makassar); tests may move it. */
const FIXED_NOW = new Date('2026-06-01T02:00:00Z');
let clock = FIXED_NOW;
const env = testEnvironment({ now: () => clock });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
const partners = (officeId = world.home) => `/v1/offices/${officeId}/partners`;
const sites = (officeId = world.home) => `/v1/offices/${officeId}/sites`;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

async function createPartner(overrides: Record<string, unknown> = {}, officeId = world.home) {
  const claims = officeId === world.home ? world.claims.admin : world.claims.otherAdmin;
  return created(await call('POST', partners(officeId), { claims, body: newPartner(overrides) }));
}

async function createSite(partnerId: string, overrides: Record<string, unknown> = {}, officeId = world.home) {
  const claims = officeId === world.home ? world.claims.admin : world.claims.otherAdmin;
  return created(await call('POST', sites(officeId), { claims, body: newSite(partnerId, overrides) }));
}

/** Follows `nextCursor` to the end of a list. */
async function collect(url: string, claims: Record<string, unknown>) {
  const items: { id: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const page: ApiResponse = await call('GET', cursor ? `${url}${separator}cursor=${cursor}` : url, {
      claims,
    });
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  return items;
}

const auditOf = async (type: 'partner' | 'site', id: string) =>
  (
    await env.db.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `O#${world.home}#AUDIT#${type}#${id}` },
      }),
    )
  ).Items ?? [];

const errorPaths = (response: ApiResponse) =>
  (response.body.errors as { path: string }[]).map((e) => e.path).sort();

describe('partners (PKS)', () => {
  it('records a partner with its agreement, an ETag, a location and an audit entry', async () => {
    const body = newPartner();

    const recorded = await call('POST', partners(), { claims: world.claims.admin, body });

    expectCreatedIn(partners(), recorded);
    expect(recorded.body).toMatchObject({
      ...body,
      id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      version: 1,
      agreementStatus: 'valid',
      createdAt: FIXED_NOW.toISOString(),
      updatedAt: FIXED_NOW.toISOString(),
    });
    const audit = await auditOf('partner', recorded.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'partner.create', actor: world.people.admin });
    expect(audit[0]!.changes).toContainEqual({
      field: 'agreement.validUntil',
      before: null,
      after: '2028-01-11',
    });
  });

  it('names each invalid field in problem+json', async () => {
    const response = await call('POST', partners(), {
      claims: world.claims.admin,
      body: {
        name: '',
        kind: 'shop',
        nonCommercial: 'yes',
        contact: { email: 'not-an-email' },
        agreement: {
          number: 'PKS/9',
          signedOn: '2026-02-30',
          validFrom: '2026-03-01',
          validUntil: '2026-02-01',
        },
      },
    });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(errorPaths(response)).toEqual([
      'agreement.signedOn',
      'agreement.validUntil',
      'contact.email',
      'contact.name',
      'kind',
      'name',
      'nonCommercial',
    ]);
  });

  it("computes agreementStatus against today in the office's time zone", async () => {
    const statusWith = async (validFrom: string, validUntil: string) => {
      const partner = await createPartner({
        agreement: { number: 'PKS/X', signedOn: validFrom, validFrom, validUntil },
      });
      return (await call('GET', `${partners()}/${partner.id}`, { claims: world.claims.officer })).body
        .agreementStatus;
    };

    // Today is 2026-06-01 in Palopo (WITA).
    expect(await statusWith('2026-06-02', '2027-06-01')).toBe('not_yet_valid');
    expect(await statusWith('2026-01-01', '2026-07-02')).toBe('valid');
    expect(await statusWith('2026-01-01', '2026-07-01')).toBe('expiring');
    expect(await statusWith('2026-01-01', '2026-06-01')).toBe('expiring');
    expect(await statusWith('2025-01-01', '2026-05-31')).toBe('expired');

    // 00:30 WITA on 1 June is still 31 May in UTC: the office's day counts.
    clock = new Date('2026-05-31T16:30:00Z');
    try {
      expect(await statusWith('2026-06-01', '2027-05-31')).toBe('valid');
    } finally {
      clock = FIXED_NOW;
    }
  });

  it('lists partners by name in pages with a signed cursor, filtered by kind', async () => {
    const religious = [
      await createPartner({ kind: 'religious', name: `Masjid A ${uniqueSuffix()}` }),
      await createPartner({ kind: 'religious', name: `Masjid B ${uniqueSuffix()}` }),
      await createPartner({ kind: 'religious', name: `Masjid C ${uniqueSuffix()}` }),
    ];
    await createPartner({ kind: 'education' });

    const first = await call('GET', `${partners()}?limit=2`, { claims: world.claims.admin });
    const all = await collect(`${partners()}?limit=2`, world.claims.admin);
    const onlyReligious = await collect(`${partners()}?kind=religious&limit=2`, world.claims.admin);

    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    const names = all.map((p) => (p as unknown as { name: string }).name.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(onlyReligious.map((p) => p.id).sort()).toEqual(religious.map((p) => p.id).sort());
  });

  it('refuses a cursor of another filter, an edited cursor and an unknown kind with 400', async () => {
    await createPartner();
    await createPartner();
    const first = await call('GET', `${partners()}?limit=1`, { claims: world.claims.admin });
    const [payload, signature] = first.body.nextCursor.split('.');

    const otherFilter = await call('GET', `${partners()}?kind=government&cursor=${first.body.nextCursor}`, {
      claims: world.claims.admin,
    });
    const edited = await call('GET', `${partners()}?cursor=${payload.slice(0, -2)}AA.${signature}`, {
      claims: world.claims.admin,
    });
    const badKind = await call('GET', `${partners()}?kind=shop`, { claims: world.claims.admin });

    expect(otherFilter.status).toBe(400);
    expect(otherFilter.body.errors[0].path).toBe('query.cursor');
    expect(edited.status).toBe(400);
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors[0].path).toBe('query.kind');
  });

  it('changes a partner with If-Match: 428 without, 412 when stale, 200 with the current ETag', async () => {
    const partner = await createPartner();
    const url = `${partners()}/${partner.id}`;
    const renewal = {
      agreement: {
        number: 'PKS/07/BAPAS-PLP/VI/2026',
        signedOn: '2026-05-20',
        validFrom: '2026-05-20',
        validUntil: '2026-06-20',
      },
    };

    const missing = await patch(call, url, world.claims.admin, renewal);
    const stale = await patch(call, url, world.claims.admin, renewal, 7);
    const fresh = await patch(call, url, world.claims.admin, renewal, 1);
    const replayed = await patch(call, url, world.claims.admin, { nonCommercial: false }, 1);

    expect(missing.status).toBe(428);
    expect(stale.status).toBe(412);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.etag).toBe('"2"');
    expect(fresh.body).toMatchObject({
      ...renewal,
      agreementStatus: 'expiring',
      version: 2,
      nonCommercial: true,
    });
    expect(replayed.status).toBe(412);
    const update = (await auditOf('partner', partner.id)).find((a) => a.action === 'partner.update');
    expect(update?.changes).toEqual(
      expect.arrayContaining([
        { field: 'agreement.number', before: 'PKS/01/BAPAS-PLP/I/2026', after: 'PKS/07/BAPAS-PLP/VI/2026' },
        { field: 'agreement.validUntil', before: '2028-01-11', after: '2026-06-20' },
      ]),
    );
    expect(update?.changes).toHaveLength(4);
  });

  it('refuses an empty change and an invalid renewal with 400', async () => {
    const partner = await createPartner();
    const url = `${partners()}/${partner.id}`;

    const empty = await patch(call, url, world.claims.admin, {}, 1);
    const backwards = await patch(
      call,
      url,
      world.claims.admin,
      {
        agreement: {
          number: 'PKS/8',
          signedOn: '2026-01-01',
          validFrom: '2027-01-01',
          validUntil: '2026-01-01',
        },
      },
      1,
    );

    expect(empty.status).toBe(400);
    expect(backwards.status).toBe(400);
    expect(errorPaths(backwards)).toEqual(['agreement.validUntil']);
  });

  it("answers 404 for another office's partner and for a stranger to the office", async () => {
    const theirs = await createPartner({}, world.other);

    const fromHome = await call('GET', `${partners()}/${theirs.id}`, { claims: world.claims.admin });
    const stranger = await call('GET', partners(), { claims: world.claims.otherAdmin });

    expect(fromHome.status).toBe(404);
    expect(stranger.status).toBe(404);
  });

  it('lets the integration client and every reader read, but only an admin write', async () => {
    const partner = await createPartner();

    const listed = await call('GET', partners(), { claims: world.claims.integration });
    const read = await call('GET', `${partners()}/${partner.id}`, { claims: world.claims.integration });
    const byProsecutor = await call('GET', `${partners()}/${partner.id}`, {
      claims: world.claims.prosecutor,
    });
    const written = await call('POST', partners(), { claims: world.claims.integration, body: newPartner() });
    const byOfficer = await patch(
      call,
      `${partners()}/${partner.id}`,
      world.claims.officer,
      { name: 'X' },
      1,
    );

    expect(listed.status).toBe(200);
    expect(read.status).toBe(200);
    expect(byProsecutor.status).toBe(200);
    expect(written.status).toBe(403);
    expect(byOfficer.status).toBe(403);
  });

  it('replays a retried POST with the same Idempotency-Key and records one partner', async () => {
    const body = newPartner();
    const key = `key-${uniqueSuffix()}`;
    const send = () =>
      call('POST', partners(), { claims: world.claims.admin, body, headers: { 'idempotency-key': key } });

    const first = await send();
    const retry = await send();

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const named = (await collect(`${partners()}?limit=100`, world.claims.admin)).filter(
      (p) => (p as unknown as { name: string }).name === body.name,
    );
    expect(named).toHaveLength(1);
    expect(await auditOf('partner', first.body.id)).toHaveLength(1);
  });
});

describe('work sites', () => {
  let partnerId: string;
  beforeAll(async () => {
    partnerId = (await createPartner()).id;
  });

  it('records a site with every weekday unoccupied, an ETag and an audit entry', async () => {
    const body = newSite(partnerId);

    const recorded = await call('POST', sites(), { claims: world.claims.admin, body });

    expectCreatedIn(sites(), recorded);
    expect(recorded.body).toMatchObject({
      ...body,
      active: true,
      version: 1,
      occupancy: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, '7': 0 },
    });
    const audit = await auditOf('site', recorded.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'site.create', subjectType: 'site' });
    expect(audit[0]!.changes.map((c: { field: string }) => c.field)).not.toContain('occupancy.1');
  });

  it('names each invalid field in problem+json', async () => {
    const response = await call('POST', sites(), {
      claims: world.claims.admin,
      body: {
        ...newSite(partnerId),
        name: ' ',
        location: { lat: 20, lng: 10, radiusMeters: 5 },
        capacity: 0,
        activities: [],
        active: 'yes',
      },
    });

    expect(response.status).toBe(400);
    expect(errorPaths(response)).toEqual([
      'active',
      'activities',
      'capacity',
      'location.lat',
      'location.lng',
      'location.radiusMeters',
      'name',
    ]);
  });

  it('refuses a partner of another office, or none, with 400 naming partnerId', async () => {
    const theirs = await createPartner({}, world.other);

    const elsewhere = await call('POST', sites(), { claims: world.claims.admin, body: newSite(theirs.id) });
    const nobody = await call('POST', sites(), {
      claims: world.claims.admin,
      body: newSite('no-such-partner'),
    });

    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual([
      { path: 'partnerId', message: 'No such partner in this office.', rule: 'SITE-PARTNER' },
    ]);
    expect(nobody.status).toBe(400);
    expect(nobody.body.errors[0].path).toBe('partnerId');
  });

  it('lists sites by name, filtered by partner and by active', async () => {
    const otherPartner = (await createPartner({ kind: 'social' })).id;
    const a = await createSite(otherPartner, { name: `Panti A ${uniqueSuffix()}` });
    const b = await createSite(otherPartner, { name: `Panti B ${uniqueSuffix()}`, active: false });
    const c = await createSite(partnerId);

    const ofPartner = await collect(`${sites()}?partnerId=${otherPartner}&limit=1`, world.claims.officer);
    const activeOfPartner = await collect(
      `${sites()}?partnerId=${otherPartner}&active=true`,
      world.claims.officer,
    );
    const inactive = await collect(`${sites()}?active=false`, world.claims.officer);
    const all = await collect(`${sites()}?limit=2`, world.claims.officer);

    expect(ofPartner.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(activeOfPartner.map((s) => s.id)).toEqual([a.id]);
    expect(inactive.map((s) => s.id)).toEqual([b.id]);
    expect(all.map((s) => s.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
  });

  it('changes a site with If-Match and never overwrites the occupancy placements keep', async () => {
    const site = await createSite(partnerId);
    const url = `${sites()}/${site.id}`;
    await setOccupancy(site.id, { '2': 3, '4': 1 });

    const missing = await patch(call, url, world.claims.admin, { name: 'Masjid Baru' });
    const stale = await patch(call, url, world.claims.admin, { name: 'Masjid Baru' }, 9);
    const fresh = await patch(
      call,
      url,
      world.claims.admin,
      { name: 'Masjid Baru', activities: ['Menyapu halaman'], capacity: 3 },
      1,
    );
    const reread = await call('GET', url, { claims: world.claims.admin });

    expect(missing.status).toBe(428);
    expect(stale.status).toBe(412);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.etag).toBe('"2"');
    expect(reread.body).toMatchObject({
      name: 'Masjid Baru',
      activities: ['Menyapu halaman'],
      capacity: 3,
      version: 2,
      occupancy: { '1': 0, '2': 3, '3': 0, '4': 1, '5': 0, '6': 0, '7': 0 },
    });
    const update = (await auditOf('site', site.id)).find((a) => a.action === 'site.update');
    expect(update?.changes.map((c: { field: string }) => c.field).sort()).toEqual([
      'activities',
      'capacity',
      'name',
    ]);
  });

  it('refuses a capacity below the busiest weekday with 409 naming capacity', async () => {
    const site = await createSite(partnerId, { capacity: 5 });
    const url = `${sites()}/${site.id}`;
    await setOccupancy(site.id, { '1': 2, '6': 4 });

    const below = await patch(call, url, world.claims.admin, { capacity: 3 }, 1);

    expect(below.status).toBe(409);
    expect(below.body.errors).toEqual([
      {
        path: 'capacity',
        message: 'At least 4: placements fill that many places on one weekday.',
        rule: 'SITE-CAPACITY',
      },
    ]);
    expect((await call('GET', url, { claims: world.claims.admin })).body.capacity).toBe(5);
  });

  it('refuses a capacity below occupancy even when a placement lands between read and write', async () => {
    const site = await createSite(partnerId, { capacity: 5 });
    const current = (await env.deps.sites.get(world.home, site.id))!;
    await setOccupancy(site.id, { '3': 5 });

    const write = env.deps.sites.update(world.home, current, { capacity: 4 }, 1, {
      actor: world.people.admin,
      at: FIXED_NOW,
    });

    await expect(write).rejects.toMatchObject({ name: 'CapacityBelowOccupancy', occupied: 5 });
  });

  it('moves a site only to a partner of the same office', async () => {
    const site = await createSite(partnerId);
    const theirs = await createPartner({}, world.other);
    const ours = await createPartner({ kind: 'religious' });
    const url = `${sites()}/${site.id}`;

    const elsewhere = await patch(call, url, world.claims.admin, { partnerId: theirs.id }, 1);
    const moved = await patch(call, url, world.claims.admin, { partnerId: ours.id }, 1);
    const listed = await collect(`${sites()}?partnerId=${ours.id}`, world.claims.admin);

    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors[0].path).toBe('partnerId');
    expect(moved.status).toBe(200);
    expect(listed.map((s) => s.id)).toEqual([site.id]);
  });

  it('shows a supervisor only their own sites', async () => {
    // The fixture grants the supervisor `world.siteId`: record that very site through the store.
    await env.deps.sites.create(
      world.home,
      world.siteId,
      { ...newSite(partnerId), active: true },
      { actor: world.people.admin, at: FIXED_NOW },
    );
    const someoneElses = await createSite(partnerId);

    const listed = await call('GET', sites(), { claims: world.claims.supervisor });
    const own = await call('GET', `${sites()}/${world.siteId}`, { claims: world.claims.supervisor });
    const other = await call('GET', `${sites()}/${someoneElses.id}`, { claims: world.claims.supervisor });
    const filteredAway = await call('GET', `${sites()}?active=false`, { claims: world.claims.supervisor });
    const byAdmin = await call('GET', `${sites()}/${world.siteId}`, { claims: world.claims.admin });

    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [own.body], nextCursor: null });
    expect(own.status).toBe(200);
    expect(other.status).toBe(404);
    expect(filteredAway.body.items).toEqual([]);
    expect(byAdmin.status).toBe(200);
  });

  it("answers 404 for another office's site", async () => {
    const theirPartner = await createPartner({}, world.other);
    const theirs = await createSite(theirPartner.id, {}, world.other);

    const fromHome = await call('GET', `${sites()}/${theirs.id}`, { claims: world.claims.admin });
    const patched = await patch(call, `${sites()}/${theirs.id}`, world.claims.admin, { active: false }, 1);

    expect(fromHome.status).toBe(404);
    expect(patched.status).toBe(404);
  });

  it('lets the integration client read sites but not write them', async () => {
    const site = await createSite(partnerId);

    const listed = await call('GET', sites(), { claims: world.claims.integration });
    const read = await call('GET', `${sites()}/${site.id}`, { claims: world.claims.integration });
    const written = await call('POST', sites(), {
      claims: world.claims.integration,
      body: newSite(partnerId),
    });

    expect(listed.status).toBe(200);
    expect(read.status).toBe(200);
    expect(written.status).toBe(403);
  });

  it('replays a retried POST with the same Idempotency-Key and records one site', async () => {
    const body = newSite(partnerId);
    const key = `key-${uniqueSuffix()}`;
    const send = () =>
      call('POST', sites(), { claims: world.claims.admin, body, headers: { 'idempotency-key': key } });

    const first = await send();
    const retry = await send();
    const changed = await call('POST', sites(), {
      claims: world.claims.admin,
      body: { ...body, capacity: 2 },
      headers: { 'idempotency-key': key },
    });

    expect(first.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(changed.status).toBe(422);
    const named = (await collect(`${sites()}?partnerId=${partnerId}&limit=100`, world.claims.admin)).filter(
      (s) => (s as unknown as { name: string }).name === body.name,
    );
    expect(named).toHaveLength(1);
  });
});

/** Stands in for placements, which own the occupancy counters. */
async function setOccupancy(siteId: string, counts: Record<string, number>) {
  const entries = Object.entries(counts);
  await env.db.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.site(world.home, siteId),
      UpdateExpression: `SET ${entries.map((_, i) => `occupancy.#d${i} = :n${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([d], i) => [`#d${i}`, d])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], i) => [`:n${i}`, n])),
    }),
  );
}
