import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../functions/store/audit';
import { keys } from '../../functions/store/keys';
import { apiCaller, type ApiResponse } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { adultClient, lawfulCase, stepsToActive } from '../support/cases';
import { seedDirectory } from '../support/fixtures';

/**
 * The clock starts at 10:00 WITA on 10 June 2026 and moves one minute with every write, so the
 * timeline's order is the order of the writes.
 */
let clock = new Date('2026-06-10T02:00:00Z');
const tick = () => {
  clock = new Date(clock.getTime() + 60_000);
};
const env = testEnvironment({ now: () => clock });
const call = apiCaller(env.handler);

type World = Awaited<ReturnType<typeof seedDirectory>>;

/** Each describe works in its own office, so the summary counts only what it created. */
async function setUpOffice() {
  const world = await seedDirectory(env.directory, uniqueSuffix());
  const client = await call('POST', `/v1/offices/${world.home}/clients`, {
    claims: world.claims.officer,
    body: adultClient(),
  });
  expect(client.status).toBe(201);
  return { world, clientId: client.body.id as string };
}

/** One office's cases, driven through the API as an officer would. */
function officeActions(world: World, clientId: string) {
  const office = `/v1/offices/${world.home}`;
  const casePath = (caseId: string) => `${office}/cases/${caseId}`;
  const write = async (method: string, url: string, body: unknown, claims = world.claims.officer) => {
    tick();
    const response = await call(method, url, { claims, body });
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    return response;
  };
  return {
    office,
    casePath,
    /** 40 hours of kerja sosial, 4 a day, 2 days a week; by default due on 30 June 2026. */
    async register(
      window: { startDate: string; deadline: string } = { startDate: '2026-03-01', deadline: '2026-06-30' },
    ) {
      const created = await write(
        'POST',
        `${office}/cases`,
        lawfulCase(clientId, world.people.officer, {
          sentence: { ...lawfulCase('', '').sentence, daysPerWeek: 2, ...window },
        }),
      );
      return created.body.id as string;
    },
    /** As an office does it: the Litmas (assessed), a placement (placed), then active by hand. */
    async activate(caseId: string) {
      for (const [route, body] of await stepsToActive(call, world)) {
        await write('POST', `${casePath(caseId)}/${route}`, body);
      }
    },
    /**
     * An unexcused absence written straight into the case partition: the session API is being built
     * alongside this one, and warnings read only a session's id, outcome and misconduct flag.
     */
    async absence(caseId: string) {
      const id = newId(clock);
      await env.db.send(
        new PutCommand({
          TableName: env.tableName,
          Item: {
            pk: keys.casePartition(world.home, caseId),
            sk: `SESSION#2026-05-09#08:00#${id}`,
            type: 'session',
            id,
            date: '2026-05-09',
            outcome: 'unexcused_absence',
          },
        }),
      );
      return id;
    },
    async warn(caseId: string, sessionIds: string[]) {
      const response = await write('POST', `${casePath(caseId)}/warnings`, {
        level: 1,
        reason: 'Tidak hadir tanpa alasan yang sah',
        sessionIds,
      });
      return response.body.id as string;
    },
    async refer(caseId: string, warningIds: string[]) {
      const response = await write('POST', `${casePath(caseId)}/referrals`, {
        reason: 'Dilaporkan ke jaksa',
        warningIds,
      });
      return response.body.id as string;
    },
    async outcome(referralId: string, decision: string) {
      await write(
        'POST',
        `${office}/referrals/${referralId}/outcome`,
        { decision, decidedOn: '2026-06-10', reference: 'B-77/P.4.14/06/2026' },
        world.claims.prosecutor,
      );
    },
  };
}

describe('GET /cases/{caseId}/audit: the case timeline', () => {
  let world: World;
  let actions: ReturnType<typeof officeActions>;
  let caseId: string;
  let warningId: string;

  beforeAll(async () => {
    const setUp = await setUpOffice();
    world = setUp.world;
    actions = officeActions(world, setUp.clientId);
    // Seven writes: create, an assessment, a placement, a transition, a warning, a referral and its outcome.
    caseId = await actions.register();
    await actions.activate(caseId);
    warningId = await actions.warn(caseId, [await actions.absence(caseId)]);
    const referralId = await actions.refer(caseId, [warningId]);
    await actions.outcome(referralId, 'continue');
  });

  const timeline = (claims: Record<string, unknown>, query = '') =>
    call('GET', `${actions.casePath(caseId)}/audit${query}`, { claims });

  it('has exactly one entry per write, newest first, each with its actor', async () => {
    const response = await timeline(world.claims.prosecutor);

    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    const items = response.body.items as { action: string; actor: string; at: string }[];
    expect(items.map((e) => e.action)).toEqual([
      'referral.outcome',
      'referral.create',
      'warning.create',
      'case.transition',
      'placement.create',
      'assessment.create',
      'case.create',
    ]);
    expect(items[0]!.actor).toBe(world.people.prosecutor);
    expect(items.slice(1).every((e) => e.actor === world.people.officer)).toBe(true);
    const times = items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('records field-level before/after for every change, and the reason given', async () => {
    const items = (await timeline(world.claims.officer)).body.items as {
      action: string;
      reason?: string;
      changes: { field: string; before: unknown; after: unknown }[];
    }[];

    const [outcome, referral, warning, toActive] = items;
    expect(warning!.reason).toBe('Tidak hadir tanpa alasan yang sah');
    // One entry per write: the case's own changes first, then those of the record written with it.
    expect(warning!.changes.slice(0, 2)).toEqual([
      { field: 'openWarnings', before: 0, after: 1 },
      { field: 'status', before: 'active', after: 'warned' },
    ]);
    expect(warning!.changes).toContainEqual({ field: 'warning.level', before: null, after: 1 });
    expect(warning!.changes).toContainEqual({ field: 'warning.id', before: null, after: expect.any(String) });
    expect(referral!.changes[0]).toEqual({ field: 'status', before: 'warned', after: 'referred' });
    expect(referral!.changes).toContainEqual({
      field: 'referral.status',
      before: null,
      after: 'awaiting_outcome',
    });
    expect(outcome!.reason).toContain('continue');
    expect(outcome!.changes.slice(0, 2)).toEqual([
      { field: 'openWarnings', before: 1, after: 0 },
      { field: 'status', before: 'referred', after: 'active' },
    ]);
    expect(outcome!.changes).toContainEqual({
      field: 'referral.outcome.decision',
      before: null,
      after: 'continue',
    });
    expect(toActive).toMatchObject({
      action: 'case.transition',
      reason: 'Langkah ke active',
      changes: [{ field: 'status', before: 'placed', after: 'active' }],
    });
    expect(items.at(-1)!.changes).toContainEqual({ field: 'sentence.hours', before: null, after: 40 });
  });

  it('pages with a signed cursor that only fits this case', async () => {
    const first = await timeline(world.claims.admin, '?limit=3');
    const second = await timeline(world.claims.admin, `?limit=3&cursor=${first.body.nextCursor}`);
    const third = await timeline(world.claims.admin, `?limit=3&cursor=${second.body.nextCursor}`);

    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const all = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (e: { id: string }) => e.id,
    );
    expect(new Set(all).size).toBe(7);
    const otherCase = await actions.register();
    const replayed = await call(
      'GET',
      `${actions.casePath(otherCase)}/audit?cursor=${first.body.nextCursor}`,
      {
        claims: world.claims.admin,
      },
    );
    expect(replayed.status).toBe(400);
  });

  it('is closed to site supervisors and machine clients, and 404 for a case of nobody', async () => {
    expect((await timeline(world.claims.supervisor)).status).toBe(403);
    expect((await timeline(world.claims.integration)).status).toBe(403);
    const missing: ApiResponse = await call('GET', `${actions.office}/cases/${'0'.repeat(26)}/audit`, {
      claims: world.claims.officer,
    });
    expect(missing.status).toBe(404);
  });
});

describe('GET /summary: the office dashboard counts', () => {
  let world: World;
  let actions: ReturnType<typeof officeActions>;

  beforeAll(async () => {
    const setUp = await setUpOffice();
    world = setUp.world;
    actions = officeActions(world, setUp.clientId);
    // received: starts 1 June, due 30 September, easily on track.
    await actions.register({ startDate: '2026-06-01', deadline: '2026-09-30' });
    // active: due 30 June with 40 hours left and only six working days before it: off track.
    const active = await actions.register();
    await actions.activate(active);
    // warned: one open warning; due and off track.
    const warned = await actions.register();
    await actions.activate(warned);
    await actions.warn(warned, [await actions.absence(warned)]);
    // referred: its warning stays open until the outcome; due and off track.
    const referred = await actions.register();
    await actions.activate(referred);
    const referredWarning = await actions.warn(referred, [await actions.absence(referred)]);
    await actions.refer(referred, [referredWarning]);
    // converted (serve_prison): closed for the dashboard; its warning was resolved.
    const converted = await actions.register();
    await actions.activate(converted);
    const convertedWarning = await actions.warn(converted, [await actions.absence(converted)]);
    await actions.outcome(await actions.refer(converted, [convertedWarning]), 'serve_prison');
    // Hours credited: session writes ADD minutes to the month's counter; plant this month's and last month's.
    for (const [month, minutes] of [
      ['2026-06', 150],
      ['2026-05', 600],
    ] as const) {
      await env.db.send(
        new PutCommand({
          TableName: env.tableName,
          Item: { ...keys.monthStats(world.home, month), creditedMinutes: minutes },
        }),
      );
    }
  });

  it('counts cases by status, due within 30 days, off track, open warnings and this month’s hours', async () => {
    const response = await call('GET', `${actions.office}/summary`, { claims: world.claims.regional });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      asOf: '2026-06-10',
      casesByStatus: {
        received: 1,
        assessed: 0,
        placed: 0,
        active: 1,
        warned: 1,
        referred: 1,
        repeated: 0,
        completed: 0,
        converted: 1,
        terminated: 0,
        closed: 0,
      },
      openCases: 4,
      hoursCreditedThisMonth: 2.5,
      casesDueIn30Days: 3,
      casesOffTrack: 3,
      openWarnings: 2,
      // This test writes its sessions straight into the table, so no week counted any.
      sessionsThisWeek: 0,
      weeks: expect.any(Array),
    });
    expect(response.body.weeks).toHaveLength(8);
    expect(response.body.weeks.at(-1)).toEqual({ weekStart: '2026-06-08', hoursCredited: 0, sessions: 0 });
  });

  it('agrees with the case list: the due-soon count is the open cases due by today + 30', async () => {
    const summary = await call('GET', `${actions.office}/summary`, { claims: world.claims.officer });
    const list = await call('GET', `${actions.office}/cases?dueBefore=2026-07-10&limit=100`, {
      claims: world.claims.officer,
    });

    expect(list.body.items).toHaveLength(summary.body.casesDueIn30Days);
    expect(
      list.body.items.filter((c: { progress: { onTrack: boolean } }) => !c.progress.onTrack),
    ).toHaveLength(summary.body.casesOffTrack);
  });

  it('uses the office’s month: at 07:30 WITA on 1 July the month is July, though UTC still says June', async () => {
    const saved = clock;
    clock = new Date('2026-06-30T23:30:00Z');
    try {
      const response = await call('GET', `${actions.office}/summary`, { claims: world.claims.admin });

      expect(response.body).toMatchObject({ asOf: '2026-07-01', hoursCreditedThisMonth: 0 });
    } finally {
      clock = saved;
    }
  });

  it('is closed to site supervisors and machine clients', async () => {
    expect((await call('GET', `${actions.office}/summary`, { claims: world.claims.supervisor })).status).toBe(
      403,
    );
    expect(
      (await call('GET', `${actions.office}/summary`, { claims: world.claims.integration })).status,
    ).toBe(403);
  });
});
