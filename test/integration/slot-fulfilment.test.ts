import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { weekdayPlacement } from '../support/requests';

// A moving clock: the schedule is accepted on Monday 11 May 2026 (16:00 WITA) for Tuesday and
// Wednesday, and attendance is recorded on those days themselves (a session is never in the future).
let now = new Date('2026-05-11T08:00:00Z');
const env = testEnvironment({ now: () => now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
});

const slot = (date: string) => ({ date, siteId: world.siteId, startTime: '08:00', endTime: '12:00' });
const session = (date: string, startTime = '08:00', endTime = '12:00') => ({
  date,
  startTime,
  endTime,
  siteId: world.siteId,
  outcome: 'attended',
});

describe('attendance fulfils the scheduled slot of its day (ADR 0014)', () => {
  it('marks the slot fulfilled by the session, in the session’s own write, and leaves other days scheduled', async () => {
    now = new Date('2026-05-11T08:00:00Z');
    const { base, caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    const accepted = await call('PUT', `${base}/cases/${caseId}/schedule`, {
      claims: world.claims.officer,
      body: { from: '2026-05-12', until: '2026-05-13', slots: [slot('2026-05-12'), slot('2026-05-13')] },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    now = new Date('2026-05-12T06:00:00Z'); // Tuesday 14:00 in Palopo
    const recorded = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-05-12', '08:30', '11:30'),
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);

    const schedule = await call('GET', `${base}/cases/${caseId}/schedule`, { claims: world.claims.officer });
    const byDate = Object.fromEntries(
      schedule.body.items.map((s: { date: string }) => [s.date, s] as const),
    ) as Record<string, { status: string; sessionId?: string }>;
    expect(byDate['2026-05-12']).toMatchObject({ status: 'fulfilled', sessionId: recorded.body.id });
    expect(byDate['2026-05-13']).toMatchObject({ status: 'scheduled' });
    expect(byDate['2026-05-13']!.sessionId).toBeUndefined();

    // A second session the same day does not fulfil it again, nor fail for it.
    const again = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-05-12', '12:30', '13:30'),
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const after = await call('GET', `${base}/cases/${caseId}/schedule`, { claims: world.claims.officer });
    expect(after.body.items.find((s: { date: string }) => s.date === '2026-05-12')).toMatchObject({
      status: 'fulfilled',
      sessionId: recorded.body.id,
    });
  });

  it('records a session on a day without a slot as before, and the missed slot of a past day shows as missed', async () => {
    now = new Date('2026-05-11T08:00:00Z');
    const { base, caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    const accepted = await call('PUT', `${base}/cases/${caseId}/schedule`, {
      claims: world.claims.officer,
      body: { from: '2026-05-12', until: '2026-05-12', slots: [slot('2026-05-12')] },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    now = new Date('2026-05-13T06:00:00Z'); // Wednesday: Tuesday's slot was never attended
    const recorded = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-05-13'),
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const schedule = await call('GET', `${base}/cases/${caseId}/schedule`, { claims: world.claims.officer });
    expect(schedule.body.items).toEqual([expect.objectContaining({ date: '2026-05-12', status: 'missed' })]);
  });
});
