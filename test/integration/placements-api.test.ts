import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/store/keys';
import { apiCaller, userClaims, type ApiResponse } from '../support/api';
import { adultClient, lawfulCase, litmasAssessment, newPartner, newSite } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { created, weekdayPlacement } from '../support/requests';

/** 09:00 WITA on Monday 2 March 2026 in the office (Asia/Makassar). */
const env = testEnvironment({ now: () => new Date('2026-03-02T01:00:00Z') });
const TODAY = '2026-03-02';
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
const office = (officeId = world.home) => `/v1/offices/${officeId}`;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

type Claims = Record<string, unknown>;

/** Records a partner (by default the home office's, as its admin). */
const createPartner = async (overrides = {}, claims: Claims = world.claims.admin, officeId?: string) =>
  created(await call('POST', `${office(officeId)}/partners`, { claims, body: newPartner(overrides) }));

/** Records a site of the partner (by default in the home office, as its admin). */
const createSite = async (
  partnerId: string,
  overrides = {},
  claims: Claims = world.claims.admin,
  officeId?: string,
) =>
  created(await call('POST', `${office(officeId)}/sites`, { claims, body: newSite(partnerId, overrides) }));

/** A partner with a valid agreement and one active site of it. */
async function openSite(
  siteOverrides: Record<string, unknown> = {},
  partnerOverrides: Record<string, unknown> = {},
) {
  const partner = await createPartner(partnerOverrides);
  return createSite(partner.id, siteOverrides);
}

/** A fresh adult client (each gets its own NIK: one client per NIK per office). */
async function createClient() {
  return created(
    await call('POST', `${office()}/clients`, { claims: world.claims.officer, body: adultClient() }),
  );
}

/** A registered kerja sosial case (4 hours a day, March to June 2026), moved to `assessed` unless told. */
async function createCase(options: { assessed?: boolean } = {}) {
  const client = await createClient();
  const registered = await created(
    await call('POST', `${office()}/cases`, {
      claims: world.claims.officer,
      body: lawfulCase(client.id, world.people.officer, {
        sentence: { ...lawfulCase('', '').sentence, daysPerWeek: 2 },
      }),
    }),
  );
  if (options.assessed !== false) {
    const assessed = await call('POST', `${office()}/cases/${registered.id}/assessments`, {
      claims: world.claims.officer,
      body: litmasAssessment(),
    });
    expect(assessed.status).toBe(201);
  }
  return registered;
}

/** Tuesday and Thursday mornings from 3 March. */
const schedule = (siteId: string, overrides: Record<string, unknown> = {}) =>
  weekdayPlacement(siteId, { weekdays: [2, 4], from: '2026-03-03', ...overrides });

const place = (caseId: string, body: unknown, claims: Claims = world.claims.officer) =>
  call('POST', `${office()}/cases/${caseId}/placements`, { claims, body });

const end = (placementId: string, query = '', claims: Claims = world.claims.officer) =>
  call('DELETE', `${office()}/placements/${placementId}${query}`, { claims });

const getCase = async (caseId: string) =>
  (await call('GET', `${office()}/cases/${caseId}`, { claims: world.claims.officer })).body;

/** The site item as stored, read past the API. */
const occupancyOf = async (siteId: string) =>
  (
    await env.db.send(
      new GetCommand({ TableName: env.tableName, Key: keys.site(world.home, siteId), ConsistentRead: true }),
    )
  ).Item?.occupancy as Record<string, number>;

const rulesOf = (response: ApiResponse) =>
  (response.body.errors as { path: string; rule?: string }[]).map((e) => `${e.path}:${e.rule ?? ''}`).sort();

const free = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, '7': 0 };

describe('placing a client (POST /cases/{caseId}/placements)', () => {
  it('places an assessed case: the case becomes placed at the site, which keeps one place per weekday', async () => {
    const site = await openSite();
    const kase = await createCase();

    const response = await place(kase.id, schedule(site.id, { weekdays: [4, 2] }));

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(new RegExp(`^${kase.id}-[0-9A-Z]{26}$`)),
      caseId: kase.id,
      siteId: site.id,
      weekdays: [2, 4],
      startTime: '08:00',
      endTime: '12:00',
      from: '2026-03-03',
      until: '2026-06-30',
      status: 'active',
      createdAt: '2026-03-02T01:00:00.000Z',
    });
    expect(response.headers.location).toBe(`${office()}/placements/${response.body.id}`);
    expect(await getCase(kase.id)).toMatchObject({ status: 'placed', currentSiteId: site.id, version: 3 });
    expect(await occupancyOf(site.id)).toEqual({ ...free, '2': 1, '4': 1 });
    const listed = await call('GET', `${office()}/cases/${kase.id}/placements`, {
      claims: world.claims.prosecutor,
    });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [response.body], nextCursor: null });
    const timeline =
      (
        await env.db.send(
          new QueryCommand({
            TableName: env.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `O#${world.home}#AUDIT#case#${kase.id}` },
          }),
        )
      ).Items ?? [];
    const placing = timeline.filter((entry) => entry.action === 'placement.create');
    expect(placing.flatMap((entry) => entry.changes)).toEqual(
      expect.arrayContaining([
        { field: 'status', before: 'assessed', after: 'placed' },
        { field: 'currentSiteId', before: null, after: site.id },
        { field: 'placement.siteId', before: null, after: site.id },
      ]),
    );
  });

  it('PL-NONCOMMERCIAL: refuses a site of a commercial partner, writing nothing', async () => {
    const site = await openSite({}, { nonCommercial: false });
    const kase = await createCase();

    const response = await place(kase.id, schedule(site.id));

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(rulesOf(response)).toEqual(['siteId:PL-NONCOMMERCIAL']);
    expect((await getCase(kase.id)).status).toBe('assessed');
    expect(await occupancyOf(site.id)).toEqual(free);
  });

  it('PL-AGREEMENT: refuses a period the agreement (PKS) does not cover', async () => {
    const site = await openSite(
      {},
      {
        agreement: {
          number: 'PKS/7',
          signedOn: '2026-01-12',
          validFrom: '2026-01-12',
          validUntil: '2026-04-30',
        },
      },
    );
    const kase = await createCase();

    const response = await place(kase.id, schedule(site.id));

    expect(response.status).toBe(400);
    expect(rulesOf(response)).toEqual(['until:PL-AGREEMENT']);
  });

  it('PL-SITE-ACTIVE: refuses an inactive site', async () => {
    const site = await openSite({ active: false });
    const kase = await createCase();

    const response = await place(kase.id, schedule(site.id));

    expect(response.status).toBe(400);
    expect(rulesOf(response)).toEqual(['siteId:PL-SITE-ACTIVE']);
    expect(await occupancyOf(site.id)).toEqual(free);
  });

  it("PL-PER-DAY: refuses a day longer than the case's hours per day, alone or with its other placements", async () => {
    const site = await openSite();
    const kase = await createCase();

    const tooLong = await place(kase.id, schedule(site.id, { startTime: '08:00', endTime: '12:30' }));
    const morning = await place(
      kase.id,
      schedule(site.id, { weekdays: [2], startTime: '08:00', endTime: '10:00' }),
    );
    const evening = await place(
      kase.id,
      schedule(site.id, { weekdays: [3, 2], startTime: '14:00', endTime: '17:00' }),
    );

    expect(tooLong.status).toBe(400);
    expect(rulesOf(tooLong)).toEqual(['endTime:PL-PER-DAY']);
    expect(morning.status).toBe(201);
    expect(evening.status).toBe(400);
    expect(rulesOf(evening)).toEqual(['weekdays.1:PL-PER-DAY']);
  });

  it('PL-WINDOW and PL-WEEKDAYS: name each field, and a placement already over before today is refused', async () => {
    const site = await openSite();
    const kase = await createCase();

    const response = await place(
      kase.id,
      schedule(site.id, { weekdays: [2, 2, 9], from: '2026-02-01', until: '2026-03-01' }),
    );

    expect(response.status).toBe(400);
    expect(rulesOf(response)).toEqual([
      'from:PL-WINDOW',
      'until:PL-WINDOW',
      'weekdays.1:PL-WEEKDAYS',
      'weekdays.2:PL-WEEKDAYS',
    ]);
    expect(response.body.errors.find((e: { path: string }) => e.path === 'until').message).toContain(TODAY);
  });

  it('refuses a case that is not assessed yet (409), a site of another office (400) and a case of another office (404)', async () => {
    const site = await openSite();
    const received = await createCase({ assessed: false });
    const otherPartner = await createPartner({}, world.claims.otherAdmin, world.other);
    const otherSite = await createSite(otherPartner.id, {}, world.claims.otherAdmin, world.other);
    const kase = await createCase();

    const notAssessed = await place(received.id, schedule(site.id));
    const foreignSite = await place(kase.id, schedule(otherSite.id));
    const strangerPosts = await call('POST', `${office()}/cases/${kase.id}/placements`, {
      claims: world.claims.otherAdmin,
      body: schedule(site.id),
    });
    const viaOtherOffice = await call('POST', `${office(world.other)}/cases/${kase.id}/placements`, {
      claims: world.claims.otherAdmin,
      body: schedule(otherSite.id),
    });

    expect(notAssessed.status).toBe(409);
    expect(rulesOf(notAssessed)).toEqual(['caseId:LC-TRANSITION']);
    expect(foreignSite.status).toBe(400);
    expect(rulesOf(foreignSite)).toEqual(['siteId:']);
    expect(strangerPosts.status).toBe(404);
    expect(viaOtherOffice.status).toBe(404);
    expect(await occupancyOf(site.id)).toEqual(free);
  });
});

describe('capacity under concurrency (PL-CAPACITY)', () => {
  it('with capacity 2, five simultaneous placements on the same weekdays: exactly 2 win, the site ends at 2', async () => {
    const site = await openSite({ capacity: 2 });
    const cases = [];
    for (let i = 0; i < 5; i += 1) cases.push(await createCase());

    const responses = await Promise.all(
      cases.map((kase) => place(kase.id, schedule(site.id, { weekdays: [1, 3] }))),
    );

    const won = responses.filter((r) => r.status === 201);
    const lost = responses.filter((r) => r.status !== 201);
    expect(won).toHaveLength(2);
    expect(lost).toHaveLength(3);
    for (const response of lost) {
      expect(response.status).toBe(409);
      expect(response.body.errors).toContainEqual(
        expect.objectContaining({ path: 'siteId', rule: 'PL-CAPACITY' }),
      );
    }
    expect(await occupancyOf(site.id)).toEqual({ ...free, '1': 2, '3': 2 });
    const statuses = await Promise.all(cases.map(async (kase) => (await getCase(kase.id)).status));
    expect(statuses.filter((s) => s === 'placed')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'assessed')).toHaveLength(3);

    // Ending one winner frees one place, which a loser can then take.
    const ended = await end(won[0]!.body.id);
    expect(ended.status).toBe(200);
    expect(await occupancyOf(site.id)).toEqual({ ...free, '1': 1, '3': 1 });
    const loser = cases[responses.findIndex((r) => r.status !== 201)]!;
    expect((await place(loser.id, schedule(site.id, { weekdays: [1, 3] }))).status).toBe(201);
    expect(await occupancyOf(site.id)).toEqual({ ...free, '1': 2, '3': 2 });
  });
});

describe('ending a placement (DELETE /placements/{placementId})', () => {
  it('ends it today by default, frees its places, clears the current site, and is idempotent', async () => {
    const site = await openSite();
    const kase = await createCase();
    const placed = (await place(kase.id, schedule(site.id, { from: '2026-03-01' }))).body;

    const ended = await end(placed.id);
    const again = await end(placed.id, '?endOn=2026-04-01');

    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ...placed, until: TODAY, status: 'ended' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(ended.body);
    expect(await occupancyOf(site.id)).toEqual(free);
    const after = await getCase(kase.id);
    expect(after.currentSiteId).toBeUndefined();
    expect(after.status).toBe('placed');
    const listed = await call('GET', `${office()}/cases/${kase.id}/placements`, {
      claims: world.claims.officer,
    });
    expect(listed.body.items).toEqual([ended.body]);
  });

  it('ends on a given date within the period, and refuses one outside it', async () => {
    const site = await openSite();
    const kase = await createCase();
    const placed = (await place(kase.id, schedule(site.id))).body;

    const outside = await end(placed.id, '?endOn=2026-07-01');
    const within = await end(placed.id, '?endOn=2026-04-30');

    expect(outside.status).toBe(400);
    expect(rulesOf(outside)).toEqual(['query.endOn:PL-WINDOW']);
    expect(within.status).toBe(200);
    expect(within.body).toMatchObject({ until: '2026-04-30', status: 'ended' });
  });

  it('keeps the current site on another active placement of the case', async () => {
    const [first, second] = [await openSite(), await openSite()];
    const kase = await createCase();
    await place(kase.id, schedule(first!.id, { weekdays: [1] }));
    const latest = (await place(kase.id, schedule(second!.id, { weekdays: [5] }))).body;

    await end(latest.id);

    expect((await getCase(kase.id)).currentSiteId).toBe(first!.id);
  });

  it('answers 404 for unknown placements and other offices, and 400 for a malformed id', async () => {
    const site = await openSite();
    const kase = await createCase();
    const placed = (await place(kase.id, schedule(site.id))).body;

    const unknown = await end(`${kase.id}-01ARZ3NDEKTSV4RRFFQ69G5FAV`);
    const unknownCase = await end(`01ARZ3NDEKTSV4RRFFQ69G5FAV-01ARZ3NDEKTSV4RRFFQ69G5FAV`);
    const malformed = await end('not-a-placement');
    const stranger = await end(placed.id, '', world.claims.otherAdmin);
    const viaOtherOffice = await call('DELETE', `${office(world.other)}/placements/${placed.id}`, {
      claims: world.claims.otherAdmin,
    });

    expect(unknown.status).toBe(404);
    expect(unknownCase.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(stranger.status).toBe(404);
    expect(viaOtherOffice.status).toBe(404);
    expect(await occupancyOf(site.id)).toEqual({ ...free, '2': 1, '4': 1 });
  });
});

describe('reading placements (GET /cases/{caseId}/placements)', () => {
  it('a site supervisor sees the placements of cases at their own site only', async () => {
    const [mine, theirs] = [await openSite(), await openSite()];
    const supervisor = `pengawas-${uniqueSuffix()}`;
    await env.directory.putUser(
      {
        username: supervisor,
        fullName: 'Pengawas Masjid',
        email: `${supervisor}@example.invalid`,
        status: 'active',
      },
      [{ role: 'supervisor', officeId: world.home, siteIds: [mine!.id] }],
    );
    const atMine = await createCase();
    const atTheirs = await createCase();
    const movedAway = await createCase();
    const placed = (await place(atMine.id, schedule(mine!.id))).body;
    await place(atTheirs.id, schedule(theirs!.id));
    // Once at my site, now at another: the case's current site decides what I may see.
    await place(movedAway.id, schedule(mine!.id, { weekdays: [1] }));
    await place(movedAway.id, schedule(theirs!.id, { weekdays: [5] }));

    const list = (caseId: string) =>
      call('GET', `${office()}/cases/${caseId}/placements`, { claims: userClaims(supervisor) });
    const own = await list(atMine.id);
    const other = await list(atTheirs.id);
    const moved = await list(movedAway.id);

    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([placed]);
    expect(other.status).toBe(404);
    expect(moved.status).toBe(404);
  });

  it('pages with a signed cursor and refuses it for another case', async () => {
    const site = await openSite();
    const kase = await createCase();
    const other = await createCase();
    for (const weekday of [1, 2, 3]) {
      expect(
        (await place(kase.id, schedule(site.id, { weekdays: [weekday], endTime: '09:00' }))).status,
      ).toBe(201);
    }
    const url = `${office()}/cases/${kase.id}/placements`;

    const first = await call('GET', `${url}?limit=2`, { claims: world.claims.officer });
    const second = await call('GET', `${url}?limit=2&cursor=${first.body.nextCursor}`, {
      claims: world.claims.officer,
    });
    const replayed = await call(
      'GET',
      `${office()}/cases/${other.id}/placements?cursor=${first.body.nextCursor}`,
      {
        claims: world.claims.officer,
      },
    );

    expect(first.body.items.map((p: { weekdays: number[] }) => p.weekdays[0])).toEqual([3, 2]);
    expect(second.body.items.map((p: { weekdays: number[] }) => p.weekdays[0])).toEqual([1]);
    expect(replayed.status).toBe(400);
  });
});
