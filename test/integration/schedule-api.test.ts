import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../functions/domain';
import { keys } from '../../functions/store/keys';
import { apiCaller } from '../support/api';
import { lawfulCase, litmasAssessment, newPartner, newSite, registeredCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { weekdayPlacement } from '../support/requests';

// Monday 11 May 2026, 16:00 in Palopo (WITA): a schedule starts on Tuesday 12 May at the earliest.
// Thursday 14 May (Kenaikan Yesus Kristus) and Friday 15 May (cuti bersama) are holidays.
const env = testEnvironment({ now: () => new Date('2026-05-11T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
});

type Slot = { date: string; siteId: string; startTime: string; endTime: string };
const slot = (date: string, siteId: string, startTime = '08:00', endTime = '12:00'): Slot => ({
  date,
  siteId,
  startTime,
  endTime,
});
const schedulePath = (base: string, caseId: string) => `${base}/cases/${caseId}/schedule`;
const put = (base: string, caseId: string, body: unknown, claims = world.claims.officer) =>
  call('PUT', schedulePath(base, caseId), { claims, body });
const window6 = (from = '2026-05-12') => ({ from, until: addDays(from, 41) });
const errorsOf = (body: { errors?: { path: string; rule?: string }[] }) =>
  (body.errors ?? []).map((e) => `${e.rule} ${e.path}`);

/** A new site of the office with `capacity` clients a day, through the API. */
async function siteWith(capacity: number) {
  const base = `/v1/offices/${world.home}`;
  const partner = await call('POST', `${base}/partners`, { claims: world.claims.admin, body: newPartner() });
  expect(partner.status).toBe(201);
  const site = await call('POST', `${base}/sites`, {
    claims: world.claims.admin,
    body: newSite(partner.body.id, { capacity }),
  });
  expect(site.status).toBe(201);
  return site.body.id as string;
}

/** A second case of the same client, assessed and placed at `siteId` on weekday mornings. */
async function secondCase(base: string, clientId: string, siteId: string) {
  const body = lawfulCase(clientId, world.people.officer, {
    decision: { ...lawfulCase('', '').decision, number: '13/Pid.B/2026/PN Plp' },
  });
  const created = await call('POST', `${base}/cases`, { claims: world.claims.officer, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId = created.body.id as string;
  const assessed = await call('POST', `${base}/cases/${caseId}/assessments`, {
    claims: world.claims.officer,
    body: litmasAssessment(),
  });
  expect(assessed.status).toBe(201);
  const placed = await call('POST', `${base}/cases/${caseId}/placements`, {
    claims: world.claims.officer,
    body: weekdayPlacement(siteId),
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  return caseId;
}

describe('PUT /cases/{caseId}/schedule', () => {
  it('accepts the plan’s first six weeks as proposed, and reads them back with the audit entry', async () => {
    const { base, caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    const plan = (await call('GET', `${base}/cases/${caseId}/plan`, { claims: world.claims.officer })).body;
    const { from, until } = window6(plan.from);
    const proposed: Slot[] = plan.slots
      .filter((s: Slot) => s.date <= until)
      .map(({ date, siteId, startTime, endTime }: Slot) => ({ date, siteId, startTime, endTime }));

    const accepted = await put(base, caseId, { from, until, slots: proposed });

    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.items).toHaveLength(10);
    expect(accepted.body.items[0]).toEqual({
      caseId,
      ...proposed[0],
      hours: 4,
      status: 'scheduled',
    });
    const read = await call('GET', schedulePath(base, caseId), { claims: world.claims.supervisor });
    expect(read.status).toBe(200);
    expect(read.body.items.map((s: Slot) => s.date)).toEqual(proposed.map((s) => s.date));
    const audit = await call('GET', `${base}/cases/${caseId}/audit`, { claims: world.claims.admin });
    const entry = audit.body.items.find((e: { action: string }) => e.action === 'case.schedule');
    expect(entry).toMatchObject({ actor: world.people.officer });
    expect(entry.changes).toContainEqual({
      field: `slots.${proposed[0]!.date}`,
      before: null,
      after: { siteId: world.siteId, startTime: '08:00', endTime: '12:00' },
    });
  });

  it('edits one slot and removes another; the rest stay as they were', async () => {
    const { base, caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    const first = [
      slot('2026-05-12', world.siteId),
      slot('2026-05-13', world.siteId),
      slot('2026-05-18', world.siteId),
    ];
    expect((await put(base, caseId, { ...window6(), slots: first })).status).toBe(200);

    const edited = await put(base, caseId, {
      ...window6(),
      slots: [slot('2026-05-12', world.siteId, '09:00', '11:00'), slot('2026-05-18', world.siteId)],
    });

    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.items.map((s: Slot & { hours: number }) => [s.date, s.startTime, s.hours])).toEqual([
      ['2026-05-12', '09:00', 2],
      ['2026-05-18', '08:00', 4],
    ]);
    const read = await call('GET', schedulePath(base, caseId), { claims: world.claims.officer });
    expect(read.body).toEqual(edited.body);
  });

  it('refuses a holiday, hours outside the placement, more than 42 days and the past, naming each field and rule', async () => {
    const { base, caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });

    const holiday = await put(base, caseId, { ...window6(), slots: [slot('2026-05-14', world.siteId)] });
    const outside = await put(base, caseId, {
      ...window6(),
      slots: [slot('2026-05-12', world.siteId), slot('2026-05-13', world.siteId, '07:00', '11:00')],
    });
    const tooLong = await put(base, caseId, { from: '2026-05-12', until: '2026-06-23', slots: [] });
    const past = await put(base, caseId, {
      from: '2026-05-11',
      until: '2026-05-20',
      slots: [slot('2026-05-11', world.siteId)],
    });
    const beforeWindow = await put(base, caseId, { ...window6(), slots: [slot('2026-05-11', world.siteId)] });

    expect(holiday.status).toBe(400);
    expect(errorsOf(holiday.body)).toEqual(['PLAN-HOLIDAYS slots.0.date']);
    expect(errorsOf(outside.body)).toEqual(['PLAN-CAPS slots.1.siteId']);
    expect(errorsOf(tooLong.body)).toEqual(['SLOT-WINDOW until']);
    expect(errorsOf(past.body)).toEqual(['SLOT-WINDOW from']);
    expect(errorsOf(beforeWindow.body)).toEqual(['SLOT-WINDOW slots.0.date']);
    // Nothing was written by any of them.
    expect(
      (await call('GET', schedulePath(base, caseId), { claims: world.claims.officer })).body.items,
    ).toEqual([]);
  });

  it("two PKs taking a site's last place on the same day at once: exactly one wins, the other is told 409", async () => {
    // Two places while both cases are placed, then one: a capacity edit the API itself refuses
    // (SITE-CAPACITY), written straight to the table so both requests race for the one place left.
    const siteId = await siteWith(2);
    const a = await registeredCase(call, world, { status: 'placed', siteId });
    const b = await registeredCase(call, world, { status: 'placed', siteId });
    await env.db.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.site(world.home, siteId),
        UpdateExpression: 'SET #capacity = :one',
        ExpressionAttributeNames: { '#capacity': 'capacity' },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    const body = { ...window6(), slots: [slot('2026-05-12', siteId)] };

    const answers = await Promise.all([put(a.base, a.caseId, body), put(b.base, b.caseId, body)]);

    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    expect(errorsOf(loser.body)).toEqual(['PLAN-CAPS slots.0.siteId']);
    const load = await env.deps.slots.loadBetween(world.home, '2026-05-12', '2026-05-12');
    expect(load['2026-05-12']?.[siteId]).toBe(1);
    // The load's condition holds on its own, even for a write decided on a stale read of the load.
    const loserCase = answers[0]!.status === 409 ? a : b;
    const record = (await env.deps.cases.get(world.home, loserCase.caseId))!;
    const stale = env.deps.slots.replace({
      case: record,
      from: '2026-05-12',
      until: '2026-05-12',
      before: [],
      after: [
        {
          ...slot('2026-05-12', siteId),
          caseId: record.id,
          clientId: record.clientId,
          minutes: 240,
          status: 'scheduled',
          scheduledBy: 'test',
          version: 1,
          createdAt: '2026-05-11T08:00:00.000Z',
          updatedAt: '2026-05-11T08:00:00.000Z',
        },
      ],
      capacity: { [siteId]: 1 },
      actor: { actor: 'test', at: new Date('2026-05-11T08:00:00Z') },
    });
    await expect(stale).rejects.toMatchObject({ name: 'WriteConflict', on: 'load' });
  });

  it("another office's case is not found, and a supervisor may not write one", async () => {
    const { base, caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    const body = { ...window6(), slots: [slot('2026-05-12', world.siteId)] };

    expect((await put(base, caseId, body, world.claims.otherAdmin)).status).toBe(404);
    expect((await call('GET', schedulePath(base, caseId), { claims: world.claims.otherAdmin })).status).toBe(
      404,
    );
    expect((await put(base, caseId, body, world.claims.supervisor)).status).toBe(403);
  });
});

describe('the schedule counted elsewhere', () => {
  it("PLAN-CAPS: a second case of the same client is planned around the first's accepted hours, and refused past the cap", async () => {
    const first = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    const accepted = await put(first.base, first.caseId, {
      ...window6(),
      slots: [slot('2026-05-12', world.siteId, '08:00', '10:00')],
    });
    expect(accepted.status).toBe(200);
    const second = await secondCase(first.base, first.client.id, world.siteId);

    const plan = (await call('GET', `${first.base}/cases/${second}/plan`, { claims: world.claims.officer }))
      .body;
    const refused = await put(first.base, second, {
      ...window6(),
      slots: [slot('2026-05-12', world.siteId)],
    });

    // Two of the day's four hours are the first case's.
    expect(plan.slots[0]).toMatchObject({ date: '2026-05-12', hours: 2 });
    expect(plan.slots[1]).toMatchObject({ date: '2026-05-13', hours: 4 });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused.body)).toEqual(['PLAN-CAPS slots.0.minutes']);
  });

  it("a site supervisor's day shows only their own sites' slots; another site by name is refused", async () => {
    const mine = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    const elsewhere = await registeredCase(call, world, { status: 'placed' });
    const date = '2026-05-20';
    expect(
      (await put(mine.base, mine.caseId, { ...window6(), slots: [slot(date, world.siteId)] })).status,
    ).toBe(200);
    expect(
      (await put(elsewhere.base, elsewhere.caseId, { ...window6(), slots: [slot(date, elsewhere.siteId!)] }))
        .status,
    ).toBe(200);
    const day = (claims: Record<string, unknown>, query = '') =>
      call('GET', `${mine.base}/slots?date=${date}${query}`, { claims });

    const supervisor = await day(world.claims.supervisor);
    const admin = await day(world.claims.admin);
    const otherSite = await day(world.claims.supervisor, `&siteId=${elsewhere.siteId}`);

    expect(supervisor.status).toBe(200);
    expect(supervisor.body.date).toBe(date);
    const caseIds = (r: typeof admin) => r.body.items.map((s: { caseId: string }) => s.caseId);
    expect(caseIds(supervisor)).toContain(mine.caseId);
    expect(caseIds(supervisor)).not.toContain(elsewhere.caseId);
    expect(supervisor.body.items.every((s: Slot) => s.siteId === world.siteId)).toBe(true);
    expect(caseIds(admin)).toEqual(expect.arrayContaining([mine.caseId, elsewhere.caseId]));
    expect(otherSite.status).toBe(400);
    expect(errorsOf(otherSite.body)).toEqual(['CASE-SITE-SCOPE query.siteId']);
  });

  it("the site load per week counts accepted slots against the site's places on the week's working days", async () => {
    const siteId = await siteWith(3);
    const placed = await registeredCase(call, world, { status: 'placed', siteId });
    const accepted = await put(placed.base, placed.caseId, {
      ...window6(),
      slots: [slot('2026-05-12', siteId), slot('2026-05-13', siteId), slot('2026-05-18', siteId)],
    });
    expect(accepted.status).toBe(200);

    const load = await call('GET', `${placed.base}/site-load?from=2026-05-11&weeks=2`, {
      claims: world.claims.officer,
    });
    const notMonday = await call('GET', `${placed.base}/site-load?from=2026-05-12`, {
      claims: world.claims.officer,
    });

    expect(load.status).toBe(200);
    const row = (week: number) =>
      load.body.weeks[week].sites.find((s: { siteId: string }) => s.siteId === siteId);
    expect(load.body.weeks.map((w: { weekStart: string }) => w.weekStart)).toEqual([
      '2026-05-11',
      '2026-05-18',
    ]);
    // 14 and 15 May are holidays: five working days of three places; the next week has seven.
    expect(row(0)).toMatchObject({ scheduled: 2, capacity: 15 });
    expect(row(1)).toMatchObject({ scheduled: 1, capacity: 21 });
    expect(notMonday.status).toBe(400);
  });
});
