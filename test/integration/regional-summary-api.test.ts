import { beforeAll, describe, expect, it } from 'vitest';
import { createDependencies } from '../../functions/platform/dependencies';
import { apiCaller, userClaims } from '../support/api';
import { registeredCase } from '../support/cases';
import { quietApiHandler } from '../support/cognito-local';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { patch } from '../support/requests';

/**
 * GET /v1/regions/{regionId}/summary: the Kanwil's comparison of its region's offices, a page at a time
 * (a region fits one page of 33 offices; the tests page by one office to follow the cursor).
 * Two offices of one region record sessions through the API, some in May and most in June 2026; the
 * clock is moved between them, since a session counts in the month it is recorded (by the office's clock).
 */
let clock = new Date('2026-05-20T02:00:00Z');
const env = testEnvironment({ now: () => clock });
const call = apiCaller(env.handler);

type World = Awaited<ReturnType<typeof seedDirectory>>;
let world: World;
/** The neighbouring office (`world.other`) seen as its own staff: an officer, and its admin. */
let other: World;
let farKanwil: Record<string, unknown>;
let homeCase: { base: string; caseId: string; siteId: string };
let editable: { id: string; version: number };

const regionUrl = (regionId: string, query = '') => `/v1/regions/${regionId}/summary${query}`;

async function record(
  office: World,
  at: { base: string; caseId: string; siteId: string },
  times: [date: string, start: string, end: string],
  outcome = 'attended',
) {
  const [date, startTime, endTime] = times;
  const response = await call('POST', `${at.base}/cases/${at.caseId}/sessions`, {
    claims: office.claims.officer,
    body: { date, startTime, endTime, siteId: at.siteId, outcome, activity: 'Membersihkan taman kota' },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number };
}

async function placed(office: World) {
  const { base, caseId, siteId } = await registeredCase(call, office);
  return { base, caseId, siteId: siteId! };
}

beforeAll(async () => {
  const suffix = uniqueSuffix();
  world = await seedDirectory(env.directory, suffix);
  const otherOfficer = `officer-other-${suffix}`;
  await env.directory.putUser(
    { username: otherOfficer, fullName: 'PK Tetangga', email: 'pk@example.invalid', status: 'active' },
    [{ role: 'officer', officeId: world.other }],
  );
  other = {
    ...world,
    home: world.other,
    people: { ...world.people, officer: otherOfficer, admin: world.people.otherAdmin },
    claims: { ...world.claims, officer: userClaims(otherOfficer), admin: world.claims.otherAdmin },
  };
  const kanwil = `kanwil-far-${suffix}`;
  await env.directory.putUser(
    { username: kanwil, fullName: 'Kanwil Jauh', email: 'kanwil@example.invalid', status: 'active' },
    [{ role: 'regional', regionId: world.farRegionId }],
  );
  farKanwil = userClaims(kanwil);

  // 20 May, 10:00 WITA: one session of 3 hours in the home office.
  homeCase = await placed(world);
  const otherCase = await placed(other);
  await record(world, homeCase, ['2026-05-04', '08:00', '11:00']);

  // 29 June, 16:00 WITA. Home: 4 h, 2 h and an unexcused absence (a session that credits nothing).
  clock = new Date('2026-06-29T08:00:00Z');
  await record(world, homeCase, ['2026-06-01', '08:00', '12:00']);
  editable = await record(world, homeCase, ['2026-06-02', '08:00', '10:00']);
  await record(world, homeCase, ['2026-06-03', '08:00', '10:00'], 'unexcused_absence');
  // The neighbour: 2.5 hours.
  await record(other, otherCase, ['2026-06-05', '08:00', '10:30']);
});

/** Cases by status with `active` cases and nothing else. */
const onlyActive = (active: number) => ({
  received: 0,
  assessed: 0,
  placed: 0,
  active,
  warned: 0,
  referred: 0,
  repeated: 0,
  completed: 0,
  converted: 0,
  terminated: 0,
  closed: 0,
});

describe('GET /v1/regions/{regionId}/summary', () => {
  it("gives each office's figures and their totals, for the current month by default", async () => {
    const response = await call('GET', regionUrl(world.regionId), { claims: world.claims.regional });

    expect(response.status, JSON.stringify(response.body)).toBe(200);
    // Both cases are due on 30 June with most of their 40 hours left: due soon and off track.
    const office = { asOf: '2026-06-29', casesByStatus: onlyActive(1), openCases: 1, openWarnings: 0 };
    const due = { casesDueIn30Days: 1, casesOffTrack: 1 };
    expect(response.body).toEqual({
      regionId: world.regionId,
      month: '2026-06',
      offices: [
        // By name: "Bapas home-…" before "Bapas other-…".
        {
          officeId: world.home,
          name: `Bapas ${world.home}`,
          ...office,
          hoursCreditedInMonth: 6,
          sessionsInMonth: 3,
          ...due,
        },
        {
          officeId: world.other,
          name: `Bapas ${world.other}`,
          ...office,
          hoursCreditedInMonth: 2.5,
          sessionsInMonth: 1,
          ...due,
        },
      ],
      totals: {
        casesByStatus: onlyActive(2),
        openCases: 2,
        hoursCreditedInMonth: 8.5,
        sessionsInMonth: 4,
        openWarnings: 0,
        casesDueIn30Days: 2,
        casesOffTrack: 2,
      },
      nextCursor: null,
    });
  });

  it("agrees with each office's own summary", async () => {
    const regional = await call('GET', regionUrl(world.regionId), { claims: world.claims.regional });
    for (const row of regional.body.offices) {
      const own = await call('GET', `/v1/offices/${row.officeId}/summary`, { claims: world.claims.regional });
      expect(own.status).toBe(200);
      expect(row).toMatchObject({
        asOf: own.body.asOf,
        casesByStatus: own.body.casesByStatus,
        openCases: own.body.openCases,
        hoursCreditedInMonth: own.body.hoursCreditedThisMonth,
        openWarnings: own.body.openWarnings,
        casesDueIn30Days: own.body.casesDueIn30Days,
        casesOffTrack: own.body.casesOffTrack,
      });
    }
  });

  it("reads another month's hours and sessions; the state figures stay today's", async () => {
    const response = await call('GET', regionUrl(world.regionId, '?month=2026-05'), {
      claims: world.claims.regional,
    });

    expect(response.status).toBe(200);
    expect(response.body.month).toBe('2026-05');
    expect(
      response.body.offices.map((o: Record<string, unknown>) => [
        o.officeId,
        o.hoursCreditedInMonth,
        o.sessionsInMonth,
        o.openCases,
      ]),
    ).toEqual([
      [world.home, 3, 1, 1],
      [world.other, 0, 0, 1],
    ]);
    expect(response.body.totals).toMatchObject({ hoursCreditedInMonth: 3, sessionsInMonth: 1, openCases: 2 });
  });

  it('refuses a month that has not begun with 400 problem+json naming `month`, and a malformed one', async () => {
    const future = await call('GET', regionUrl(world.regionId, '?month=2026-07'), {
      claims: world.claims.regional,
    });
    const malformed = await call('GET', regionUrl(world.regionId, '?month=2026-13'), {
      claims: world.claims.regional,
    });

    expect(future.status).toBe(400);
    expect(future.headers['content-type']).toBe('application/problem+json');
    expect(future.body.errors).toEqual([{ path: 'month', message: expect.stringContaining('2026-06') }]);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.month']);
  });

  it("is the region's Kanwil's only: another region's Kanwil and the offices' own staff get 404", async () => {
    for (const claims of [farKanwil, world.claims.admin, world.claims.officer, world.claims.otherAdmin]) {
      const response = await call('GET', regionUrl(world.regionId), { claims });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toBe('application/problem+json');
    }
    const elsewhere = await call('GET', regionUrl(world.farRegionId), { claims: world.claims.regional });
    expect(elsewhere.status).toBe(404);
    // The far region's own Kanwil reads it (it has one office and nothing recorded).
    const own = await call('GET', regionUrl(world.farRegionId), { claims: farKanwil });
    expect(own.status).toBe(200);
    expect(own.body.offices.map((o: { officeId: string }) => o.officeId)).toEqual([world.far]);
    expect(own.body.totals).toMatchObject({ openCases: 0, hoursCreditedInMonth: 0, sessionsInMonth: 0 });
  });

  it('counts a session once: correcting it moves the hours, not the session count', async () => {
    const before = await call('GET', regionUrl(world.regionId), { claims: world.claims.regional });
    const edited = await patch(
      call,
      `${homeCase.base}/sessions/${editable.id}`,
      world.claims.officer,
      { endTime: '11:00' },
      editable.version,
    );
    const after = await call('GET', regionUrl(world.regionId), { claims: world.claims.regional });

    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(before.body.offices[0]).toMatchObject({ hoursCreditedInMonth: 6, sessionsInMonth: 3 });
    expect(after.body.offices[0]).toMatchObject({ hoursCreditedInMonth: 7, sessionsInMonth: 3 });
    expect(after.body.totals).toMatchObject({ hoursCreditedInMonth: 9.5, sessionsInMonth: 4 });
  });
});

describe('GET /v1/regions/{regionId}/summary, paged', () => {
  const page = (query: string) =>
    call('GET', regionUrl(world.regionId, query), { claims: world.claims.regional });

  it('pages by office with a fixed number of DynamoDB calls a page; the pages add up to the one-page totals', async () => {
    const whole = await page('');
    env.calls.reset();
    const first = await page('?limit=1');
    const firstCalls = env.calls.snapshot();
    env.calls.reset();
    const second = await page(`?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    const secondCalls = env.calls.snapshot();

    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    // The guard's Query, the page's offices (Query), their counters (BatchGet), two counts per office.
    for (const calls of [firstCalls, secondCalls]) {
      expect(calls).toEqual({ QueryCommand: 1 + 1 + 2, BatchGetItemCommand: 1 });
    }
    expect(first.body.offices.map((o: { officeId: string }) => o.officeId)).toEqual([world.home]);
    expect(second.body.offices.map((o: { officeId: string }) => o.officeId)).toEqual([world.other]);
    expect(second.body.nextCursor).toBeNull();
    // Neither page is the whole region: no totals; the rows are the one-page answer's.
    expect(first.body).not.toHaveProperty('totals');
    expect(second.body).not.toHaveProperty('totals');
    expect([...first.body.offices, ...second.body.offices]).toEqual(whole.body.offices);
  });

  it("keeps the first page's month on every page, and refuses another month with the cursor", async () => {
    const first = await page('?limit=1&month=2026-05');
    const cursor = encodeURIComponent(first.body.nextCursor);
    const next = await page(`?limit=1&cursor=${cursor}`);
    const other = await page(`?limit=1&month=2026-06&cursor=${cursor}`);

    expect(next.status).toBe(200);
    expect(next.body.month).toBe('2026-05');
    expect(next.body.offices[0]).toMatchObject({ officeId: world.other, hoursCreditedInMonth: 0 });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ path: 'month', message: expect.stringContaining('2026-05') }]);
  });

  it("refuses an edited cursor, another region's cursor and a page over 33 offices, naming the field", async () => {
    const first = await page('?limit=1');
    const [payload, signature] = String(first.body.nextCursor).split('.');
    const edited = await page(`?cursor=${payload}x.${signature}`);
    const own = await call('GET', regionUrl(world.farRegionId, '?limit=1'), { claims: farKanwil });
    const foreign = await call(
      'GET',
      regionUrl(world.farRegionId, `?cursor=${encodeURIComponent(first.body.nextCursor)}`),
      { claims: farKanwil },
    );
    const tooMany = await page('?limit=34');

    expect(own.body.nextCursor).toBeNull();
    for (const response of [edited, foreign]) {
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.cursor']);
    }
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.limit']);
  });
});

describe('MFA on a region route (ADR 0008)', () => {
  const requiring = (roles: ('regional' | 'admin')[]) =>
    apiCaller(quietApiHandler(createDependencies({ ...env.config, mfaRequiredFor: roles }, () => clock)));

  it('asks the Kanwil for MFA when its role requires it, and judges others by their roles here', async () => {
    const kanwil = await requiring(['regional'])('GET', regionUrl(world.regionId), {
      claims: world.claims.regional,
    });
    // An office admin holds no role in the region: a stranger's 404, not a demand for MFA.
    const admin = await requiring(['admin'])('GET', regionUrl(world.regionId), {
      claims: world.claims.admin,
    });

    expect(kanwil.status).toBe(403);
    expect(kanwil.body.type).toBe('https://abdi.id/problems/mfa-required');
    expect(admin.status).toBe(404);
  });
});
