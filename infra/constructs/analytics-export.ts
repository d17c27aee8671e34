/**
 * A nightly full export of the main table to S3 (DynamoDB export from PITR, ExportTableToPointInTime) into
 * a bucket that a national analytics account may read (issue 16, ADR 0019). EventBridge Scheduler calls
 * DynamoDB's API itself through a universal target, so there is no function to run, patch or watch: the
 * export runs inside DynamoDB, reads no capacity and does not touch the live table.
 *
 * The export is the whole table: names, addresses, phone numbers, NIK hashes, criminal case records and
 * children's cases, which UU 27/2022 (Pasal 4(2)) counts as specific personal data. The bucket, its key
 * and the analytics account's access are built for that (ADR 0019 says what the reader must do):
 * - its own KMS key; the analytics account may decrypt only through S3 in this region;
 * - the analytics account reads the export prefix and nothing else, and cannot write or delete;
 * - TLS only, no ACLs, no public access, server access logs, exports expire after `keepDays`;
 * - the bucket stays in the deployment's region: the data does not leave the country to be read.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { acknowledgeWildcard } from './nag';

export interface AnalyticsExportProps {
  /** The deployment's name: the export prefix and the descriptions carry it. */
  readonly deploymentName: string;
  /** The table exported (PITR must be on: it always is, data-tables.ts). */
  readonly table: dynamodb.ITable;
  /** The key the table is encrypted with: DynamoDB reads the table with it on the role's behalf. */
  readonly tableKey: kms.IKey;
  /** The national analytics account that may read the exports (12 digits). */
  readonly readerAccountId: string;
  /** The hour (UTC, 0-23) the export starts each night. */
  readonly exportHourUtc: number;
  /** Days an export is kept before S3 deletes it. @default 30 */
  readonly keepDays?: number;
  /** Where the bucket's server access logs go. */
  readonly accessLogBucket: s3.IBucket;
}

/** Where in the bucket the exports land: DynamoDB adds `AWSDynamoDB/<export id>/…` below it. */
export const exportPrefix = (deploymentName: string) => `exports/${deploymentName}/main`;

export class AnalyticsExport extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.Key;
  readonly schedule: scheduler.Schedule;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AnalyticsExportProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const prefix = exportPrefix(props.deploymentName);
    const reader = new iam.AccountPrincipal(props.readerAccountId);

    this.key = new kms.Key(this, 'Key', {
      description: `Abdi ${props.deploymentName}: nightly table exports for national analytics`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The reader's grant on the key: decrypt what S3 hands it from this bucket, nothing else. Its own
    // IAM policies must allow the same (a key policy names an account; the account names its roles).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AnalyticsAccountDecryptsExportsThroughS3',
        principals: [reader],
        actions: ['kms:Decrypt', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
      }),
    );

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'analytics-exports/',
      lifecycleRules: [
        {
          id: 'expire-exports',
          expiration: Duration.days(props.keepDays ?? 30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      // An export is personal data: deleting the stack must not silently delete it (nor keep it
      // forever: the lifecycle rule still expires it).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AnalyticsAccountReadsExports',
        principals: [reader],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${prefix}/*`)],
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AnalyticsAccountListsExports',
        principals: [reader],
        actions: ['s3:ListBucket', 's3:GetBucketLocation'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${prefix}/*`, `${prefix}/`] } },
      }),
    );

    // The role the schedule calls DynamoDB as: start an export of this table into this bucket, no more.
    this.role = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `EventBridge Scheduler: the nightly analytics export of Abdi ${props.deploymentName}`,
    });
    const objects = this.bucket.arnForObjects(`${prefix}/*`);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteTheExport',
        actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:PutObjectAcl'],
        resources: [objects],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'EncryptTheExport',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadTheTableThroughDynamoDb',
        actions: ['kms:Decrypt', 'kms:DescribeKey'],
        resources: [props.tableKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.amazonaws.com` } },
      }),
    );
    acknowledgeWildcard(
      this.role,
      'Resource',
      objects,
      'DynamoDB names each export file itself (AWSDynamoDB/<export id>/data/<file>.json.gz) under the one export prefix of this bucket.',
    );

    this.schedule = new scheduler.Schedule(this, 'Nightly', {
      description: `Full export of the Abdi ${props.deploymentName} main table to S3 for national analytics (ADR 0019)`,
      schedule: scheduler.ScheduleExpression.cron({
        minute: '0',
        hour: String(props.exportHourUtc),
      }),
      target: new targets.Universal({
        service: 'dynamodb',
        action: 'exportTableToPointInTime',
        role: this.role,
        // This table only: the target's default grant would name every table (`Resource: *`).
        policyStatements: [
          new iam.PolicyStatement({
            sid: 'ExportTheTable',
            actions: ['dynamodb:ExportTableToPointInTime'],
            resources: [props.table.tableArn],
          }),
        ],
        input: scheduler.ScheduleTargetInput.fromObject({
          TableArn: props.table.tableArn,
          S3Bucket: this.bucket.bucketName,
          S3BucketOwner: stack.account,
          S3Prefix: prefix,
          S3SseAlgorithm: 'KMS',
          S3SseKmsKeyId: this.key.keyArn,
          ExportFormat: 'DYNAMODB_JSON',
          ExportType: 'FULL_EXPORT',
        }),
        // A failed start is retried a few times within the hour; a lost night is tomorrow's export.
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
      }),
    });
  }
}
