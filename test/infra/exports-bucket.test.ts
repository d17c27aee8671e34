import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { deployments, resourcesOf, synthesize } from './support';

/**
 * The exports bucket (issue 17, ADR 0021) as CloudFormation gets it: private, TLS only, access-logged,
 * objects expiring after the retention schedule's `exports` days, no Object Lock; only the documents
 * function may write and read it, and only it is told its name.
 */
describe('subjects’ exports bucket', () => {
  const deployment = deployments.find((d) => d.name === 'sulsel') ?? deployments[0]!;
  const { appTemplate: app, dataTemplate: data } = synthesize(deployment);
  const exportsBuckets = () =>
    Object.values(data.findResources('AWS::S3::Bucket')).filter((bucket) =>
      String(JSON.stringify(bucket.Properties?.BucketName)).includes('-exports-'),
    );

  it('is private, encrypted, logged and expires its objects after the exports period, without Object Lock', () => {
    // Prepare
    const buckets = exportsBuckets();

    // Assess
    expect(buckets).toHaveLength(1);
    const props = buckets[0]!.Properties;
    expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual(
      {
        SSEAlgorithm: 'AES256',
      },
    );
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.LoggingConfiguration.LogFilePrefix).toBe('s3/exports/');
    expect(props.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({
        Id: 'expire-exports',
        ExpirationInDays: deployment.retention.schedule.exports.days,
      }),
    );
    expect(props.ObjectLockEnabled).toBeUndefined();
  });

  it('refuses requests without TLS', () => {
    // Prepare: the policy names the bucket by its logical id.
    const [id] = Object.entries(data.findResources('AWS::S3::Bucket')).find(([, bucket]) =>
      String(JSON.stringify(bucket.Properties?.BucketName)).includes('-exports-'),
    )!;
    const policies = resourcesOf(data, 'AWS::S3::BucketPolicy').map(([, p]) => JSON.stringify(p));

    // Assess
    expect(policies.some((p) => p.includes(`"Ref":"${id}"`) && p.includes('aws:SecureTransport'))).toBe(true);
  });

  it('is written by the documents function alone, which alone is told its name', () => {
    // Prepare
    const functions = resourcesOf(app, 'AWS::Lambda::Function');
    const told = functions.filter(([, p]) => JSON.stringify(p).includes('EXPORTS_BUCKET'));
    const granted = resourcesOf(app, 'AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p).includes('StoreSubjectExports'),
    );

    // Assess
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]![1].Description)).toMatch(/Abdi documents/);
    expect(granted).toHaveLength(1);
    app.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'StoreSubjectExports', Action: ['s3:GetObject', 's3:PutObject'] }),
        ]),
      },
    });
    const everyPolicy = resourcesOf(app, 'AWS::IAM::Policy').map(([, p]) => JSON.stringify(p));
    expect(everyPolicy.filter((p) => p.includes('-exports-'))).toHaveLength(1);
  });
});
