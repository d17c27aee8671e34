/**
 * A few alarms that mean "people cannot work": API server errors and function errors or throttles, sent to
 * an e-mail address through SNS.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** Receives the alarms; the address must confirm the SNS subscription once. */
  readonly email: string;
  readonly api: apigw.IHttpApi;
  readonly functions: readonly lambda.IFunction[];
  /** @default 5 server errors in 5 minutes */
  readonly apiServerErrorThreshold?: number;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Abdi alarms', enforceSSL: true });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    const action = new actions.SnsAction(this.topic);
    const period = Duration.minutes(5);

    const alarms = [
      new cloudwatch.Alarm(this, 'Api5xx', {
        alarmDescription: 'The API answered with server errors (5xx).',
        metric: props.api.metricServerError({ period, statistic: cloudwatch.Stats.SUM }),
        threshold: props.apiServerErrorThreshold ?? 5,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      ...props.functions.flatMap((fn, index) => [
        new cloudwatch.Alarm(this, `FunctionErrors${index}`, {
          alarmDescription: 'A Lambda function threw or timed out.',
          metric: fn.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
          threshold: 3,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
        new cloudwatch.Alarm(this, `FunctionThrottles${index}`, {
          alarmDescription: 'A Lambda function was throttled (account concurrency exhausted).',
          metric: fn.metricThrottles({ period, statistic: cloudwatch.Stats.SUM }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      ]),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(action);
  }
}
