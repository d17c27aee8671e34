/**
 * A CloudTrail trail of the deployment (ADR 0016): the region's management events, and S3 data events
 * (reads and writes) on the locked buckets, so that every download, upload, version deletion and
 * retention change names its principal. Logs go to a bucket of their own (log files encrypted with the
 * trail's KMS key), versioned, under Object Lock for as long as they are kept, retained on stack
 * deletion; log file validation lets anyone prove later that a delivered file was not altered or removed.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { denyTampering } from './tamper-proofing';

export interface AuditTrailProps {
  readonly deploymentName: string;
  /** Buckets whose object-level reads and writes are recorded. */
  readonly dataEventBuckets: readonly s3.IBucket[];
  /** Days to keep (and lock) log files. */
  readonly retentionDays: number;
  readonly accessLogBucket: s3.IBucket;
  readonly breakGlassRoleName: string;
}

export class AuditTrail extends Construct {
  readonly trail: cloudtrail.Trail;
  readonly bucket: s3.Bucket;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const trailName = `abdi-${props.deploymentName}`;
    const trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });

    this.key = new kms.Key(this, 'Key', {
      description: `Abdi ${props.deploymentName} CloudTrail logs`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudTrail encrypts each log file with a data key of this key, for this trail only.
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailEncryptsLogs',
        principals: [cloudTrail],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceArn': trailArn },
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${stack.account}:trail/*`,
          },
        },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDescribesKey',
        principals: [cloudTrail],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
      }),
    );

    this.bucket = new s3.Bucket(this, 'Bucket', {
      // Log files are SSE-KMS with the trail's key: CloudTrail encrypts them itself (the trail's KmsKeyId),
      // in the key's encryption context for this trail. The bucket default stays SSE-S3 for what
      // CloudTrail writes without it (digest files): a KMS default would have S3 ask the key for a data key
      // outside that context, and the key policy would refuse.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      // The record of what break-glass did must outlive break-glass: no one, break-glass included, may
      // bypass this lock (denyTampering below lists no exception for object-level acts).
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(props.retentionDays)),
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 's3/cloudtrail/',
      lifecycleRules: [
        {
          id: 'expire-logs',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    denyTampering(this.bucket, { breakGlassRoleName: props.breakGlassRoleName, objectExceptions: [] });

    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName,
      bucket: this.bucket,
      encryptionKey: this.key,
      enableFileValidation: true,
      // One region, the deployment's: an organization or account trail elsewhere covers the rest, and a
      // second multi-region copy of every management event would be billed.
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
      managementEvents: cloudtrail.ReadWriteType.ALL,
    });
    this.trail.addS3EventSelector(
      props.dataEventBuckets.map((bucket) => ({ bucket })),
      { readWriteType: cloudtrail.ReadWriteType.ALL, includeManagementEvents: false },
    );
  }
}
