import { beforeAll, describe, expect, it } from 'vitest';
import { buildHolidayCalendar, isoWeekday, weekStart } from '../../functions/domain';
import { apiCaller } from '../support/api';
import {
  adultClient,
  childCase,
  lawfulCase,
  litmasAssessment,
  registeredCase,
  wholeWindowPlacement,
} from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { weekdayPlacement } from '../support/requests';

// Monday 11 May 2026, 16:00 in Palopo (WITA): plans start on Tuesday 12 May. Thursday 14 May (Kenaikan
// Yesus Kristus) and Friday 15 May (cuti bersama) are off, as are 27–28 May, 1 and 16 June.
const env = testEnvironment({ now: () => new Date('2026-05-11T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  // The fixture supervisor's site: cases placed there are the ones that supervisor may see.
  await fixtureSite(env.deps, world);
});

const HOLIDAYS = buildHolidayCalendar();
const planOf = (base: string, caseId: string, claims = world.claims.officer) =>
  call('GET', `${base}/cases/${caseId}/plan`, { claims });

/** Today's four hours (08:00–12:00, ended before now), so 36 of the 40 hours remain. */
async function workedToday(base: string, caseId: string) {
  const recorded = await call('POST', `${base}/cases/${caseId}/sessions`, {
    claims: world.claims.officer,
    body: {
      date: '2026-05-11',
      startTime: '08:00',
      endTime: '12:00',
      siteId: world.siteId,
      outcome: 'attended',
    },
  });
  expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
}

describe('GET /cases/{caseId}/plan', () => {
  it('PLAN-CAPS, PLAN-HOLIDAYS: a feasible case is on track, on its weekdays, never on a holiday', async () => {
    const { base, caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    await workedToday(base, caseId);

    const response = await planOf(base, caseId);

    expect(response.status).toBe(200);
    const plan = response.body;
    expect(plan).toMatchObject({ caseId, from: '2026-05-12', deadline: '2026-06-30', provisional: false });
    // Nine days of four hours, Monday to Friday, skipping 14 and 15 May.
    expect(plan.slots.map((s: { date: string }) => s.date)).toEqual([
      '2026-05-12',
      '2026-05-13',
      '2026-05-18',
      '2026-05-19',
      '2026-05-20',
      '2026-05-21',
      '2026-05-22',
      '2026-05-25',
      '2026-05-26',
    ]);
    for (const slot of plan.slots) {
      expect(slot).toMatchObject({ siteId: world.siteId, startTime: '08:00', endTime: '12:00', hours: 4 });
      expect([1, 2, 3, 4, 5]).toContain(isoWeekday(slot.date));
      expect(HOLIDAYS.isHoliday(slot.date), slot.date).toBe(false);
    }
    expect(plan).toMatchObject({ hoursPlanned: 36, finishesOn: '2026-05-26' });
    expect(plan.hoursPossible).toBeGreaterThan(36);
    // Starting on 18 June still fits nine weekdays before 30 June (16 June is a holiday): 37 days of slack.
    expect(plan.feasibility).toMatchObject({
      state: 'on_track',
      latestStart: '2026-06-18',
      slackDays: 37,
      reason: { code: 'fits', hoursRemaining: 36, deadline: '2026-06-30', atRiskBelowDays: 14 },
    });
  });

  it("PLAN-CAPS: today's session uses up one of the week's days when the order sets days per week", async () => {
    const sentence = { ...lawfulCase('', '').sentence, daysPerWeek: 2 };
    const { base, caseId } = await placedCase(call, world, {
      case: { sentence },
      placement: weekdayPlacement(world.siteId),
    });
    await workedToday(base, caseId);

    const plan = (await planOf(base, caseId)).body;

    const dates: string[] = plan.slots.map((s: { date: string }) => s.date);
    const perWeek = new Map<string, number>();
    for (const d of dates) perWeek.set(weekStart(d), (perWeek.get(weekStart(d)) ?? 0) + 1);
    // Monday's session leaves one day this week; every later week has two.
    expect(perWeek.get('2026-05-11')).toBe(1);
    expect([...perWeek.values()].every((n) => n <= 2)).toBe(true);
    expect(dates.slice(0, 3)).toEqual(['2026-05-12', '2026-05-18', '2026-05-19']);
    expect(plan.hoursPlanned).toBe(36);
  });

  it('PLAN-FEASIBILITY: four Saturdays before the deadline cannot hold 40 hours: impossible, with the numbers', async () => {
    const { base, caseId } = await placedCase(call, world, {
      placement: { weekdays: [6], from: '2026-06-01', until: '2026-06-30' },
    });

    const response = await planOf(base, caseId);

    expect(response.status).toBe(200);
    expect(response.body.feasibility).toEqual({
      state: 'impossible',
      reason: {
        code: 'not_enough_time',
        hoursRemaining: 40,
        hoursPossible: 16,
        deadline: '2026-06-30',
        atRiskBelowDays: 14,
      },
    });
    // The plan still does all it can: every Saturday of June.
    expect(response.body.slots.map((s: { date: string }) => s.date)).toEqual([
      '2026-06-06',
      '2026-06-13',
      '2026-06-20',
      '2026-06-27',
    ]);
    expect(response.body).toMatchObject({ hoursPlanned: 16, hoursPossible: 16, finishesOn: '2026-06-27' });
  });

  it("PLAN-CHILD-SCHOOL: a child's slots keep out of the office's school hours (Monday–Friday 07:00–15:00)", async () => {
    const base = `/v1/offices/${world.home}`;
    const client = await call('POST', `${base}/clients`, {
      claims: world.claims.officer,
      body: adultClient({
        nik: `737301200510${String(5000 + Math.floor(Math.random() * 4000)).padStart(4, '0')}`,
        birthDate: '2010-05-20',
        guardian: { name: 'Hasnah', relation: 'ibu' },
      }),
    });
    expect(client.status).toBe(201);
    const body = childCase(client.body.id, world.people.officer);
    const created = await call('POST', `${base}/cases`, { claims: world.claims.officer, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseUrl = `${base}/cases/${created.body.id}`;
    await call('POST', `${caseUrl}/assessments`, { claims: world.claims.officer, body: litmasAssessment() });
    // Every day of the week, 08:00–11:00: on school days that is all in school hours.
    const placed = await call('POST', `${caseUrl}/placements`, {
      claims: world.claims.officer,
      body: wholeWindowPlacement(world.siteId, body.sentence),
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);

    const plan = (await planOf(base, created.body.id)).body;

    expect(plan.slots.length).toBeGreaterThan(0);
    for (const slot of plan.slots) expect([6, 7]).toContain(isoWeekday(slot.date));
    expect(plan.feasibility.state).toBe('on_track');
    expect(plan.hoursPlanned).toBe(20);
  });

  it("another office's case, and a case that does not exist, answer 404", async () => {
    const { base, caseId } = await placedCase(call, world);

    const stranger = await planOf(base, caseId, world.claims.otherAdmin);
    const ownOfficePath = await planOf(`/v1/offices/${world.other}`, caseId, world.claims.otherAdmin);
    const missing = await planOf(base, '01JZZZZZZZZZZZZZZZZZZZZZZZ');

    expect(stranger.status).toBe(404);
    expect(ownOfficePath.status).toBe(404);
    expect(ownOfficePath.headers['content-type']).toBe('application/problem+json');
    expect(missing.status).toBe(404);
  });

  it('a site supervisor reads the plan of a case at their site, and gets 404 for one elsewhere', async () => {
    const atTheirSite = await placedCase(call, world);
    const elsewhere = await registeredCase(call, world, { status: 'placed' });

    const seen = await planOf(atTheirSite.base, atTheirSite.caseId, world.claims.supervisor);
    const hidden = await planOf(elsewhere.base, elsewhere.caseId, world.claims.supervisor);

    expect(seen.status).toBe(200);
    expect(seen.body.slots[0]).toMatchObject({ siteId: world.siteId });
    expect(hidden.status).toBe(404);
  });
});
