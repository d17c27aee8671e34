import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { replanAfterChanges } from '../../functions/actions/plans/replan-cases';
import { createReplanWorkers } from '../../functions/platform/replan-workers';
import { auditItem } from '../../functions/store/audit';
import { auditEntriesOf } from '../../functions/store/audit-stream';
import {
  allows,
  caseReplannerTableAccess,
  slotReleaseTableAccess,
} from '../../infra/constructs/table-access';
import { apiCaller } from '../support/api';
import { recordingDynamoClient } from '../support/dynamo-calls';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';

// The case re-planner's real DynamoDB calls against DynamoDB Local, each held against the IAM access
// list its Lambda role is built from (infra/constructs/table-access.ts): a call the code adds later
// without the role allowing it fails here, not in the cloud.
const now = () => new Date('2026-05-11T08:00:00Z');
const env = testEnvironment({ now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
});

/** One inserted audit entry of the case, as the table's stream hands it over. */
function streamedEntry(caseId: string, action: string) {
  const entry = auditItem({
    officeId: world.home,
    actor: 'officer',
    action,
    subject: { type: 'case', id: caseId },
    changes: [],
    at: now(),
  });
  return auditEntriesOf([
    {
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: '1',
        NewImage: marshall(entry, { removeUndefinedValues: true }) as Record<string, AttributeValue>,
      },
    },
  ]);
}

describe('the case re-planner under its IAM role', () => {
  it('releases the slots of an ended placement: places back, audited, with only calls its role allows', async () => {
    const { base, caseId, placementId } = await placedCase(call, world, {
      placement: { weekdays: [1, 2, 3, 4, 5], from: '2026-03-02', until: '2026-06-30' },
    });
    const slot = (date: string) => ({ date, siteId: world.siteId, startTime: '08:00', endTime: '12:00' });
    const accepted = await call('PUT', `${base}/cases/${caseId}/schedule`, {
      claims: world.claims.officer,
      body: { from: '2026-05-12', until: '2026-05-13', slots: [slot('2026-05-12'), slot('2026-05-13')] },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const loadBefore = await env.deps.slots.loadBetween(world.home, '2026-05-12', '2026-05-13', {
      consistent: true,
    });
    const ended = await call('DELETE', `/v1/offices/${world.home}/placements/${placementId}`, {
      claims: world.claims.officer,
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const recorder = recordingDynamoClient(env.config.dynamoEndpoint!);
    const ports = createReplanWorkers(env.config, { dynamo: recorder.client, now });

    await replanAfterChanges(ports, streamedEntry(caseId, 'placement.end'));

    const schedule = await call('GET', `${base}/cases/${caseId}/schedule`, { claims: world.claims.officer });
    expect(schedule.body.items).toEqual([]);
    const loadAfter = await env.deps.slots.loadBetween(world.home, '2026-05-12', '2026-05-13', {
      consistent: true,
    });
    for (const date of ['2026-05-12', '2026-05-13']) {
      expect(loadAfter[date]?.[world.siteId] ?? 0).toBe((loadBefore[date]?.[world.siteId] ?? 0) - 1);
    }
    const timeline = await env.deps.audit.trail(world.home, { type: 'case', id: caseId }, { limit: 50 });
    expect(timeline.items.map((e) => `${e.action} ${e.actor}`)).toContain(
      'case.schedule system:case-replanner',
    );
    expect(recorder.calls.map((c) => c.action)).toContain('dynamodb:DeleteItem');
    expect(
      recorder.calls.filter((c) => !allows([...caseReplannerTableAccess, ...slotReleaseTableAccess], c)),
    ).toEqual([]);
    // The sweep's role (the re-planner's reads and plan) would not allow the release.
    expect(recorder.calls.filter((c) => !allows(caseReplannerTableAccess, c)).length).toBeGreaterThan(0);
  });

  it('makes only calls its role allows', async () => {
    const { caseId } = await placedCase(call, world, {
      placement: { weekdays: [6], from: '2026-06-01', until: '2026-06-30' },
    });
    const recorder = recordingDynamoClient(env.config.dynamoEndpoint!);
    const ports = createReplanWorkers(env.config, { dynamo: recorder.client, now });
    const report = await replanAfterChanges(ports, streamedEntry(caseId, 'case.transition'));

    expect(report.replanned).toBe(1);
    expect(recorder.calls.map((c) => c.action)).toEqual(expect.arrayContaining(['dynamodb:UpdateItem']));
    expect(recorder.calls.filter((c) => !allows(caseReplannerTableAccess, c))).toEqual([]);
  });
});
