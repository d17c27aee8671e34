import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { evidenceBucket, physicalName, tables } from '../../functions/tables';
import { roles } from '../../infra/constructs/identity';
import { deployments, objectLockOf, resourcesOf, synthesize } from './support';

describe.each(deployments.map((d) => [d.name, d] as const))('Abdi-%s-Data', (_name, deployment) => {
  const { dataTemplate: template } = synthesize(deployment);

  describe('tables (from functions/tables.ts)', () => {
    it.each(tables.map((t) => [t.id, t] as const))(
      '%s: keys, GSIs and TTL match the definition',
      (_id, definition) => {
        // Prepare
        const keySchema = [
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }] : []),
        ];
        const indexes = definition.globalIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
          ],
          Projection: { ProjectionType: index.projection },
        }));

        // Act / Assess
        template.hasResourceProperties('AWS::DynamoDB::Table', {
          TableName: physicalName(`abdi-${deployment.name}`, definition),
          KeySchema: keySchema,
          GlobalSecondaryIndexes: indexes.length > 0 ? indexes : Match.absent(),
          TimeToLiveSpecification: definition.timeToLiveAttribute
            ? { AttributeName: definition.timeToLiveAttribute, Enabled: true }
            : Match.absent(),
        });
      },
    );

    it('are on-demand, PITR, deletion-protected, KMS-CMK encrypted and retained', () => {
      // Act
      const found = template.findResources('AWS::DynamoDB::Table');

      // Assess
      expect(Object.keys(found)).toHaveLength(tables.length);
      for (const table of Object.values(found)) {
        expect(table.DeletionPolicy).toBe('Retain');
        expect(table.Properties).toMatchObject({
          BillingMode: 'PAY_PER_REQUEST',
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
            RecoveryPeriodInDays: deployment.retention.pointInTimeRecoveryDays,
          },
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: expect.anything() },
        });
      }
    });

    it('use customer-managed keys with rotation that outlive the stack', () => {
      // Act
      const keys = template.findResources('AWS::KMS::Key');

      // Assess
      expect(Object.keys(keys).length).toBeGreaterThanOrEqual(2);
      for (const key of Object.values(keys)) {
        expect(key.DeletionPolicy).toBe('Retain');
        expect(key.Properties).toMatchObject({ EnableKeyRotation: true });
      }
    });
  });

  describe('evidence bucket', () => {
    const [[, bucket] = ['', {}]] = resourcesOf(template, 'AWS::S3::Bucket').filter(
      ([, props]) => props.ObjectLockEnabled === true,
    );

    it('blocks public access, versions objects and encrypts with a KMS key', () => {
      // Assess
      expect(bucket).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() },
            },
          ],
        },
      });
    });

    it('locks objects in governance mode for the configured days', () => {
      // Assess
      expect(bucket).toMatchObject(objectLockOf(deployment));
    });

    it('logs access to a separate bucket and moves old versions to Glacier IR', () => {
      // Assess
      expect(bucket).toMatchObject({
        LoggingConfiguration: {
          DestinationBucketName: { Ref: expect.any(String) },
          LogFilePrefix: 's3/evidence/',
        },
        LifecycleConfiguration: {
          Rules: expect.arrayContaining([
            expect.objectContaining({
              Status: 'Enabled',
              NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 30 }],
            }),
          ]),
        },
      });
    });

    it("declares no CORS: the App stack sets it with the dashboard's origin (ADR 0017)", () => {
      // Assess: two owners of one setting would undo each other; test/infra/edge.test.ts checks the App side.
      expect(bucket.CorsConfiguration).toBeUndefined();
      expect(evidenceBucket.cors.length).toBeGreaterThan(0);
    });

    it('denies requests without TLS', () => {
      // Assess
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });
  });

  describe('user pool', () => {
    it('has no self sign-up, a strong password policy, optional TOTP MFA and threat protection', () => {
      // Assess
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        // Abdi's usernames sign in, email as an alias (ADR 0008); UsernameAttributes would make the
        // email the username and the token's `username` a UUID.
        AliasAttributes: ['email'],
        UsernameAttributes: Match.absent(),
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          },
        },
        MfaConfiguration: 'OPTIONAL',
        // Email codes beside TOTP where the pool sends through SES (ADR 0018, test/infra/identity-ses.test.ts).
        EnabledMfas: deployment.identity.sesSender
          ? ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']
          : ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
      });
    });

    it('has one group per role', () => {
      // Act
      const groups = resourcesOf(template, 'AWS::Cognito::UserPoolGroup').map(([, props]) => props.GroupName);

      // Assess
      expect(groups.sort()).toEqual([...roles].sort());
    });

    it('has the hosted domain and the abdi resource server with its three scopes', () => {
      // Assess
      template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: deployment.authDomainPrefix });
      template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
        Identifier: 'abdi',
        Scopes: [
          Match.objectLike({ ScopeName: 'cases:read' }),
          Match.objectLike({ ScopeName: 'cases:write' }),
          Match.objectLike({ ScopeName: 'evidence:write' }),
        ],
      });
    });
  });
});
