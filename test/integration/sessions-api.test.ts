import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerProblems, readLedger } from '../../bench/lib/verify';
import { addDays } from '../../functions/domain';
import { apiCaller } from '../support/api';
import { registeredCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { patch, weekdayPlacement } from '../support/requests';

// 29 June 2026, 16:00 in Palopo (WITA): the cases' whole window (1 March – 30 June) is in the past.
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  // The fixture supervisor's site: every case recording sessions here is placed there (CR-SESSION-SITE).
  await fixtureSite(env.deps, world);
});

const session = (date: string, startTime: string, endTime: string, extra: Record<string, unknown> = {}) => ({
  date,
  startTime,
  endTime,
  siteId: world.siteId,
  outcome: 'attended',
  activity: 'Membersihkan masjid',
  ...extra,
});

async function caseTotals(caseId: string) {
  const { Item } = await env.db.send(
    new GetCommand({ TableName: env.tableName, Key: { pk: `O#${world.home}#CASE#${caseId}`, sk: 'CASE' } }),
  );
  return {
    credited: Item?.creditedMinutes as number,
    remaining: Item?.remainingMinutes as number,
    status: Item?.status,
  };
}

describe('recording sessions', () => {
  it('credits attended time, activates a placed case and shows the progress', async () => {
    const { caseId, base } = await placedCase(call, world);

    const recorded = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-03-02', '08:00', '11:00'),
    });
    const read = await call('GET', `${base}/cases/${caseId}`, { claims: world.claims.officer });

    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      hoursCredited: 3,
      durationHours: 3,
      verified: true,
      clipped: false,
    });
    expect(read.body.status).toBe('active');
    expect(read.body.progress).toMatchObject({ hoursCredited: 3, hoursRemaining: 37 });
  });

  it('CR-DAILY-CAP clips a long day to the per-day limit and says so', async () => {
    const { caseId, base } = await placedCase(call, world);
    const response = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-03-03', '07:00', '13:00'),
    });
    expect(response.body).toMatchObject({
      hoursCredited: 4,
      durationHours: 6,
      clipped: true,
      clippedBy: ['CR-DAILY-CAP'],
    });
  });

  it('CR-ABSENCE-ZERO: an unexcused absence is recorded and credits nothing', async () => {
    const { caseId, base } = await placedCase(call, world);
    const response = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-03-04', '08:00', '10:00', { outcome: 'unexcused_absence' }),
    });
    expect(response.status).toBe(201);
    expect(response.body.hoursCredited).toBe(0);
    expect((await caseTotals(caseId)).credited).toBe(0);
  });

  it('CR-WINDOW, CR-NOT-FUTURE and CR-OVERLAP refuse with the rule and the field', async () => {
    const { caseId, base } = await placedCase(call, world);
    const url = `${base}/cases/${caseId}/sessions`;
    await call('POST', url, { claims: world.claims.officer, body: session('2026-03-05', '08:00', '10:00') });

    const before = await call('POST', url, {
      claims: world.claims.officer,
      body: session('2026-02-27', '08:00', '10:00'),
    });
    const future = await call('POST', url, {
      claims: world.claims.officer,
      body: session('2026-06-30', '08:00', '10:00'),
    });
    const overlap = await call('POST', url, {
      claims: world.claims.officer,
      body: session('2026-03-05', '09:00', '11:00'),
    });

    expect(before.body.errors[0]).toMatchObject({ path: 'date', rule: 'CR-WINDOW' });
    expect(future.body.errors[0]).toMatchObject({ path: 'date', rule: 'CR-NOT-FUTURE' });
    expect(overlap.body.errors[0]).toMatchObject({ path: 'startTime', rule: 'CR-OVERLAP' });
    expect((await caseTotals(caseId)).credited).toBe(120);
  });

  it('refuses sessions on a case that is not yet placed (409)', async () => {
    const { caseId, base } = await registeredCase(call, world, { status: 'assessed' });
    const response = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-03-06', '08:00', '10:00'),
    });
    expect(response.status).toBe(409);
  });

  it('lists sessions newest first', async () => {
    const { caseId, base } = await placedCase(call, world);
    const url = `${base}/cases/${caseId}/sessions`;
    await call('POST', url, { claims: world.claims.officer, body: session('2026-03-09', '08:00', '09:00') });
    await call('POST', url, { claims: world.claims.officer, body: session('2026-03-10', '08:00', '09:00') });
    const list = await call('GET', url, { claims: world.claims.prosecutor });
    expect(list.body.items.map((s: { date: string }) => s.date)).toEqual(['2026-03-10', '2026-03-09']);
  });
});

describe('verifying and correcting (PATCH /sessions/{id})', () => {
  it('corrects the times with If-Match and moves the credit by the difference', async () => {
    const { caseId, base } = await placedCase(call, world);
    const { body: recorded } = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-03-11', '08:00', '10:00'),
    });
    const url = `${base}/sessions/${recorded.id}`;

    const stale = await patch(call, url, world.claims.officer, { endTime: '11:00' }, 5);
    const fixed = await patch(call, url, world.claims.officer, { endTime: '11:00' }, 1);

    expect(stale.status).toBe(412);
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ hoursCredited: 3, version: 2 });
    expect((await caseTotals(caseId)).credited).toBe(180);
  });

  it('verifying an already verified session is harmless: the credit stays as it was', async () => {
    const { caseId, base } = await placedCase(call, world);
    const { body: recorded } = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-03-12', '08:00', '10:00'),
    });
    const verifyAgain = await patch(
      call,
      `${base}/sessions/${recorded.id}`,
      world.claims.officer,
      { verified: true },
      1,
    );
    expect(verifyAgain.body).toMatchObject({ hoursCredited: 2, verified: true, version: 2 });
    expect((await caseTotals(caseId)).credited).toBe(120);
  });
});

describe('a site supervisor (pengawas lapangan) records, the PK verifies', () => {
  it("counts a supervisor's session only once the officer verifies it", async () => {
    // A case placed at the fixture supervisor's site (a real site of a real partner).
    const { caseId, base } = await registeredCase(call, world, { status: 'assessed' });
    const placed = await call('POST', `${base}/cases/${caseId}/placements`, {
      claims: world.claims.officer,
      body: weekdayPlacement(world.siteId),
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);

    const recorded = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.supervisor,
      body: session('2026-03-16', '08:00', '11:00'),
    });
    const elsewhere = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.supervisor,
      body: session('2026-03-17', '08:00', '11:00', { siteId: 'not-my-site' }),
    });
    const before = await caseTotals(caseId);
    const supervisorVerifies = await patch(
      call,
      `${base}/sessions/${recorded.body.id}`,
      world.claims.supervisor,
      { verified: true },
      1,
    );
    const verified = await patch(
      call,
      `${base}/sessions/${recorded.body.id}`,
      world.claims.officer,
      { verified: true },
      1,
    );

    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ verified: false, hoursCredited: 0, durationHours: 3 });
    expect(elsewhere.status).toBe(400);
    expect(before.credited).toBe(0);
    expect(supervisorVerifies.status).toBe(403);
    expect(verified.body).toMatchObject({
      verified: true,
      hoursCredited: 3,
      verifiedBy: world.people.officer,
    });
    expect((await caseTotals(caseId)).credited).toBe(180);
  });
});

describe('the office summary follows the sessions', () => {
  it('counts hours per week of the work and sessions this week', async () => {
    const { caseId, base } = await placedCase(call, world);
    const before = await call('GET', `${base}/summary`, { claims: world.claims.admin });

    // Today is Monday 29 June 2026: one session this week, one in the week of 22 June.
    await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-06-29', '08:00', '10:00'),
    });
    await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-06-24', '08:00', '11:00'),
    });
    const after = await call('GET', `${base}/summary`, { claims: world.claims.admin });

    const week = (body: { weeks: { weekStart: string; hoursCredited: number }[] }, monday: string) =>
      body.weeks.find((w) => w.weekStart === monday)!.hoursCredited;
    expect(after.body.sessionsThisWeek).toBe(before.body.sessionsThisWeek + 1);
    expect(week(after.body, '2026-06-29') - week(before.body, '2026-06-29')).toBe(2);
    expect(week(after.body, '2026-06-22') - week(before.body, '2026-06-22')).toBe(3);
    expect(after.body.weeks.map((w: { weekStart: string }) => w.weekStart)[0]).toBe('2026-05-11');
  });
});

describe('ending a case', () => {
  it('resolves its open warnings, so the office no longer counts them', async () => {
    const { caseId, base } = await placedCase(call, world);
    const absence = await call('POST', `${base}/cases/${caseId}/sessions`, {
      claims: world.claims.officer,
      body: session('2026-03-20', '08:00', '10:00', { outcome: 'unexcused_absence' }),
    });
    await call('POST', `${base}/cases/${caseId}/warnings`, {
      claims: world.claims.officer,
      body: { level: 1, reason: 'Tidak hadir tanpa alasan yang sah', sessionIds: [absence.body.id] },
    });
    const warnedSummary = await call('GET', `${base}/summary`, { claims: world.claims.admin });

    const ended = await call('POST', `${base}/cases/${caseId}/transitions`, {
      claims: world.claims.officer,
      body: { to: 'terminated', reason: 'Klien meninggal dunia' },
    });
    const summary = await call('GET', `${base}/summary`, { claims: world.claims.admin });
    const warnings = await call('GET', `${base}/cases/${caseId}/warnings`, { claims: world.claims.officer });

    expect(ended.body).toMatchObject({ status: 'terminated', openWarnings: 0 });
    expect(summary.body.openWarnings).toBe(warnedSummary.body.openWarnings - 1);
    expect(warnings.body.items.map((w: { status: string }) => w.status)).toEqual(['resolved']);
  });
});

describe('concurrency: nothing is over-credited', () => {
  it('50 parallel sessions on one 40-hour case credit exactly 40 hours and are all recorded', async () => {
    const { caseId, base } = await placedCase(call, world);
    const url = `${base}/cases/${caseId}/sessions`;

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call('POST', url, {
          claims: world.claims.officer,
          body: session(addDays('2026-03-01', i), '08:00', '12:00'),
        }),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const credited = responses.reduce((sum, r) => sum + r.body.hoursCredited, 0);
    expect(credited).toBe(40);
    expect(await caseTotals(caseId)).toMatchObject({ credited: 2400, remaining: 0 });
    const list = await call('GET', `${url}?limit=100`, { claims: world.claims.officer });
    expect(list.body.items).toHaveLength(50);
  });

  it('keeps the "on track until" key exact when parallel sessions interleave', async () => {
    const { caseId, base } = await placedCase(call, world);
    const url = `${base}/cases/${caseId}/sessions`;

    // Each writer first tries the key its own write implies; whoever lost that race re-derives it.
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call('POST', url, {
          claims: world.claims.officer,
          body: session(addDays('2026-03-02', i), '08:00', '09:30'),
        }),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    const ledger = await readLedger(env.db, env.tableName, world.home, caseId);
    expect(ledger.sessions).toHaveLength(12);
    expect(ledgerProblems(ledger)).toEqual([]);
  });

  it('20 parallel one-hour sessions of one client on one day credit exactly the 4-hour daily cap', async () => {
    const { caseId, base } = await placedCase(call, world);
    const url = `${base}/cases/${caseId}/sessions`;
    const hours = Array.from({ length: 20 }, (_, i) => i);

    const responses = await Promise.all(
      hours.map((h) =>
        call('POST', url, {
          claims: world.claims.officer,
          body: session('2026-04-01', `${String(h).padStart(2, '0')}:00`, `${String(h).padStart(2, '0')}:59`),
        }),
      ),
    );

    expect(responses.every((r) => r.status === 201)).toBe(true);
    // 59-minute sessions: four full ones (236 minutes) and 4 minutes of a fifth reach the cap exactly.
    expect((await caseTotals(caseId)).credited).toBe(240);
    expect(responses.filter((r) => r.body.hoursCredited > 0)).toHaveLength(5);
  });
});
