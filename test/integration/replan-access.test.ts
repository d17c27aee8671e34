import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { replanAfterChanges } from '../../functions/actions/plans/replan-cases';
import { createReplanWorkers } from '../../functions/platform/replan-workers';
import { auditItem } from '../../functions/store/audit';
import { auditEntriesOf } from '../../functions/store/audit-stream';
import { allows, caseReplannerTableAccess } from '../../infra/constructs/table-access';
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

describe('the case re-planner under its IAM role', () => {
  it('makes only calls its role allows', async () => {
    const { caseId } = await placedCase(call, world, {
      placement: { weekdays: [6], from: '2026-06-01', until: '2026-06-30' },
    });
    const recorder = recordingDynamoClient(env.config.dynamoEndpoint!);
    const ports = createReplanWorkers(env.config, { dynamo: recorder.client, now });
    const entry = auditItem({
      officeId: world.home,
      actor: 'officer',
      action: 'case.transition',
      subject: { type: 'case', id: caseId },
      changes: [],
      at: now(),
    });
    const records = [
      {
        eventName: 'INSERT',
        dynamodb: {
          SequenceNumber: '1',
          NewImage: marshall(entry, { removeUndefinedValues: true }) as Record<string, AttributeValue>,
        },
      },
    ];

    const report = await replanAfterChanges(ports, auditEntriesOf(records));

    expect(report.replanned).toBe(1);
    expect(recorder.calls.map((c) => c.action)).toEqual(expect.arrayContaining(['dynamodb:UpdateItem']));
    expect(recorder.calls.filter((c) => !allows(caseReplannerTableAccess, c))).toEqual([]);
  });
});
