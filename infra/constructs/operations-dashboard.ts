/**
 * The CloudWatch dashboard of a deployment (`Abdi-<name>`): what a person on call opens after an alarm,
 * top to bottom from what users feel to what the business does.
 *
 * 1. The alarms' states, then the API (requests, 4xx/5xx, p50/p99 latency);
 * 2. every function's invocations, errors and p99 duration, one line per function;
 * 3. dead-letter queue depths, DynamoDB consumed capacity and throttles;
 * 4. business metrics the functions emit through Powertools (namespace `Abdi`). Powertools adds its
 *    `service` dimension (and others a function may add), so they are read with a SEARCH over the
 *    metric name and summed: the graph stays right whatever dimensions a function uses.
 */
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AbdiFunction } from './abdi-function';

/** Business metrics graphed on the dashboard (namespace `Abdi`), emitted by the functions. */
export const BUSINESS_METRICS = [
  'SessionsRecorded',
  'MinutesCredited',
  'EvidenceVerified',
  'EvidenceRejected',
] as const;
export const BUSINESS_NAMESPACE = 'Abdi';

export interface LabelledFunction {
  readonly label: string;
  readonly fn: AbdiFunction;
}
export interface LabelledQueue {
  readonly label: string;
  readonly queue: sqs.IQueue;
}
export interface LabelledTable {
  readonly label: string;
  readonly table: dynamodb.ITable;
}

export interface OperationsDashboardProps {
  /** `Abdi-<deployment>`. */
  readonly dashboardName: string;
  readonly api: apigw.IHttpApi;
  readonly functions: readonly LabelledFunction[];
  readonly queues: readonly LabelledQueue[];
  readonly tables: readonly LabelledTable[];
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** Shown at the top: where the alarms go and where the runbook is. */
  readonly intro: string;
}

export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    const sum = { period, statistic: cloudwatch.Stats.SUM };
    const graph = (title: string, left: cloudwatch.IMetric[], width = 8) =>
      new cloudwatch.GraphWidget({ title, left, width, height: 6, period });
    const { api } = props;

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(6),
    });
    // The CDK tags dashboards (CloudFormation has a Tags property for them now), but cfn-lint 1.51's schema,
    // the gate in test/infra, rejects it; a dashboard has no cost worth splitting by tag anyway.
    (this.dashboard.node.defaultChild as cloudwatch.CfnDashboard).addPropertyDeletionOverride('Tags');
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({ markdown: props.intro, width: 24, height: 2 }),
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...props.alarms],
        width: 24,
        height: Math.min(12, 2 + Math.ceil(props.alarms.length / 4)),
      }),
    );
    this.dashboard.addWidgets(
      graph('API requests', [api.metricCount({ ...sum, label: 'requests' })]),
      graph('API errors', [
        api.metricClientError({ ...sum, label: '4xx' }),
        api.metricServerError({ ...sum, label: '5xx' }),
      ]),
      graph('API latency (ms)', [
        api.metricLatency({ period, statistic: cloudwatch.Stats.p(50), label: 'p50' }),
        api.metricLatency({ period, statistic: cloudwatch.Stats.p(99), label: 'p99' }),
      ]),
    );

    const perFunction = (metric: (f: LabelledFunction) => cloudwatch.IMetric) => props.functions.map(metric);
    this.dashboard.addWidgets(
      graph(
        'Function invocations',
        perFunction(({ label, fn }) => fn.function.metricInvocations({ ...sum, label })),
      ),
      graph(
        'Function errors',
        perFunction(({ label, fn }) => fn.function.metricErrors({ ...sum, label })),
      ),
      graph(
        'Function duration p99 (ms)',
        perFunction(({ label, fn }) =>
          fn.function.metricDuration({ period, statistic: cloudwatch.Stats.p(99), label }),
        ),
      ),
    );

    const table = (label: string, metricName: string) => (t: LabelledTable) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: t.table.tableName },
        ...sum,
        label: `${t.label} ${label}`,
      });
    this.dashboard.addWidgets(
      graph(
        'Dead-letter queue depth',
        props.queues.map(({ label, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({
            period,
            statistic: cloudwatch.Stats.MAXIMUM,
            label,
          }),
        ),
      ),
      graph('DynamoDB consumed capacity', [
        ...props.tables.map(table('read', 'ConsumedReadCapacityUnits')),
        ...props.tables.map(table('write', 'ConsumedWriteCapacityUnits')),
      ]),
      graph('DynamoDB throttles and system errors', [
        ...props.tables.map(table('read throttles', 'ReadThrottleEvents')),
        ...props.tables.map(table('write throttles', 'WriteThrottleEvents')),
        ...props.tables.map(table('system errors', 'SystemErrors')),
      ]),
    );

    // Business totals per hour; a SEARCH finds the metric under whatever dimensions a function uses.
    const hour = Duration.hours(1);
    this.dashboard.addWidgets(
      ...BUSINESS_METRICS.map(
        (name) =>
          new cloudwatch.GraphWidget({
            title: name,
            width: 6,
            height: 6,
            period: hour,
            left: [
              new cloudwatch.MathExpression({
                expression: `SUM(SEARCH('Namespace="${BUSINESS_NAMESPACE}" MetricName="${name}"', 'Sum', ${hour.toSeconds()}))`,
                label: name,
                period: hour,
                usingMetrics: {},
              }),
            ],
          }),
      ),
    );
  }
}
