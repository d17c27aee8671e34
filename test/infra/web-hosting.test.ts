import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AccessLogBucket } from '../../infra/constructs/access-log-bucket';
import {
  IMMUTABLE_CACHE_CONTROL,
  siteCacheControl,
  spaRoutingFunctionCode,
} from '../../infra/constructs/site-routing';
import { WebHosting } from '../../infra/constructs/web-hosting';
import { deployments, fakeSiteDir, newApp, resourcesOf, synthesize } from './support';

/**
 * Hosting of the supervisor's offline field app beside the dashboard (issue 20): CloudFront sends
 * `/field…` routes to the field app's shell, the service worker and the manifest are revalidated on every
 * visit while hashed assets are kept for a year, and the dashboard's CSP names the worker and the manifest.
 */

interface Deployment {
  readonly id: string;
  readonly props: Record<string, unknown>;
  readonly dependsOn: readonly string[];
}

/** The construct alone, with its two bucket deployments. */
function hostingTemplate(): Template {
  const stack = new Stack(newApp(), 'Site', { env: { account: '111111111111', region: 'ap-southeast-3' } });
  const web = new WebHosting(stack, 'Web', {
    accessLogBucket: new AccessLogBucket(stack, 'Logs', { retentionDays: 30 }).bucket,
    csp: { auth: 'https://auth.example', evidence: 'https://evidence.example' },
    logRetention: 30,
  });
  web.deploySite({ siteDir: fakeSiteDir(), runtimeConfig: {} });
  return Template.fromStack(stack);
}

function deploymentsOf(template: Template): Deployment[] {
  const found = template.findResources('Custom::CDKBucketDeployment') as Record<
    string,
    { Properties: Record<string, unknown>; DependsOn?: string[] }
  >;
  return Object.entries(found).map(([id, r]) => ({ id, props: r.Properties, dependsOn: r.DependsOn ?? [] }));
}

/** `aws s3 sync` filter semantics: every file is included, then each filter in turn; the last match wins. */
function synced(deployment: Deployment, file: string): boolean {
  const matches = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(file);
  const filters = [
    ...((deployment.props.Exclude as string[] | undefined) ?? []).map((p) => [p, false] as const),
    ...((deployment.props.Include as string[] | undefined) ?? []).map((p) => [p, true] as const),
  ];
  return filters.reduce((included, [pattern, include]) => (matches(pattern) ? include : included), true);
}

const cacheControlOf = (deployment: Deployment) =>
  (deployment.props.SystemMetadata as Record<string, string> | undefined)?.['cache-control'];

describe('site deployments', () => {
  const all = deploymentsOf(hostingTemplate());

  it.each([
    'field/sw.js',
    'field/workbox-4b126c97.js',
    'field/manifest.webmanifest',
    'field/icon-192.png',
    'field/index.html',
    'index.html',
    'config.json',
    'docs/index.html',
    'assets/index-Be2aVYVW.js',
    'assets/index-Be2aVYVW.css',
    'field/assets/field-C1a2b3c4.js',
  ])('uploads %s by exactly one deployment, with the Cache-Control local mode sends too', (file) => {
    // Act
    const owners = all.filter((d) => synced(d, file));

    // Assess
    expect(owners).toHaveLength(1);
    expect(cacheControlOf(owners[0]!)).toBe(siteCacheControl(`/${file}`));
  });

  it('revalidates the service worker and the manifest on every visit, keeps hashed assets a year', () => {
    // Act
    const byFile = (file: string) => cacheControlOf(all.find((d) => synced(d, file))!);

    // Assess
    expect(byFile('field/sw.js')).toBe('no-cache');
    expect(byFile('field/manifest.webmanifest')).toBe('no-cache');
    expect(byFile('assets/index-Be2aVYVW.js')).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(byFile('field/assets/field-C1a2b3c4.js')).toBe(IMMUTABLE_CACHE_CONTROL);
  });

  it('publishes the pages and invalidates the cache only after the hashed assets are uploaded', () => {
    // Act
    const pages = all.find((d) => synced(d, 'index.html'))!;
    const hashed = all.find((d) => synced(d, 'assets/a.js'))!;

    // Assess
    expect(pages.dependsOn).toContain(hashed.id);
    expect(pages.props).toMatchObject({ Prune: true, DistributionPaths: ['/*'] });
    expect(hashed.props.Prune).toBe(true);
    // Each deployment prunes only its own files, so neither deletes the other's.
    expect(pages.props.Exclude).toEqual(['assets/*', 'field/assets/*']);
    expect(hashed.props).toMatchObject({ Exclude: ['*'], Include: ['assets/*', 'field/assets/*'] });
  });
});

describe.each(deployments.map((d) => [d.name, d] as const))(
  'field app hosting of %s',
  (_name, deployment) => {
    const { appTemplate } = synthesize(deployment);

    it('routes /field and its client-side paths to the field app in the routing function', () => {
      // Assess
      appTemplate.hasResourceProperties('AWS::CloudFront::Function', {
        FunctionCode: spaRoutingFunctionCode,
      });
      expect(spaRoutingFunctionCode).toContain("'/field/index.html'");
    });

    it("allows the service worker and the manifest from the site's origin in the dashboard CSP", () => {
      // Act
      const csps = resourcesOf(appTemplate, 'AWS::CloudFront::ResponseHeadersPolicy').map(([, p]) =>
        JSON.stringify(
          (p.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, unknown> })
            .SecurityHeadersConfig.ContentSecurityPolicy,
        ),
      );
      const dashboard = csps.find((csp) => csp.includes('amazoncognito.com'));

      // Assess
      expect(dashboard).toContain("worker-src 'self'");
      expect(dashboard).toContain("manifest-src 'self'");
      expect(dashboard).not.toMatch(/worker-src[^;]*(blob:|\*)/);
    });
  },
);
