/**
 * The imports bucket (issue 22): the office spreadsheets admins upload to import their caseload, and the
 * report workbooks made from them, under `imports/<officeId>/<importId>/`. Those files are a whole
 * office's personal data (NIKs, names, phones, court decisions), kept only as long as an import needs
 * them: every object is deleted 30 days after it was written.
 *
 * - Encrypted with a customer-managed key of its own (as the evidence and documents buckets are), so
 *   reading a file takes a grant on the key as well as on the bucket; bucket keys keep KMS calls few.
 * - Versioned, as the house's personal-data buckets are: an overwrite or a deletion by mistake can be
 *   undone, for a day only (noncurrent versions expire after 1 day), so versioning never stretches the
 *   30 days.
 * - No Object Lock: an uploaded spreadsheet is not a record, and it must be possible to delete it early.
 * - No CORS here: the App stack owns it (BucketCors), as for evidence, because the dashboard's origin is
 *   only known there (ADR 0017); local mode's s3rver takes the same rules from functions/tables.ts.
 * - Events to EventBridge, where the App stack's rule sends each upload to the import queue.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { importsBucket } from '../../functions/tables';

/** Days after which an import's files are deleted (issue 22: personal data, 30 days). */
export const IMPORT_FILES_EXPIRE_DAYS = 30;

export interface ImportsBucketProps {
  /** Fixed, so the App stack can grant and configure it without an export: `importsBucketName()`. */
  readonly bucketName: string;
  readonly accessLogBucket: s3.IBucket;
  /** @default a new customer-managed key with yearly rotation, retained on stack deletion */
  readonly encryptionKey?: kms.IKey;
}

/** The fixed imports bucket name of a deployment; `account` may be a token. */
export function importsBucketName(deploymentName: string, account: string): string {
  return `abdi-${deploymentName}-imports-${account}`;
}

export class ImportsBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: ImportsBucketProps) {
    super(scope, id);
    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: `Abdi bucket ${props.bucketName}`,
        enableKeyRotation: true,
        rotationPeriod: Duration.days(365),
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: `s3/${importsBucket.id}/`,
      lifecycleRules: [
        {
          id: 'expire-import-files',
          expiration: Duration.days(IMPORT_FILES_EXPIRE_DAYS),
          noncurrentVersionExpiration: Duration.days(1),
        },
        // What expiry leaves behind once the last old version is gone: a delete marker over nothing.
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
        // Abandoned multipart uploads are invisible but billed.
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Retained with the stack like the other data buckets; its objects still expire by lifecycle.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Set on the L1, as LockedBucket does: the L2 `eventBridgeEnabled` would add the CDK's notification
    // custom resource, a Lambda with wildcard rights, for a setting CloudFormation supports natively.
    (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
  }
}
