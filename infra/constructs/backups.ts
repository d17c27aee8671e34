/**
 * AWS Backup for a deployment's stateful data (ADR 0016): a vault under Vault Lock, encrypted with its
 * own key, a plan with a daily and a monthly rule, and one selection naming the tables and the locked
 * buckets by ARN (no tag-based selection: a tag is easy to remove, an ARN in a reviewed template is not).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../config/schema';
import { acknowledge } from './nag';
import { roleArnPatterns } from './tamper-proofing';

/** AWS keeps a recovery point in cold storage at least this long. */
const MIN_DAYS_IN_COLD = 90;
/** When monthly table backups move to cold storage, if the retention leaves them 90 days there. */
export const COLD_STORAGE_AFTER_DAYS = 90;

/** The AWS managed policies the backup role needs: DynamoDB and S3, backup and restore. */
export const backupRolePolicies = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
] as const;

export interface VaultLock {
  readonly mode: 'governance' | 'compliance';
  readonly minRetentionDays: number;
  /** Compliance mode only: days after which the lock can no longer be changed or removed. */
  readonly changeableForDays?: number;
}

/**
 * The Vault Lock a deployment gets. Compliance mode when `backup.changeableForDays` is set, and always in
 * production (3 days, the shortest grace AWS allows); governance mode otherwise, so that a staging
 * deployment can still be dismantled.
 */
export function vaultLockOf(deployment: Pick<DeploymentConfig, 'stage' | 'backup'>): VaultLock {
  const { backup: config } = deployment;
  const minRetentionDays = config.vaultLockMinDays ?? config.dailyRetentionDays;
  const changeableForDays = config.changeableForDays ?? (deployment.stage === 'production' ? 3 : undefined);
  return changeableForDays === undefined
    ? { mode: 'governance', minRetentionDays }
    : { mode: 'compliance', minRetentionDays, changeableForDays };
}

export interface BackupsProps {
  readonly deploymentName: string;
  readonly config: DeploymentConfig['backup'];
  readonly lock: VaultLock;
  /** Table ARNs: the Data stack's tables and any table the App stack is pointed at instead. */
  readonly tableArns: readonly string[];
  /** The locked buckets and their keys (the backup role reads the objects through them). */
  readonly buckets: readonly { readonly bucket: s3.IBucket; readonly key: kms.IKey }[];
  /** The only role that may delete or shorten a recovery point. */
  readonly breakGlassRoleName: string;
}

export class Backups extends Construct {
  readonly vault: backup.BackupVault;
  readonly vaultKey: kms.Key;
  readonly plan: backup.BackupPlan;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: BackupsProps) {
    super(scope, id);
    const { config, lock } = props;

    this.vaultKey = new kms.Key(this, 'VaultKey', {
      description: `Abdi ${props.deploymentName} backup vault`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      // Losing this key loses every backup in the vault.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: `abdi-${props.deploymentName}`,
      encryptionKey: this.vaultKey,
      removalPolicy: RemovalPolicy.RETAIN,
      lockConfiguration: {
        minRetention: Duration.days(lock.minRetentionDays),
        ...(lock.changeableForDays !== undefined && {
          changeableFor: Duration.days(lock.changeableForDays),
        }),
      },
    });
    // In governance mode this is what stops an administrator from deleting a backup early; in compliance
    // mode the lock already does, and this also covers recovery points past their minimum retention.
    this.vault.addToAccessPolicy(
      new iam.PolicyStatement({
        sid: 'DenyRecoveryPointDeletionExceptBreakGlass',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
        resources: ['*'],
        conditions: {
          ArnNotLike: { 'aws:PrincipalArn': roleArnPatterns(this, props.breakGlassRoleName) },
        },
      }),
    );

    const monthlyCold = config.monthlyRetentionDays >= COLD_STORAGE_AFTER_DAYS + MIN_DAYS_IN_COLD;
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: `abdi-${props.deploymentName}`,
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          // 18:00 UTC: 01:00 WIB, 02:00 WITA, 03:00 WIT, when no office is at work.
          scheduleExpression: events.Schedule.cron({ hour: '18', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(config.dailyRetentionDays),
        }),
        new backup.BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: events.Schedule.cron({ day: '1', hour: '19', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          // AWS Backup ignores the transition for resource types without cold storage (S3); tables
          // move when the account has advanced DynamoDB backup on (docs/runbook.md).
          ...(monthlyCold && { moveToColdStorageAfter: Duration.days(COLD_STORAGE_AFTER_DAYS) }),
          deleteAfter: Duration.days(config.monthlyRetentionDays),
        }),
      ],
    });

    this.role = new iam.Role(this, 'Role', {
      description: `AWS Backup for Abdi ${props.deploymentName}: backs up and restores its tables and locked buckets`,
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: backupRolePolicies.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    for (const name of backupRolePolicies) {
      acknowledge(
        this.role,
        `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        'The AWS Backup service role policies are the documented, AWS-maintained permissions for backing up and restoring DynamoDB and S3; only AWS Backup can assume this role, and the selection limits it to this deployment.',
      );
    }
    // The managed S3 policy decrypts through S3 with any key; the key policies must allow it too, and
    // naming the keys here keeps the grant visible in the template.
    for (const { key } of props.buckets) key.grantDecrypt(this.role);
    this.vaultKey.grant(this.role, 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt');

    this.plan.addSelection('Selection', {
      backupSelectionName: `abdi-${props.deploymentName}-data`,
      role: this.role,
      disableDefaultBackupPolicy: true,
      resources: [
        ...props.tableArns.map((arn) => backup.BackupResource.fromArn(arn)),
        ...props.buckets.map(({ bucket }) => backup.BackupResource.fromArn(bucket.bucketArn)),
      ],
    });
  }
}

/** A table's ARN in the stack's account and region. */
export function tableArn(scope: Construct, tableName: string): string {
  return Stack.of(scope).formatArn({ service: 'dynamodb', resource: 'table', resourceName: tableName });
}
