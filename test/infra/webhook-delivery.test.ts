import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Match } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../functions/actions/webhooks/deliver';
import { dispatchAuditEntries } from '../../functions/actions/webhooks/dispatch';
import type { WebhookSender } from '../../functions/actions/webhooks/worker-ports';
import type { RuntimeConfig } from '../../functions/platform/config';
import { createWebhookWorkers } from '../../functions/platform/webhook-workers';
import { auditItem } from '../../functions/store/audit';
import { auditEntriesOf } from '../../functions/store/audit-stream';
import { esmRequireBanner, functionRuntime } from '../../infra/constructs/abdi-function';
import {
  allows,
  webhookDispatcherTableAccess,
  webhookRetryTableAccess,
  type DynamoCall,
  type TableAccess,
} from '../../infra/constructs/table-access';
import { webhookDispatchEntry, webhookRetryEntry } from '../../infra/constructs/webhook-delivery';
import { recordingDynamoClient } from '../support/dynamo-calls';
import { deploymentWith, deployments, resourcesOf, synthesize } from './support';
import { toAccess, sorted, type Statement } from './iam-statements';

/**
 * Issue 13 (webhooks), the cloud part: the main table's stream invokes the dispatcher with inserted
 * audit entries only, in order, with retries and a dead-letter queue that alarms; a sweep sends due
 * deliveries every minute; both functions reach only the webhook partitions of the main table.
 */
const withAlarms = deploymentWith({
  name: 'webhook-alarms',
  authDomainPrefix: 'abdi-webhook-alarms',
  alarms: { email: 'ops@example.go.id' },
});

describe.each([...deployments, withAlarms].map((d) => [d.name, d] as const))(
  'webhook delivery, deployment %s',
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

    const [dispatcherId] = fn(/webhook dispatcher/);
    const [retryId] = fn(/webhook retry/);
    const [deadLetterId] = resourcesOf(appTemplate, 'AWS::SQS::Queue').find(([id]) =>
      id.startsWith('WebhooksDeadLetters'),
    )!;

    describe('the dispatcher on the table stream', () => {
      // The dispatcher's own mapping (the case re-planner reads the same stream with another one).
      const mappings = resourcesOf(appTemplate, 'AWS::Lambda::EventSourceMapping').filter(
        ([, mapping]) => JSON.stringify(mapping.FunctionName) === `{"Ref":"${dispatcherId}"}`,
      );

      it('has one mapping, reading the main table stream from its oldest record', () => {
        expect(mappings).toHaveLength(1);
        const [, mapping] = mappings[0]!;
        expect(mapping).toMatchObject({
          FunctionName: { Ref: dispatcherId },
          // Not LATEST: a mapping starts polling minutes after it is created or updated.
          StartingPosition: 'TRIM_HORIZON',
          BatchSize: 100,
        });
        expect(JSON.stringify(mapping.EventSourceArn)).toMatch(/Tablesmain\w*StreamArn/);
      });

      it('keeps a case in order: one batch per shard, no bisecting, the whole batch retried', () => {
        const [, mapping] = mappings[0]!;
        expect(mapping).toMatchObject({
          ParallelizationFactor: 1,
          BisectBatchOnFunctionError: false,
          MaximumRetryAttempts: 10,
        });
        // Under the stream's 24 hours, so a dead-lettered range can still be read from the stream.
        expect(mapping.MaximumRecordAgeInSeconds).toBeGreaterThanOrEqual(60);
        expect(mapping.MaximumRecordAgeInSeconds).toBeLessThan(24 * 3600);
        // The handler throws on failure; a partial-batch response would let later records overtake.
        expect(mapping.FunctionResponseTypes).toBeUndefined();
      });

      it('is invoked for inserted audit items only', () => {
        const [, mapping] = mappings[0]!;
        const filters = (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
        expect(filters.map((f) => JSON.parse(f.Pattern) as unknown)).toEqual([
          { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['audit'] } } } },
        ]);
      });

      it('hands batches whose retries are used up to an encrypted, TLS-only queue kept 14 days', () => {
        const [, mapping] = mappings[0]!;
        expect(mapping.DestinationConfig).toEqual({
          OnFailure: { Destination: { 'Fn::GetAtt': [deadLetterId, 'Arn'] } },
        });
        appTemplate.hasResource('AWS::SQS::Queue', {
          Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 },
        });
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
      it('alarms when the queue holds a message', () => {
        const alarms = resourcesOf(appTemplate, 'AWS::CloudWatch::Alarm').filter(
          ([, props]) =>
            props.MetricName === 'ApproximateNumberOfMessagesVisible' &&
            JSON.stringify(props.Dimensions).includes(deadLetterId),
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
        const [[topicId] = ['']] = resourcesOf(appTemplate, 'AWS::SNS::Topic');
        expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      });
    });

    describe('the retry sweep', () => {
      it('runs every minute, without retries of a missed run (the next minute is the retry)', () => {
        const rules = resourcesOf(appTemplate, 'AWS::Events::Rule').filter(([, props]) =>
          JSON.stringify(props.Targets).includes(`"${retryId}"`),
        );
        expect(rules).toEqual([
          [
            expect.any(String),
            expect.objectContaining({
              ScheduleExpression: 'rate(1 minute)',
              State: 'ENABLED',
              Targets: [
                expect.objectContaining({
                  Arn: { 'Fn::GetAtt': [retryId, 'Arn'] },
                  RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
                }),
              ],
            }),
          ],
        ]);
        appTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: retryId },
          MaximumRetryAttempts: 0,
        });
      });
    });

    describe('both functions', () => {
      it('run on arm64 with the runtime, log group and runtime configuration of the others', () => {
        const [, verifier] = fn(/evidence verifier/);
        const shared = (props: Record<string, unknown>) =>
          Object.keys((props.Environment as { Variables: Record<string, unknown> }).Variables);
        for (const description of [/webhook dispatcher/, /webhook retry/]) {
          const [, props] = fn(description);
          expect(props).toMatchObject({
            Architectures: ['arm64'],
            Runtime: functionRuntime.name,
            Handler: verifier.Handler,
            MemorySize: verifier.MemorySize,
            LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/LogGroup/) } },
            Environment: {
              Variables: expect.objectContaining({
                ABDI_MODE: 'cloud',
                TABLE_NAME: `abdi-${deployment.name}-main`,
                POWERTOOLS_SERVICE_NAME: 'abdi-webhooks',
                NODE_OPTIONS: '--enable-source-maps',
              }),
            },
          });
          expect(props.TracingConfig).toEqual(verifier.TracingConfig);
          // Everything readRuntimeConfig requires in the cloud, as the evidence workers get it.
          const evidenceOnly = ['MAX_UPLOAD_BYTES', 'EVIDENCE_PENDING_EXPIRY_MINUTES'];
          expect(shared(props).sort()).toEqual(
            shared(verifier)
              .filter((k) => !evidenceOnly.includes(k))
              .sort(),
          );
        }
      });

      it.each([
        ['dispatcher', /webhook dispatcher/, webhookDispatcherTableAccess],
        ['retry sweep', /webhook retry/, webhookRetryTableAccess],
      ] as const)(
        'the %s holds exactly its access list, every statement bound to partitions',
        (_n, d, list) => {
          // Act
          const statements = statementsOf(d);
          const dynamo = statements.filter((s) =>
            [s.Action].flat().some((a) => /^dynamodb:\w+Item$|^dynamodb:Query$/.test(a)),
          );
          // Assess
          expect(sorted(dynamo.map(toAccess))).toEqual(sorted(list));
          for (const statement of dynamo) {
            expect(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toBeDefined();
            // The main table (or its `due` index) of this deployment, and nothing else.
            expect(JSON.stringify(statement.Resource)).toMatch(
              new RegExp(`:${deployment.account}:table/abdi-${deployment.name}-main(/index/due)?"$`),
            );
          }
        },
      );

      it('hold no wildcard resource but ListStreams (which AWS allows only on *), no other service', () => {
        for (const description of [/webhook dispatcher/, /webhook retry/]) {
          const statements = statementsOf(description);
          const onAnything = statements.filter((s) => JSON.stringify(s.Resource).includes('*'));
          expect(onAnything.flatMap((s) => [s.Action].flat())).toEqual(
            /dispatcher/.test(String(description)) ? ['dynamodb:ListStreams'] : [],
          );
          const services = new Set(statements.flatMap((s) => [s.Action].flat()).map((a) => a.split(':')[0]));
          expect([...services].sort()).toEqual(
            /dispatcher/.test(String(description))
              ? ['dynamodb', 'kms', 'logs', 'sqs']
              : ['dynamodb', 'kms', 'logs'],
          );
          // The table key's write actions only through DynamoDB.
          for (const s of statements.filter((s) => [s.Action].flat().includes('kms:Encrypt'))) {
            expect(JSON.stringify(s.Condition?.StringEquals?.['kms:ViaService'])).toContain('dynamodb.');
          }
        }
      });
    });
  },
);

/**
 * The workers' real code paths (actions/webhooks over the real stores), against a DynamoDB client that
 * answers from a script instead of the network, every call recorded as IAM authorises it. Each call
 * must be allowed by the access list its function's role is synthesized from; a store that starts
 * touching another partition fails here before it fails in the cloud.
 */
describe('the access lists hold the calls the workers make', () => {
  const OFFICE = 'palopo';
  const CASE = '01JCASE0000000000000000000';
  const WEBHOOK = '01JHOOK0000000000000000000';
  const config: RuntimeConfig = {
    mode: 'cloud',
    deployment: 'test',
    tableName: 'abdi-test-main',
    idempotencyTableName: 'abdi-test-idempotency',
    evidenceBucket: 'abdi-test-evidence',
    documentsBucket: 'abdi-test-documents',
    region: 'ap-southeast-3',
  };
  const at = new Date('2026-03-02T01:00:00Z');
  const subscription = {
    pk: `O#${OFFICE}#WEBHOOKS`,
    sk: `WEBHOOK#${WEBHOOK}`,
    type: 'webhook',
    id: WEBHOOK,
    officeId: OFFICE,
    url: 'https://receiver.example.org/hooks',
    eventTypes: ['case.status_changed'],
    status: 'active',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    createdBy: 'admin.palopo',
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    version: 1,
  };
  const pending = {
    pk: `O#${OFFICE}#WHQ#${WEBHOOK}#${CASE}`,
    sk: `D#${CASE}-1-0`,
    type: 'webhook-queue',
    id: `${CASE}-${'1'.padStart(40, '0')}-0`,
    officeId: OFFICE,
    webhookId: WEBHOOK,
    caseId: CASE,
    eventId: 'msg_1',
    eventType: 'case.status_changed',
    payload: '{}',
    status: 'pending',
    attempts: 0,
    scheduleFrom: at.toISOString(),
    nextAttemptAt: at.toISOString(),
    createdAt: at.toISOString(),
  };

  /**
   * A recording client whose answers come from `answer` (by command and partition), never from a
   * server: the scripted items are enough for each use case to take every branch it has. Answers are
   * plain objects: they skip the deserialize step, where the document client would unmarshall.
   */
  function scriptedWorkers(
    answer: (command: string, input: Record<string, unknown>) => Record<string, unknown>,
    send: WebhookSender,
  ) {
    const recorder = recordingDynamoClient('http://127.0.0.1:9');
    recorder.client.middlewareStack.add(
      () => async (args) => {
        const { input } = args as { input: Record<string, unknown> };
        const command = Object.keys(input).includes('TransactItems') ? 'TransactWriteItems' : '';
        return {
          output: { $metadata: {}, ...answer(command || commandOf(input), input) },
          response: {},
        };
      },
      { step: 'serialize', priority: 'low', name: 'scriptedAnswers' },
    );
    const ports = createWebhookWorkers(config, { dynamo: recorder.client, send, now: () => at });
    return { ports, calls: recorder.calls };
  }

  /** Which command an input is, from its shape (the middleware sees inputs, not command names). */
  const commandOf = (input: Record<string, unknown>) =>
    'KeyConditionExpression' in input
      ? 'Query'
      : 'UpdateExpression' in input
        ? 'UpdateItem'
        : 'Item' in input
          ? 'PutItem'
          : 'GetItem';

  const partitionOf = (input: Record<string, unknown>) =>
    JSON.stringify(input.ExpressionAttributeValues ?? input.Key ?? {});

  const denied = (list: readonly TableAccess[], calls: readonly DynamoCall[]) =>
    calls.filter((call) => !allows(list, call));

  it('the dispatcher: list subscriptions, queue, claim, send, record a delivered attempt', async () => {
    // Prepare: one audit entry of a case status change, as the stream carries it
    let opened = 0;
    const { ports, calls } = scriptedWorkers(
      (command, input) => {
        if (command === 'Query' && partitionOf(input).includes('#WEBHOOKS')) return { Items: [subscription] };
        if (command === 'Query' && partitionOf(input).includes('#WHQ#'))
          return { Items: opened++ === 0 ? [pending] : [] };
        return {};
      },
      async () => ({ ok: true, responseStatus: 204, latencyMs: 5 }),
    );
    const entry = auditItem({
      officeId: OFFICE,
      actor: 'officer.palopo',
      action: 'case.transition',
      subject: { type: 'case', id: CASE },
      changes: [{ field: 'status', before: 'registered', after: 'assessed' }],
      at,
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
    // Act
    const report = await dispatchAuditEntries(ports, auditEntriesOf(records));
    // Assess: every branch was taken, every call allowed, and the sweep's list would not do
    expect(report).toMatchObject({ queued: 1, attempts: 1, delivered: 1 });
    const actions = new Set(calls.map((c) => c.action));
    expect([...actions].sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(denied(webhookDispatcherTableAccess, calls)).toEqual([]);
    // Least privilege both ways: the sweep's list does not queue new deliveries.
    expect(denied(webhookRetryTableAccess, calls).map((c) => c.action)).toContain('dynamodb:PutItem');
  });

  it('the retry sweep: due queues, a failed attempt rescheduled, a deleted subscription skipped', async () => {
    // Prepare: two due queues, the first of a live subscription whose receiver fails, the second of
    // a deleted one
    const gone = '01JGONE0000000000000000000';
    const { ports, calls } = scriptedWorkers(
      (command, input) => {
        const pk = partitionOf(input);
        if (command === 'Query' && input.IndexName === 'due')
          return {
            Items: [
              { officeId: OFFICE, webhookId: WEBHOOK, caseId: CASE },
              { officeId: OFFICE, webhookId: gone, caseId: CASE },
            ],
          };
        if (command === 'GetItem' && pk.includes(WEBHOOK)) return { Item: subscription };
        if (command === 'Query' && pk.includes('#WHQ#'))
          return { Items: [{ ...pending, webhookId: pk.includes(gone) ? gone : WEBHOOK }] };
        return {};
      },
      async () => ({ ok: false, responseStatus: 503, latencyMs: 5, error: 'unavailable' }),
    );
    // Act
    const report = await deliverDue(ports);
    // Assess
    expect(report).toMatchObject({ queues: 2, attempts: 1, delivered: 0 });
    expect(calls).toContainEqual({
      action: 'dynamodb:PutItem',
      partitionKey: `O#${OFFICE}#AUDIT#webhook#${gone}`,
    });
    expect(calls.some((c) => c.action === 'dynamodb:DeleteItem')).toBe(true);
    expect(calls.some((c) => c.action === 'dynamodb:Query' && c.index === 'due')).toBe(true);
    expect(denied(webhookRetryTableAccess, calls)).toEqual([]);
    // The dispatcher's list reads no due list, no single subscription, and writes no audit entry.
    expect(
      denied(webhookDispatcherTableAccess, calls)
        .map((c) => `${c.action}${c.index ? `@${c.index}` : ''}`)
        .sort(),
    ).toEqual(['dynamodb:GetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query@due']);
  });
});

/**
 * The two handlers bundled as the CDK bundles them (see AbdiFunction): they must carry the webhook
 * stores, the sender and the SDK's DynamoDB client, and nothing of the API (routes, zod schemas,
 * Cognito, S3, Secrets Manager) or of the evidence verifier (image codecs).
 */
describe('the webhook bundles', () => {
  const folder = mkdtempSync(join(tmpdir(), 'abdi-webhook-bundles-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each([
    ['dispatcher', webhookDispatchEntry],
    ['retry sweep', webhookRetryEntry],
  ])('the %s carries no API dependency and stays small', async (name, entry) => {
    // Act
    const outfile = join(folder, name.replace(/\W/g, '-'), 'index.mjs');
    const { metafile } = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: functionRuntime.name.replace(/^nodejs(\d+).*$/, 'node$1'),
      outfile,
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      mainFields: ['module', 'main'],
      banner: { js: esmRequireBanner },
      logLevel: 'silent',
      metafile: true,
    });
    // Assess
    const [output] = Object.values(metafile.outputs).filter((o) => o.entryPoint);
    const inputs = Object.entries(output!.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
    expect(inputs.some((p) => p.includes('functions/store/webhook-deliveries'))).toBe(true);
    expect(inputs.some((p) => p.includes('standardwebhooks'))).toBe(true);
    expect(
      inputs.filter((p) =>
        /functions\/(api|evidence)\/|@middy\/http-|node_modules\/zod\/|client-(s3|cognito|secrets-manager)|jsquash|\.node$/.test(
          p,
        ),
      ),
    ).toEqual([]);
    // The handler, Powertools' logger and the DynamoDB client: ~450 kB, against the API's ~1 MB.
    expect(output!.bytes).toBeLessThan(600_000);
  });
});
