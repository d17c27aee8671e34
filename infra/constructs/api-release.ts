/**
 * How a new version of the API function reaches people: the HTTP API calls the function's `live` alias,
 * and CodeDeploy moves that alias from the running version to the new one. In production a canary takes
 * a tenth of the traffic for five minutes first; staging switches at once (it exists to take every change
 * first). While traffic moves, the release alarms (and any alarm added with `addAlarm`) roll the alias
 * back to the version that was running, without a redeploy.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../config/schema';
import { acknowledge } from './nag';

/** The alias the HTTP API integrates; a version reaches people only through it. */
export const liveAliasName = 'live';

/** How traffic moves to a new version, per stage. */
export const releaseConfigOf = (stage: DeploymentConfig['stage']): codedeploy.ILambdaDeploymentConfig =>
  stage === 'production'
    ? codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES
    : codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE;

/**
 * The share of API requests answered with a server error, in percent, at which a release rolls back.
 * Under a 10 % canary a new version that fails half its requests shows as 5 %.
 */
export const apiServerErrorRatePercent = 5;

/** Fewer requests than this in a minute say nothing about a rate: 1 error in 2 requests is no signal. */
export const minimumRequestsForRate = 20;

export interface ApiReleaseProps {
  readonly function: lambda.Function;
  readonly stage: DeploymentConfig['stage'];
}

export class ApiRelease extends Construct {
  /** `live`: what the HTTP API calls. */
  readonly alias: lambda.Alias;
  readonly deploymentGroup: codedeploy.LambdaDeploymentGroup;
  /** Unhandled errors of the function behind the alias (either version while traffic moves). */
  readonly functionErrors: cloudwatch.Alarm;
  /** The API's 5xx rate; set by `watchApi`, since the API is made after the alias it calls. */
  apiServerErrorRate?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ApiReleaseProps) {
    super(scope, id);
    this.alias = new lambda.Alias(this, 'Live', {
      aliasName: liveAliasName,
      version: props.function.currentVersion,
      description: 'What the HTTP API calls; CodeDeploy moves it to each new version',
    });

    // Deployment gates, not pages: they carry no action, they only stop a release. Minutes, so that a
    // five-minute canary sees several data points; two bad minutes in a row, so one stray error does not.
    this.functionErrors = new cloudwatch.Alarm(this, 'FunctionErrors', {
      alarmDescription:
        'Release gate: the API function behind the live alias threw or timed out in two minutes running. During a release CodeDeploy rolls the alias back.',
      metric: this.alias.metricErrors({ period: Duration.minutes(1), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.deploymentGroup = new codedeploy.LambdaDeploymentGroup(this, 'Deployment', {
      alias: this.alias,
      deploymentConfig: releaseConfigOf(props.stage),
      alarms: [this.functionErrors],
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    acknowledge(
      this.deploymentGroup,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      "CodeDeploy's own limited Lambda policy (the CDK attaches it to the deployment group's service role): it may update aliases and invoke only functions whose names start with CodeDeployHook_, and publish to topics named CodeDeployTopic.",
    );
  }

  /**
   * Rolls a release back when the API answers too many requests with server errors. Call once, with the
   * HTTP API that integrates `alias`.
   */
  watchApi(api: apigw.IHttpApi): cloudwatch.Alarm {
    if (this.apiServerErrorRate) throw new Error('ApiRelease.watchApi: the API is already watched');
    const minute = { period: Duration.minutes(1), statistic: cloudwatch.Stats.SUM };
    this.apiServerErrorRate = new cloudwatch.Alarm(this, 'ApiServerErrorRate', {
      alarmDescription: `Release gate: at least ${apiServerErrorRatePercent} % of API requests answered 5xx in two minutes running (minutes with at least ${minimumRequestsForRate} requests). During a release CodeDeploy rolls the live alias back.`,
      metric: new cloudwatch.MathExpression({
        label: 'API 5xx rate (%)',
        expression: `IF(requests >= ${minimumRequestsForRate}, 100 * errors / requests, 0)`,
        usingMetrics: { errors: api.metricServerError(minute), requests: api.metricCount(minute) },
        period: minute.period,
      }),
      threshold: apiServerErrorRatePercent,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.addAlarm(this.apiServerErrorRate);
    return this.apiServerErrorRate;
  }

  /**
   * Another alarm that stops a release (say, the deployment's paging alarm on the API function's errors,
   * infra/constructs/alarms.ts). CodeDeploy takes at most 10 alarms per deployment group.
   */
  addAlarm(alarm: cloudwatch.IAlarm): void {
    this.deploymentGroup.addAlarm(alarm);
  }
}
