/**
 * A versioned bucket under Object Lock (governance mode), encrypted with its own key, access-logged,
 * retained on stack deletion: the evidence bucket (photos and papers uploaded by browsers with presigned
 * PUTs, CORS from `evidenceBucket` in functions/tables.ts) and the documents bucket (issued PDFs, ADR
 * 0015). Built from a bucket definition in functions/tables.ts.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { evidenceBucket, type BucketDefinition } from '../../functions/tables';

export interface LockedBucketProps {
  /**
   * Globally unique bucket name. Fixed (not generated) so the stateless stack can grant access and build
   * the CSP host without a CloudFormation export. Use `evidenceBucketName()` or `documentsBucketName()`.
   */
  readonly bucketName: string;
  /** Browser origins allowed by CORS to PUT/GET with presigned URLs. Empty: no CORS rule at all. */
  readonly allowedOrigins: readonly string[];
  /** Default Object Lock retention (governance mode) applied to every new object version. */
  readonly objectLockDays: number;
  /** Where S3 server access logs go. */
  readonly accessLogBucket: s3.IBucket;
  /** @default 30 days: then noncurrent versions move to Glacier Instant Retrieval */
  readonly noncurrentVersionTransitionAfter?: Duration;
  /** @default `evidenceBucket` from functions/tables.ts */
  readonly definition?: BucketDefinition;
  /** @default a new customer-managed key with yearly rotation, retained on stack deletion */
  readonly encryptionKey?: kms.IKey;
  /**
   * Deliver the bucket's events (ObjectCreated, for the verifier) to EventBridge.
   * @default true
   */
  readonly eventBridge?: boolean;
}

/** The fixed evidence bucket name of a deployment; `account` may be a token such as `Aws.ACCOUNT_ID`. */
export function evidenceBucketName(deploymentName: string, account: string): string {
  return `abdi-${deploymentName}-evidence-${account}`;
}

/** The fixed documents bucket name of a deployment (ADR 0015). */
export function documentsBucketName(deploymentName: string, account: string): string {
  return `abdi-${deploymentName}-documents-${account}`;
}

export class LockedBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: LockedBucketProps) {
    super(scope, id);
    const definition = props.definition ?? evidenceBucket;
    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: `Abdi bucket ${props.bucketName}`,
        enableKeyRotation: true,
        rotationPeriod: Duration.days(365),
        removalPolicy: RemovalPolicy.RETAIN,
      });

    const cors: s3.CorsRule[] =
      props.allowedOrigins.length === 0
        ? []
        : definition.cors.map((rule) => ({
            allowedOrigins: [...props.allowedOrigins],
            allowedMethods: rule.allowedMethods.map((method) => s3.HttpMethods[method]),
            allowedHeaders: [...rule.allowedHeaders],
            exposedHeaders: [...rule.exposedHeaders],
            maxAge: rule.maxAgeSeconds,
          }));

    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      // One data key per bucket instead of one KMS call per object: cheaper, same protection.
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      // Governance mode: nobody deletes or overwrites evidence during retention, except a principal with
      // s3:BypassGovernanceRetention (break-glass, e.g. a court-ordered erasure under UU 27/2022).
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(props.objectLockDays)),
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: `s3/${definition.id}/`,
      cors,
      lifecycleRules: [
        {
          id: 'noncurrent-to-glacier-ir',
          noncurrentVersionTransitions: [
            {
              storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: props.noncurrentVersionTransitionAfter ?? Duration.days(30),
            },
          ],
        },
        // Abandoned multipart uploads are invisible but billed.
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // ObjectCreated goes to EventBridge, where the App stack's rule sends it to the verifier. Set on the
    // L1 (CloudFormation supports it natively): the L2 `eventBridgeEnabled` would add the CDK's
    // notification custom resource, a Lambda with wildcard rights, for a setting that needs none.
    if (props.eventBridge ?? true) {
      (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
        eventBridgeConfiguration: { eventBridgeEnabled: true },
      };
    }
  }
}
