import { Match } from 'aws-cdk-lib/assertions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditPartition } from '../../functions/store/audit';
import { keys } from '../../functions/store/keys';
import { functionRuntime } from '../../infra/constructs/abdi-function';
import { caseReplanEntry } from '../../infra/constructs/case-replanning';
import {
  allows,
  CASE_REPLAN_PARTITIONS,
  caseReplannerTableAccess,
  slotReleaseTableAccess,
  type ItemAction,
} from '../../infra/constructs/table-access';
import { bundleLikeCdk } from '../support/bundle';
import { deploymentWith, deployments, resourcesOf, synthesize } from './support';
import { toAccess, sorted, type Statement } from './iam-statements';

/**
 * The case re-planner in the cloud: a second consumer of the main table's stream, invoked by inserted
 * audit entries of cases only, in order, with retries and a dead-letter queue that alarms; its role
 * reads the planning context and updates case items, nothing else.
 */
const withAlarms = deploymentWith({
  name: 'replan-alarms',
  authDomainPrefix: 'abdi-replan-alarms',
  alarms: { email: 'ops@example.go.id' },
});

const REPLANNER = /case re-planner/;

describe.each([...deployments, withAlarms].map((d) => [d.name, d] as const))(
  'case re-planning, deployment %s',
  (_name, deployment) => {
    const { appTemplate } = synthesize(deployment);
    const functions = resourcesOf(appTemplate, 'AWS::Lambda::Function');

    /** The logical id and properties of the one function whose description matches. */
    function fn(description: RegExp): [string, Record<string, unknown>] {
      const found = functions.filter(([, props]) => description.test(String(props.Description)));
      expect(found).toHaveLength(1);
      return found[0]!;
    }

    /** The statements of the policies attached to a function's role. */
    function statementsOf(description: RegExp): Statement[] {
      const [, props] = fn(description);
      const role = (props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      return resourcesOf(appTemplate, 'AWS::IAM::Policy')
        .filter(([, policy]) => JSON.stringify(policy.Roles).includes(role))
        .flatMap(([, policy]) => (policy.PolicyDocument as { Statement: Statement[] }).Statement);
    }

    const [replannerId, replanner] = fn(REPLANNER);
    const [dispatcherId] = fn(/webhook dispatcher/);
    const mappings = resourcesOf(appTemplate, 'AWS::Lambda::EventSourceMapping');
    const mappingOf = (functionId: string) => {
      const found = mappings.filter(([, m]) => JSON.stringify(m.FunctionName) === `{"Ref":"${functionId}"}`);
      expect(found).toHaveLength(1);
      return found[0]![1];
    };
    const [deadLetterId] = resourcesOf(appTemplate, 'AWS::SQS::Queue').find(([id]) =>
      id.startsWith('CaseReplanningDeadLetters'),
    ) ?? [''];

    describe('the re-planner on the table stream', () => {
      it('is the second stream consumer, reading the main table stream from its oldest record', () => {
        // Assess: the dispatcher and the re-planner, one mapping each on the stream (the import worker's
        // mapping reads its queue, not the stream)
        const onTheStream = mappings.filter(([, m]) => /StreamArn/.test(JSON.stringify(m.EventSourceArn)));
        expect(onTheStream).toHaveLength(2);
        const mapping = mappingOf(replannerId);
        expect(mapping).toMatchObject({
          // Not LATEST: a mapping starts polling minutes after it is created or updated.
          StartingPosition: 'TRIM_HORIZON',
          BatchSize: 100,
        });
        expect(JSON.stringify(mapping.EventSourceArn)).toMatch(/Tablesmain\w*StreamArn/);
        expect(mapping.EventSourceArn).toEqual(mappingOf(dispatcherId).EventSourceArn);
      });

      it('keeps a case in order: one batch per shard, no bisecting, the whole batch retried', () => {
        const mapping = mappingOf(replannerId);
        expect(mapping).toMatchObject({
          ParallelizationFactor: 1,
          BisectBatchOnFunctionError: false,
          MaximumRetryAttempts: 10,
        });
        // As the dispatcher's: under the stream's 24 hours, so a dead-lettered range can still be read.
        expect(mapping.MaximumRecordAgeInSeconds).toBe(6 * 3600);
        expect(mapping.MaximumRecordAgeInSeconds).toBe(mappingOf(dispatcherId).MaximumRecordAgeInSeconds);
        expect(mapping.FunctionResponseTypes).toBeUndefined();
      });

      it('is invoked for inserted audit entries of cases only (one pattern: all three must match)', () => {
        const mapping = mappingOf(replannerId);
        const filters = (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
        expect(filters.map((f) => JSON.parse(f.Pattern) as unknown)).toEqual([
          {
            eventName: ['INSERT'],
            dynamodb: { NewImage: { type: { S: ['audit'] }, subjectType: { S: ['case'] } } },
          },
        ]);
      });

      it('hands batches whose retries are used up to its own encrypted, TLS-only queue kept 14 days', () => {
        const mapping = mappingOf(replannerId);
        expect(deadLetterId).not.toBe('');
        expect(mapping.DestinationConfig).toEqual({
          OnFailure: { Destination: { 'Fn::GetAtt': [deadLetterId, 'Arn'] } },
        });
        expect(mappingOf(dispatcherId).DestinationConfig).not.toEqual(mapping.DestinationConfig);
        const [, queue] = resourcesOf(appTemplate, 'AWS::SQS::Queue').find(([id]) => id === deadLetterId)!;
        expect(queue).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
        appTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: deadLetterId }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      });

      // Every deployment alarms (issue 16); without an alarm target the topic waits for a subscriber.
      it('alarms when its queue holds a message', () => {
        const alarms = resourcesOf(appTemplate, 'AWS::CloudWatch::Alarm').filter(
          ([, props]) =>
            props.MetricName === 'ApproximateNumberOfMessagesVisible' &&
            JSON.stringify(props.Dimensions).includes(`"${deadLetterId}"`),
        );
        expect(alarms).toHaveLength(1);
        const [, alarm] = alarms[0]!;
        expect(alarm).toMatchObject({
          Namespace: 'AWS/SQS',
          Statistic: 'Maximum',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          EvaluationPeriods: 1,
          TreatMissingData: 'notBreaching',
        });
        // The description joins in the queue URL (a token) for its first command.
        expect(JSON.stringify(alarm.AlarmDescription)).toMatch(/re-planner/);
        const [[topicId] = ['']] = resourcesOf(appTemplate, 'AWS::SNS::Topic');
        expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      });

      it("alarms on the function's errors and throttles", () => {
        const alarms = resourcesOf(appTemplate, 'AWS::CloudWatch::Alarm').filter(
          ([, props]) =>
            props.Namespace === 'AWS/Lambda' && JSON.stringify(props.Dimensions).includes(`"${replannerId}"`),
        );
        expect(alarms.map(([, a]) => [a.MetricName, a.Threshold]).sort()).toEqual([
          ['Errors', 3],
          ['Throttles', 1],
        ]);
        const [[topicId] = ['']] = resourcesOf(appTemplate, 'AWS::SNS::Topic');
        for (const [, alarm] of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      });
    });

    describe('the function', () => {
      it('runs on arm64 with the runtime, log group and runtime configuration of the dispatcher', () => {
        const [, dispatcher] = fn(/webhook dispatcher/);
        const variables = (props: Record<string, unknown>) =>
          (props.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(replanner).toMatchObject({
          Architectures: ['arm64'],
          Runtime: functionRuntime.name,
          Handler: dispatcher.Handler,
          MemorySize: dispatcher.MemorySize,
          Timeout: 300,
          LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/^CaseReplanningReplannerLogGroup/) } },
        });
        expect(replanner.TracingConfig).toEqual(dispatcher.TracingConfig);
        // Everything readRuntimeConfig reads, exactly as the dispatcher gets it; its own service name.
        const { POWERTOOLS_SERVICE_NAME: own, ...rest } = variables(replanner);
        const { POWERTOOLS_SERVICE_NAME: theirs, ...expected } = variables(dispatcher);
        expect(rest).toEqual(expected);
        expect(own).toBe('abdi-case-replan');
        expect(theirs).toBe('abdi-webhooks');
        expect(rest).toMatchObject({ ABDI_MODE: 'cloud', TABLE_NAME: `abdi-${deployment.name}-main` });
      });

      it('holds exactly its access list on the main table, every statement bound to partitions', () => {
        // Act
        const statements = statementsOf(REPLANNER);
        const dynamo = statements.filter((s) =>
          [s.Action].flat().some((a) => /^dynamodb:\w+Item$|^dynamodb:Query$/.test(a)),
        );
        // Assess
        expect(sorted(dynamo.map(toAccess))).toEqual(
          sorted([...caseReplannerTableAccess, ...slotReleaseTableAccess]),
        );
        for (const statement of dynamo) {
          expect(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toBeDefined();
          // The main table of this deployment; gsi2 only for the client's slots.
          expect(JSON.stringify(statement.Resource)).toMatch(
            // The account is the deployment's own (a literal), so the ARN is one string.
            new RegExp(`:${deployment.account}:table/abdi-${deployment.name}-main(/index/gsi2)?"$`),
          );
        }
        // Writes: the case's plan; releasing void slots (delete, the day's load, the timeline's entry).
        const writes = dynamo
          .filter((s) => [s.Action].flat().some((a) => !/Get|Query/.test(a)))
          .map(
            (s) =>
              `${[s.Action].flat().join()} ${JSON.stringify(s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'])}`,
          )
          .sort();
        expect(writes).toEqual([
          'dynamodb:DeleteItem ["O#*#CASE#*"]',
          'dynamodb:PutItem ["O#*#AUDIT#case#*"]',
          'dynamodb:UpdateItem ["O#*#CASE#*"]',
          'dynamodb:UpdateItem ["O#*#SLOTLOAD"]',
        ]);
      });

      it('holds no wildcard resource but ListStreams (which AWS allows only on *), no other service', () => {
        const statements = statementsOf(REPLANNER);
        const onAnything = statements.filter((s) => JSON.stringify(s.Resource).includes('*'));
        expect(onAnything.flatMap((s) => [s.Action].flat())).toEqual(['dynamodb:ListStreams']);
        const services = new Set(statements.flatMap((s) => [s.Action].flat()).map((a) => a.split(':')[0]));
        expect([...services].sort()).toEqual(['dynamodb', 'kms', 'logs', 'sqs']);
        // The table key's write actions only through DynamoDB.
        const kms = statements.filter((s) => [s.Action].flat().includes('kms:Encrypt'));
        expect(kms).toHaveLength(1);
        for (const s of kms) {
          expect(JSON.stringify(s.Condition?.StringEquals?.['kms:ViaService'])).toContain('dynamodb.');
        }
        // The stream reads on the main table's stream ARN; sending to its own dead-letter queue only.
        const streamReads = statements.filter((s) =>
          [s.Action].flat().some((a) => /^dynamodb:(GetRecords|GetShardIterator|DescribeStream)$/.test(a)),
        );
        expect(streamReads.length).toBeGreaterThan(0);
        for (const s of streamReads) expect(JSON.stringify(s.Resource)).toMatch(/Tablesmain\w*StreamArn/);
        for (const s of statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')))) {
          expect(s.Resource).toEqual({ 'Fn::GetAtt': [deadLetterId, 'Arn'] });
        }
      });
    });
  },
);

describe('the re-planner access list (infra/constructs/table-access.ts)', () => {
  // Prepare: real keys from store/keys.ts
  const office = 'palopo';
  const access = caseReplannerTableAccess;
  const can = (action: ItemAction, partitionKey: string, index?: string) =>
    allows(access, { action, partitionKey, ...(index ? { index } : {}) });

  it('reads the case, its placements, the office, sites and client days, consistently by key', () => {
    const reads: [ItemAction, string][] = [
      ['dynamodb:GetItem', keys.caseRecord(office, 'C1').pk],
      ['dynamodb:GetItem', keys.office(office).pk],
      ['dynamodb:Query', keys.casePartition(office, 'C1')],
      ['dynamodb:BatchGetItem', keys.site(office, 'S1').pk],
      ['dynamodb:BatchGetItem', keys.clientDay(office, 'K1', '2026-03-02').pk],
      ['dynamodb:Query', keys.slotLoadPartition(office)],
    ];
    for (const [action, pk] of reads) expect(can(action, pk), `${action} ${pk}`).toBe(true);
  });

  it("reads the client's accepted slots on gsi2, and no other listing of that index", () => {
    expect(can('dynamodb:Query', keys.clientSlots(office, 'K1'), 'gsi2')).toBe(true);
    expect(can('dynamodb:Query', keys.officerCases(office, 'pk.1'), 'gsi2')).toBe(false);
    expect(can('dynamodb:Query', keys.clientSlots(office, 'K1'), 'gsi1')).toBe(false);
    expect(can('dynamodb:Query', keys.officeSlots(office), 'gsi1')).toBe(false);
  });

  it('writes one kind of item, the case, and only by UpdateItem', () => {
    expect(can('dynamodb:UpdateItem', keys.caseRecord(office, 'C1').pk)).toBe(true);
    for (const pk of [
      keys.office(office).pk,
      keys.site(office, 'S1').pk,
      keys.clientDay(office, 'K1', '2026-03-02').pk,
    ]) {
      expect(can('dynamodb:UpdateItem', pk), pk).toBe(false);
    }
    for (const action of [
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
    ] as const) {
      expect(can(action, keys.caseRecord(office, 'C1').pk), action).toBe(false);
    }
    // No audit entry: the re-planner records nothing in any timeline.
    expect(can('dynamodb:PutItem', auditPartition(office, { type: 'case', id: 'C1' }))).toBe(false);
  });

  it('reaches no audit trail, directory, partner, guard, counter or webhook partition, and one index listing only', () => {
    const unreachable = [
      auditPartition(office, { type: 'case', id: 'C1' }),
      auditPartition(office, { type: 'client', id: 'K1' }),
      keys.userPartition('admin.palopo'),
      keys.clientPartition('machine-1'),
      keys.partner(office, 'P1').pk,
      keys.nikGuard(office, 'hash').pk,
      keys.officeStats(office).pk,
      `O#${office}#WEBHOOKS`,
      keys.localCredential('admin.palopo').pk,
    ];
    for (const pk of unreachable) {
      for (const action of ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const) {
        expect(can(action, pk), `${action} ${pk}`).toBe(false);
      }
    }
    expect(can('dynamodb:Query', keys.casesInStatus(office, 'active'), 'gsi1')).toBe(false);
    expect(can('dynamodb:Query', keys.office(office).pk)).toBe(false);
    // One index, for one listing: the client's slots on gsi2 (ADR 0014).
    expect(access.every((s) => s.leadingKeys !== undefined)).toBe(true);
    expect(access.filter((s) => s.indexes !== undefined)).toEqual([
      expect.objectContaining({ indexes: ['gsi2'], leadingKeys: [CASE_REPLAN_PARTITIONS.clientSlots] }),
    ]);
    expect(Object.values(CASE_REPLAN_PARTITIONS).sort()).toEqual(
      [...new Set(access.flatMap((s) => s.leadingKeys ?? []))].sort(),
    );
  });
});

/**
 * The handler bundled as the CDK bundles it (see AbdiFunction): it must carry the planner and the
 * stores it reads, and nothing of the API (routes, zod schemas, Cognito, S3, Secrets Manager), the
 * evidence verifier (image codecs) or the webhook sender.
 */
describe('the re-planner bundle', () => {
  const folder = mkdtempSync(join(tmpdir(), 'abdi-replan-bundle-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('carries no API, evidence or webhook dependency and stays small', async () => {
    // Act
    const metafile = await bundleLikeCdk(caseReplanEntry, join(folder, 'index.mjs'));
    // Assess
    const [output] = Object.values(metafile.outputs).filter((o) => o.entryPoint);
    const inputs = Object.entries(output!.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
    expect(inputs.some((p) => p.includes('functions/actions/plans/replan-cases'))).toBe(true);
    expect(inputs.some((p) => p.includes('functions/store/case-store'))).toBe(true);
    expect(
      inputs.filter((p) =>
        /functions\/(api|evidence)\/|webhook|standardwebhooks|@middy\/http-|node_modules\/zod\/|client-(s3|cognito|secrets-manager)|jsquash|\.node$/.test(
          p,
        ),
      ),
    ).toEqual([]);
    // The handler, the planner, Powertools' logger and the DynamoDB client: ~450 kB.
    expect(output!.bytes).toBeLessThan(600_000);
  });
});
