import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { parseDeployments } from '../../infra/config/schema';
import { deploymentWith, deployments, resourcesOf, synthesize } from './support';

/** The nightly export of the main table for a national analytics account (issue 16, ADR 0019). */
const ANALYTICS = '333333333333';
const withExport = deploymentWith({
  name: 'analytics',
  authDomainPrefix: 'abdi-analytics',
  analytics: { accountId: ANALYTICS, exportHourUtc: 19, keepDays: 30 },
});
const synthesized = synthesize(withExport);
const data = synthesized.dataTemplate;

/** The universal target's ARN, `arn:<partition>:scheduler:::aws-sdk:dynamodb:exportTableToPointInTime`. */
const EXPORT_TARGET = ':scheduler:::aws-sdk:dynamodb:exportTableToPointInTime';
const exportSchedules = (template: typeof data) =>
  resourcesOf(template, 'AWS::Scheduler::Schedule').filter(([, props]) =>
    JSON.stringify((props.Target as { Arn: unknown }).Arn).includes(EXPORT_TARGET),
  );
/** A CloudFormation value with its tokens as text, to look for the resources it refers to. */
const text = (value: unknown) => JSON.stringify(value);

describe('the nightly analytics export', () => {
  it('is off unless configured, and the config refuses a bad account or hour', () => {
    for (const deployment of deployments.filter((d) => !d.analytics)) {
      expect(exportSchedules(synthesize(deployment).dataTemplate)).toEqual([]);
    }
    const base = { ...deployments[0]!, analytics: undefined };
    expect(() => parseDeployments([{ ...base, analytics: { accountId: '123', exportHourUtc: 19 } }])).toThrow(
      /analytics.accountId: an AWS account id has 12 digits/,
    );
    expect(() =>
      parseDeployments([{ ...base, analytics: { accountId: ANALYTICS, exportHourUtc: 24 } }]),
    ).toThrow(/analytics.exportHourUtc/);
    expect(parseDeployments([{ ...base, analytics: { accountId: ANALYTICS } }])[0]?.analytics).toEqual({
      accountId: ANALYTICS,
      exportHourUtc: 19,
      keepDays: 30,
    });
  });

  it('calls DynamoDB ExportTableToPointInTime directly from EventBridge Scheduler, nightly, into the export bucket', () => {
    const [[, schedule] = ['', {}]] = exportSchedules(data);
    const target = schedule.Target as { Input: unknown; RoleArn: unknown; RetryPolicy: unknown };
    // The Input is JSON with the table's, the bucket's and the key's references joined in.
    const joined = (target.Input as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const input = JSON.parse(
      joined.map((part) => (typeof part === 'string' ? part : 'ref')).join(''),
    ) as Record<string, unknown>;

    expect(schedule.ScheduleExpression).toBe('cron(0 19 * * ? *)');
    expect(schedule.ScheduleExpressionTimezone).toBe('Etc/UTC');
    expect(schedule.State).toBe('ENABLED');
    expect(input).toEqual({
      TableArn: 'ref',
      S3Bucket: 'ref',
      S3BucketOwner: withExport.account,
      S3SseKmsKeyId: 'ref',
      S3Prefix: 'exports/analytics/main',
      S3SseAlgorithm: 'KMS',
      ExportFormat: 'DYNAMODB_JSON',
      ExportType: 'FULL_EXPORT',
    });
    // References in the Input: the main table, the export bucket and its key.
    expect(text(target.Input)).toMatch(/"Tablesmain[0-9A-F]+","Arn"/);
    expect(text(target.Input)).toMatch(/"Ref":"AnalyticsExportBucket[0-9A-F]+"/);
    expect(text(target.Input)).toMatch(/"AnalyticsExportKey[0-9A-F]+","Arn"/);
    expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 });
    // No function in between: nothing of the export is a Lambda.
    expect(
      resourcesOf(data, 'AWS::Lambda::Function').filter(([id]) => id.includes('AnalyticsExport')),
    ).toEqual([]);
  });

  it("lets the schedule's role export this table into the export prefix only", () => {
    const policies = resourcesOf(data, 'AWS::IAM::Policy').filter(([id]) => id.startsWith('AnalyticsExport'));
    const statements = policies.flatMap(
      ([, props]) => (props.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));

    expect(Object.keys(bySid).sort()).toEqual([
      'EncryptTheExport',
      'ExportTheTable',
      'ReadTheTableThroughDynamoDb',
      'WriteTheExport',
    ]);
    expect(bySid.ExportTheTable).toMatchObject({ Action: 'dynamodb:ExportTableToPointInTime' });
    expect(text(bySid.ExportTheTable?.Resource)).toMatch(
      /^\{"Fn::GetAtt":\["Tablesmain[0-9A-F]+","Arn"\]\}$/,
    );
    expect(JSON.stringify(statements)).not.toContain('"Resource":"*"');
    expect(JSON.stringify(bySid.WriteTheExport?.Resource)).toContain('/exports/analytics/main/*');
  });

  it('lets the analytics account read the exports (bucket policy) and decrypt them through S3 (key policy), nothing more', () => {
    const reader = { AWS: `arn:aws:iam::${ANALYTICS}:root` };
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AnalyticsAccountReadsExports',
            Effect: 'Allow',
            Principal: reader,
            Action: 's3:GetObject',
          }),
          Match.objectLike({
            Sid: 'AnalyticsAccountListsExports',
            Principal: reader,
            Action: ['s3:GetBucketLocation', 's3:ListBucket'],
            Condition: {
              StringLike: { 's3:prefix': ['exports/analytics/main/*', 'exports/analytics/main/'] },
            },
          }),
        ]),
      },
    });
    data.hasResourceProperties('AWS::KMS::Key', {
      Description: Match.stringLikeRegexp('analytics'),
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AnalyticsAccountDecryptsExportsThroughS3',
            Principal: reader,
            Action: ['kms:Decrypt', 'kms:DescribeKey'],
            Condition: { StringEquals: { 'kms:ViaService': 's3.ap-southeast-3.amazonaws.com' } },
          }),
        ]),
      },
    });
    // The reader is granted reading and listing, nothing else, anywhere in the stack.
    const granted = [
      ...resourcesOf(data, 'AWS::S3::BucketPolicy'),
      ...resourcesOf(data, 'AWS::KMS::Key').map(([id, p]) => [id, { PolicyDocument: p.KeyPolicy }] as const),
    ]
      .flatMap(([, p]) => (p.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement)
      .filter((statement) => text(statement.Principal).includes(ANALYTICS))
      .flatMap((statement) => [statement.Action].flat());
    expect(granted.sort()).toEqual([
      'kms:Decrypt',
      'kms:DescribeKey',
      's3:GetBucketLocation',
      's3:GetObject',
      's3:ListBucket',
    ]);
  });

  it('keeps the exports in a private, KMS-encrypted, TLS-only bucket in the region, expired after keepDays', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'expire-exports', ExpirationInDays: 30, Status: 'Enabled' }),
        ]),
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'analytics-exports/' }),
    });
    expect(synthesized.data.region).toBe('ap-southeast-3');
  });

  it('adds no unacknowledged cdk-nag finding to the Data stack', () => {
    const { violations } = new AwsSolutionsChecks(synthesized.appScope).validateScope(synthesized.data);
    const ours = violations.flatMap((v) =>
      v.violatingResources
        .filter((r) => r.constructPath?.includes('/AnalyticsExport/'))
        .map((r) => `${v.ruleName} at ${r.constructPath}`),
    );
    expect(ours).toEqual([]);
  });
});
