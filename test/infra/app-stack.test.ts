import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { describe, expect, it } from 'vitest';
import { documentRoutes } from '../../infra/constructs/document-issuing';
import { apiPathPatterns, publicRoutes } from '../../infra/constructs/http-api';
import { spaRoutingFunctionCode } from '../../infra/constructs/web-hosting';
import { deploymentWith, deployments, resourcesOf, runtimeConfigOf, synthesize } from './support';

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every IAM policy statement of the templates, with the logical id of the policy and the roles it is on. */
function statementsOf(...templates: Template[]): { policy: string; roles: string; statement: Statement }[] {
  return templates.flatMap((template) =>
    resourcesOf(template, 'AWS::IAM::Policy').flatMap(([policy, props]) =>
      (props.PolicyDocument as { Statement: Statement[] }).Statement.map((statement) => ({
        policy,
        roles: JSON.stringify(props.Roles),
        statement,
      })),
    ),
  );
}

/** The user-management calls the API makes (functions/store/cognito-identity-provider.ts), sorted. */
const userAdministration = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminRemoveUserFromGroup',
];

describe.each(deployments.map((d) => [d.name, d] as const))('Abdi-%s-App', (_name, deployment) => {
  const synthesized = synthesize(deployment);
  const { appTemplate: template, dataTemplate } = synthesized;

  describe('API function', () => {
    it('runs the latest Node.js on arm64 with the environment the handler reads', () => {
      // Assess
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: Match.stringLikeRegexp('^nodejs(2[2-9]|[3-9]\\d)\\.x$'),
        Architectures: ['arm64'],
        LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^ApiFunctionLogGroup') } },
        Environment: {
          Variables: {
            ABDI_MODE: 'cloud',
            ABDI_DEPLOYMENT: deployment.name,
            TABLE_NAME: `abdi-${deployment.name}-main`,
            IDEMPOTENCY_TABLE_NAME: `abdi-${deployment.name}-idempotency`,
            EVIDENCE_BUCKET: Match.anyValue(),
            COGNITO_USER_POOL_ID: Match.anyValue(),
            CURSOR_SECRET_ARN: { Ref: Match.stringLikeRegexp('^CursorSigningKeySecret') },
            MAX_UPLOAD_BYTES: String(deployment.evidence.maxUploadBytes),
            POWERTOOLS_SERVICE_NAME: 'abdi',
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
    });

    it('logs to a log group with the configured retention', () => {
      // Assess
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        RetentionInDays: deployment.retention.logRetentionDays,
      });
    });

    it('has a role without AWS managed policies and no delete rights on evidence', () => {
      // Act
      const [[, role] = ['', {}]] = resourcesOf(template, 'AWS::IAM::Role').filter(([id]) =>
        id.startsWith('ApiFunctionRole'),
      );
      const policies = resourcesOf(template, 'AWS::IAM::Policy').filter(([id]) =>
        id.startsWith('ApiFunctionRole'),
      );
      const actions = policies.flatMap(([, props]) =>
        (props.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement.flatMap(
          (s) => s.Action,
        ),
      );

      // Assess
      expect(role.ManagedPolicyArns).toBeUndefined();
      expect(actions).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 's3:PutObject', 's3:GetObject']),
      );
      expect(
        actions.filter((a) => /^s3:(Delete|PutObjectRetention|PutObjectLegalHold|Bypass|List)/.test(a)),
      ).toEqual([]);
    });
  });

  describe('cursor signing key', () => {
    const [[secretId] = ['']] = resourcesOf(template, 'AWS::SecretsManager::Secret');

    it('is a generated 64-character secret without punctuation', () => {
      // Assess
      expect(secretId).toMatch(/^CursorSigningKeySecret/);
      // The other secret is the origin secret CloudFront sends to the API (test/infra/edge.test.ts).
      template.resourceCountIs('AWS::SecretsManager::Secret', 2);
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
        SecretString: Match.absent(),
      });
    });

    it('can be read by the API role only, with GetSecretValue on that secret alone', () => {
      // Act
      const naming = statementsOf(template, dataTemplate).filter(({ statement }) =>
        JSON.stringify(statement.Resource).includes(secretId),
      );
      const secretsOnWildcard = statementsOf(template, dataTemplate).filter(
        ({ statement }) =>
          [statement.Action].flat().some((a) => a.startsWith('secretsmanager:') || a === '*') &&
          JSON.stringify(statement.Resource).includes('*'),
      );

      // Assess
      expect(naming).toHaveLength(1);
      expect(naming[0]?.policy).toMatch(/^ApiFunctionRole/);
      expect(naming[0]?.roles).toMatch(/"Ref":"ApiFunctionRole/);
      expect(naming[0]?.statement).toMatchObject({
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: { Ref: secretId },
      });
      expect(secretsOnWildcard).toEqual([]);
    });
  });

  describe('user administration', () => {
    it('allows exactly the Cognito admin calls the API makes, on the user pool ARN only', () => {
      // Act
      // Partners' app clients have their own statement (test/infra/machine-clients.test.ts).
      const cognito = statementsOf(template).filter(
        ({ statement }) =>
          [statement.Action].flat().some((a) => a.startsWith('cognito-idp:')) &&
          statement.Sid !== 'MachineClientAdministration',
      );

      // Assess
      expect(cognito).toHaveLength(1);
      const [{ policy, statement } = { policy: '', statement: {} as Statement }] = cognito;
      expect(policy).toMatch(/^ApiFunctionRole/);
      expect([statement.Action].flat().sort()).toEqual(userAdministration);
      expect(statement.Resource).toEqual({
        'Fn::Join': [
          '',
          [
            `arn:aws:cognito-idp:${deployment.region}:${deployment.account}:userpool/`,
            // The same reference as COGNITO_USER_POOL_ID: the pool id published by the Data stack.
            userPoolIdReference(template),
          ],
        ],
      });
    });
  });

  describe('HTTP API', () => {
    it('requires the token authorizer on every route except the public ones', () => {
      // Prepare
      const publicKeys = publicRoutes.map((r) => `${r.method} ${r.path}`);

      // Act
      const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, props]) => props);

      // Assess
      const documentKeys = documentRoutes.map((r) => `${r.method} ${r.path}`);
      expect(routes.map((r) => r.RouteKey).sort()).toEqual(
        ['ANY /v1/{proxy+}', ...publicKeys, ...documentKeys].sort(),
      );
      for (const route of routes) {
        // CUSTOM: the Lambda authorizer (test/infra/machine-clients.test.ts says what it accepts); the
        // public routes too, for the origin header only (test/infra/edge.test.ts).
        expect({ route: route.RouteKey, auth: route.AuthorizationType }).toEqual({
          route: route.RouteKey,
          auth: 'CUSTOM',
        });
        // Scopes are checked by the handler's guard; a required scope here would reject user tokens.
        expect(route.AuthorizationScopes).toBeUndefined();
      }
    });

    it('throttles the default stage and writes access logs', () => {
      // Assess
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        DefaultRouteSettings: {
          ThrottlingRateLimit: deployment.api.rateLimit,
          ThrottlingBurstLimit: deployment.api.burstLimit,
        },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      });
    });
  });

  describe('same origin for dashboard and API', () => {
    const config = (
      resourcesOf(template, 'AWS::CloudFront::Distribution')[0]?.[1] as {
        DistributionConfig: {
          DefaultCacheBehavior: Record<string, unknown>;
          CacheBehaviors: Record<string, unknown>[];
          Origins: { Id: string; DomainName: unknown; CustomOriginConfig?: unknown }[];
        };
      }
    ).DistributionConfig;
    const [[apiId] = ['']] = resourcesOf(template, 'AWS::ApiGatewayV2::Api');

    it.each(apiPathPatterns)(
      'forwards %s to the HTTP API over HTTPS, uncached, with every viewer header but Host',
      (pathPattern) => {
        // Act
        const behavior = config.CacheBehaviors.find((b) => b.PathPattern === pathPattern);
        const origin = config.Origins.find((o) => o.Id === behavior?.TargetOriginId);

        // Assess
        expect(behavior).toMatchObject({
          CachePolicyId: cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId,
          OriginRequestPolicyId:
            cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
          ViewerProtocolPolicy: 'https-only',
        });
        expect(behavior?.AllowedMethods).toEqual(
          expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
        );
        expect(behavior?.ResponseHeadersPolicyId).toBeUndefined();
        expect(origin?.CustomOriginConfig).toEqual({
          OriginProtocolPolicy: 'https-only',
          OriginSSLProtocols: ['TLSv1.2'],
        });
        expect(origin?.DomainName).toEqual({
          'Fn::Join': ['', [{ Ref: apiId }, `.execute-api.${deployment.region}.`, { Ref: 'AWS::URLSuffix' }]],
        });
      },
    );

    it('forwards every route of the HTTP API and nothing else', () => {
      // Prepare
      const covers = (path: string) =>
        apiPathPatterns.some((p) => (p.endsWith('/*') ? path.startsWith(p.slice(0, -1)) : path === p));

      // Act
      // Behaviours to another origin than the site's; the site's own /docs* (api-reference.test.ts) is not one.
      const siteOrigin = config.DefaultCacheBehavior.TargetOriginId;
      const forwarded = config.CacheBehaviors.filter((b) => b.TargetOriginId !== siteOrigin).map(
        (b) => b.PathPattern,
      );

      // Assess
      expect(forwarded).toEqual([...apiPathPatterns]);
      expect(['/v1/cases', ...publicRoutes.map((r) => r.path)].filter((path) => !covers(path))).toEqual([]);
    });

    it('tells the dashboard to call the API on its own origin', () => {
      // Act
      const runtimeConfig = runtimeConfigOf(synthesized);

      // Assess
      expect(runtimeConfig).toMatchObject({
        deployment: deployment.name,
        apiBaseUrl: '',
        auth: {
          mode: 'cognito',
          domain: `https://${deployment.authDomainPrefix}.auth.${deployment.region}.amazoncognito.com`,
        },
        maxUploadBytes: deployment.evidence.maxUploadBytes,
      });
    });

    it("publishes the execute-api URL as CloudFront's origin only, not for clients (ADR 0017)", () => {
      // Assess
      template.hasOutput('ApiUrl', {
        Value: Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('^Api'), 'ApiEndpoint'] }),
        Description: Match.stringLikeRegexp('Clients use WebUrl'),
      });
    });

    it('needs no second deploy for evidence uploads: no warning, whatever the web origins', () => {
      // Act
      const warnings = Annotations.fromStack(synthesized.app).findWarning(
        '*',
        Match.stringLikeRegexp('cannot upload evidence'),
      );

      // Assess: the App stack sets the evidence bucket's CORS itself (test/infra/edge.test.ts).
      expect(warnings).toHaveLength(0);
    });
  });

  describe('app clients', () => {
    it('dashboard: public client, authorization code (PKCE), callback on the dashboard URL', () => {
      // Assess
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ClientName: 'abdi-dashboard',
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
        CallbackURLs: Match.arrayWith([
          {
            'Fn::Join': [
              '',
              [
                'https://',
                { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebDistribution'), 'DomainName'] },
                '/auth/callback',
              ],
            ],
          },
        ]),
      });
    });

    it('no shared machine client: each partner gets its own at runtime (ADR 0010)', () => {
      // Assess
      template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    });
  });

  describe('dashboard hosting', () => {
    it('serves a private bucket through CloudFront with Origin Access Control and an SPA fallback', () => {
      // Assess
      template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue() })]),
          // Error pages apply to every behaviour: they would turn the API's 403/404 into 200 index.html.
          CustomErrorResponses: Match.absent(),
          // No CloudFront standard logs: they would record query strings (test/infra/cloudfront-logs.test.ts).
          Logging: Match.absent(),
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            ResponseHeadersPolicyId: Match.anyValue(),
            FunctionAssociations: [
              {
                EventType: 'viewer-request',
                FunctionARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebSpaRouting'), 'FunctionARN'] },
              },
            ],
          }),
        }),
      });
      template.hasResourceProperties('AWS::CloudFront::Function', {
        AutoPublish: true,
        FunctionCode: spaRoutingFunctionCode,
        FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
      });
    });

    it('sends a strict CSP, HSTS, nosniff, DENY framing and a referrer policy', () => {
      // Act
      const [[, policy] = ['', {}]] = resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy');
      const config = policy.ResponseHeadersPolicyConfig as {
        SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } } & Record<
          string,
          unknown
        >;
      };
      const headers = config.SecurityHeadersConfig;
      const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);

      // Assess
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      // The API is same-origin ('self'); only Cognito and the evidence bucket are extra hosts.
      expect(csp).toMatch(
        /connect-src 'self' https:\/\/[a-z-]+\.auth\.[a-z0-9-]+\.amazoncognito\.com https:\/\/abdi-/,
      );
      expect(csp).not.toMatch(/ApiEndpoint|execute-api/);
      expect(csp).toContain("img-src 'self' data: blob: https://abdi-");
      expect(csp).not.toContain('unsafe-inline');
      expect(headers.StrictTransportSecurity).toMatchObject({
        AccessControlMaxAgeSec: 63072000,
        IncludeSubdomains: true,
      });
      expect(headers.ContentTypeOptions).toEqual({ Override: true });
      expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
      expect(headers.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'same-origin' });
    });

    it('deploys the site with a config.json for the SPA', () => {
      // Assess
      template.hasResourceProperties('Custom::CDKBucketDeployment', {
        Prune: true,
        DistributionPaths: ['/*'],
        SourceMarkersConfig: Match.anyValue(),
      });
    });
  });

  it('has alarms and their topic in every deployment, subscribed as configured', () => {
    // Assess: one alarm topic, whatever the config (test/infra/alarms.test.ts checks each alarm).
    expect(
      resourcesOf(template, 'AWS::SNS::Topic').filter(([, t]) => t.DisplayName === 'Abdi alarms'),
    ).toHaveLength(1);
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('Alarms'));
    // At least the API's two and an error and a throttle alarm per function.
    expect(alarms.length).toBeGreaterThan(2 + 2 * 9);
    const emails = resourcesOf(template, 'AWS::SNS::Subscription').filter(([, s]) => s.Protocol === 'email');
    expect(emails.map(([, s]) => s.Endpoint)).toEqual(
      deployment.alarms?.email ? [deployment.alarms.email] : [],
    );
  });
});

/** The pool id reference the API function's COGNITO_USER_POOL_ID uses. */
function userPoolIdReference(template: Template): unknown {
  const [[, fn] = ['', {}]] = resourcesOf(template, 'AWS::Lambda::Function').filter(([id]) =>
    id.startsWith('ApiFunction'),
  );
  return (fn as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables
    .COGNITO_USER_POOL_ID;
}

/** The SPA routing function as CloudFront runs it: `handler(event)` returning the request. */
function spaRouting(uri: string): string {
  const handler = new Function(`${spaRoutingFunctionCode}; return handler;`)() as (event: {
    request: { uri: string };
  }) => { uri: string };
  return handler({ request: { uri } }).uri;
}

describe('SPA routing function', () => {
  it.each([
    ['/', '/index.html'],
    ['/login', '/index.html'],
    ['/auth/callback', '/index.html'],
    ['/cases/01J9ZQ7W5X/sessions', '/index.html'],
    ['/index.html', '/index.html'],
    ['/config.json', '/config.json'],
    ['/assets/index-Be2aVYVW.js', '/assets/index-Be2aVYVW.js'],
    ['/favicon.svg', '/favicon.svg'],
  ])('%s -> %s', (uri, expected) => {
    // Act / Assess
    expect(spaRouting(uri)).toBe(expected);
  });
});

describe('optional features', () => {
  it('a custom domain adds the certificate, TLS 1.2 and the CORS origin where a browser needs it', () => {
    // Prepare
    const deployment = deploymentWith({
      name: 'custom-domain',
      authDomainPrefix: 'abdi-custom-domain',
      domain: {
        web: 'abdi.example.go.id',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      },
      tracing: true,
    });

    // Act
    const { appTemplate, dataTemplate } = synthesize(deployment);

    // Assess
    appTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['abdi.example.go.id'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
    // The dashboard on its own domain calls the API there: same origin, no CORS on the API (ADR 0017).
    appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.absent(),
    });
    appTemplate.hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
    // The evidence bucket's CORS is the App stack's (BucketCors), with the domain and the distribution.
    expect(JSON.stringify(appTemplate.findResources('Custom::BucketCors'))).toContain(
      'https://abdi.example.go.id',
    );
    for (const bucket of Object.values(dataTemplate.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties?.CorsConfiguration).toBeUndefined();
    }
  });
});
