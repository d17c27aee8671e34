/**
 * The edge's alarms (ADR 0017), in us-east-1 where CloudFront publishes its metrics: CloudFront's 5xx
 * error rate, sent to a KMS-encrypted topic of the Edge stack that reaches the deployment's
 * `alarms.email` (a subscription of its own, confirmed once) and `alarms.topicArn`. CloudWatch can only
 * notify a topic of its own region, so a topic elsewhere (the usual case: the deployment's region) is
 * reached through a small forwarding function.
 *
 * The alarm watches the worst distribution of the account: the Edge stack is deployed before the App
 * stack that makes the distribution, so it cannot name the distribution's id (ADR 0017).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { functionRuntime } from './abdi-function';

export interface EdgeAlarmsProps {
  /** The deployment's alarm target; without it the alarm shows in the console and notifies no one. */
  readonly alarms?: { readonly email?: string; readonly topicArn?: string };
  /** Percent of requests answered 5xx, over three five-minute periods in a row. */
  readonly cloudFront5xxRatePercent: number;
  readonly logRetention: logs.RetentionDays;
}

/** The Metrics Insights query: CloudFront's 5xx rate of the account's worst distribution. */
export const cloudFront5xxQuery =
  'SELECT MAX("5xxErrorRate") FROM SCHEMA("AWS/CloudFront", DistributionId, Region)';

/**
 * The forwarder (inline: a few lines on the runtime's own AWS SDK, which has the SNS client the
 * repository does not bundle): each alarm notification is published again, unchanged, to the target
 * topic in its own region. Alarm messages carry metric names and values, never personal data.
 */
export const forwarderCode = `const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const target = process.env.TARGET_TOPIC_ARN;
const client = new SNSClient({ region: target.split(':')[3] });
exports.handler = async (event) => {
  for (const record of event.Records) {
    await client.send(new PublishCommand({
      TopicArn: target,
      Subject: record.Sns.Subject ? record.Sns.Subject.slice(0, 100) : undefined,
      Message: record.Sns.Message,
    }));
  }
};`;

export class EdgeAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly cloudFront5xx: cloudwatch.Alarm;
  /** Present when `alarms.topicArn` is in another region than this stack. */
  readonly forwarder?: lambda.Function;

  constructor(scope: Construct, id: string, props: EdgeAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = new kms.Key(this, 'Key', {
      description: 'Abdi edge alarms topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes the alarm into the encrypted topic, so it must be able to use the key; only
    // for alarms of this account.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Abdi edge alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarms?.email)
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarms.email));

    this.cloudFront5xx = new cloudwatch.Alarm(this, 'CloudFront5xxRate', {
      alarmDescription: `CloudFront answered more than ${props.cloudFront5xxRatePercent}% of requests with 5xx for 15 minutes: the dashboard or the API is failing for users (check the App stack's API alarms and the distribution's origin).`,
      metric: new cloudwatch.MathExpression({
        expression: cloudFront5xxQuery,
        usingMetrics: {},
        period: Duration.minutes(5),
        label: 'CloudFront 5xx error rate (worst distribution)',
      }),
      threshold: props.cloudFront5xxRatePercent,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      // No requests, no data: nothing is failing.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.cloudFront5xx.addAlarmAction(new actions.SnsAction(this.topic));
    this.cloudFront5xx.addOkAction(new actions.SnsAction(this.topic));

    const topicArn = props.alarms?.topicArn;
    if (topicArn && topicArn.split(':')[3] === stack.region) {
      const target = sns.Topic.fromTopicArn(this, 'Target', topicArn);
      this.cloudFront5xx.addAlarmAction(new actions.SnsAction(target));
      this.cloudFront5xx.addOkAction(new actions.SnsAction(target));
    } else if (topicArn) {
      this.forwarder = this.forwardTo(topicArn, props.logRetention);
      this.topic.addSubscription(new subscriptions.LambdaSubscription(this.forwarder));
    }
  }

  private forwardTo(topicArn: string, logRetention: logs.RetentionDays): lambda.Function {
    const logGroup = new logs.LogGroup(this, 'ForwarderLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An explicit role: its own log group and sns:Publish on the one target topic, nothing else. A target
    // topic encrypted with a customer-managed key must also let this role use that key (its key policy).
    const role = new iam.Role(this, 'ForwarderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Abdi edge alarms: forwards alarm notifications to the deployment topic',
    });
    logGroup.grantWrite(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topicArn] }));
    return new lambda.Function(this, 'Forwarder', {
      description: 'Abdi edge alarms: forwards alarm notifications to the deployment topic',
      runtime: functionRuntime,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(forwarderCode),
      memorySize: 128,
      timeout: Duration.seconds(10),
      role,
      logGroup,
      environment: { TARGET_TOPIC_ARN: topicArn },
    });
  }
}
