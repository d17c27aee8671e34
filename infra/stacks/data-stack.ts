/**
 * The stateful half of a deployment: tables, evidence, users. Everything here is retained on deletion and
 * changes rarely; the stack has termination protection so a mistaken `cdk destroy` stops at the door.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../config/schema';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { DataTables } from '../constructs/data-tables';
import { LockedBucket, documentsBucketName, evidenceBucketName } from '../constructs/locked-bucket';
import { Identity } from '../constructs/identity';
import { documentsBucket } from '../../functions/tables';
import { webOriginsOf } from './web-origins';

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
  readonly identity: Identity;

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
      allowedOrigins: webOriginsOf(deployment),
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

    this.identity = new Identity(this, 'Identity', { domainPrefix: deployment.authDomainPrefix });

    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidence.bucket.bucketName });
    new CfnOutput(this, 'DocumentsBucketName', { value: this.documents.bucket.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    for (const table of this.tables.tables.values()) {
      new CfnOutput(this, `Table-${table.node.id}`, { value: table.tableName });
    }
  }
}
