/**
 * Backups and tamper-proofing of a deployment's stateful data (ADR 0016), in one place for the Data
 * stack: the locked buckets' deny statements, the break-glass role, AWS Backup into a locked vault, and
 * the CloudTrail trail that records who touched the evidence and documents.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { physicalName, tables as tableDefinitions } from '../../functions/tables';
import type { DeploymentConfig } from '../config/schema';
import { AuditTrail } from './audit-trail';
import { Backups, tableArn, vaultLockOf } from './backups';
import type { LockedBucket } from './locked-bucket';
import {
  BreakGlassRole,
  breakGlassRoleNameOf,
  denyTampering,
  housekeepingRoleNameOf,
} from './tamper-proofing';

export interface DataProtectionProps {
  readonly deployment: DeploymentConfig;
  readonly tablePrefix: string;
  readonly tables: ReadonlyMap<string, dynamodb.ITable>;
  /** The evidence and documents buckets. */
  readonly lockedBuckets: readonly LockedBucket[];
  /** The bucket the housekeeping job applies the retention schedule to (the evidence bucket, ADR 0020). */
  readonly retentionBucket?: LockedBucket;
  readonly accessLogBucket: s3.IBucket;
}

export class DataProtection extends Construct {
  readonly breakGlass: BreakGlassRole;
  readonly backups: Backups;
  readonly trail: AuditTrail;

  constructor(scope: Construct, id: string, props: DataProtectionProps) {
    super(scope, id);
    const { deployment } = props;
    const breakGlassRoleName = breakGlassRoleNameOf(deployment);
    const buckets = props.lockedBuckets.map((locked) => ({
      bucket: locked.bucket,
      key: locked.encryptionKey,
    }));

    for (const { bucket } of buckets) {
      const retentionJob = props.retentionBucket?.bucket === bucket;
      denyTampering(bucket, {
        breakGlassRoleName,
        ...(retentionJob ? { retentionRoleNames: [housekeepingRoleNameOf(deployment.name)] } : {}),
      });
    }

    // The Data stack's tables, and any table the App stack is pointed at instead (a restored one), so a
    // restore is backed up from its first night.
    const overrides = Object.values(deployment.tables.nameOverride ?? {}).filter(
      (name): name is string => name !== undefined,
    );
    const tableArns = [
      ...[...props.tables.values()].map((table) => table.tableArn),
      ...overrides
        .filter((name) => !tableDefinitions.some((d) => physicalName(props.tablePrefix, d) === name))
        .map((name) => tableArn(this, name)),
    ];

    this.backups = new Backups(this, 'Backups', {
      deploymentName: deployment.name,
      config: deployment.backup,
      lock: vaultLockOf(deployment),
      tableArns,
      buckets,
      breakGlassRoleName,
    });

    this.breakGlass = new BreakGlassRole(this, 'BreakGlass', {
      roleName: breakGlassRoleName,
      buckets,
      recoveryPoints: true,
    });

    this.trail = new AuditTrail(this, 'Trail', {
      deploymentName: deployment.name,
      dataEventBuckets: buckets.map(({ bucket }) => bucket),
      retentionDays: deployment.retention.logRetentionDays,
      accessLogBucket: props.accessLogBucket,
      breakGlassRoleName,
    });
  }
}
