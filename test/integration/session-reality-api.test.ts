import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, clientClaims } from '../support/api';
import { lawfulCase, litmasAssessment, newPartner, newSite, wholeWindowPlacement } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { patch } from '../support/requests';

/**
 * Sessions are checked against reality (issue 10, item 11) whoever records them: the site of a
 * placement in force that day, the partner's agreement that day, the decision's days per week, and a
 * daily cap on the time the person worked across their cases.
 */
// 29 June 2026, 16:00 in Palopo (WITA): the cases' whole window (1 March – 30 June) is in the past.
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let base: string;
/** A machine client allowed to write (the fixture's integration client may only read). */
let integration: Record<string, unknown>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  base = `/v1/offices/${world.home}`;
  await fixtureSite(env.deps, world);
  const clientId = `writer-${uniqueSuffix()}`;
  await env.directory.putMachineClient(
    { clientId, name: 'Writing client', status: 'active', scopes: ['cases:read', 'cases:write'] },
    [{ role: 'integration', officeId: world.home }],
  );
  integration = clientClaims(clientId, ['cases:read', 'cases:write']);
});

const session = (
  date: string,
  startTime = '08:00',
  endTime = '11:00',
  extra: Record<string, unknown> = {},
) => ({
  date,
  startTime,
  endTime,
  siteId: world.siteId,
  outcome: 'attended',
  ...extra,
});

const record = (
  caseId: string,
  body: Record<string, unknown>,
  claims: Record<string, unknown> = world.claims.officer,
) => call('POST', `${base}/cases/${caseId}/sessions`, { claims, body });

const rulesOf = (response: { body: { errors?: { rule: string; path: string }[] } }) =>
  (response.body.errors ?? []).map((e) => `${e.rule} ${e.path}`);

/** A second site of the office, with its own partner. */
async function otherSite() {
  const created = await call('POST', `${base}/partners`, { claims: world.claims.admin, body: newPartner() });
  const site = await call('POST', `${base}/sites`, {
    claims: world.claims.admin,
    body: newSite(created.body.id, { capacity: 10 }),
  });
  expect(site.status, JSON.stringify(site.body)).toBe(201);
  return { partner: created.body as { id: string; version: number }, siteId: site.body.id as string };
}

describe('CR-SESSION-SITE: where and when the case is placed', () => {
  it('refuses every recorder (PK, admin, integration, supervisor) off the placement weekdays', async () => {
    const { caseId } = await placedCase(call, world, { placement: { weekdays: [1, 2, 3, 4, 5] } });
    // Saturday 7 March: the case works Monday to Friday.
    const recorders = [world.claims.officer, world.claims.admin, integration, world.claims.supervisor];
    const saturday = await Promise.all(
      recorders.map((claims) => record(caseId, session('2026-03-07'), claims)),
    );
    const monday = await record(caseId, session('2026-03-09'), integration);

    expect(saturday.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(saturday.map(rulesOf)).toEqual(Array(4).fill(['CR-SESSION-SITE siteId']));
    expect(monday.status, JSON.stringify(monday.body)).toBe(201);
  });

  it('refuses a site the case is not placed at, and days after its placement ended', async () => {
    const { caseId, placementId } = await placedCase(call, world);
    const elsewhere = await otherSite();
    const ended = await call('DELETE', `${base}/placements/${placementId}?endOn=2026-03-13`, {
      claims: world.claims.officer,
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);

    const wrongSite = await record(
      caseId,
      session('2026-03-10', '08:00', '11:00', { siteId: elsewhere.siteId }),
    );
    const lastDay = await record(caseId, session('2026-03-13'));
    const afterwards = await record(caseId, session('2026-03-14'));

    expect(rulesOf(wrongSite)).toEqual(['CR-SESSION-SITE siteId']);
    expect(lastDay.status, JSON.stringify(lastDay.body)).toBe(201);
    expect(rulesOf(afterwards)).toEqual(['CR-SESSION-SITE siteId']);
  });
});

describe("CR-SESSION-PARTNER: the partner's agreement on the day", () => {
  it('refuses days after the agreement ended, and a partner that turned commercial', async () => {
    const { partner, siteId } = await otherSite();
    const { caseId } = await placedCase(call, world, { placement: { siteId } });
    const url = `${base}/partners/${partner.id}`;
    const agreement = { ...newPartner().agreement, validUntil: '2026-03-31' };
    const shortened = await patch(call, url, world.claims.admin, { agreement }, partner.version);
    expect(shortened.status, JSON.stringify(shortened.body)).toBe(200);

    const lastValidDay = await record(caseId, session('2026-03-31', '08:00', '11:00', { siteId }));
    const expired = await record(caseId, session('2026-04-01', '08:00', '11:00', { siteId }));
    const commercial = await patch(
      call,
      url,
      world.claims.admin,
      { nonCommercial: false },
      shortened.body.version,
    );
    expect(commercial.status, JSON.stringify(commercial.body)).toBe(200);
    const forProfit = await record(caseId, session('2026-03-30', '08:00', '11:00', { siteId }));

    expect(lastValidDay.status, JSON.stringify(lastValidDay.body)).toBe(201);
    expect(rulesOf(expired)).toEqual(['CR-SESSION-PARTNER date']);
    expect(rulesOf(forProfit)).toEqual(['CR-SESSION-PARTNER siteId']);
  });
});

describe("CR-DAYS-PER-WEEK: the decision's days a week", () => {
  it('refuses work on a third day of an ISO week for a two-day order, in a record and a correction', async () => {
    const { caseId } = await placedCase(call, world, {
      case: {
        sentence: {
          kind: 'kerja_sosial',
          hours: 40,
          maxHoursPerDay: 4,
          daysPerWeek: 2,
          startDate: '2026-03-01',
          deadline: '2026-06-30',
        },
      },
    });
    expect((await record(caseId, session('2026-03-02'))).status).toBe(201);
    expect((await record(caseId, session('2026-03-04'))).status).toBe(201);

    const thirdDay = await record(caseId, session('2026-03-06'));
    const sameDayAgain = await record(caseId, session('2026-03-04', '13:00', '14:00'));
    const absence = await record(
      caseId,
      session('2026-03-06', '08:00', '11:00', { outcome: 'unexcused_absence' }),
    );
    const nextWeek = await record(caseId, session('2026-03-09'));
    const absenceIntoWork = await patch(
      call,
      `${base}/sessions/${absence.body.id}`,
      world.claims.officer,
      { outcome: 'attended' },
      1,
    );

    expect(rulesOf(thirdDay)).toEqual(['CR-DAYS-PER-WEEK date']);
    expect([sameDayAgain.status, absence.status, nextWeek.status]).toEqual([201, 201, 201]);
    expect(rulesOf(absenceIntoWork)).toEqual(['CR-DAYS-PER-WEEK date']);
  });
});

describe("CR-DAILY-CAP: the time worked across the person's cases", () => {
  it('counts the hours of a session its case clipped against the other case that day', async () => {
    // Case A has 8 hours, 7 already credited; case B (same client) may credit 8 hours a day.
    const a = await placedCase(call, world, {
      case: {
        sentence: {
          kind: 'kerja_sosial',
          hours: 8,
          maxHoursPerDay: 4,
          startDate: '2026-03-01',
          deadline: '2026-06-30',
        },
      },
    });
    const b = await call('POST', `${base}/cases`, {
      claims: world.claims.officer,
      body: lawfulCase(a.client.id, world.people.officer, {
        sentence: {
          kind: 'kerja_sosial',
          hours: 40,
          maxHoursPerDay: 8,
          startDate: '2026-03-01',
          deadline: '2026-06-30',
        },
      }),
    });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    const assessedB = await call('POST', `${base}/cases/${b.body.id}/assessments`, {
      claims: world.claims.officer,
      body: litmasAssessment(),
    });
    expect(assessedB.status, JSON.stringify(assessedB.body)).toBe(201);
    const placedB = await call('POST', `${base}/cases/${b.body.id}/placements`, {
      claims: world.claims.officer,
      body: wholeWindowPlacement(world.siteId, b.body.sentence),
    });
    expect(placedB.status, JSON.stringify(placedB.body)).toBe(201);
    await record(a.caseId, session('2026-03-02', '08:00', '12:00'));
    await record(a.caseId, session('2026-03-03', '08:00', '11:00'));

    // Wednesday: four hours worked on A, which credits only its last hour; six on B that afternoon.
    const clipped = await record(a.caseId, session('2026-03-04', '08:00', '12:00'));
    const afternoon = await record(b.body.id, session('2026-03-04', '13:00', '19:00'));

    expect(clipped.body).toMatchObject({ hoursCredited: 1, clippedBy: ['CR-TOTAL-CAP'] });
    expect(afternoon.body).toMatchObject({ hoursCredited: 4, clipped: true, clippedBy: ['CR-DAILY-CAP'] });
  });

  it('reads a client day written before time worked was kept by its credited minutes', async () => {
    const { caseId, client } = await placedCase(call, world);
    // A v1 day: another case's session that credited 2.5 hours, with no worked minutes or verification.
    await env.db.send(
      new PutCommand({
        TableName: env.tableName,
        Item: {
          pk: `O#${world.home}#CLIENT#${client.id}`,
          sk: 'DAY#2026-03-05',
          type: 'client-day',
          sessions: {
            'v1-session': { id: 'v1-session', startTime: '06:00', endTime: '08:30', creditedMinutes: 150 },
          },
          creditedMinutes: 150,
          version: 1,
        },
      }),
    );
    const response = await record(caseId, session('2026-03-05', '09:00', '12:00'));
    expect(response.body).toMatchObject({ hoursCredited: 1.5, clippedBy: ['CR-DAILY-CAP'] });
  });
});
