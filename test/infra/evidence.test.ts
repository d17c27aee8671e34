import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_KEY_PREFIX, THUMBNAIL_KEY_PREFIX } from '../../infra/constructs/evidence-verification';
import { deployments, objectLockOf, resourcesOf, synthesize } from './support';

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/**
 * Evidence in the cloud: an immutable bucket (versions, Object Lock in governance mode, old versions to
 * cheaper storage) that hands ObjectCreated to EventBridge, a verifier that rule invokes, a scheduled
 * sweep for uploads that never came, both with read-only access to the evidence objects; the verifier
 * may write thumbnails, under their own prefix only.
 */
describe.each(deployments.map((d) => [d.name, d] as const))(
  'evidence, deployment %s',
  (_name, deployment) => {
    const { dataTemplate, appTemplate } = synthesize(deployment);
    const [[, bucket] = ['', {}]] = resourcesOf(dataTemplate, 'AWS::S3::Bucket').filter(
      ([, props]) => props.ObjectLockEnabled === true,
    );
    const bucketName = `abdi-${deployment.name}-evidence-`;

    /** The logical id of one of the evidence functions, by its description. */
    function functionId(description: RegExp): string {
      const found = resourcesOf(appTemplate, 'AWS::Lambda::Function').filter(([, props]) =>
        description.test(String(props.Description)),
      );
      expect(found).toHaveLength(1);
      return found[0]![0];
    }

    /** The statements of the policies attached to a function's role. */
    function statementsOf(functionLogicalId: string): Statement[] {
      const [, fn] = resourcesOf(appTemplate, 'AWS::Lambda::Function').find(
        ([id]) => id === functionLogicalId,
      )!;
      const role = (fn.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      return resourcesOf(appTemplate, 'AWS::IAM::Policy')
        .filter(([, props]) => JSON.stringify(props.Roles).includes(role))
        .flatMap(([, props]) => (props.PolicyDocument as { Statement: Statement[] }).Statement);
    }

    const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

    describe('the bucket (Data stack)', () => {
      it('is versioned and locked in governance mode for the configured days', () => {
        expect(bucket).toMatchObject({
          VersioningConfiguration: { Status: 'Enabled' },
          ...objectLockOf(deployment),
        });
      });

      it('moves noncurrent versions to Glacier Instant Retrieval and never expires a version', () => {
        const rules = (bucket.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
        expect(rules).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              NoncurrentVersionTransitions: [expect.objectContaining({ StorageClass: 'GLACIER_IR' })],
            }),
          ]),
        );
        for (const rule of rules) {
          expect(rule).not.toHaveProperty('ExpirationInDays');
          expect(rule).not.toHaveProperty('NoncurrentVersionExpiration');
        }
      });

      it('delivers its events to EventBridge natively, with no notification custom resource', () => {
        expect(bucket.NotificationConfiguration).toEqual({
          EventBridgeConfiguration: { EventBridgeEnabled: true },
        });
        expect(resourcesOf(dataTemplate, 'Custom::S3BucketNotifications')).toEqual([]);
      });
    });

    describe('the verifier (App stack)', () => {
      const verifier = functionId(/evidence verifier/);

      it('runs on arm64 with the evidence settings of the deployment', () => {
        appTemplate.hasResourceProperties('AWS::Lambda::Function', {
          Description: Match.stringLikeRegexp('evidence verifier'),
          Architectures: ['arm64'],
          Timeout: 300,
          Environment: {
            Variables: Match.objectLike({
              ABDI_MODE: 'cloud',
              TABLE_NAME: `abdi-${deployment.name}-main`,
              EVIDENCE_BUCKET: Match.anyValue(),
              MAX_UPLOAD_BYTES: String(deployment.evidence.maxUploadBytes),
              EVIDENCE_PENDING_EXPIRY_MINUTES: String(deployment.evidence.pendingExpiryMinutes),
            }),
          },
        });
      });

      it("is the target of a rule for the bucket's Object Created events under evidence/", () => {
        // The rules with an S3 Object Created pattern on the evidence bucket (the security rules watch
        // CloudTrail, not objects; the imports bucket has its own rule, test/infra/import-jobs.test.ts).
        const rules = resourcesOf(appTemplate, 'AWS::Events::Rule').filter(
          ([, props]) =>
            JSON.stringify(props.EventPattern ?? {}).includes('Object Created') &&
            JSON.stringify(props.EventPattern).includes(bucketName),
        );
        expect(rules).toHaveLength(1);
        const [, rule] = rules[0]!;
        expect(rule.EventPattern).toMatchObject({
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { object: { key: [{ prefix: 'evidence/' }] } },
        });
        expect(JSON.stringify((rule.EventPattern as { detail: unknown }).detail)).toContain(bucketName);
        // The verifier's own writes (thumbnails) fall outside the pattern: no verification loop.
        expect(THUMBNAIL_KEY_PREFIX.startsWith(EVIDENCE_KEY_PREFIX)).toBe(false);
        expect(EVIDENCE_KEY_PREFIX.startsWith(THUMBNAIL_KEY_PREFIX)).toBe(false);
        expect(rule.Targets).toEqual([
          expect.objectContaining({
            Arn: { 'Fn::GetAtt': [verifier, 'Arn'] },
            DeadLetterConfig: { Arn: expect.anything() },
            RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: 8 }),
          }),
        ]);
      });

      it('may read evidence objects and the table, write thumbnails, and nothing else of the bucket', () => {
        const statements = statementsOf(verifier);
        const s3 = actionsOf(statements).filter((a) => a.startsWith('s3:'));
        expect(s3.sort()).toEqual(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:PutObject']);
        const reads = statements.find((s) => [s.Action].flat().includes('s3:GetObject'));
        expect(JSON.stringify(reads?.Resource)).toMatch(/\/evidence\/\*"\]\]\}$/);
        const list = statements.find((s) => [s.Action].flat().includes('s3:ListBucket'));
        expect(list?.Condition).toEqual({ StringLike: { 's3:prefix': ['evidence/*'] } });
        expect(actionsOf(statements)).toEqual(
          expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
        );
        expect(actionsOf(statements)).toContain('kms:Decrypt');
        const writes = statements.filter((s) => [s.Action].flat().some((a) => /^s3:(Put|Delete)/.test(a)));
        expect(writes).toHaveLength(1);
        expect(writes[0]!.Action).toBe('s3:PutObject');
        for (const action of actionsOf(statements)) {
          expect(action).not.toMatch(
            /^s3:(Delete|BypassGovernance|PutObjectRetention|PutObjectLegalHold)|^s3:\*$/,
          );
        }
      });

      it('writes thumbnails only under thumbnails/, encrypted with the bucket key', () => {
        const statements = statementsOf(verifier);
        const [put] = statements.filter((s) => [s.Action].flat().includes('s3:PutObject'));
        // arn:<partition>:s3:::<bucket>/thumbnails/*, and no other resource.
        const resource = JSON.stringify(put!.Resource);
        expect(resource).toContain(bucketName);
        expect(resource).toMatch(/\/thumbnails\/\*"\]\]\}$/);
        expect(resource).not.toContain(EVIDENCE_KEY_PREFIX);
        expect(put!.Effect).toBe('Allow');
        expect(actionsOf(statements)).toContain('kms:GenerateDataKey');
      });

      it('sends failed invocations to an encrypted, TLS-only dead-letter queue', () => {
        appTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: verifier },
          MaximumRetryAttempts: 2,
          DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        });
        appTemplate.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
        appTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      });
    });

    describe('the sweep of uploads that never arrived', () => {
      const expiry = functionId(/evidence sweep/);

      it('runs on a schedule', () => {
        // The scheduled rules that invoke the sweep (the webhook retry sweep has a schedule of its own).
        const rules = resourcesOf(appTemplate, 'AWS::Events::Rule').filter(
          ([, props]) => props.ScheduleExpression && JSON.stringify(props.Targets).includes(`"${expiry}"`),
        );
        expect(rules).toEqual([
          [
            expect.any(String),
            expect.objectContaining({
              ScheduleExpression: 'rate(15 minutes)',
              Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [expiry, 'Arn'] } })],
            }),
          ],
        ]);
      });

      it('reads objects (to verify late arrivals) but cannot write or delete them', () => {
        const s3 = actionsOf(statementsOf(expiry)).filter((a) => a.startsWith('s3:'));
        expect(s3.sort()).toEqual(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket']);
      });
    });
  },
);
