/**
 * The exports bucket (issue 17, ADR 0021): subjects' copies of their data (JSON and PDF), written by the
 * documents function and read only through the presigned links it hands the admin. A copy handed to a
 * person is not an archive: no Object Lock and no versioning (a copy made by mistake can be deleted at
 * once), and the lifecycle deletes every object after the retention schedule's `exports` period.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { exportsBucket } from '../../functions/tables';

export interface ExportsBucketProps {
  /** Fixed, so the App stack can grant and configure it without an export: `exportsBucketName()`. */
  readonly bucketName: string;
  /** `retention.schedule.exports.days`: objects are deleted this many days after they are written. */
  readonly expireAfterDays: number;
  readonly accessLogBucket: s3.IBucket;
}

/** The fixed exports bucket name of a deployment; `account` may be a token. */
export function exportsBucketName(deploymentName: string, account: string): string {
  return `abdi-${deploymentName}-exports-${account}`;
}

export class ExportsBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ExportsBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      // S3-managed keys: only the documents function writes and presigns, and a presigned GET of an
      // SSE-S3 object needs no KMS grant on the reader's side, so no key policy can drift from the grant.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: `s3/${exportsBucket.id}/`,
      lifecycleRules: [
        { id: 'expire-exports', expiration: Duration.days(props.expireAfterDays) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Retained with the stack like the other data buckets; its objects still expire by lifecycle.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
