/**
 * Alarms that always reach a person, in every deployment (issue 16), and the deployment's dashboard.
 *
 * - One SNS topic per deployment, encrypted with its own rotating key, TLS only. CloudWatch alarms of
 *   this account and the deployment's own EventBridge rules may publish to it; nothing else. It is
 *   subscribed by the deployment's `alarms.email` when there is one, and every alarm also notifies
 *   `alarms.topicArn` when that is set. A deployment without either (staging may have none) still gets
 *   the topic and its alarms: the `AlarmTopicArn` output names it, and a person subscribes by hand.
 * - What is watched is found, not listed: every AbdiFunction, every dead-letter queue (every SQS queue
 *   without a dead-letter queue of its own), every EventBridge rule and every Scheduler schedule group of the stack, collected
 *   when the stack is synthesized. So a function another construct adds later, anywhere in the stack, gets
 *   its error and throttle alarms without anyone editing a list here.
 * - Thresholds, periods and what missing data means live in infra/config/alarm-thresholds.ts; every alarm
 *   description says what broke and the first command to run (the runbook's alarm table says more).
 *
 * CloudFront's 5xx rate is not here: its metrics exist only in us-east-1 (see the edge stack).
 */
import {
  ArnFormat,
  Aspects,
  AspectPriority,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
} from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, type IConstruct } from 'constructs';
import type { TableDefinition } from '../../functions/tables';
import { alarmThresholds, monitoredTableOperations, type AlarmThreshold } from '../config/alarm-thresholds';
import { AbdiFunction } from './abdi-function';
import { OperationsDashboard, type LabelledFunction, type LabelledQueue } from './operations-dashboard';
import { SecurityEvents } from './security-events';

export interface AlarmsProps {
  /** The deployment's name: in alarm names, the dashboard's name and the messages. */
  readonly deploymentName: string;
  /** Subscribed to the topic; the address confirms the subscription once (runbook). */
  readonly email?: string;
  /** An existing topic the operators watch: every alarm notifies it too. */
  readonly topicArn?: string;
  readonly api: apigw.IHttpApi;
  /** The function behind the API's routes (its log is where a 5xx is explained). */
  readonly apiHandler: AbdiFunction;
  /** The API's access log group (which routes fail, with which status). */
  readonly apiAccessLogGroupName: string;
  /** The tables whose throttles and system errors alarm, with their definitions (for the indexes). */
  readonly tables: readonly { readonly table: dynamodb.ITable; readonly definition: TableDefinition }[];
  /**
   * Other stacks whose KMS keys are watched for disabling or deletion (the Data stack: tables, buckets,
   * trail, backups), found like this stack's own keys.
   */
  readonly keysOf: readonly Stack[];
  /** Buckets whose Object Lock and bucket policy are watched (evidence, documents). */
  readonly bucketNames: readonly string[];
  /**
   * What a message in a dead-letter queue means and what to do, per queue; the alarm's description.
   * A queue without one gets a general description naming the queue.
   */
  readonly deadLetterMeanings?: readonly { readonly queue: sqs.IQueue; readonly meaning: string }[];
}

/** What the alarms cover: every resource of these kinds in the stack. */
export interface MonitoredResources {
  readonly functions: readonly LabelledFunction[];
  readonly queues: readonly LabelledQueue[];
  readonly rules: readonly events.CfnRule[];
  /** Schedule groups of the stack's schedules (`default` when a schedule names none). */
  readonly scheduleGroups: readonly string[];
  /** KMS keys created in the stack. */
  readonly keys: readonly kms.Key[];
}

/** Every function, queue, rule, schedule group and key of `stack`, labelled by its path in the stack. */
export function monitoredResources(stack: Stack): MonitoredResources {
  const all = stack.node.findAll();
  const label = (c: IConstruct) => c.node.path.slice(stack.node.path.length + 1);
  const groups = new Map<string, string>();
  for (const schedule of all.filter((c) => c instanceof scheduler.CfnSchedule)) {
    const name = schedule.groupName ?? 'default';
    groups.set(JSON.stringify(stack.resolve(name)), name);
  }
  return {
    functions: all.filter((c) => c instanceof AbdiFunction).map((fn) => ({ label: label(fn), fn })),
    // Dead-letter queues only: a work queue (one with a dead-letter queue of its own, such as the import
    // queue) holds messages in normal operation, and its failures reach its dead-letter queue.
    queues: all
      .filter((c) => c instanceof sqs.Queue && !c.deadLetterQueue)
      .map((queue) => ({ label: label(queue), queue: queue as sqs.Queue })),
    rules: all.filter((c) => c instanceof events.CfnRule),
    scheduleGroups: [...groups.values()],
    keys: all.filter((c) => c instanceof kms.Key),
  };
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly topicKey: kms.Key;
  /** Filled when the stack is synthesized (see `coverStack`). */
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly actions: actions.SnsAction[];
  private covered = false;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: AlarmsProps,
  ) {
    super(scope, id);
    const stack = Stack.of(this);

    this.topicKey = new kms.Key(this, 'TopicKey', {
      description: `Abdi ${props.deploymentName}: encrypts the alarm topic`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      // Messages stay in SNS only until delivered: nothing outlives the stack under this key.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // Services publishing to an encrypted topic need the key. No source conditions here: EventBridge's
    // calls carry none, and the topic policy below already limits who may publish.
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlarmPublishersUseTheKey',
        principals: [
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
          new iam.ServicePrincipal('events.amazonaws.com'),
        ],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Abdi alarms',
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    // CloudWatch alarm actions reach a topic of their own region only (another account is fine).
    const topicRegion = props.topicArn?.split(':')[3];
    if (topicRegion && !Token.isUnresolved(stack.region) && topicRegion !== stack.region) {
      throw new Error(
        `Deployment "${props.deploymentName}": alarms.topicArn is in ${topicRegion}, but CloudWatch alarms in ${stack.region} can only notify a topic in ${stack.region}.`,
      );
    }
    this.actions = [
      new actions.SnsAction(this.topic),
      ...(props.topicArn
        ? [new actions.SnsAction(sns.Topic.fromTopicArn(this, 'ExistingTopic', props.topicArn))]
        : []),
    ];
    const output = new CfnOutput(this, 'AlarmTopicArn', {
      value: this.topic.topicArn,
      description: `Alarms of ${props.deploymentName}. Subscribe: aws sns subscribe --topic-arn <this> --protocol email --notification-endpoint <address>`,
    });
    output.overrideLogicalId('AlarmTopicArn');

    // Built at synthesis, when every construct of the stack exists (including ones made after this one).
    Aspects.of(stack).add(
      {
        visit: (node) => {
          if (node === stack) this.coverStack();
        },
      },
      { priority: AspectPriority.MUTATING },
    );
  }

  private coverStack(): void {
    if (this.covered) return;
    this.covered = true;
    const { props } = this;
    const stack = Stack.of(this);
    const found = monitoredResources(stack);

    const security = new SecurityEvents(this, 'SecurityEvents', {
      deploymentName: props.deploymentName,
      keyArns: [...props.keysOf.map((other) => monitoredResources(other)), found]
        .flatMap(({ keys }) => keys)
        .map((key) => key.keyArn),
      bucketNames: props.bucketNames,
      topic: this.topic,
    });
    // The deployment's own security rules may publish; no other rule, no other account.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SecurityRulesOfThisDeployment',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': [security.keyChanges.ruleArn, security.bucketChanges.ruleArn] },
        },
      }),
    );

    this.apiAlarms();
    for (const fn of found.functions) this.functionAlarms(fn);
    const meanings = new Map((props.deadLetterMeanings ?? []).map((m) => [m.queue, m.meaning]));
    for (const queue of found.queues) this.deadLetterAlarm(queue, meanings.get(queue.queue));
    for (const { table, definition } of props.tables) this.tableAlarms(table, definition);
    // The security rules are rules of the stack too: their failed deliveries alarm like any other.
    for (const rule of [...found.rules, ...[security.keyChanges, security.bucketChanges].map(cfnRule)]) {
      this.ruleAlarms(rule);
    }
    for (const group of found.scheduleGroups) this.schedulerAlarm(group);
    this.securityAlarm(
      'KeyChanges',
      'security KMS key disabled or deletion scheduled',
      security.keyChanges,
      'A KMS key of this deployment was disabled or scheduled for deletion: tables or files under it become unreadable. The topic has a message naming the key and the caller. First: aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventSource,AttributeValue=kms.amazonaws.com --max-results 20; undo with aws kms cancel-key-deletion / aws kms enable-key --key-id KEY.',
    );
    this.securityAlarm(
      'BucketChanges',
      'security Object Lock or bucket policy changed',
      security.bucketChanges,
      'The Object Lock configuration or the bucket policy of the evidence or documents bucket changed. Expected only during a deploy by the deploy role; the topic has a message naming the caller. First: aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventSource,AttributeValue=s3.amazonaws.com --max-results 20.',
    );

    const dashboardName = `Abdi-${props.deploymentName}`;
    new OperationsDashboard(this, 'Dashboard', {
      dashboardName,
      api: props.api,
      functions: found.functions,
      queues: found.queues,
      tables: props.tables.map(({ table, definition }) => ({ label: definition.id, table })),
      alarms: this.alarms,
      intro: `# Abdi ${props.deploymentName}\nAlarms go to the topic in the App stack's \`AlarmTopicArn\` output; what each alarm means and the first command to run: docs/runbook.md, "Handling an alarm".`,
    });
    new CfnOutput(this, 'DashboardUrl', {
      value: `https://${stack.region}.console.aws.amazon.com/cloudwatch/home?region=${stack.region}#dashboards/dashboard/${dashboardName}`,
    }).overrideLogicalId('DashboardUrl');
  }

  private apiAlarms(): void {
    const { api } = this.props;
    const guard = alarmThresholds.apiMinimumRequests;
    const rate = alarmThresholds.apiServerErrorRate;
    const latency = alarmThresholds.apiLatencyP99;
    const requests = (t: AlarmThreshold) =>
      api.metricCount({ period: minutes(t), statistic: cloudwatch.Stats.SUM });
    this.add(
      'ApiServerErrorRate',
      'API 5xx rate',
      `The API answered ${rate.threshold}% or more of requests with a server error (5xx) in ${rate.datapoints} of ${rate.periods} five-minute periods (periods under ${guard} requests count as 0%). Users cannot work. First: aws logs tail ${this.props.apiHandler.logGroup.logGroupName} --since 30m --filter-pattern ERROR; which routes fail: aws logs tail ${this.props.apiAccessLogGroupName} --since 30m --filter-pattern '{ $.status = "5*" }'.`,
      new cloudwatch.MathExpression({
        expression: `IF(FILL(requests, 0) >= ${guard}, 100 * FILL(errors, 0) / FILL(requests, 1), 0)`,
        usingMetrics: {
          requests: requests(rate),
          errors: api.metricServerError({ period: minutes(rate), statistic: cloudwatch.Stats.SUM }),
        },
        label: '5xx % of requests',
        period: minutes(rate),
      }),
      rate,
    );
    this.add(
      'ApiLatencyP99',
      'API latency p99',
      `The API's p99 latency stayed at or over ${latency.threshold} ms for ${latency.periods} five-minute periods (periods under ${guard} requests count as 0). Users wait; requests near 29 s time out. First: open the dashboard's Function duration p99 to see which function is slow, then aws logs tail its log group --since 30m; check DynamoDB throttles on the same dashboard.`,
      new cloudwatch.MathExpression({
        expression: `IF(FILL(requests, 0) >= ${guard}, FILL(latency, 0), 0)`,
        usingMetrics: {
          requests: requests(latency),
          latency: api.metricLatency({ period: minutes(latency), statistic: cloudwatch.Stats.p(99) }),
        },
        label: 'p99 latency (ms)',
        period: minutes(latency),
      }),
      latency,
    );
  }

  private functionAlarms({ label, fn }: LabelledFunction): void {
    const what = describe(fn.function);
    const logs = `aws logs tail ${fn.logGroup.logGroupName} --since 1h`;
    const errors = alarmThresholds.functionErrors;
    const throttles = alarmThresholds.functionThrottles;
    this.add(
      `Errors-${idOf(label)}`,
      `function ${label} errors`,
      `${what} failed (threw, timed out or ran out of memory) ${errors.threshold} or more times in five minutes. First: ${logs} --filter-pattern '?ERROR ?"Task timed out"'.`,
      fn.function.metricErrors({ period: minutes(errors), statistic: cloudwatch.Stats.SUM }),
      errors,
    );
    this.add(
      `Throttles-${idOf(label)}`,
      `function ${label} throttles`,
      `${what} was throttled: Lambda refused to run it because the account's concurrency is used up (or a reserved concurrency is too low). Requests fail or wait. First: aws lambda get-account-settings (AccountLimit, UnreservedConcurrentExecutions); the dashboard's Function invocations shows which function takes the concurrency.`,
      fn.function.metricThrottles({ period: minutes(throttles), statistic: cloudwatch.Stats.SUM }),
      throttles,
    );
  }

  private deadLetterAlarm({ label, queue }: LabelledQueue, meaning: string | undefined): void {
    const t = alarmThresholds.deadLetters;
    const look = `aws sqs receive-message --queue-url ${queue.queueUrl} --max-number-of-messages 10 --visibility-timeout 60`;
    this.add(
      `DeadLetters-${idOf(label)}`,
      `dead letters ${label}`,
      `${meaning ?? `The dead-letter queue ${label} holds work the system gave up on after its retries.`} First: ${look}. The alarm clears when the queue is empty.`,
      queue.metricApproximateNumberOfMessagesVisible({
        period: minutes(t),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      t,
    );
  }

  private tableAlarms(table: dynamodb.ITable, definition: TableDefinition): void {
    const metric = (metricName: string, dimensions: Record<string, string>, t: AlarmThreshold) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: table.tableName, ...dimensions },
        period: minutes(t),
        statistic: cloudwatch.Stats.SUM,
      });
    // The table and each index: an index that throttles writes throttles the table's writes too.
    const summed = (metricName: string, t: AlarmThreshold) => {
      const parts: Record<string, cloudwatch.IMetric> = { t0: metric(metricName, {}, t) };
      definition.globalIndexes.forEach((index, i) => {
        parts[`i${i}`] = metric(metricName, { GlobalSecondaryIndexName: index.name }, t);
      });
      return new cloudwatch.MathExpression({
        expression: `SUM([${Object.keys(parts).join(', ')}])`,
        usingMetrics: parts,
        label: `${definition.id} ${metricName}`,
        period: minutes(t),
      });
    };
    const throttles = alarmThresholds.tableThrottles;
    const first = `First: the dashboard's DynamoDB panels; aws dynamodb describe-table --table-name ${table.tableName} --query 'Table.[TableStatus,BillingModeSummary]'.`;
    for (const kind of ['Read', 'Write'] as const) {
      this.add(
        `Table${kind}Throttles-${idOf(definition.id)}`,
        `table ${definition.id} ${kind.toLowerCase()} throttles`,
        `DynamoDB throttled ${kind.toLowerCase()}s on the ${definition.id} table or its indexes (${throttles.threshold}+ events in five minutes): callers retry, then fail. On-demand tables throttle past twice their previous peak or on one hot partition. ${first}`,
        summed(`${kind}ThrottleEvents`, throttles),
        throttles,
      );
    }
    const errors = alarmThresholds.tableSystemErrors;
    const operations: Record<string, cloudwatch.IMetric> = {};
    monitoredTableOperations.forEach((operation, i) => {
      operations[`o${i}`] = metric('SystemErrors', { Operation: operation }, errors);
    });
    this.add(
      `TableSystemErrors-${idOf(definition.id)}`,
      `table ${definition.id} system errors`,
      `DynamoDB itself failed requests on the ${definition.id} table (HTTP 500, ${errors.threshold}+ in five minutes): an AWS-side problem. First: aws health describe-events --filter services=DYNAMODB (or the AWS Health Dashboard); nothing to fix in Abdi unless it lasts.`,
      new cloudwatch.MathExpression({
        expression: `SUM([${Object.keys(operations).join(', ')}])`,
        usingMetrics: operations,
        label: `${definition.id} SystemErrors`,
        period: minutes(errors),
      }),
      errors,
    );
  }

  private ruleAlarms(rule: events.CfnRule): void {
    const label = rule.node.path.slice(Stack.of(this).node.path.length + 1).replace(/\/Resource$/, '');
    const metric = (metricName: string, t: AlarmThreshold) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Events',
        metricName,
        dimensionsMap: { RuleName: rule.ref },
        period: minutes(t),
        statistic: cloudwatch.Stats.SUM,
      });
    const failed = alarmThresholds.ruleFailedInvocations;
    const what = rule.description
      ? `EventBridge rule ${label} (${rule.description})`
      : `EventBridge rule ${label}`;
    this.add(
      `RuleFailed-${idOf(label)}`,
      `rule ${label} failed invocations`,
      `${what} could not deliver events to its target after retries: the work it starts did not happen. First: aws events list-targets-by-rule --rule ${rule.ref} (then the target's dead-letter queue and the function's log).`,
      metric('FailedInvocations', failed),
      failed,
    );
    const every = rateMinutes(rule.scheduleExpression);
    const stopped = alarmThresholds.ruleStopped;
    if (every !== undefined && every <= stopped.periodMinutes) {
      this.add(
        `RuleStopped-${idOf(label)}`,
        `rule ${label} stopped`,
        `${what} should run every ${every} minute(s) but invoked nothing in the last hour: its sweep is not running (rule disabled, or EventBridge failing). First: aws events describe-rule --name ${rule.ref} --query State; enable it with aws events enable-rule --name ${rule.ref}.`,
        metric('Invocations', stopped),
        stopped,
        cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      );
    }
  }

  private schedulerAlarm(group: string): void {
    const t = alarmThresholds.schedulerTargetErrors;
    const label = Token.isUnresolved(group) ? 'group' : group;
    this.add(
      `SchedulerTargetErrors-${idOf(label)}`,
      `scheduler ${label} target errors`,
      `EventBridge Scheduler could not invoke the target of a schedule in group ${label} (the timed jobs: nightly re-plan, reminders): throttled, denied, or the function is gone. It retries, then sends the job to the reminders dead-letter queue. In the default group the metric counts every schedule of the account. First: aws scheduler list-schedules --group-name ${group} --query 'Schedules[].[Name,State]'.`,
      new cloudwatch.Metric({
        namespace: 'AWS/Scheduler',
        metricName: 'TargetErrorCount',
        dimensionsMap: { ScheduleGroup: group },
        period: minutes(t),
        statistic: cloudwatch.Stats.SUM,
      }),
      t,
    );
  }

  private securityAlarm(id: string, name: string, rule: events.Rule, description: string): void {
    const t = alarmThresholds.securityEvents;
    this.add(
      `Security-${id}`,
      name,
      description,
      new cloudwatch.Metric({
        namespace: 'AWS/Events',
        metricName: 'MatchedEvents',
        dimensionsMap: { RuleName: rule.ruleName },
        period: minutes(t),
        statistic: cloudwatch.Stats.SUM,
      }),
      t,
      cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // The event is over once seen; an "OK" five minutes later would read as "fixed".
      false,
    );
  }

  private add(
    id: string,
    name: string,
    description: string,
    metric: cloudwatch.IMetric,
    t: AlarmThreshold,
    comparisonOperator = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    notifyOk = true,
  ): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: `Abdi-${this.props.deploymentName} ${name}`,
      alarmDescription: description,
      metric,
      threshold: t.threshold,
      evaluationPeriods: t.periods,
      datapointsToAlarm: t.datapoints,
      comparisonOperator,
      treatMissingData: t.missing,
    });
    for (const action of this.actions) {
      alarm.addAlarmAction(action);
      if (notifyOk) alarm.addOkAction(action);
    }
    this.alarms.push(alarm);
  }
}

function minutes(t: AlarmThreshold): Duration {
  return Duration.minutes(t.periodMinutes);
}

/** A construct id from a path or name: letters and digits only. */
function idOf(label: string): string {
  return label.replace(/[^A-Za-z0-9]+/g, '');
}

/** The function's own description (what it does), for the alarm's first sentence. */
function describe(fn: lambda.Function): string {
  const description = (fn.node.defaultChild as lambda.CfnFunction).description;
  return description && !Token.isUnresolved(description) ? `The function "${description}"` : 'The function';
}

function cfnRule(rule: events.Rule): events.CfnRule {
  return rule.node.defaultChild as events.CfnRule;
}

/** Minutes between runs of a `rate(…)` schedule; undefined for cron, event patterns and longer units. */
export function rateMinutes(expression: string | undefined): number | undefined {
  const match = /^rate\((\d+) (minutes?|hours?)\)$/.exec(expression ?? '');
  if (!match) return undefined;
  return Number(match[1]) * (match[2]!.startsWith('hour') ? 60 : 1);
}
