import { beforeAll, describe, expect, it } from 'vitest';
import { runHousekeeping } from '../../functions/actions/housekeeping/run-housekeeping';
import { endExpiredPlacements, HOUSEKEEPING_ACTOR } from '../../functions/actions/placements/end-expired';
import type { Office } from '../../functions/domain';
import { createHousekeepingWorkers } from '../../functions/platform/housekeeping-workers';
import { keys } from '../../functions/store/keys';
import { housekeepingTableAccess } from '../../infra/constructs/housekeeping';
import { allows } from '../../infra/constructs/table-access';
import { apiCaller } from '../support/api';
import { recordingDynamoClient } from '../support/dynamo-calls';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';

/**
 * Issue 16, item 7: the nightly housekeeping ends placements past their last day and gives their
 * sites' places back, against DynamoDB Local with the test's clock. Only this file's office is tidied
 * (other files' offices share the emulator and the zone), except where the zone runner is under test
 * with a directory that lists this office alone.
 */
let now = new Date('2026-05-11T08:00:00Z');
const env = testEnvironment({ now: () => now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let office: Office;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  office = (await env.deps.directory.getOffice(world.home))!;
});

/** Palopo (WITA, UTC+8) at a local date and time. */
const wita = (date: string, time = '00:30') => new Date(`${date}T${time}:00+08:00`);

const ports = (dynamo?: ReturnType<typeof recordingDynamoClient>['client']) =>
  createHousekeepingWorkers(env.config, { now: () => now, ...(dynamo ? { dynamo } : {}) });

const occupancy = async () => (await env.deps.sites.get(world.home, world.siteId))!.occupancy;
const placementOf = async (caseId: string, placementId: string) =>
  (await env.deps.placements.list(world.home, caseId)).items.find((p) => p.id === placementId)!;
const timelineOf = async (caseId: string) =>
  (await env.deps.audit.trail(world.home, { type: 'case', id: caseId }, { limit: 100 })).items;

describe('the nightly housekeeping: placements past their last day', () => {
  it('ends a placement whose until passed, gives its places back, audits it, and a rerun changes nothing', async () => {
    // Arrange: one placement ending Friday 15 May, one running to 30 June; weekdays, both.
    now = new Date('2026-05-11T08:00:00Z');
    const expiring = await placedCase(call, world, {
      placement: { weekdays: [1, 2, 3, 4, 5], from: '2026-03-02', until: '2026-05-15' },
    });
    const running = await placedCase(call, world, {
      placement: { weekdays: [1, 2, 3, 4, 5], from: '2026-03-02', until: '2026-06-30' },
    });
    const before = await occupancy();

    // Act 1: on its last day it is still in force.
    now = wita('2026-05-15');
    const onLastDay = await endExpiredPlacements(ports(), office);

    // Assess 1
    expect(onLastDay.ended).toBe(0);
    expect((await placementOf(expiring.caseId, expiring.placementId)).status).toBe('active');

    // Act 2: the night after (Saturday 00:30 WITA), under the job's IAM access list.
    now = wita('2026-05-16');
    const recorder = recordingDynamoClient(env.config.dynamoEndpoint!);
    const report = await endExpiredPlacements(ports(recorder.client), office);

    // Assess 2: ended as of its own last day, places back on each of its weekdays, audited as the job.
    expect(report).toEqual({ ended: 1, skipped: 0, failed: 0 });
    const ended = await placementOf(expiring.caseId, expiring.placementId);
    expect(ended).toMatchObject({ status: 'ended', until: '2026-05-15', endedAt: now.toISOString() });
    expect((await placementOf(running.caseId, running.placementId)).status).toBe('active');
    const after = await occupancy();
    for (const day of ['1', '2', '3', '4', '5'] as const) {
      expect(after[day], `weekday ${day}`).toBe(before[day] - 1);
    }
    const entries = (await timelineOf(expiring.caseId)).filter((e) => e.action === 'placement.end');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: HOUSEKEEPING_ACTOR });
    expect(entries[0]?.reason).toContain('2026-05-15');
    // The case has no other placement: it no longer names a current site.
    expect((await env.deps.cases.get(world.home, expiring.caseId))?.currentSiteId).toBeUndefined();
    // Every call the job made is one its Lambda role allows; it found its work with a Query, no Scan.
    expect(recorder.calls.filter((c) => !allows(housekeepingTableAccess, c))).toEqual([]);
    expect(recorder.calls).toContainEqual(
      expect.objectContaining({
        action: 'dynamodb:Query',
        index: 'due',
        partitionKey: keys.activePlacements(world.home),
      }),
    );

    // Act 3: the next night, and the same night again.
    now = wita('2026-05-17');
    const again = await endExpiredPlacements(ports(), office);
    const sameNight = await endExpiredPlacements(ports(), office);

    // Assess 3: nothing more to do, nothing moved.
    expect(again).toEqual({ ended: 0, skipped: 0, failed: 0 });
    expect(sameNight).toEqual({ ended: 0, skipped: 0, failed: 0 });
    expect(await occupancy()).toEqual(after);
    expect((await timelineOf(expiring.caseId)).filter((e) => e.action === 'placement.end')).toHaveLength(1);
  });

  it('leaves a placement a person ended alone, also when a lagging listing still shows it', async () => {
    // Arrange: ended early by its PK through the API, on Wednesday 13 May.
    now = wita('2026-05-13', '10:00');
    const early = await placedCase(call, world, {
      placement: { weekdays: [2, 4], from: '2026-03-03', until: '2026-05-14' },
    });
    const ended = await call('DELETE', `/v1/offices/${world.home}/placements/${early.placementId}`, {
      claims: world.claims.officer,
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const occupancyAfterPerson = await occupancy();

    // Act
    now = wita('2026-05-16');
    const report = await endExpiredPlacements(ports(), office);

    // The index is eventually consistent: a listing read a moment too early still shows it as active.
    const stale = { ...(await placementOf(early.caseId, early.placementId)), status: 'active' as const };
    const real = ports();
    const lagging = {
      ...real,
      placements: Object.assign(Object.create(real.placements) as typeof real.placements, {
        pastUntil: async () => ({ items: [stale], lastKey: undefined }),
      }),
    };
    const fromLaggingListing = await endExpiredPlacements(lagging, office);

    // Assess: off the listing in the person's own transaction; re-read from its case when listed late.
    expect(report.ended).toBe(0);
    expect(fromLaggingListing).toEqual({ ended: 0, skipped: 1, failed: 0 });
    expect(await occupancy()).toEqual(occupancyAfterPerson);
    const ends = (await timelineOf(early.caseId)).filter((e) => e.action === 'placement.end');
    expect(ends.map((e) => e.actor)).toEqual([world.people.officer]);
  });

  it('runs for every office of the zone it is given, and reports counts only', async () => {
    // Arrange
    now = new Date('2026-05-11T08:00:00Z');
    const expiring = await placedCase(call, world, {
      placement: { weekdays: [6], from: '2026-03-07', until: '2026-05-23' },
    });
    now = wita('2026-05-24');
    const zone = { ...ports(), directory: { listOfficesInZone: async () => [office] } };

    // Act
    const report = await runHousekeeping(zone, 'Asia/Makassar');

    // Assess
    expect(report).toEqual({
      ended: 1,
      skipped: 0,
      failed: 0,
      offices: 1,
      failedOffices: 0,
      // Then the retention schedule (test/integration/retention.test.ts): this office has no closed case.
      retention: { cases: 0, locked: 0, steps: 0, held: 0, failed: 0 },
    });
    expect((await placementOf(expiring.caseId, expiring.placementId)).status).toBe('ended');
  });
});
