/**
 * The evidence bucket's CORS, set from the App stack (ADR 0017). Browsers upload evidence straight to the
 * bucket, so its CORS must name the dashboard's origin, which for a deployment without a custom domain is
 * the distribution's generated `*.cloudfront.net` name: known only once the App stack has made the
 * distribution. The Data stack cannot depend on the App stack (the App stack depends on it), so the Data
 * stack declares no CORS at all and this custom resource owns the bucket's CORS configuration: one deploy
 * is enough, and the two stacks never write the same setting.
 *
 * PutBucketCors replaces the whole configuration, so the rules here are the whole truth (the bucket
 * definition's rules in functions/tables.ts, which local mode's s3rver uses too). Nothing is removed on
 * delete: a replaced resource's delete would otherwise wipe what its successor just wrote.
 */
import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { BucketDefinition } from '../../functions/tables';
import { acknowledge } from './nag';

export interface BucketCorsProps {
  /** The bucket, by its fixed name (it lives in the Data stack). */
  readonly bucketName: string;
  /** Its methods, headers and max age. */
  readonly definition: BucketDefinition;
  /** Browser origins allowed; may hold tokens such as the distribution's domain name. */
  readonly allowedOrigins: readonly string[];
  readonly logRetention: logs.RetentionDays;
}

/** The S3 PutBucketCors request the custom resource sends, for the tests to read back. */
export function corsConfigurationOf(definition: BucketDefinition, allowedOrigins: readonly string[]) {
  return {
    CORSRules: definition.cors.map((rule) => ({
      AllowedOrigins: [...allowedOrigins],
      AllowedMethods: [...rule.allowedMethods],
      AllowedHeaders: [...rule.allowedHeaders],
      ExposeHeaders: [...rule.exposedHeaders],
      MaxAgeSeconds: rule.maxAgeSeconds,
    })),
  };
}

export class BucketCors extends Construct {
  readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: BucketCorsProps) {
    super(scope, id);
    if (props.definition.cors.length === 0 || props.allowedOrigins.length === 0) {
      throw new Error(`BucketCors on ${props.bucketName}: no CORS rule or no origin to allow`);
    }
    const put: cr.AwsSdkCall = {
      service: 'S3',
      action: 'PutBucketCors',
      parameters: {
        Bucket: props.bucketName,
        CORSConfiguration: corsConfigurationOf(props.definition, props.allowedOrigins),
      },
      // Fixed: a change of origins is an update of the same resource, never a replacement.
      physicalResourceId: cr.PhysicalResourceId.of(`${props.bucketName}-cors`),
    };
    this.resource = new cr.AwsCustomResource(this, 'Resource', {
      resourceType: 'Custom::BucketCors',
      onCreate: put,
      onUpdate: put,
      // Least privilege: this one action on this one bucket (the IAM action is spelt CORS).
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['s3:PutBucketCORS'],
          resources: [`arn:${Aws.PARTITION}:s3:::${props.bucketName}`],
        }),
      ]),
      installLatestAwsSdk: false,
      logGroup: new logs.LogGroup(this, 'Logs', {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.acknowledgeProvider();
  }

  /** The CDK's singleton provider function for AwsCustomResource: code we do not own, run only on deploy. */
  private acknowledgeProvider(): void {
    const stack = Stack.of(this);
    const singleton = stack.node.tryFindChild(
      `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`,
    );
    if (!singleton) throw new Error('AwsCustomResource provider not found; did the CDK rename it?');
    const deployOnly =
      'CDK-managed AwsCustomResource provider; it runs only during `cdk deploy` (PutBucketCors on the evidence bucket), never on user requests.';
    acknowledge(
      singleton,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      `${deployOnly} The managed policy only lets it write its own CloudWatch logs.`,
    );
    acknowledge(
      singleton,
      'AwsSolutions-L1',
      `${deployOnly} Its Node.js runtime is chosen by aws-cdk-lib and moves forward with CDK upgrades.`,
    );
  }
}
