import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replanAfterChanges } from '../../functions/actions/plans/replan-cases';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { weekdayPlacement } from '../support/requests';
import { replanPump } from '../support/webhook-pump';

// Monday 11 May 2026, 16:00 in Palopo (WITA): plans start on Tuesday 12 May (as in plans-api.test.ts).
const now = () => new Date('2026-05-11T08:00:00Z');
const env = testEnvironment({ now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let pump: Awaited<ReturnType<typeof replanPump>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  pump = await replanPump(env.config, { now, offices: [world.home] });
});

afterAll(() => pump.stop());

const caseOf = async (base: string, caseId: string) => {
  const response = await call('GET', `${base}/cases/${caseId}`, { claims: world.claims.officer });
  expect(response.status).toBe(200);
  return response.body;
};
const feasibilityFlags = (body: { flags: { rule: string }[] }) =>
  body.flags.filter((f) => f.rule === 'PLAN-FEASIBILITY');

/** Four Saturdays of June at 4 hours: 16 of the 40 hours fit before 30 June. */
const saturdaysOfJune = { weekdays: [6], from: '2026-06-01', until: '2026-06-30' };

describe('re-planning from the outbox (issue 15)', () => {
  it('PLAN-FEASIBILITY: a case that became impossible is flagged with the numbers, and unflagged once it fits again', async () => {
    const { base, caseId } = await placedCase(call, world, { placement: saturdaysOfJune });
    // Nothing is planned inside the request: the case has no plan until the outbox is read.
    expect((await caseOf(base, caseId)).plan).toBeUndefined();

    const first = await pump.replan();

    expect(first.replanned).toBeGreaterThanOrEqual(1);
    const impossible = await caseOf(base, caseId);
    expect(feasibilityFlags(impossible)).toEqual([
      {
        rule: 'PLAN-FEASIBILITY',
        path: 'terms.deadline',
        message: '40 jam tersisa, paling banyak 16 jam mungkin sebelum 30 Jun 2026',
      },
    ]);
    expect(impossible.plan).toMatchObject({
      state: 'impossible',
      hoursPossible: 16,
      hoursRemaining: 40,
      deadline: '2026-06-30',
      plannedAt: '2026-05-11T08:00:00.000Z',
    });
    // The plan is derived state: same version, and no audit entry of its own to re-plan from.
    expect(impossible.version).toBe((await env.deps.cases.get(world.home, caseId))!.version);
    expect(await pump.replan()).toEqual({ replanned: 0, skipped: 0, stale: 0 });

    // A second placement on weekdays: the hours fit again.
    const placed = await call('POST', `${base}/cases/${caseId}/placements`, {
      claims: world.claims.officer,
      body: weekdayPlacement(world.siteId),
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    await pump.replan();

    const feasible = await caseOf(base, caseId);
    expect(feasibilityFlags(feasible)).toEqual([]);
    expect(feasible.plan).toMatchObject({ state: 'on_track', hoursRemaining: 40, deadline: '2026-06-30' });
    expect(feasible.plan.hoursPossible).toBeGreaterThan(40);
  });

  it('a case planned before a session that landed meanwhile is not overwritten: the session re-plans it', async () => {
    const { base, caseId } = await placedCase(call, world, { placement: saturdaysOfJune });
    await pump.replan();
    const before = await env.deps.cases.get(world.home, caseId);
    expect(before?.plan?.remainingMinutes).toBe(2400);
    // The re-planner reads the case, then an officer adds a Saturday placement and records today's
    // session before its write lands (the read is handed back as it was).
    const stale = await env.deps.cases.get(world.home, caseId);
    const moved = await call('POST', `${base}/cases/${caseId}/placements`, {
      claims: world.claims.officer,
      body: weekdayPlacement(world.siteId, { weekdays: [1] }),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const session = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: {
        date: '2026-05-11',
        startTime: '08:00',
        endTime: '12:00',
        siteId: world.siteId,
        outcome: 'attended',
      },
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    const racing = {
      ...pump.ports,
      cases: {
        get: async () => stale,
        writePlan: pump.ports.cases.writePlan.bind(pump.ports.cases),
      },
    };
    const change = {
      sequence: '1',
      audit: {
        id: 'replan-race',
        at: now().toISOString(),
        officeId: world.home,
        action: 'case.update',
        subjectType: 'case',
        subjectId: caseId,
        changes: [],
      },
    };

    const report = await replanAfterChanges(racing, [change]);

    expect(report).toEqual({ replanned: 0, skipped: 0, stale: 1 });
    expect((await env.deps.cases.get(world.home, caseId))?.plan).toEqual(before?.plan);
    // The newer changes left their own audit entries: reading them re-plans from the case as it is.
    await pump.replan();
    expect((await caseOf(base, caseId)).plan).toMatchObject({ hoursRemaining: 36 });
  });

  it('a case that is no longer open gets no plan', async () => {
    const { base, caseId } = await placedCase(call, world, { placement: saturdaysOfJune });
    const ended = await call('POST', `${base}/cases/${caseId}/transitions`, {
      claims: world.claims.officer,
      body: { to: 'terminated', reason: 'Klien meninggal dunia' },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);

    const report = await pump.replan();

    expect(report).toMatchObject({ replanned: 0, skipped: 1 });
    const body = await caseOf(base, caseId);
    expect(body.plan).toBeUndefined();
    expect(feasibilityFlags(body)).toEqual([]);
  });
});
