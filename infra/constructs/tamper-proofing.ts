/**
 * Tamper-proofing of the locked buckets (ADR 0016): bucket policy statements that deny the Object Lock
 * escape hatches to every principal but the deployment's break-glass role, and that role itself.
 *
 * Two kinds of deny, because a deploy must keep working:
 * - object-level (bypass governance, delete a version, change an object's retention or legal hold):
 *   nobody but break-glass. CloudFormation never does these, so no deploy needs them;
 * - bucket-level (the bucket's Object Lock default, its policy): nobody but break-glass and the
 *   CloudFormation execution role of the CDK bootstrap. Denying CloudFormation `PutBucketPolicy` would
 *   make the next deploy that touches the policy fail (and roll back) with AccessDenied, and denying it
 *   `PutBucketObjectLockConfiguration` would do the same for a change of the retention days in
 *   infra/config/deployments.ts. Such changes go through a reviewed `cdk diff` and deploy instead.
 */
import { Aws, DefaultStackSynthesizer, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import { acknowledgeWildcard } from './nag';

/** What only break-glass may do to an object of a locked bucket. */
export const objectLockEscapeActions = [
  's3:BypassGovernanceRetention',
  's3:DeleteObjectVersion',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
] as const;

/**
 * The part of the escape hatches the retention job may use on the evidence bucket (clarifications,
 * "Retention and backups"; ADR 0020): extend a version's lock to the end of its period, and delete a
 * version once its lock has lapsed (S3 itself refuses it earlier without a bypass). Never the bypass of
 * governance retention, never a legal hold.
 */
export const retentionJobActions = ['s3:DeleteObjectVersion', 's3:PutObjectRetention'] as const;

/** The housekeeping job's fixed role name (the evidence bucket's policy names it). */
export const housekeepingRoleNameOf = (deploymentName: string) => `abdi-${deploymentName}-housekeeping`;

/** What only break-glass and CloudFormation deploys may do to a locked bucket's configuration. */
export const bucketProtectionActions = [
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
] as const;

/** The default break-glass role name of a deployment (IAM role names are global to an account). */
export function breakGlassRoleNameOf(deployment: {
  readonly name: string;
  readonly breakGlassRoleName?: string | undefined;
}): string {
  return deployment.breakGlassRoleName ?? `abdi-${deployment.name}-break-glass`;
}

/**
 * The ARNs `aws:PrincipalArn` carries for a role: for an assumed-role session it is the role's ARN, which
 * includes the role's path; both forms are listed so a role created under a path still matches.
 */
export function roleArnPatterns(scope: IConstruct, roleName: string): string[] {
  const prefix = `arn:${Aws.PARTITION}:iam::${Stack.of(scope).account}:role`;
  return [`${prefix}/${roleName}`, `${prefix}/*/${roleName}`];
}

/**
 * The role CloudFormation deploys the stack with (the CDK bootstrap's `cfn-exec-role`). A stack
 * synthesized without one deploys with the caller's own credentials, which cannot be told apart from any
 * other principal's: refused, so the bucket-level deny does not silently break every later deploy.
 */
export function deployRoleArn(scope: IConstruct): string {
  const stack = Stack.of(scope);
  const synthesizer = stack.synthesizer;
  if (!(synthesizer instanceof DefaultStackSynthesizer)) {
    throw new Error(
      `${stack.stackName}: the locked buckets' policies exempt the CloudFormation execution role of the CDK bootstrap, so the stack needs the DefaultStackSynthesizer`,
    );
  }
  return synthesizer.cloudFormationExecutionRoleArn
    .replaceAll('${AWS::Partition}', Aws.PARTITION)
    .replaceAll('${AWS::AccountId}', stack.account)
    .replaceAll('${AWS::Region}', stack.region);
}

export interface TamperProofingOptions {
  /** The break-glass role's name (`breakGlassRoleNameOf`). */
  readonly breakGlassRoleName: string;
  /**
   * Who, besides break-glass, may change the bucket's lock configuration and policy.
   * @default the CloudFormation execution role (`deployRoleArn`); `[]` for nobody
   */
  readonly deployRoleArns?: readonly string[];
  /**
   * Who may act on objects past their lock (`objectLockEscapeActions`).
   * @default the break-glass role; `[]` for nobody at all (the CloudTrail log bucket)
   */
  readonly objectExceptions?: readonly string[];
  /**
   * Role names that may, besides break-glass, do `retentionJobActions` (and nothing else of the escape
   * hatches): the housekeeping job's on the evidence bucket. @default none
   */
  readonly retentionRoleNames?: readonly string[];
}

/** Adds the two deny statements to a locked bucket's policy. */
export function denyTampering(bucket: s3.Bucket, options: TamperProofingOptions): void {
  const breakGlass = roleArnPatterns(bucket, options.breakGlassRoleName);
  const deployers = options.deployRoleArns ?? [deployRoleArn(bucket)];
  const objectExceptions = options.objectExceptions ?? breakGlass;
  const retentionRoles = (options.retentionRoleNames ?? []).flatMap((name) => roleArnPatterns(bucket, name));
  const retentionActions: readonly string[] = retentionRoles.length > 0 ? retentionJobActions : [];
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: objectExceptions.length > 0 ? 'DenyObjectLockEscapeExceptBreakGlass' : 'DenyObjectLockEscape',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: objectLockEscapeActions.filter((action) => !retentionActions.includes(action)),
      resources: [bucket.arnForObjects('*')],
      ...(objectExceptions.length > 0 && {
        conditions: { ArnNotLike: { 'aws:PrincipalArn': [...objectExceptions] } },
      }),
    }),
  );
  if (retentionRoles.length > 0) {
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyRetentionChangesExceptBreakGlassAndRetentionJob',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...retentionJobActions],
        resources: [bucket.arnForObjects('*')],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': [...objectExceptions, ...retentionRoles] } },
      }),
    );
  }
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyProtectionChangesExceptBreakGlassAndDeploys',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: [...bucketProtectionActions],
      resources: [bucket.bucketArn],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': [...breakGlass, ...deployers] } },
    }),
  );
}

export interface BreakGlassRoleProps {
  readonly roleName: string;
  /** The locked buckets and their keys. */
  readonly buckets: readonly { readonly bucket: s3.IBucket; readonly key: kms.IKey }[];
  /** Whether break-glass may delete or shorten recovery points (those the vault policy lets it). */
  readonly recoveryPoints?: boolean;
}

/**
 * The break-glass role: assumable by principals of this account that IAM allows to (its trust names the
 * account, not a person), for one hour at a time. Every use is an `AssumeRole` event in CloudTrail, and
 * every object-level act on the buckets a data event naming the role session.
 */
export class BreakGlassRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: BreakGlassRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description:
        'Abdi break-glass: court-ordered erasure or correction of locked evidence and documents, and of backups (ADR 0016). Every use is recorded by CloudTrail.',
      assumedBy: new iam.AccountRootPrincipal(),
      maxSessionDuration: Duration.hours(1),
    });
    for (const { bucket, key } of props.buckets) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [
            's3:ListBucket',
            's3:ListBucketVersions',
            's3:GetBucketObjectLockConfiguration',
            's3:PutBucketObjectLockConfiguration',
          ],
          resources: [bucket.bucketArn],
        }),
      );
      const objects = bucket.arnForObjects('*');
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [
            's3:GetObject',
            's3:GetObjectVersion',
            's3:GetObjectRetention',
            's3:GetObjectLegalHold',
            's3:PutObject',
            's3:DeleteObject',
            ...objectLockEscapeActions,
          ],
          resources: [objects],
        }),
      );
      acknowledgeWildcard(
        this.role,
        'Resource',
        objects,
        'Break-glass acts on objects named only when a court order or an incident names them, in this one locked bucket; the role is assumed by a person, one hour at a time, and each act is a CloudTrail data event.',
      );
      key.grant(this.role, 'kms:Decrypt', 'kms:GenerateDataKey');
    }
    if (props.recoveryPoints) {
      const recoveryPoints = `arn:${Aws.PARTITION}:backup:${Stack.of(this).region}:${Stack.of(this).account}:recovery-point:*`;
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
          resources: [recoveryPoints],
        }),
      );
      acknowledgeWildcard(
        this.role,
        'Resource',
        recoveryPoints,
        "Recovery point ids are generated per backup job; the vault's access policy and Vault Lock still stop a deletion before the minimum retention, and each deletion is a CloudTrail management event.",
      );
    }
  }
}
