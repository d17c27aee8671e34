/**
 * The dashboard: the built SPA in a private bucket, served by CloudFront through Origin Access Control
 * with strict security headers, plus a `config.json` that tells the SPA where the API and Cognito are.
 * The same distribution can forward the API's paths to the HTTP API (`routeToApi`), so the dashboard and
 * the API share one origin, as they do in local mode; its WAF web ACL comes from the Edge stack (ADR 0017).
 */
import { CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiReferenceContentSecurityPolicy,
  contentSecurityPolicy,
  type ContentSecurityPolicySources,
} from './content-security-policy';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { acknowledge, wildcardFindings } from './nag';
import {
  IMMUTABLE_CACHE_CONTROL,
  IMMUTABLE_SITE_FILES,
  REVALIDATE_CACHE_CONTROL,
  spaRoutingFunctionCode,
} from './site-routing';

export interface WebHostingProps {
  /** Bucket for the web bucket's S3 server access logs. */
  readonly accessLogBucket: s3.IBucket;
  /** Hosts the SPA may talk to, for the Content-Security-Policy. */
  readonly csp: ContentSecurityPolicySources;
  /** A custom name with its us-east-1 certificate. @default CloudFront's `*.cloudfront.net` name */
  readonly domain?: { readonly name: string; readonly certificate: acm.ICertificate };
  /** Retention of the deployment function's logs. */
  readonly logRetention: logs.RetentionDays;
  /**
   * ARN of the WAF web ACL (scope CLOUDFRONT, in us-east-1: the Edge stack, ADR 0017) in front of the
   * whole distribution. @default none (tests of this construct alone)
   */
  readonly webAclArn?: string;
}

/** Never published: the dashboard build keeps its source maps for local debugging and CI artifacts. */
export const unpublishedSiteFiles = ['**/*.map'] as const;

// The routing function and the cache rules live in a CDK-free module that local mode shares.
export { spaRoutingFunctionCode } from './site-routing';

/**
 * CloudFront Function (viewer request, `/docs*` behaviour only) for the API reference page: `/docs` and
 * `/docs/` are the page (`docs/index.html` in the bucket); anything else under it passes through unchanged.
 */
export const apiReferenceRoutingFunctionCode = `function handler(event) {
  var request = event.request;
  if (request.uri === '/docs' || request.uri === '/docs/') request.uri = '/docs/index.html';
  return request;
}`;

/** Where the API reference page is served; the path pattern of its behaviour. */
export const API_REFERENCE_PATH_PATTERN = '/docs*';

export interface SiteOptions {
  /** Directory of the built SPA, normally `web/dist` (`npm run build:web`). */
  readonly siteDir: string;
  /** Written as `/config.json` next to the site; the SPA reads it at start-up. */
  readonly runtimeConfig: Record<string, unknown>;
}

export class WebHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** The API reference page's headers: the dashboard's, with its own CSP and no camera or location. */
  readonly apiReferenceHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  private readonly logRetention: logs.RetentionDays;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    this.logRetention = props.logRetention;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      // The site is public content rebuilt on every deploy; SSE-S3 keeps OAC simple (SSE-KMS would need
      // CloudFront in the key policy) without weakening anything that matters.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 's3/web/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.responseHeadersPolicy = securityHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Abdi dashboard security headers',
      contentSecurityPolicy: contentSecurityPolicy(props.csp),
      // Camera and location for attendance evidence on a phone; nothing else.
      permissionsPolicy: 'camera=(self), geolocation=(self), microphone=(), payment=(), usb=()',
    });
    // A separate policy because Redoc needs two hashed <style> texts the dashboard does not (ADR 0012).
    this.apiReferenceHeadersPolicy = securityHeadersPolicy(this, 'ApiReferenceSecurityHeaders', {
      comment: 'Abdi API reference (/docs) security headers',
      contentSecurityPolicy: apiReferenceContentSecurityPolicy(),
      permissionsPolicy: 'camera=(), geolocation=(), microphone=(), payment=(), usb=()',
    });

    // The SPA routes in the browser: a deep link such as /cases/123 is not an object in the bucket. Custom
    // error responses (403/404 -> /index.html) would do, but they apply to the whole distribution and would
    // turn the API's 403 and 404 answers into a 200 HTML page; this function touches the bucket behaviour only.
    const spaRouting = new cloudfront.Function(this, 'SpaRouting', {
      comment: 'Abdi dashboard and field app: client-side routes get their index.html',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(spaRoutingFunctionCode),
    });

    const apiReferenceRouting = new cloudfront.Function(this, 'ApiReferenceRouting', {
      comment: 'Abdi API reference: /docs and /docs/ get docs/index.html',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(apiReferenceRoutingFunctionCode),
    });

    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Abdi dashboard',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
        functionAssociations: [
          { function: spaRouting, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        // The API reference (web/docs, built into docs/index.html); its scripts and styles are under
        // /assets/ like the dashboard's, served by the default behaviour.
        [API_REFERENCE_PATH_PATTERN]: {
          origin: siteOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: this.apiReferenceHeadersPolicy,
          compress: true,
          functionAssociations: [
            { function: apiReferenceRouting, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
          ],
        },
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Price class 200 includes the Asian edge locations (Jakarta among them) without paying for all.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      // No CloudFront standard logs: see the CFR3 acknowledgement below.
      enableLogging: false,
      ...(props.webAclArn && { webAclId: props.webAclArn }),
      ...(props.domain && {
        domainNames: [props.domain.name],
        certificate: props.domain.certificate,
        // Only meaningful with a custom certificate; the default *.cloudfront.net one has a fixed policy.
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
    });

    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: staff and prosecutors work in Indonesia, but partner institutions and officers travelling abroad must reach the sign-in page; access is controlled by Cognito, not by location.',
    );
    if (!props.webAclArn) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'Only when this construct is used without the Edge stack (construct tests): every deployment passes the web ACL of its Abdi-<name>-Edge stack (ADR 0017).',
      );
    }
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR3',
      "CloudFront standard logs would hold personal data: standard logging (legacy) always records the query string (the dashboard's searches by name, the reasons given for revealing a NIK) and the Referer (the dashboard page with its own query), and cannot leave them out; standard logging v2 can choose its fields, but its delivery resources must be created in us-east-1, outside this regional stack. Requests are logged instead where the fields are chosen: the HTTP API's access log (path without query string, status, caller ids) and the web bucket's S3 server access log (CloudFront's origin requests to the bucket carry no viewer query string, cookie or Referer).",
    );
    if (!props.domain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        "No custom domain is configured, so CloudFront's default *.cloudfront.net certificate is used and its TLS policy cannot be chosen; configure domain.web with an ACM certificate to enforce TLSv1.2_2021.",
      );
    }
  }

  /** The dashboard origin, e.g. `https://d111111abcdef8.cloudfront.net` or the custom name. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Forwards `pathPatterns` to an HTTPS API (an HTTP API's execute-api host), so the dashboard calls the API
   * on its own origin: no CORS, no API host in the CSP. Nothing is cached, and every viewer header (the
   * `Authorization` bearer token, `If-Match`, `Idempotency-Key`), cookie and query string reaches the API;
   * only `Host` is replaced by the origin's, which API Gateway needs to find the API. `originHeaders` are
   * added to every forwarded request (the origin secret, ADR 0017); CloudFront overwrites a viewer's
   * header of the same name.
   */
  routeToApi(
    apiDomainName: string,
    pathPatterns: readonly string[],
    originHeaders: Readonly<Record<string, string>> = {},
  ): void {
    const origin = new HttpOrigin(apiDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders: { ...originHeaders },
    });
    for (const pathPattern of pathPatterns) {
      this.distribution.addBehavior(pathPattern, origin, {
        // Refuse plain http rather than redirect: a client would replay a redirected POST as a GET.
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        // CloudFront compresses only what the cache policy lets it cache by encoding; with caching disabled
        // the flag would be a no-op that reads as if responses were compressed.
        compress: false,
        // No response headers policy: the API sets its own security headers, and the dashboard's CSP is
        // about documents, not JSON.
      });
    }
  }

  /**
   * Uploads the built site and its `config.json`, then invalidates the CloudFront cache: the hashed
   * `assets/` and `field/assets/` first, cached for a year, then everything else, revalidated on every
   * use (site-routing.ts).
   * Returns the second deployment, which holds `config.json`.
   * @throws Error when the build output is missing (run `npm run build:web`).
   */
  deploySite(options: SiteOptions): s3deploy.BucketDeployment {
    if (!existsSync(join(options.siteDir, 'index.html'))) {
      throw new Error(
        `The dashboard build is missing: ${join(options.siteDir, 'index.html')} does not exist. ` +
          'Run `npm run build:web` before `cdk synth` or `cdk deploy`.',
      );
    }
    // Source maps stay out of the archive, so `prune` also removes any an older deploy published.
    const build = s3deploy.Source.asset(options.siteDir, { exclude: [...unpublishedSiteFiles] });
    // Both deployments run in the CDK's one handler function (a singleton), so they share its log group.
    const logGroup = new logs.LogGroup(this, 'DeployLogs', {
      retention: this.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Created first: test/infra/support.ts reads config.json from the first deployment in the template.
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [build, s3deploy.Source.jsonData('config.json', options.runtimeConfig)],
      destinationBucket: this.bucket,
      // Everything but the hashed files, which the deployment below owns (an excluded file is not pruned).
      exclude: [...IMMUTABLE_SITE_FILES],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      // Revalidated on every use (cheap with ETags): the pages, config.json, and the field app's service
      // worker and manifest, so that a deploy reaches browsers and installed phones at once
      // (site-routing.ts).
      cacheControl: [s3deploy.CacheControl.fromString(REVALIDATE_CACHE_CONTROL)],
      memoryLimit: 512,
      logGroup,
    });
    const hashed = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: [build],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: [...IMMUTABLE_SITE_FILES],
      prune: true,
      // Content-hashed names: kept a year by browsers and CloudFront, never asked for again.
      cacheControl: [s3deploy.CacheControl.fromString(IMMUTABLE_CACHE_CONTROL)],
      memoryLimit: 512,
      logGroup,
    });
    // New pages go live (and the cache is invalidated) only once the files they name are in the bucket.
    // Between the two custom resources only: the handler and its layer belong to the first deployment.
    customResourceOf(deployment).node.addDependency(customResourceOf(hashed));
    this.acknowledgeDeploymentHandler(deployment);
    return deployment;
  }

  /**
   * BucketDeployment runs a CDK-provided singleton Lambda at the stack root. Its findings concern code we
   * do not own; each expected one is acknowledged on that singleton with its reason, and anything else
   * (say, after a CDK upgrade) stays unacknowledged and fails the synth.
   */
  private acknowledgeDeploymentHandler(deployment: s3deploy.BucketDeployment): void {
    const stack = Stack.of(this);
    const singleton = stack.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    const policy = deployment.handlerRole.node.tryFindChild('DefaultPolicy');
    if (!singleton || !policy)
      throw new Error('BucketDeployment internals not found; did the CDK rename them?');

    const deployOnly =
      'CDK-managed BucketDeployment handler; it runs only during `cdk deploy`, never on user requests.';
    acknowledge(
      singleton,
      'AwsSolutions-L1',
      `${deployOnly} Its Python runtime is chosen by aws-cdk-lib and moves forward with CDK upgrades.`,
    );
    acknowledge(
      singleton,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      `${deployOnly} The managed policy only lets it write its own CloudWatch logs.`,
    );

    const webObjects = flattenCfnReference(stack.resolve(this.bucket.arnForObjects('*')));
    const expected: ReadonlyArray<readonly [(finding: string) => boolean, string]> = [
      [
        (f) => /^Action::s3:(GetBucket|GetObject|List|Abort|DeleteObject)\*$/.test(f),
        `${deployOnly} It reads the site archive from the CDK asset bucket and syncs it into the web bucket (prune deletes stale files); the wildcards are the CDK's grantRead/grantReadWrite action groups on those two buckets only.`,
      ],
      [
        (f) => /^Resource::arn:[^:]+:s3:::cdk-[a-z0-9]+-assets-[^/]+\/\*$/.test(f),
        `${deployOnly} Objects of the CDK bootstrap asset bucket, where the site archive is staged.`,
      ],
      [
        (f) => f === `Resource::${webObjects}`,
        `${deployOnly} Objects of this deployment's web bucket, which it replaces on every deploy.`,
      ],
      [
        (f) => f === 'Resource::*',
        `${deployOnly} cloudfront:CreateInvalidation and cloudfront:GetInvalidation only, granted by the CDK on "*"; the handler invalidates this distribution after upload.`,
      ],
    ];
    for (const finding of wildcardFindings(policy)) {
      const match = expected.find(([matches]) => matches(finding));
      if (match) acknowledge(singleton, `AwsSolutions-IAM5[${finding}]`, match[1]);
    }
  }
}

/** The custom resource that runs a BucketDeployment's sync (`CustomResource-<memory>MiB`). */
function customResourceOf(deployment: s3deploy.BucketDeployment): CustomResource {
  const found = deployment.node.children.find((child) => child instanceof CustomResource);
  if (!found) throw new Error('BucketDeployment internals not found; did the CDK rename them?');
  return found;
}

interface SecurityHeadersOptions {
  readonly comment: string;
  readonly contentSecurityPolicy: string;
  readonly permissionsPolicy: string;
}

/** Strict security headers for a page of the site; the pages differ only in CSP and Permissions-Policy. */
function securityHeadersPolicy(
  scope: Construct,
  id: string,
  options: SecurityHeadersOptions,
): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment: options.comment,
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: options.contentSecurityPolicy, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(730),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      // The legacy XSS auditor is itself an attack surface; modern guidance is to switch it off.
      xssProtection: { protection: false, override: true },
    },
    customHeadersBehavior: {
      customHeaders: [
        { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        { header: 'Permissions-Policy', value: options.permissionsPolicy, override: true },
      ],
    },
  });
}
