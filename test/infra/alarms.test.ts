import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { idempotencyTable, mainTable } from '../../functions/tables';
import { alarmThresholds, monitoredTableOperations } from '../../infra/config/alarm-thresholds';
import type { DeploymentConfig } from '../../infra/config/schema';
import { AbdiFunction } from '../../infra/constructs/abdi-function';
import { monitoredResources, rateMinutes } from '../../infra/constructs/alarms';
import { BUSINESS_METRICS } from '../../infra/constructs/operations-dashboard';
import { BUCKET_EVENTS, CLOUDTRAIL_API_CALL, KEY_EVENTS } from '../../infra/constructs/security-events';
import { addDeployment } from '../../infra/stacks/deployment';
import { deploymentWith, deployments, fakeSiteDir, newApp, resourcesOf, synthesize } from './support';

/**
 * Issue 16, alarms that always reach a person: every deployment (staging too) has a KMS-encrypted topic
 * and alarms on the API, every function, every dead-letter queue, the tables, every EventBridge rule,
 * the schedules and the security-relevant CloudTrail events; and a dashboard. Counts are taken against
 * what the stack holds, so a function or queue added without alarms fails here.
 */
/** Logical ids of the CDK's deploy-time handlers (BucketDeployment, the AwsCustomResource singleton). */
const CDK_DEPLOY_TIME_HANDLERS = /^(CustomCDKBucketDeployment|AWS679f53fac002430cb0da5b7982bd2287)/;
const EXISTING_TOPIC = 'arn:aws:sns:ap-southeast-3:111111111111:ops-pager';

/** Both alarm targets, reminders with SMS (one more function, queue, rule and key). */
const everything: DeploymentConfig = deploymentWith({
  name: 'alarm-all',
  authDomainPrefix: 'abdi-alarm-all',
  alarms: { email: 'ops@example.go.id', topicArn: EXISTING_TOPIC },
  reminders: {
    senderEmail: 'pengingat@bapas.example.go.id',
    smsOriginationIdentity: 'arn:aws:sms-voice:ap-southeast-3:123456789012:pool/pool-abdi',
  },
});
/** Only an existing topic: no email subscription. */
const topicOnly: DeploymentConfig = deploymentWith({
  name: 'alarm-topic',
  authDomainPrefix: 'abdi-alarm-topic',
  alarms: { topicArn: EXISTING_TOPIC },
});

type Props = Record<string, unknown>;
const json = (value: unknown) => JSON.stringify(value);
/** A string property as text, each token shown by `token` (`{}` by default). */
const text = (value: unknown, token: (part: unknown) => string = () => '{}'): string =>
  typeof value === 'string'
    ? value
    : ((value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1] ?? [])
        .map((part) => (typeof part === 'string' ? part : token(part)))
        .join('');

describe.each([...deployments, everything, topicOnly].map((d) => [d.name, d] as const))(
  'alarms of deployment %s',
  (_name, deployment) => {
    const synthesized = synthesize(deployment);
    const template = synthesized.appTemplate;
    const found = monitoredResources(synthesized.app);
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('Alarms'));
    const [[topicId, topic] = ['', {}]] = resourcesOf(template, 'AWS::SNS::Topic').filter(
      ([, t]) => t.DisplayName === 'Abdi alarms',
    );
    const byMetric = (namespace: string, metricName: string) =>
      alarms.filter(([, a]) => a.Namespace === namespace && a.MetricName === metricName);
    /** The alarms whose metric (or one of its math inputs) has a dimension naming this resource. */
    const on = (list: [string, Props][], logicalId: string) =>
      list.filter(([, a]) => json(a.Dimensions ?? a.Metrics).includes(`"${logicalId}"`));

    describe('the topic', () => {
      it('is one per deployment, encrypted with its own rotating key', () => {
        expect(topicId).not.toBe('');
        const keyId = (topic.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
        const [, key] = resourcesOf(template, 'AWS::KMS::Key').find(([id]) => id === keyId)!;
        expect(key).toMatchObject({ EnableKeyRotation: true, RotationPeriodInDays: 365 });
        // CloudWatch and EventBridge may use the key to publish; nothing else besides the account.
        const statements = (key.KeyPolicy as { Statement: Props[] }).Statement;
        const services = statements.flatMap((s) => [(s.Principal as Props).Service ?? []].flat());
        expect(services.sort()).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com']);
      });

      it('accepts only TLS, this account’s alarms and this deployment’s security rules', () => {
        const [[, policy] = ['', {}]] = resourcesOf(template, 'AWS::SNS::TopicPolicy').filter(
          ([, p]) => json(p.Topics) === json([{ Ref: topicId }]),
        );
        const statements = (policy.PolicyDocument as { Statement: Props[] }).Statement;
        expect(statements).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Principal: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        );
        const allows = statements.filter((s) => s.Effect === 'Allow');
        expect(allows.map((s) => (s.Principal as Props).Service).sort()).toEqual([
          'cloudwatch.amazonaws.com',
          'events.amazonaws.com',
        ]);
        for (const s of allows) {
          expect(s.Action).toBe('sns:Publish');
          expect(s.Condition).toMatchObject({ StringEquals: { 'aws:SourceAccount': deployment.account } });
        }
        const cloudwatch = allows.find((s) => json(s).includes('cloudwatch'))!;
        expect(cloudwatch.Condition).toMatchObject({
          ArnLike: {
            'aws:SourceArn': `arn:aws:cloudwatch:${deployment.region}:${deployment.account}:alarm:*`,
          },
        });
        const rules = resourcesOf(template, 'AWS::Events::Rule')
          .filter(([id]) => id.startsWith('AlarmsSecurityEvents'))
          .map(([id]) => ({ 'Fn::GetAtt': [id, 'Arn'] }));
        const eventbridge = allows.find((s) => json(s).includes('events.amazonaws.com'))!;
        expect(eventbridge.Condition).toMatchObject({ ArnEquals: { 'aws:SourceArn': rules } });
        expect(rules).toHaveLength(2);
      });

      it(`is subscribed by ${deployment.alarms?.email ?? 'no email'}, and named in an output`, () => {
        const subscriptions = resourcesOf(template, 'AWS::SNS::Subscription').filter(
          ([, s]) => json(s.TopicArn) === json({ Ref: topicId }),
        );
        expect(subscriptions.map(([, s]) => [s.Protocol, s.Endpoint])).toEqual(
          deployment.alarms?.email ? [['email', deployment.alarms.email]] : [],
        );
        const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
        expect(outputs.AlarmTopicArn?.Value).toEqual({ Ref: topicId });
        expect(String(outputs.DashboardUrl?.Value)).toContain(`dashboards/dashboard/Abdi-${deployment.name}`);
      });

      it(`every alarm notifies the topic${deployment.alarms?.topicArn ? ' and the existing one' : ''}`, () => {
        const targets = [
          { Ref: topicId },
          ...(deployment.alarms?.topicArn ? [deployment.alarms.topicArn] : []),
        ];
        expect(alarms.length).toBeGreaterThan(0);
        for (const [id, alarm] of alarms) {
          expect(alarm.AlarmActions, id).toEqual(targets);
          // Recoveries too, except events that are over once seen.
          expect(alarm.OKActions, id).toEqual(id.startsWith('AlarmsSecurity') ? undefined : targets);
        }
      });
    });

    describe('the API', () => {
      it('alarms on the 5xx rate (5xx ÷ requests), not a count, so a quiet night stays quiet', () => {
        const [[, alarm] = ['', {}]] = alarms.filter(([id]) => id.startsWith('AlarmsApiServerErrorRate'));
        const t = alarmThresholds.apiServerErrorRate;
        expect(alarm).toMatchObject({
          Threshold: t.threshold,
          EvaluationPeriods: t.periods,
          DatapointsToAlarm: t.datapoints,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
        const metrics = alarm.Metrics as Props[];
        expect(metrics.find((m) => m.ReturnData !== false)?.Expression).toBe(
          `IF(FILL(requests, 0) >= ${alarmThresholds.apiMinimumRequests}, 100 * FILL(errors, 0) / FILL(requests, 1), 0)`,
        );
        const stat = (id: string) => metrics.find((m) => m.Id === id)?.MetricStat as Props;
        const apiId = resourcesOf(template, 'AWS::ApiGatewayV2::Api')[0]![0];
        for (const [id, name] of [
          ['requests', 'Count'],
          ['errors', '5xx'],
        ]) {
          expect(stat(id!)).toMatchObject({
            Metric: {
              Namespace: 'AWS/ApiGateway',
              MetricName: name,
              Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }],
            },
            Stat: 'Sum',
            Period: 300,
          });
        }
      });

      it('alarms on p99 latency, with the same minimum of requests', () => {
        const [[, alarm] = ['', {}]] = alarms.filter(([id]) => id.startsWith('AlarmsApiLatencyP99'));
        expect(alarm).toMatchObject({
          Threshold: alarmThresholds.apiLatencyP99.threshold,
          EvaluationPeriods: alarmThresholds.apiLatencyP99.periods,
          DatapointsToAlarm: alarmThresholds.apiLatencyP99.datapoints,
        });
        const metrics = alarm.Metrics as Props[];
        expect(json(metrics)).toContain('"MetricName":"Latency"');
        expect(json(metrics)).toContain('"Stat":"p99"');
        expect(metrics.find((m) => m.ReturnData !== false)?.Expression).toContain('FILL(latency, 0)');
      });
    });

    describe('functions', () => {
      // The functions that are not Abdi's: the CDK's own handlers (the site's BucketDeployment, the
      // AwsCustomResource that sets the evidence bucket's CORS), run only during a deploy, whose failure
      // CloudFormation reports. Any other function must be an AbdiFunction, with its alarms.
      const all = resourcesOf(template, 'AWS::Lambda::Function');
      const functions = all.filter(([id]) => !CDK_DEPLOY_TIME_HANDLERS.test(id));

      it('are all found: one AbdiFunction per function of the stack', () => {
        expect(found.functions).toHaveLength(functions.length);
        for (const [id, fn] of all.filter(([fnId]) => CDK_DEPLOY_TIME_HANDLERS.test(fnId))) {
          // Not Abdi code: every AbdiFunction names its Powertools service.
          expect(json(fn.Environment ?? {}), id).not.toContain('POWERTOOLS_SERVICE_NAME');
        }
        // API, authorizer, evidence verifier and expiry, webhook dispatcher and retry, case re-planner,
        // timed jobs, documents; and the delivery reports with reminder settings.
        expect(functions.length).toBeGreaterThanOrEqual(deployment.reminders ? 10 : 9);
      });

      it.each([
        ['Errors', alarmThresholds.functionErrors],
        ['Throttles', alarmThresholds.functionThrottles],
      ] as const)('every function has a %s alarm', (metricName, t) => {
        const list = byMetric('AWS/Lambda', metricName);
        expect(list).toHaveLength(functions.length);
        for (const [id] of functions) {
          const mine = on(list, id);
          expect(mine, id).toHaveLength(1);
          expect(mine[0]![1]).toMatchObject({
            Threshold: t.threshold,
            Statistic: 'Sum',
            Period: 300,
            EvaluationPeriods: 1,
            TreatMissingData: 'notBreaching',
          });
        }
      });
    });

    it('every dead-letter queue (a queue without one of its own) alarms at its first visible message', () => {
      const queues = resourcesOf(template, 'AWS::SQS::Queue').filter(([, props]) => !props.RedrivePolicy);
      expect(found.queues).toHaveLength(queues.length);
      const list = byMetric('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
      expect(list).toHaveLength(queues.length);
      for (const [id] of queues) {
        const [[, alarm] = ['', {}]] = on(list, id);
        expect(alarm, id).toMatchObject({
          Threshold: alarmThresholds.deadLetters.threshold,
          Statistic: 'Maximum',
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
      }
    });

    describe('tables', () => {
      const tables = [mainTable, idempotencyTable];

      it.each(['Read', 'Write'] as const)('%s throttles of each table and its indexes alarm', (kind) => {
        for (const definition of tables) {
          const [[, alarm] = ['', {}]] = alarms.filter(([id]) =>
            id.startsWith(`AlarmsTable${kind}Throttles${definition.id}`),
          );
          expect(alarm.Threshold).toBe(alarmThresholds.tableThrottles.threshold);
          const inputs = (alarm.Metrics as Props[]).filter((m) => m.MetricStat);
          // The table, then one per global index.
          expect(inputs).toHaveLength(1 + definition.globalIndexes.length);
          for (const m of inputs) {
            expect(m.MetricStat).toMatchObject({
              Metric: { Namespace: 'AWS/DynamoDB', MetricName: `${kind}ThrottleEvents` },
              Stat: 'Sum',
            });
          }
          expect(json(inputs)).toContain(`abdi-${deployment.name}-${definition.id}`);
        }
      });

      it('system errors of each table alarm, over the operations Abdi sends', () => {
        for (const definition of tables) {
          const [[, alarm] = ['', {}]] = alarms.filter(([id]) =>
            id.startsWith(`AlarmsTableSystemErrors${definition.id}`),
          );
          expect(alarm.Threshold).toBe(alarmThresholds.tableSystemErrors.threshold);
          const inputs = (alarm.Metrics as Props[]).filter((m) => m.MetricStat);
          expect(inputs.map((m) => json(m)).filter((m) => m.includes('"SystemErrors"'))).toHaveLength(
            monitoredTableOperations.length,
          );
        }
      });
    });

    describe('EventBridge and Scheduler', () => {
      const rules = resourcesOf(template, 'AWS::Events::Rule');

      it('every rule alarms on failed invocations', () => {
        // Found after synthesis, so the two security rules are among them.
        expect(found.rules).toHaveLength(rules.length);
        const list = byMetric('AWS/Events', 'FailedInvocations');
        expect(list).toHaveLength(rules.length);
        for (const [id] of rules) expect(on(list, id), id).toHaveLength(1);
      });

      it('every rule on a rate of an hour or less alarms when it stops firing (missing data breaches)', () => {
        const scheduled = rules.filter(([, r]) => (rateMinutes(r.ScheduleExpression as string) ?? 99) <= 60);
        // The evidence sweep and the webhook retry sweep.
        expect(scheduled.length).toBeGreaterThanOrEqual(2);
        const list = byMetric('AWS/Events', 'Invocations');
        expect(list).toHaveLength(scheduled.length);
        for (const [id] of scheduled) {
          expect(on(list, id)[0]?.[1], id).toMatchObject({
            ComparisonOperator: 'LessThanThreshold',
            Threshold: 1,
            Period: 3600,
            TreatMissingData: 'breaching',
          });
        }
      });

      it('Scheduler target errors of the schedules’ group alarm', () => {
        expect(resourcesOf(template, 'AWS::Scheduler::Schedule').length).toBeGreaterThan(0);
        const list = byMetric('AWS/Scheduler', 'TargetErrorCount');
        expect(list.map(([, a]) => a.Dimensions)).toEqual([[{ Name: 'ScheduleGroup', Value: 'default' }]]);
      });
    });

    describe('security events', () => {
      const rule = (id: string) =>
        resourcesOf(template, 'AWS::Events::Rule').find(([ruleId]) =>
          ruleId.startsWith(`AlarmsSecurityEvents${id}`),
        )!;

      it('KMS DisableKey and ScheduleKeyDeletion of the deployment’s keys reach the topic', () => {
        const [ruleId, props] = rule('KeyChanges');
        const keyArns = (props.EventPattern as { detail: { resources: { ARN: unknown[] } } }).detail.resources
          .ARN;
        expect(props.EventPattern).toMatchObject({
          source: ['aws.kms'],
          'detail-type': [CLOUDTRAIL_API_CALL],
          detail: { eventSource: ['kms.amazonaws.com'], eventName: [...KEY_EVENTS] },
        });
        // Every key of the Data stack (tables, buckets, trail, backups) and of this stack.
        const appKeys = resourcesOf(template, 'AWS::KMS::Key').map(([id]) => ({ 'Fn::GetAtt': [id, 'Arn'] }));
        const dataKeys = resourcesOf(synthesized.dataTemplate, 'AWS::KMS::Key').map(([id]) => id);
        expect(dataKeys.length).toBeGreaterThanOrEqual(3);
        expect(keyArns).toHaveLength(dataKeys.length + appKeys.length);
        for (const key of appKeys) expect(keyArns).toContainEqual(key);
        // The Data stack's keys arrive as its outputs, named after the keys' logical ids.
        for (const id of dataKeys) expect(json(keyArns)).toContain(`FnGetAtt${id}Arn`);
        expect((props.Targets as Props[]).map((t) => t.Arn)).toEqual([{ Ref: topicId }]);
        const [[, alarm] = ['', {}]] = on(byMetric('AWS/Events', 'MatchedEvents'), ruleId);
        expect(alarm).toMatchObject({ Threshold: 1, TreatMissingData: 'notBreaching' });
      });

      it('Object Lock and bucket policy changes of the evidence and documents buckets reach the topic', () => {
        const [ruleId, props] = rule('BucketChanges');
        expect(props.EventPattern).toEqual({
          source: ['aws.s3'],
          'detail-type': [CLOUDTRAIL_API_CALL],
          detail: {
            eventSource: ['s3.amazonaws.com'],
            eventName: [...BUCKET_EVENTS],
            requestParameters: {
              bucketName: [
                `abdi-${deployment.name}-evidence-${deployment.account}`,
                `abdi-${deployment.name}-documents-${deployment.account}`,
              ],
            },
          },
        });
        const target = (props.Targets as Props[])[0]!;
        expect(target.Arn).toEqual({ Ref: topicId });
        // A readable message: what, on which bucket, by whom.
        expect(json(target.InputTransformer)).toContain('$.detail.userIdentity.arn');
        expect(on(byMetric('AWS/Events', 'MatchedEvents'), ruleId)).toHaveLength(1);
      });
    });

    it('each alarm says what broke and the first command, within CloudWatch’s 1024 characters', () => {
      for (const [id, alarm] of alarms) {
        const description = text(alarm.AlarmDescription);
        expect(description, id).toContain('First: ');
        // Tokens (log group and queue names) resolve to at most ~100 characters each.
        expect(description.length + 100 * (description.match(/\{\}/g)?.length ?? 0), id).toBeLessThan(1024);
        expect(String(alarm.AlarmName), id).toMatch(new RegExp(`^Abdi-${deployment.name} `));
      }
      // Names are unique within the deployment.
      expect(new Set(alarms.map(([, a]) => a.AlarmName)).size).toBe(alarms.length);
    });

    it('has the dashboard Abdi-<name> with the API, functions, queues, tables and business metrics', () => {
      const dashboards = resourcesOf(template, 'AWS::CloudWatch::Dashboard');
      expect(dashboards).toHaveLength(1);
      const [, dashboard] = dashboards[0]!;
      expect(dashboard.DashboardName).toBe(`Abdi-${deployment.name}`);
      // The body is JSON text with tokens (function and queue references) joined in.
      const body = text(dashboard.DashboardBody, json);
      for (const metric of ['Count', '4xx', '5xx', 'Latency', 'Invocations', 'Errors', 'Duration'])
        expect(body).toContain(`"${metric}"`);
      for (const stat of ['p50', 'p99']) expect(body).toContain(`"stat":"${stat}"`);
      for (const [id] of resourcesOf(template, 'AWS::Lambda::Function').filter(
        ([fnId]) => !CDK_DEPLOY_TIME_HANDLERS.test(fnId),
      ))
        expect(body, id).toContain(`{"Ref":"${id}"}`);
      for (const [id] of resourcesOf(template, 'AWS::SQS::Queue').filter(([, props]) => !props.RedrivePolicy))
        expect(body, id).toContain(`"${id}"`);
      for (const metric of ['ConsumedReadCapacityUnits', 'ReadThrottleEvents', 'SystemErrors'])
        expect(body).toContain(`"${metric}"`);
      for (const name of BUSINESS_METRICS)
        expect(body).toContain(`SEARCH('Namespace=\\"Abdi\\" MetricName=\\"${name}\\"', 'Sum', 3600)`);
      expect(body).toContain('"type":"alarm"');
    });
  },
);

describe('coverage of what is added later', () => {
  it('a function and a queue made after the Alarms construct still get their alarms', () => {
    // Prepare: the stack as deployed, then a function and a queue added at the end of it.
    const app = newApp();
    const deployment = deployments[0]!;
    const { app: stack } = addDeployment(app, deployment, { skipBundling: true, siteDir: fakeSiteDir() });
    const late = new AbdiFunction(stack, 'LateFunction', {
      entry: 'unused.ts',
      logRetention: deployment.retention.logRetentionDays,
      skipBundling: true,
    });
    const queue = new sqs.Queue(stack, 'LateDeadLetters', { enforceSSL: true });

    // Act
    const template = Template.fromStack(stack);

    // Assess
    const lateId = Stack.of(stack).getLogicalId(late.function.node.defaultChild as never);
    const queueId = Stack.of(stack).getLogicalId(queue.node.defaultChild as never);
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
    const about = (logicalId: string) =>
      alarms.filter(([, a]) => json(a.Dimensions ?? a.Metrics).includes(`"${logicalId}"`));
    expect(
      about(lateId)
        .map(([, a]) => a.MetricName)
        .sort(),
    ).toEqual(['Errors', 'Throttles']);
    expect(about(queueId).map(([, a]) => a.MetricName)).toEqual(['ApproximateNumberOfMessagesVisible']);
  });

  it('refuses an existing topic in another region: alarm actions cannot reach it', () => {
    const elsewhere = deploymentWith({ alarms: { topicArn: 'arn:aws:sns:us-east-1:111111111111:ops' } });
    expect(() => addDeployment(newApp(), elsewhere, { skipBundling: true, siteDir: fakeSiteDir() })).toThrow(
      /alarms.topicArn is in us-east-1, but CloudWatch alarms in ap-southeast-3/,
    );
  });

  it('reads rate schedules in minutes, and nothing else', () => {
    expect(rateMinutes('rate(1 minute)')).toBe(1);
    expect(rateMinutes('rate(15 minutes)')).toBe(15);
    expect(rateMinutes('rate(2 hours)')).toBe(120);
    expect(rateMinutes('cron(0 6 * * ? *)')).toBeUndefined();
    expect(rateMinutes(undefined)).toBeUndefined();
  });
});
