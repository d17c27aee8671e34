/**
 * The destination of S3 server access logs for one stack. CloudFront standard logs are not written here
 * (web-hosting.ts says why): with no ACL-based delivery to accept, ACLs stay disabled.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

export interface AccessLogBucketProps {
  /** Days to keep log objects; `undefined` keeps them forever. */
  readonly retentionDays?: number;
}

export class AccessLogBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      // S3 server access logging cannot deliver into an SSE-KMS bucket; SSE-S3 is the supported option.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // S3 server access logging delivers through the bucket policy the CDK adds; no ACLs needed.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: props.retentionDays
        ? [{ id: 'expire-logs', expiration: Duration.days(props.retentionDays) }]
        : [],
      // Logs are evidence of who touched what; deleting the stack must not delete them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'This bucket is the access-log destination itself; logging it into itself would create a feedback loop. Access to it is limited to the log delivery services and account administrators.',
    );
  }
}
