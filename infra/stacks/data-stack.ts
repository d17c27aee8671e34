/**
 * The stateful half of a deployment: tables, evidence, users. Everything here is retained on deletion and
 * changes rarely; the stack has termination protection so a mistaken `cdk destroy` stops at the door.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../config/schema';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { DataTables } from '../constructs/data-tables';
import { DataProtection } from '../constructs/data-protection';
import { LockedBucket, documentsBucketName, evidenceBucketName } from '../constructs/locked-bucket';
import { Identity } from '../constructs/identity';
import { documentsBucket, mainTable } from '../../functions/tables';
import { AnalyticsExport } from '../constructs/analytics-export';
import { ExportsBucket, exportsBucketName } from '../constructs/exports-bucket';
import { ImportsBucket, importsBucketName } from '../constructs/imports-bucket';

export interface DataStackProps extends StackProps {
  readonly deployment: DeploymentConfig;
}

export class DataStack extends Stack {
  readonly deployment: DeploymentConfig;
  /** Physical name prefix of the tables (`abdi-<name>`), also what local mode calls its prefix. */
  readonly tablePrefix: string;
  readonly tables: DataTables;
  readonly evidence: LockedBucket;
  /** Issued documents (ADR 0015): written by the documents function only, read through presigned links. */
  readonly documents: LockedBucket;
  /** Subjects' exports (issue 17, ADR 0021): written by the documents function, expiring by lifecycle. */
  readonly exports: ExportsBucket;
  /** Spreadsheet imports (issue 22): uploads and reports, deleted by lifecycle after 30 days. */
  readonly imports: ImportsBucket;
  readonly identity: Identity;
  /** Backups, the locked buckets' deny statements, break-glass and the CloudTrail trail (ADR 0016). */
  readonly protection: DataProtection;
  /** The nightly table export for national analytics, when `analytics` is configured (ADR 0019). */
  readonly analyticsExport?: AnalyticsExport;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { deployment } = props;
    this.deployment = deployment;
    this.tablePrefix = `abdi-${deployment.name}`;

    const accessLogs = new AccessLogBucket(this, 'AccessLogs', {
      retentionDays: deployment.retention.logRetentionDays,
    });

    this.tables = new DataTables(this, 'Tables', {
      namePrefix: this.tablePrefix,
      pointInTimeRecoveryDays: deployment.retention.pointInTimeRecoveryDays,
    });

    this.evidence = new LockedBucket(this, 'Evidence', {
      bucketName: evidenceBucketName(deployment.name, this.account),
      // None here: the App stack owns the bucket's CORS (BucketCors), because the dashboard's origin
      // includes the distribution's name, which only the App stack knows (ADR 0017).
      allowedOrigins: [],
      objectLockDays: deployment.retention.evidenceObjectLockDays,
      accessLogBucket: accessLogs.bucket,
    });

    this.documents = new LockedBucket(this, 'Documents', {
      bucketName: documentsBucketName(deployment.name, this.account),
      definition: documentsBucket,
      // Browsers open a document's presigned link as a page; no script reads the bucket.
      allowedOrigins: [],
      objectLockDays: deployment.retention.documentObjectLockDays,
      accessLogBucket: accessLogs.bucket,
      eventBridge: false,
    });

    this.exports = new ExportsBucket(this, 'Exports', {
      bucketName: exportsBucketName(deployment.name, this.account),
      expireAfterDays: deployment.retention.schedule.exports.days,
      accessLogBucket: accessLogs.bucket,
    });

    this.imports = new ImportsBucket(this, 'Imports', {
      bucketName: importsBucketName(deployment.name, this.account),
      accessLogBucket: accessLogs.bucket,
    });

    this.identity = new Identity(this, 'Identity', {
      domainPrefix: deployment.authDomainPrefix,
      // Sign-in mail through SES and email codes as a second factor, where configured (ADR 0018).
      sesSender: deployment.identity.sesSender,
    });

    this.protection = new DataProtection(this, 'Protection', {
      deployment,
      tablePrefix: this.tablePrefix,
      tables: this.tables.tables,
      lockedBuckets: [this.evidence, this.documents],
      retentionBucket: this.evidence,
      accessLogBucket: accessLogs.bucket,
    });

    // The nightly export a national analytics account reads, where configured (ADR 0019).
    if (deployment.analytics) {
      this.analyticsExport = new AnalyticsExport(this, 'AnalyticsExport', {
        deploymentName: deployment.name,
        table: this.tables.table(mainTable.id),
        tableKey: this.tables.encryptionKey,
        readerAccountId: deployment.analytics.accountId,
        exportHourUtc: deployment.analytics.exportHourUtc,
        keepDays: deployment.analytics.keepDays,
        accessLogBucket: accessLogs.bucket,
      });
      new CfnOutput(this, 'AnalyticsExportBucketName', { value: this.analyticsExport.bucket.bucketName });
    }

    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidence.bucket.bucketName });
    new CfnOutput(this, 'DocumentsBucketName', { value: this.documents.bucket.bucketName });
    new CfnOutput(this, 'ExportsBucketName', { value: this.exports.bucket.bucketName });
    new CfnOutput(this, 'ImportsBucketName', { value: this.imports.bucket.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    for (const table of this.tables.tables.values()) {
      new CfnOutput(this, `Table-${table.node.id}`, { value: table.tableName });
    }
  }
}
