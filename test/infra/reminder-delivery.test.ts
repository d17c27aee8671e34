import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { auditPartition } from '../../functions/store/audit';
import { keys } from '../../functions/store/keys';
import { SES_DELIVERY_DETAIL_TYPES } from '../../infra/constructs/reminder-delivery';
import {
  allows,
  deliveryReportTableAccess,
  type ItemAction,
  type TableAccess,
} from '../../infra/constructs/table-access';
import type { DeploymentConfig } from '../../infra/config/schema';
import { deploymentWith, deployments, resourcesOf, synthesize } from './support';
import { type Statement } from './iam-statements';

/**
 * Delivery reports (issue 15: every reminder logged as sent, delivered or failed): the SES configuration
 * set's events reach the delivery-report function through the default EventBridge bus, the SMS
 * configuration set's through an SNS topic; the function may only find and settle reminder log items,
 * and what it cannot handle is dead-lettered and alarms.
 */
const SMS_IDENTITY = 'arn:aws:sms-voice:ap-southeast-3:123456789012:phone-number/phone-0123abcd';

/** Email only, no configuration set named: the construct makes its own. Alarms on. */
const emailOnly: DeploymentConfig = deploymentWith({
  name: 'delivery-email',
  authDomainPrefix: 'abdi-delivery-email',
  alarms: { email: 'ops@example.go.id' },
  reminders: { senderEmail: 'pengingat@bapas.example.go.id' },
});

/** A configuration set owned outside the stack, and SMS. */
const namedWithSms: DeploymentConfig = deploymentWith({
  name: 'delivery-named',
  authDomainPrefix: 'abdi-delivery-named',
  alarms: { email: 'ops@example.go.id' },
  reminders: {
    senderEmail: 'pengingat@bapas.example.go.id',
    configurationSet: 'bapas-mail',
    smsOriginationIdentity: SMS_IDENTITY,
  },
});

const HANDLER = /reminder delivery reports/;

function setUp(deployment: DeploymentConfig) {
  const synthesized = synthesize(deployment);
  const template = synthesized.appTemplate;
  const functions = resourcesOf(template, 'AWS::Lambda::Function');
  const handlers = functions.filter(([, p]) => HANDLER.test(String(p.Description)));
  const [handlerId, handler] = handlers[0] ?? ['', {}];
  const roleId = handlers.length ? (handler.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0] : '';
  const statements: Statement[] = resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, policy]) => (policy.PolicyDocument as { Statement: Statement[] }).Statement);
  const [deadLetterId] = resourcesOf(template, 'AWS::SQS::Queue').find(([id]) =>
    id.startsWith('RemindersDeliveryDeadLetters'),
  ) ?? [''];
  const rules = resourcesOf(template, 'AWS::Events::Rule').filter(([id]) =>
    id.startsWith('RemindersDeliveryEmailEventsRule'),
  );
  return { synthesized, template, handlers, handlerId, statements, deadLetterId, rules };
}

const toAccess = (s: Statement): TableAccess => {
  const resources = [s.Resource].flat().map((r) => JSON.stringify(r));
  const indexes = resources.filter((r) => r.includes('/index/'));
  const leadingKeys = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as
    string[] | undefined;
  return {
    sid: s.Sid!,
    actions: [s.Action].flat() as ItemAction[],
    ...(indexes.length > 0 && { indexes: indexes.map((r) => r.replace(/^.*\/index\/([^"]+)".*$/, '$1')) }),
    ...(leadingKeys && { leadingKeys }),
  };
};

describe('email delivery reports, with a configuration set the construct makes', () => {
  const { template, handlerId, statements, deadLetterId, rules, synthesized } = setUp(emailOnly);
  const sets = resourcesOf(template, 'AWS::SES::ConfigurationSet');
  const [setId] = sets[0] ?? [''];

  it('make one SES configuration set, publishing delivery, bounce, complaint, reject and rendering failures to the default bus', () => {
    expect(sets).toHaveLength(1);
    const destinations = resourcesOf(template, 'AWS::SES::ConfigurationSetEventDestination');
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]![1] as {
      ConfigurationSetName: unknown;
      EventDestination: { Enabled: boolean; MatchingEventTypes: string[]; EventBridgeDestination: unknown };
    };
    expect(destination.ConfigurationSetName).toEqual({ Ref: setId });
    expect(destination.EventDestination.Enabled).toBe(true);
    expect([...destination.EventDestination.MatchingEventTypes].sort()).toEqual(
      ['bounce', 'complaint', 'delivery', 'reject', 'renderingFailure'].sort(),
    );
    expect(JSON.stringify(destination.EventDestination.EventBridgeDestination)).toContain(
      ':event-bus/default',
    );
  });

  it('send every email in it: the reminders job and the re-planner’s alerts', () => {
    const variables = resourcesOf(template, 'AWS::Lambda::Function')
      .filter(([, p]) => /reminders job|case re-planner/.test(String(p.Description)))
      .map(([, p]) => (p.Environment as { Variables: Record<string, unknown> }).Variables);
    expect(variables).toHaveLength(2);
    for (const v of variables) expect(v.SES_CONFIGURATION_SET).toEqual({ Ref: setId });
  });

  it('route only SES events of that configuration set to the delivery-report function, dead-lettering what it cannot', () => {
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0]!;
    expect(rule.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': [...SES_DELIVERY_DETAIL_TYPES],
      detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: setId }] } } },
    });
    const targets = rule.Targets as Record<string, unknown>[];
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({
      Arn: { 'Fn::GetAtt': [handlerId, 'Arn'] },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLetterId, 'Arn'] } },
      RetryPolicy: { MaximumRetryAttempts: 3 },
    });
    const invokeConfig = resourcesOf(template, 'AWS::Lambda::EventInvokeConfig').find(
      ([, c]) => JSON.stringify(c.FunctionName) === JSON.stringify({ Ref: handlerId }),
    );
    expect(invokeConfig?.[1]).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [deadLetterId, 'Arn'] } } },
    });
  });

  it('give the function the reminder log’s Query and UpdateItem, on its partitions only, and nothing else', () => {
    const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    const sorted = (list: TableAccess[]) => [...list].sort((a, b) => a.sid.localeCompare(b.sid));
    expect(sorted(dynamo.map(toAccess))).toEqual(sorted(deliveryReportTableAccess));
    const services = new Set(statements.flatMap((s) => [s.Action].flat()).map((a) => a.split(':')[0]));
    // Its logs, the table and its key, its dead-letter queue: no SES, no SMS, no other store.
    expect([...services].sort()).toEqual(['dynamodb', 'kms', 'logs', 'sqs']);
    expect(statements.filter((s) => JSON.stringify(s.Resource).includes('"*"'))).toEqual([]);
  });

  it('alarm at the first dead letter and on the function’s errors and throttles', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
    const queueAlarms = alarms.filter(
      ([, a]) =>
        a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(a.Dimensions).includes(`"${deadLetterId}"`),
    );
    expect(queueAlarms).toHaveLength(1);
    expect(queueAlarms[0]![1]).toMatchObject({ Threshold: 1, Statistic: 'Maximum' });
    expect(JSON.stringify(queueAlarms[0]![1].AlarmDescription)).toMatch(
      /delivery report .* was not recorded/,
    );
    const functionAlarms = alarms.filter(
      ([, a]) => a.Namespace === 'AWS/Lambda' && JSON.stringify(a.Dimensions).includes(`"${handlerId}"`),
    );
    expect(functionAlarms.map(([, a]) => a.MetricName).sort()).toEqual(['Errors', 'Throttles']);
  });

  it('leaves no open cdk-nag finding', () => {
    const { violations } = new AwsSolutionsChecks(synthesized.appScope).validateScope(synthesized.app);
    expect(violations.map((v) => v.ruleName)).toEqual([]);
  });
});

describe('delivery reports with a configuration set the deployment owns, and SMS', () => {
  const { template, handlerId, deadLetterId, rules, synthesized } = setUp(namedWithSms);

  it('make no SES configuration set, and route the named one’s events', () => {
    expect(resourcesOf(template, 'AWS::SES::ConfigurationSet')).toEqual([]);
    expect(resourcesOf(template, 'AWS::SES::ConfigurationSetEventDestination')).toEqual([]);
    expect(rules[0]![1].EventPattern).toMatchObject({
      detail: { mail: { tags: { 'ses:configuration-set': ['bapas-mail'] } } },
    });
  });

  it('make an SMS configuration set whose text events go to an encrypted, TLS-only topic only the SMS service publishes to', () => {
    const sets = resourcesOf(template, 'AWS::SMSVOICE::ConfigurationSet');
    expect(sets).toHaveLength(1);
    const [topicId, topic] = resourcesOf(template, 'AWS::SNS::Topic').find(
      ([, t]) => t.DisplayName === 'Abdi SMS delivery events',
    )!;
    expect(sets[0]![1].EventDestinations).toEqual([
      {
        EventDestinationName: 'abdi-delivery-reports',
        Enabled: true,
        MatchingEventTypes: ['TEXT_ALL'],
        SnsDestination: { TopicArn: { Ref: topicId } },
      },
    ]);
    expect(topic.KmsMasterKeyId).toBeDefined();
    const policies = resourcesOf(template, 'AWS::SNS::TopicPolicy').filter(([, p]) =>
      JSON.stringify(p.Topics).includes(topicId),
    );
    const statements = policies.flatMap(
      ([, p]) => (p.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sns:Publish',
        Principal: { Service: 'sms-voice.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': namedWithSms.account } },
      }),
    );
    // TLS only: publishing over plain HTTP is denied.
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const subscriptions = resourcesOf(template, 'AWS::SNS::Subscription').filter(
      ([, s]) => JSON.stringify(s.TopicArn) === JSON.stringify({ Ref: topicId }),
    );
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]![1]).toMatchObject({
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [handlerId, 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterId, 'Arn'] } },
    });
  });

  it('leaves no open cdk-nag finding', () => {
    const { violations } = new AwsSolutionsChecks(synthesized.appScope).validateScope(synthesized.app);
    expect(violations.map((v) => v.ruleName)).toEqual([]);
  });
});

describe.each(deployments.map((d) => [d.name, d] as const))(
  'deployment %s without reminder settings',
  (_name, deployment) => {
    it('has no delivery-report function, configuration set, rule or topic', () => {
      const { template, handlers, rules } = setUp(deployment);
      expect(handlers).toEqual([]);
      expect(rules).toEqual([]);
      expect(resourcesOf(template, 'AWS::SES::ConfigurationSet')).toEqual([]);
      expect(resourcesOf(template, 'AWS::SMSVOICE::ConfigurationSet')).toEqual([]);
    });
  },
);

describe('the delivery-report access list (infra/constructs/table-access.ts)', () => {
  const office = 'bapas-palopo';
  const can = (action: ItemAction, partitionKey: string) =>
    allows(deliveryReportTableAccess, { action, partitionKey });

  it('finds and settles reminders in a case’s partition and the office’s reminder partition', () => {
    for (const pk of [keys.casePartition(office, 'C1'), `O#${office}#REMINDERS`]) {
      expect(can('dynamodb:Query', pk), pk).toBe(true);
      expect(can('dynamodb:UpdateItem', pk), pk).toBe(true);
      expect(can('dynamodb:PutItem', pk), pk).toBe(false);
      expect(can('dynamodb:DeleteItem', pk), pk).toBe(false);
      expect(can('dynamodb:GetItem', pk), pk).toBe(false);
    }
  });

  it('reaches no client, audit trail, user, site or office item', () => {
    for (const pk of [
      keys.client(office, 'K1').pk,
      auditPartition(office, { type: 'case', id: 'C1' }),
      keys.userPartition('admin.palopo'),
      keys.site(office, 'S1').pk,
      keys.office(office).pk,
    ]) {
      expect(can('dynamodb:Query', pk), pk).toBe(false);
      expect(can('dynamodb:UpdateItem', pk), pk).toBe(false);
    }
  });
});
