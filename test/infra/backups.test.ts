/**
 * Backups and tamper-proofing (ADR 0016): the locked vault and its plan, what the plan selects, the
 * locked buckets' deny statements (evaluated for the principals that matter, not only matched), the
 * CloudTrail trail, and `tables.nameOverride` wiring the App stack to a restored table.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { idempotencyTable, mainTable, physicalName } from '../../functions/tables';
import { parseDeployments, type DeploymentInput } from '../../infra/config/schema';
import { COLD_STORAGE_AFTER_DAYS, backupRolePolicies, vaultLockOf } from '../../infra/constructs/backups';
import {
  bucketProtectionActions,
  objectLockEscapeActions,
  retentionJobActions,
} from '../../infra/constructs/tamper-proofing';
import { deploymentWith, deployments, resourcesOf, synthesize, type Synthesized } from './support';

interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A template value with `Fn::Join`, partition, account and region references spelled out. */
function flatten(value: unknown, account: string, region: string): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (v.Ref === 'AWS::Partition') return 'aws';
  if (v.Ref === 'AWS::AccountId') return account;
  if (v.Ref === 'AWS::Region') return region;
  if (Array.isArray(v['Fn::Join'])) {
    const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => flatten(part, account, region)).join(separator);
  }
  return JSON.stringify(value);
}

const arnLike = (pattern: string, arn: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(arn);

/**
 * Whether the bucket policy's Deny statements let `principalArn` attempt `action` (IAM policies decide
 * the rest). Only what these policies use is modelled: `ArnNotLike` on `aws:PrincipalArn`, and the
 * enforceSSL statement, which a TLS request never meets.
 */
function deniedBy(statements: readonly PolicyStatement[], principalArn: string, action: string): string[] {
  return (
    statements
      // No condition, or ArnNotLike; the TLS statements' conditions never hold for a TLS 1.2+ request.
      .filter((s) => s.Effect === 'Deny' && Object.keys(s.Condition ?? {}).every((op) => op === 'ArnNotLike'))
      .filter((s) => [s.Action].flat().some((a) => a === action || a === 's3:*'))
      .filter((s) => {
        const exceptions = s.Condition?.ArnNotLike?.['aws:PrincipalArn'] as string[] | undefined;
        return !exceptions || !exceptions.some((pattern) => arnLike(pattern, principalArn));
      })
      .map((s) => s.Sid ?? '(no sid)')
  );
}

/** The flattened statements of the bucket policy of the bucket with this logical id. */
function bucketPolicyOf(synthesized: Synthesized, bucketLogicalId: string): PolicyStatement[] {
  const { account, region } = synthesized.data;
  const [[, policy] = ['', {}]] = resourcesOf(synthesized.dataTemplate, 'AWS::S3::BucketPolicy').filter(
    ([, props]) => JSON.stringify(props.Bucket) === JSON.stringify({ Ref: bucketLogicalId }),
  );
  const document = policy.PolicyDocument as { Statement: PolicyStatement[] };
  return JSON.parse(
    JSON.stringify(document.Statement, (_key, value: unknown) =>
      value && typeof value === 'object' && ('Fn::Join' in value || 'Ref' in value)
        ? flatten(value, account, region)
        : value,
    ),
  ) as PolicyStatement[];
}

const logicalId = (synthesized: Synthesized, construct: { node: { defaultChild?: unknown } }) =>
  synthesized.data.getLogicalId(construct.node.defaultChild as never);

const backupRules = (template: Template) => {
  const [[, plan] = ['', {}]] = resourcesOf(template, 'AWS::Backup::BackupPlan');
  return (plan.BackupPlan as { BackupPlanRule: Record<string, unknown>[] }).BackupPlanRule;
};

describe.each(deployments.map((d) => [d.name, d] as const))('backups of %s', (_name, deployment) => {
  const synthesized = synthesize(deployment);
  const { dataTemplate: template, data } = synthesized;
  const breakGlassName = `abdi-${deployment.name}-break-glass`;
  const breakGlassArn = `arn:aws:iam::${deployment.account}:role/${breakGlassName}`;
  const deployRole = `arn:aws:iam::${deployment.account}:role/cdk-hnb659fds-cfn-exec-role-${deployment.account}-${deployment.region}`;
  const adminRole = `arn:aws:iam::${deployment.account}:role/Admin`;

  it('keeps backups in a vault under Vault Lock, encrypted with its own retained key', () => {
    // Prepare
    const lock = vaultLockOf(deployment);
    const [[, vault] = ['', {}]] = resourcesOf(template, 'AWS::Backup::BackupVault');

    // Assess
    expect(lock.mode).toBe(deployment.stage === 'production' ? 'compliance' : 'governance');
    expect(vault).toMatchObject({
      BackupVaultName: `abdi-${deployment.name}`,
      EncryptionKeyArn: { 'Fn::GetAtt': [expect.stringMatching(/VaultKey/), 'Arn'] },
      LockConfiguration: { MinRetentionDays: deployment.backup.dailyRetentionDays },
    });
    const changeable = (vault.LockConfiguration as Record<string, unknown>).ChangeableForDays;
    expect(changeable).toBe(deployment.stage === 'production' ? 3 : undefined);
    template.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain' });
    const keyId = (vault.EncryptionKeyArn as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    expect(template.toJSON().Resources[keyId]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { EnableKeyRotation: true },
    });
  });

  it('denies deleting or shortening a recovery point to all but break-glass', () => {
    // Prepare
    const [[, vault] = ['', {}]] = resourcesOf(template, 'AWS::Backup::BackupVault');
    const policy = vault.AccessPolicy as { Statement: PolicyStatement[] };

    // Assess
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
        Condition: { ArnNotLike: { 'aws:PrincipalArn': expect.any(Array) } },
      }),
    ]);
    const exceptions = policy.Statement[0]!.Condition!.ArnNotLike!['aws:PrincipalArn'] as unknown[];
    expect(exceptions.map((e) => flatten(e, data.account, data.region))).toContain(breakGlassArn);
  });

  it('backs up daily and monthly with the configured retentions, tables to cold storage', () => {
    // Act
    const rules = backupRules(template);

    // Assess
    expect(rules).toEqual([
      expect.objectContaining({
        RuleName: 'Daily',
        ScheduleExpression: 'cron(0 18 * * ? *)',
        Lifecycle: { DeleteAfterDays: deployment.backup.dailyRetentionDays },
      }),
      expect.objectContaining({
        RuleName: 'Monthly',
        ScheduleExpression: 'cron(0 19 1 * ? *)',
        Lifecycle: {
          DeleteAfterDays: deployment.backup.monthlyRetentionDays,
          MoveToColdStorageAfterDays: COLD_STORAGE_AFTER_DAYS,
        },
      }),
    ]);
  });

  it('selects both tables and the evidence and documents buckets, by ARN', () => {
    // Prepare
    const [[, selection] = ['', {}]] = resourcesOf(template, 'AWS::Backup::BackupSelection');
    const resources = (selection.BackupSelection as { Resources: unknown[] }).Resources;
    const expected = [
      ...[...data.tables.tables.values()].map((t) => data.resolve(t.tableArn)),
      data.resolve(data.evidence.bucket.bucketArn),
      data.resolve(data.documents.bucket.bucketArn),
    ];

    // Assess
    expect(resources).toEqual(expected);
    expect(selection.BackupSelection).not.toHaveProperty('ListOfTags');
  });

  it("gives the backup role the AWS Backup policies for DynamoDB and S3 and the buckets' keys", () => {
    // Prepare
    const [[, selection] = ['', {}]] = resourcesOf(template, 'AWS::Backup::BackupSelection');
    const roleId = (selection.BackupSelection as { IamRoleArn: { 'Fn::GetAtt': [string] } }).IamRoleArn[
      'Fn::GetAtt'
    ][0];
    const role = template.toJSON().Resources[roleId] as { Properties: { ManagedPolicyArns: unknown[] } };

    // Assess
    expect(role.Properties.ManagedPolicyArns.map((arn) => flatten(arn, '', '')).sort()).toEqual(
      backupRolePolicies.map((name) => `arn:aws:iam::aws:policy/${name}`).sort(),
    );
    const policies = resourcesOf(template, 'AWS::IAM::Policy').filter(([, props]) =>
      JSON.stringify(props.Roles).includes(roleId),
    );
    const decrypts = JSON.stringify(policies.map(([, props]) => props.PolicyDocument));
    for (const bucket of [data.evidence, data.documents]) {
      expect(decrypts).toContain(JSON.stringify(data.resolve(bucket.encryptionKey.keyArn)));
    }
  });

  describe.each([
    ['evidence', () => data.evidence],
    ['documents', () => data.documents],
  ] as const)('the %s bucket policy', (_which, bucketOf) => {
    const statements = bucketPolicyOf(synthesized, logicalId(synthesized, bucketOf().bucket));

    it('denies the Object Lock escape hatches to every principal but break-glass', () => {
      // Prepare: on the evidence bucket, the retention job's two actions have their own statement (ADR 0020).
      const escape = statements.find((s) => s.Sid === 'DenyObjectLockEscapeExceptBreakGlass');
      const retention = statements.find(
        (s) => s.Sid === 'DenyRetentionChangesExceptBreakGlassAndRetentionJob',
      );
      const kept: string[] = _which === 'evidence' ? [...retentionJobActions] : [];

      // Assess
      expect(escape).toMatchObject({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: objectLockEscapeActions.filter((a) => !kept.includes(a)).sort(),
        Condition: {
          ArnNotLike: { 'aws:PrincipalArn': [breakGlassArn, expect.stringMatching(/role\/\*\//)] },
        },
      });
      expect(String(escape?.Resource)).toMatch(/\/\*$/);
      if (_which === 'documents') expect(retention).toBeUndefined();
      else {
        expect(retention).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Action: kept.sort() });
        expect(retention?.Condition?.ArnNotLike?.['aws:PrincipalArn']).toEqual(
          expect.arrayContaining([breakGlassArn, expect.stringMatching(/role\/abdi-[\w-]+-housekeeping$/)]),
        );
      }
    });

    it('denies lock and policy changes to all but break-glass and CloudFormation deploys', () => {
      // Prepare
      const protection = statements.find((s) => s.Sid === 'DenyProtectionChangesExceptBreakGlassAndDeploys');

      // Assess
      expect(protection).toMatchObject({
        Effect: 'Deny',
        Action: [...bucketProtectionActions].sort(),
        Condition: {
          ArnNotLike: { 'aws:PrincipalArn': expect.arrayContaining([breakGlassArn, deployRole]) },
        },
      });
    });

    it.each([...objectLockEscapeActions, ...bucketProtectionActions])(
      '%s: break-glass is never denied; an administrator always is',
      (action) => {
        // Assess
        expect(deniedBy(statements, breakGlassArn, action)).toEqual([]);
        expect(
          deniedBy(statements, `arn:aws:iam::${deployment.account}:role/ops/${breakGlassName}`, action),
        ).toEqual([]);
        expect(deniedBy(statements, adminRole, action)).not.toEqual([]);
        expect(deniedBy(statements, `arn:aws:iam::${deployment.account}:root`, action)).not.toEqual([]);
      },
    );

    it('lets the next deploy update the policy and lock days, but not touch a locked object', () => {
      // Assess: CloudFormation's execution role
      for (const action of bucketProtectionActions)
        expect(deniedBy(statements, deployRole, action)).toEqual([]);
      for (const action of objectLockEscapeActions)
        expect(deniedBy(statements, deployRole, action)).not.toEqual([]);
      // The application's own writes are not in the way.
      for (const action of ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion']) {
        expect(deniedBy(statements, adminRole, action)).toEqual([]);
      }
    });
  });

  it('creates the break-glass role, assumable within the account for an hour', () => {
    // Assess
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: breakGlassName,
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { AWS: `arn:aws:iam::${deployment.account}:root` },
          }),
        ],
      },
    });
  });

  describe('CloudTrail', () => {
    const [[, trail] = ['', {}]] = resourcesOf(template, 'AWS::CloudTrail::Trail');

    it('records management events and every read and write of evidence and documents', () => {
      // Prepare
      const selectors = trail.EventSelectors as Record<string, unknown>[];

      // Assess
      expect(selectors).toEqual([
        { IncludeManagementEvents: true, ReadWriteType: 'All' },
        {
          DataResources: [
            {
              Type: 'AWS::S3::Object',
              Values: [data.evidence.bucket, data.documents.bucket].map((bucket) => ({
                'Fn::Join': ['', [data.resolve(bucket.bucketArn), '/']],
              })),
            },
          ],
          IncludeManagementEvents: false,
          ReadWriteType: 'All',
        },
      ]);
    });

    it('validates log files, encrypts them with its own key, into its own locked, retained bucket', () => {
      // Prepare
      const bucketId = (trail.S3BucketName as { Ref: string }).Ref;
      const bucket = template.toJSON().Resources[bucketId] as Record<string, unknown>;

      // Assess
      expect(trail).toMatchObject({
        EnableLogFileValidation: true,
        IsLogging: true,
        KMSKeyId: { 'Fn::GetAtt': [expect.stringMatching(/TrailKey/), 'Arn'] },
      });
      expect(bucket).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: {
          VersioningConfiguration: { Status: 'Enabled' },
          ObjectLockConfiguration: {
            Rule: {
              DefaultRetention: { Mode: 'GOVERNANCE', Days: deployment.retention.logRetentionDays },
            },
          },
          // Log files carry the trail's key (KMSKeyId above); the default covers digest files.
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
            ],
          },
        },
      });
      const logPolicy = bucketPolicyOf(synthesized, bucketId);
      for (const action of objectLockEscapeActions) {
        expect(deniedBy(logPolicy, breakGlassArn, action), action).not.toEqual([]);
      }
    });
  });
});

describe('backup settings from the config', () => {
  const deployment = deploymentWith({
    name: 'short-backups',
    authDomainPrefix: 'abdi-short-backups',
    stage: 'staging',
    backup: { dailyRetentionDays: 14, monthlyRetentionDays: 120, vaultLockMinDays: 7, changeableForDays: 10 },
    breakGlassRoleName: 'AbdiBreakGlass',
  });
  const { dataTemplate: template } = synthesize(deployment);

  it('take the retentions, the lock and the break-glass name from the deployment', () => {
    // Assess
    expect(backupRules(template).map((rule) => rule.Lifecycle)).toEqual([
      { DeleteAfterDays: 14 },
      // 120 days leave no 90 days in cold storage after day 90: no transition.
      { DeleteAfterDays: 120 },
    ]);
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { MinRetentionDays: 7, ChangeableForDays: 10 },
    });
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'AbdiBreakGlass' });
  });

  it.each<[string, Partial<DeploymentInput>, RegExp]>([
    [
      'a lock longer than the daily backups',
      { backup: { vaultLockMinDays: 40 } },
      /backup\.vaultLockMinDays/,
    ],
    [
      'monthly backups kept shorter than daily ones',
      { backup: { dailyRetentionDays: 60, monthlyRetentionDays: 30 } },
      /backup\.monthlyRetentionDays/,
    ],
    ['a compliance grace under 3 days', { backup: { changeableForDays: 2 } }, /backup\.changeableForDays/],
    [
      'a restored main table without its stream',
      { tables: { nameOverride: { main: 'abdi-sulsel-main-restored' } } },
      /tables\.mainStreamArn/,
    ],
  ])('refuses %s', (_case, overrides, message) => {
    // Prepare
    const [base] = deployments;
    const input = { ...base, ...overrides } as DeploymentInput;

    // Act / Assess
    expect(() => parseDeployments([input])).toThrow(message);
  });
});

describe('tables.nameOverride', () => {
  const restoredMain = 'abdi-restored-main-20261205';
  const restoredIdempotency = 'abdi-restored-idempotency-20261205';
  const streamArn = `arn:aws:dynamodb:ap-southeast-3:111111111111:table/${restoredMain}/stream/2026-12-05T03:00:00.000`;
  const deployment = deploymentWith({
    name: 'restored',
    authDomainPrefix: 'abdi-restored',
    tables: {
      nameOverride: { main: restoredMain, idempotency: restoredIdempotency },
      mainStreamArn: streamArn,
    },
  });
  const synthesized = synthesize(deployment);
  const { appTemplate, dataTemplate } = synthesized;
  const functions = resourcesOf(appTemplate, 'AWS::Lambda::Function').filter(
    ([, props]) =>
      (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.TABLE_NAME !==
      undefined,
  );

  it('gives every function the restored tables in TABLE_NAME and IDEMPOTENCY_TABLE_NAME', () => {
    // Assess
    expect(functions.length).toBeGreaterThanOrEqual(5);
    for (const [id, props] of functions) {
      const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.TABLE_NAME, id).toBe(restoredMain);
      expect(variables.IDEMPOTENCY_TABLE_NAME, id).toBe(restoredIdempotency);
    }
  });

  it('grants on the restored tables and their indexes, never on the Data stack originals', () => {
    // Prepare
    const policies = JSON.stringify(resourcesOf(appTemplate, 'AWS::IAM::Policy').map(([, p]) => p));

    // Assess
    expect(policies).toContain(`:table/${restoredMain}"`);
    expect(policies).toContain(
      `:table/${restoredMain}/index/*"`.replace('*', mainTable.globalIndexes[0]!.name),
    );
    expect(policies).toContain(`:table/${restoredIdempotency}"`);
    expect(policies).not.toContain(`:table/${physicalName('abdi-restored', mainTable)}"`);
    expect(policies).not.toContain(`:table/${physicalName('abdi-restored', idempotencyTable)}"`);
  });

  it("reads the restored table's stream in every stream consumer", () => {
    // Act
    const mappings = resourcesOf(appTemplate, 'AWS::Lambda::EventSourceMapping').filter(([, props]) =>
      JSON.stringify(props.EventSourceArn).includes('dynamodb'),
    );

    // Assess
    expect(mappings.length).toBeGreaterThanOrEqual(2);
    for (const [, props] of mappings) expect(props.EventSourceArn).toBe(streamArn);
  });

  it('backs up the restored tables as well as the originals', () => {
    // Prepare
    const [[, selection] = ['', {}]] = resourcesOf(dataTemplate, 'AWS::Backup::BackupSelection');
    const resources = JSON.stringify((selection.BackupSelection as { Resources: unknown[] }).Resources);

    // Assess
    expect(resources).toContain(`:table/${restoredMain}"`);
    expect(resources).toContain(`:table/${restoredIdempotency}"`);
    expect((selection.BackupSelection as { Resources: unknown[] }).Resources).toHaveLength(6);
  });
});
