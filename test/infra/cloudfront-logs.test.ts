import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { describe, expect, it } from 'vitest';
import { deployments, resourcesOf, synthesize } from './support';

/**
 * No personal data in the request logs (issue 11, item 9). The dashboard's searches (`?q=<name>`) and
 * the reason given for revealing a NIK (`?reveal=nik&reason=…`) travel in query strings, and the
 * dashboard's own URL (with its query) in the Referer of every API call it makes. CloudFront standard
 * logging (legacy) records both and cannot leave them out, so the distribution writes no standard logs;
 * requests are logged by the HTTP API, with fields chosen not to include a query string, and by the web
 * bucket, which never sees the viewer's query, cookies or Referer.
 */
describe.each(deployments.map((d) => [d.name, d] as const))('request logs of %s', (_name, deployment) => {
  const { appTemplate } = synthesize(deployment);
  const [[, distribution] = ['', {}]] = resourcesOf(appTemplate, 'AWS::CloudFront::Distribution');
  const config = distribution.DistributionConfig as Record<string, unknown>;

  it('the distribution writes no CloudFront standard log (it would hold query strings and cookies)', () => {
    expect(config.Logging).toBeUndefined();
    // Standard logging v2, if it is ever added, must choose fields without the query, cookies or Referer.
    for (const [, delivery] of resourcesOf(appTemplate, 'AWS::Logs::Delivery')) {
      expect(delivery.RecordFields).toBeDefined();
      expect(delivery.RecordFields).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/cs-uri-query|cs\(Cookie\)|cs\(Referer\)/)]),
      );
    }
    expect(resourcesOf(appTemplate, 'AWS::CloudFront::RealtimeLogConfig')).toEqual([]);
  });

  it('the web bucket never receives the viewer query string, cookies or Referer to log', () => {
    const behaviour = config.DefaultCacheBehavior as Record<string, unknown>;
    expect(behaviour.CachePolicyId).toBe(cloudfront.CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
    expect(behaviour.OriginRequestPolicyId).toBeUndefined();
    expect(behaviour.ForwardedValues).toBeUndefined();
  });

  it("the HTTP API's access log has the path without its query string, and no headers", () => {
    const [[, stage] = ['', {}]] = resourcesOf(appTemplate, 'AWS::ApiGatewayV2::Stage');
    const format = (stage.AccessLogSettings as { Format: string }).Format;
    const fields = Object.values(JSON.parse(format) as Record<string, string>);
    expect(fields).toContain('$context.path');
    for (const field of fields) expect(field).not.toMatch(/querystring|header|cookie|referer/i);
  });

  it('log buckets take no ACL-based deliveries (object ownership enforced)', () => {
    for (const [, bucket] of resourcesOf(appTemplate, 'AWS::S3::Bucket')) {
      expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    }
  });
});
