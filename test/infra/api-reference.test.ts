import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { apiReferenceContentSecurityPolicy } from '../../infra/constructs/content-security-policy';
import {
  API_REFERENCE_PATH_PATTERN,
  apiReferenceRoutingFunctionCode,
} from '../../infra/constructs/web-hosting';
import { deployments, resourcesOf, synthesize } from './support';

/**
 * The API reference page (issue 13, ADR 0012): `/docs*` is served from the web bucket by a behaviour of
 * its own, with the docs CSP instead of the dashboard's, and `/docs` and `/docs/` get the page.
 */
describe.each(deployments.map((d) => [d.name, d] as const))('API reference of %s', (_name, deployment) => {
  const { appTemplate } = synthesize(deployment);
  const [[, distribution] = ['', {}]] = resourcesOf(appTemplate, 'AWS::CloudFront::Distribution');
  const config = distribution.DistributionConfig as {
    DefaultCacheBehavior: Record<string, unknown>;
    CacheBehaviors: Record<string, unknown>[];
  };
  const docs = config.CacheBehaviors.find((b) => b.PathPattern === API_REFERENCE_PATH_PATTERN);
  const policies = new Map(resourcesOf(appTemplate, 'AWS::CloudFront::ResponseHeadersPolicy'));

  /** The policy a behaviour's `ResponseHeadersPolicyId: { Ref }` points to. */
  function policyOf(behaviour: Record<string, unknown> | undefined) {
    const id = (behaviour?.ResponseHeadersPolicyId as { Ref?: string } | undefined)?.Ref ?? '';
    const policy = policies.get(id)?.ResponseHeadersPolicyConfig as
      | {
          SecurityHeadersConfig: Record<string, unknown> & {
            ContentSecurityPolicy: { ContentSecurityPolicy: unknown };
          };
          CustomHeadersConfig: { Items: { Header: string; Value: string }[] };
        }
      | undefined;
    if (!policy) throw new Error(`no response headers policy ${id}`);
    return policy;
  }

  it('serves /docs* from the web bucket over HTTPS, with its own routing function', () => {
    // Assess
    expect(docs).toBeDefined();
    expect(docs).toMatchObject({
      TargetOriginId: config.DefaultCacheBehavior.TargetOriginId,
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
      FunctionAssociations: [
        {
          EventType: 'viewer-request',
          FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^WebApiReferenceRouting/), 'FunctionARN'] },
        },
      ],
    });
    appTemplate.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: apiReferenceRoutingFunctionCode,
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
  });

  it("sends the docs CSP there, and the dashboard's everywhere else", () => {
    // Act
    const docsPolicy = policyOf(docs);
    const dashboardPolicy = policyOf(config.DefaultCacheBehavior);

    // Assess
    expect(docs?.ResponseHeadersPolicyId).not.toEqual(config.DefaultCacheBehavior.ResponseHeadersPolicyId);
    expect(docsPolicy.SecurityHeadersConfig.ContentSecurityPolicy).toEqual({
      ContentSecurityPolicy: apiReferenceContentSecurityPolicy(),
      Override: true,
    });
    expect(JSON.stringify(dashboardPolicy.SecurityHeadersConfig.ContentSecurityPolicy)).not.toContain(
      'sha256-',
    );
  });

  it('keeps every other security header of the dashboard, without camera or location', () => {
    // Act
    const docsPolicy = policyOf(docs);
    const dashboardPolicy = policyOf(config.DefaultCacheBehavior);
    const { ContentSecurityPolicy: _docsCsp, ...docsHeaders } = docsPolicy.SecurityHeadersConfig;
    const { ContentSecurityPolicy: _dashboardCsp, ...dashboardHeaders } =
      dashboardPolicy.SecurityHeadersConfig;
    const permissions = docsPolicy.CustomHeadersConfig.Items.find((h) => h.Header === 'Permissions-Policy');

    // Assess
    expect(docsHeaders).toEqual(dashboardHeaders);
    expect(docsHeaders.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(permissions?.Value).toBe('camera=(), geolocation=(), microphone=(), payment=(), usb=()');
  });
});

/** The routing function as CloudFront runs it: `handler(event)` returning the request. */
function apiReferenceRouting(uri: string): string {
  const handler = new Function(`${apiReferenceRoutingFunctionCode}; return handler;`)() as (event: {
    request: { uri: string };
  }) => { uri: string };
  return handler({ request: { uri } }).uri;
}

describe('API reference routing function', () => {
  it.each([
    ['/docs', '/docs/index.html'],
    ['/docs/', '/docs/index.html'],
    ['/docs/index.html', '/docs/index.html'],
    ['/docs/other.txt', '/docs/other.txt'],
  ])('%s -> %s', (uri, expected) => {
    // Act / Assess
    expect(apiReferenceRouting(uri)).toBe(expected);
  });
});
