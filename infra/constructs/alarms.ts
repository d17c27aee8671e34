/**
 * A few alarms that mean "people cannot work": API server errors and function errors or throttles, sent to
 * an e-mail address through SNS; and dead-letter queues that hold anything at all, since each message
 * there is work the system gave up on and a person has to look at.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** Receives the alarms; the address must confirm the SNS subscription once. */
  readonly email: string;
  readonly api: apigw.IHttpApi;
  readonly functions: readonly lambda.IFunction[];
  /** @default 5 server errors in 5 minutes */
  readonly apiServerErrorThreshold?: number;
  /** Queues that alarm as soon as one message is visible, with what that message means. @default none */
  readonly deadLetterQueues?: readonly DeadLetterAlarm[];
}

export interface DeadLetterAlarm {
  /** Part of the alarm's construct id, e.g. `Webhooks`. */
  readonly id: string;
  readonly queue: sqs.IQueue;
  /** What a message there means and what to do; the alarm's description. */
  readonly description: string;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Abdi alarms', enforceSSL: true });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    const action = new actions.SnsAction(this.topic);
    const period = Duration.minutes(5);

    // Each alarm fires on one five-minute sum at or over its threshold; no data means all is well.
    const alarm = (id: string, alarmDescription: string, metric: cloudwatch.IMetric, threshold: number) =>
      new cloudwatch.Alarm(this, id, {
        alarmDescription,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    const sum = { period, statistic: cloudwatch.Stats.SUM };

    const alarms = [
      alarm(
        'Api5xx',
        'The API answered with server errors (5xx).',
        props.api.metricServerError(sum),
        props.apiServerErrorThreshold ?? 5,
      ),
      ...props.functions.flatMap((fn, index) => [
        alarm(`FunctionErrors${index}`, 'A Lambda function threw or timed out.', fn.metricErrors(sum), 3),
        alarm(
          `FunctionThrottles${index}`,
          'A Lambda function was throttled (account concurrency exhausted).',
          fn.metricThrottles(sum),
          1,
        ),
      ]),
      // The largest number of visible messages in five minutes: one is enough.
      ...(props.deadLetterQueues ?? []).map((dlq) =>
        alarm(
          `DeadLetters${dlq.id}`,
          dlq.description,
          dlq.queue.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM }),
          1,
        ),
      ),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(action);
  }
}
