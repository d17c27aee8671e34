import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { importsBucket } from '../../functions/tables';
import { IMPORT_FILES_EXPIRE_DAYS } from '../../infra/constructs/imports-bucket';
import { IMPORT_UPLOAD_KEY_PATTERN } from '../../infra/constructs/import-jobs';
import { corsConfigurationOf } from '../../infra/constructs/bucket-cors';
import { deployments, resourcesOf, synthesize } from './support';

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/**
 * Spreadsheet imports in the cloud (issue 22): an encrypted, private bucket whose files expire after 30
 * days; an upload rule that queues uploads only; a queue with a dead-letter queue; a worker fed one
 * message at a time with partial batch failures; and the API function told where both are.
 */
describe.each(deployments.map((d) => [d.name, d] as const))('imports, deployment %s', (_name, deployment) => {
  const { dataTemplate, appTemplate } = synthesize(deployment);
  const bucketName = `abdi-${deployment.name}-imports-`;
  const [[bucketId, bucket] = ['', {}]] = resourcesOf(dataTemplate, 'AWS::S3::Bucket').filter(([, props]) =>
    String(JSON.stringify(props.BucketName)).includes(bucketName),
  );

  /** A function by its description, and the statements of its role's policies. */
  function functionNamed(description: RegExp) {
    const found = resourcesOf(appTemplate, 'AWS::Lambda::Function').filter(([, props]) =>
      description.test(String(props.Description)),
    );
    expect(found).toHaveLength(1);
    const [id, props] = found[0]!;
    const role = (props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = resourcesOf(appTemplate, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Roles).includes(role))
      .flatMap(([, policy]) => (policy.PolicyDocument as { Statement: Statement[] }).Statement);
    return { id, props, statements };
  }
  /** The queue the worker reads: the one its event source mapping names. */
  const [[queueId, queue] = ['', {}]] = resourcesOf(appTemplate, 'AWS::SQS::Queue').filter(([id]) =>
    resourcesOf(appTemplate, 'AWS::Lambda::EventSourceMapping').some(
      ([, mapping]) =>
        JSON.stringify(mapping.EventSourceArn) === JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }) &&
        JSON.stringify(mapping.FunctionName).includes('ImportsWorker'),
    ),
  );

  describe('the bucket (Data stack)', () => {
    it('is encrypted with a customer-managed KMS key and blocks public access', () => {
      expect(bucketId).not.toBe('');
      const encryption = (
        bucket.BucketEncryption as {
          ServerSideEncryptionConfiguration: {
            ServerSideEncryptionByDefault: Record<string, unknown>;
            BucketKeyEnabled?: boolean;
          }[];
        }
      ).ServerSideEncryptionConfiguration[0]!;
      expect(encryption.ServerSideEncryptionByDefault).toMatchObject({
        SSEAlgorithm: 'aws:kms',
        KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^ImportsKey/), 'Arn'] },
      });
      expect(encryption.BucketKeyEnabled).toBe(true);
      expect(bucket.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const keyId = (encryption.ServerSideEncryptionByDefault.KMSMasterKeyID as { 'Fn::GetAtt': string[] })[
        'Fn::GetAtt'
      ][0]!;
      dataTemplate.hasResource('AWS::KMS::Key', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({ EnableKeyRotation: true }),
      });
      expect(dataTemplate.findResources('AWS::KMS::Key')[keyId]).toBeDefined();
    });

    it('deletes files 30 days after they were written, old versions after a day, and is versioned', () => {
      expect(IMPORT_FILES_EXPIRE_DAYS).toBe(30);
      expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      const rules = (bucket.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      expect(rules).toContainEqual(
        expect.objectContaining({
          Status: 'Enabled',
          ExpirationInDays: 30,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        }),
      );
      expect(rules).toContainEqual(
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
      );
      expect(bucket.ObjectLockEnabled).toBeUndefined();
    });

    it('is access-logged, TLS only, hands its events to EventBridge, and has no CORS of its own', () => {
      expect((bucket.LoggingConfiguration as { LogFilePrefix: string }).LogFilePrefix).toBe('s3/imports/');
      expect(bucket.NotificationConfiguration).toEqual({
        EventBridgeConfiguration: { EventBridgeEnabled: true },
      });
      expect(bucket.CorsConfiguration).toBeUndefined();
      const policies = resourcesOf(dataTemplate, 'AWS::S3::BucketPolicy').map(([, p]) => JSON.stringify(p));
      expect(
        policies.some((p) => p.includes(`"Ref":"${bucketId}"`) && p.includes('aws:SecureTransport')),
      ).toBe(true);
    });
  });

  describe('the jobs (App stack)', () => {
    it('queues uploads to imports/<office>/<import>/upload of this bucket only', () => {
      const rules = resourcesOf(appTemplate, 'AWS::Events::Rule').filter(([, props]) =>
        String(props.Description).includes('import queue'),
      );
      expect(rules).toHaveLength(1);
      const [, rule] = rules[0]!;
      expect(IMPORT_UPLOAD_KEY_PATTERN).toBe('imports/*/*/upload');
      expect(rule.EventPattern).toEqual({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [expect.stringMatching(new RegExp(`^${bucketName}`))] },
          object: { key: [{ wildcard: 'imports/*/*/upload' }] },
        },
      });
      const [target] = rule.Targets as { Arn: unknown; DeadLetterConfig?: unknown }[];
      expect(target!.Arn).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
      expect(target!.DeadLetterConfig).toBeDefined();
    });

    it('retries a job five times before its dead-letter queue, and hides a message for 6× the timeout', () => {
      expect(queueId).not.toBe('');
      const redrive = queue.RedrivePolicy as {
        deadLetterTargetArn: { 'Fn::GetAtt': string[] };
        maxReceiveCount: number;
      };
      expect(redrive.maxReceiveCount).toBe(5);
      const dlqId = redrive.deadLetterTargetArn['Fn::GetAtt'][0]!;
      const dlq = resourcesOf(appTemplate, 'AWS::SQS::Queue').find(([id]) => id === dlqId)?.[1];
      expect(dlq).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
      expect(queue).toMatchObject({ SqsManagedSseEnabled: true, VisibilityTimeout: 6 * 15 * 60 });
      // TLS only, on both.
      const policies = resourcesOf(appTemplate, 'AWS::SQS::QueuePolicy').map(([, p]) => JSON.stringify(p));
      for (const id of [queueId, dlqId]) {
        expect(policies.some((p) => p.includes(`"Ref":"${id}"`) && p.includes('aws:SecureTransport'))).toBe(
          true,
        );
      }
      // The dead-letter queue alarms at its first message; the work queue does not.
      const alarmsOn = (id: string) =>
        resourcesOf(appTemplate, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
          JSON.stringify(a.Dimensions ?? a.Metrics ?? '').includes(`"${id}"`),
        );
      expect(alarmsOn(dlqId)).toHaveLength(1);
      expect(JSON.stringify(alarmsOn(dlqId)[0]![1].AlarmDescription)).toMatch(/import job failed five times/);
      expect(alarmsOn(queueId)).toHaveLength(0);
    });

    it('feeds the worker one message at a time, reporting failed items, at most two jobs at once', () => {
      const worker = functionNamed(/^Abdi import worker/);
      expect(worker.props).toMatchObject({ Timeout: 900, MemorySize: 2048 });
      appTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        FunctionName: { Ref: worker.id },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      });
      const variables = (worker.props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(variables.IMPORTS_BUCKET)).toContain(bucketName);
      expect(variables.IMPORT_QUEUE_URL).toEqual({ Ref: queueId });
    });

    it('gives the worker the files under imports/ only, the bucket key, its own queue and the main table', () => {
      const { statements } = functionNamed(/^Abdi import worker/);
      const files = statements.find((s) => s.Sid === 'ImportFilesOfJobs')!;
      expect([files.Action].flat().sort()).toEqual(['s3:GetObject', 's3:PutObject']);
      expect(JSON.stringify(files.Resource)).toMatch(new RegExp(`${bucketName}.*/imports/\\*`));
      const listing = statements.find((s) => s.Sid === 'ImportFilesOfJobsListing')!;
      expect(listing.Condition).toEqual({ StringLike: { 's3:prefix': ['imports/*'] } });
      const actions = statements.flatMap((s) => [s.Action].flat());
      expect(actions).toEqual(
        expect.arrayContaining(['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage']),
      );
      // The main table as the API function holds it (table-access.ts `apiTableAccess`), nothing more.
      expect(statements.map((s) => s.Sid)).toEqual(
        expect.arrayContaining(['MainTableItems', 'MainTableIndexes']),
      );
      expect(actions).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']),
      );
      expect(
        actions.filter((a) => /^dynamodb:(Scan|BatchWriteItem|DeleteTable|DescribeTable)$/.test(a)),
      ).toEqual([]);
      expect(
        actions.filter((a) => /^s3:(Delete|PutBucket|PutObjectRetention|BypassGovernance)/.test(a)),
      ).toEqual([]);
      expect(actions.filter((a) => a === 's3:*' || a === 'sqs:*' || a === 'dynamodb:*')).toEqual([]);
    });

    it('tells the API function the bucket and the queue, and lets it presign files and queue jobs', () => {
      const api = functionNamed(/^Abdi API \(/);
      const variables = (api.props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(variables.IMPORTS_BUCKET)).toContain(bucketName);
      expect(variables.IMPORT_QUEUE_URL).toEqual({ Ref: queueId });
      const files = api.statements.find((s) => s.Sid === 'ImportFiles')!;
      expect([files.Action].flat().sort()).toEqual(['s3:GetObject', 's3:PutObject']);
      const send = api.statements.find((s) => [s.Action].flat().includes('sqs:SendMessage'))!;
      expect(send.Resource).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
      const actions = api.statements.flatMap((s) => [s.Action].flat());
      expect(actions).not.toContain('sqs:ReceiveMessage');
      expect(actions).not.toContain('s3:ListBucket');
    });

    it("sets the bucket's CORS for the dashboard's origin to PUT with the checksum header", () => {
      const cors = resourcesOf(appTemplate, 'Custom::BucketCors').filter(([, props]) =>
        JSON.stringify(props).includes(bucketName),
      );
      expect(cors).toHaveLength(1);
      const expected = corsConfigurationOf(importsBucket, ['x']).CORSRules[0]!;
      const text = JSON.stringify(cors[0]![1]);
      expect(expected.AllowedMethods).toEqual(['PUT', 'HEAD']);
      for (const header of expected.AllowedHeaders) expect(text).toContain(header);
    });
  });
});
