import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { publicRoutes } from '../../infra/constructs/http-api';
import { deploymentWith, deployments, resourcesOf, synthesize } from './support';

describe.each(deployments.map((d) => [d.name, d] as const))('Abdi-%s-App', (_name, deployment) => {
  const { appTemplate: template } = synthesize(deployment);

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

  describe('HTTP API', () => {
    it('requires a JWT on every route except the public ones', () => {
      // Prepare
      const publicKeys = publicRoutes.map((r) => `${r.method} ${r.path}`);

      // Act
      const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, props]) => props);

      // Assess
      expect(routes.map((r) => r.RouteKey).sort()).toEqual(['ANY /v1/{proxy+}', ...publicKeys].sort());
      for (const route of routes) {
        const expected = publicKeys.includes(route.RouteKey as string) ? 'NONE' : 'JWT';
        expect({ route: route.RouteKey, auth: route.AuthorizationType }).toEqual({
          route: route.RouteKey,
          auth: expected,
        });
        // Scopes are checked by the handler's guard; a required scope here would reject user tokens.
        expect(route.AuthorizationScopes).toBeUndefined();
      }
    });

    it('accepts tokens of the user pool for both app clients', () => {
      // Assess
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [
            { Ref: Match.stringLikeRegexp('^ClientsDashboard') },
            { Ref: Match.stringLikeRegexp('^ClientsMachine') },
          ],
          Issuer: Match.anyValue(),
        },
      });
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

  describe('app clients', () => {
    it('dashboard: public client, authorization code (PKCE), callback on the dashboard URL', () => {
      // Assess
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ClientName: 'abdi-dashboard',
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
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

    it('machine: client credentials with a secret and the abdi scopes', () => {
      // Assess
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ClientName: 'abdi-integration',
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['abdi/cases:read', 'abdi/cases:write', 'abdi/evidence:write'],
      });
    });
  });

  describe('dashboard hosting', () => {
    it('serves a private bucket through CloudFront with Origin Access Control and an SPA fallback', () => {
      // Assess
      template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
          CustomErrorResponses: [
            { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
            { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
          ],
          Logging: Match.objectLike({ Bucket: Match.anyValue() }),
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            ResponseHeadersPolicyId: Match.anyValue(),
          }),
        }),
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
      expect(csp).toMatch(
        /connect-src 'self' ",\{"Fn::GetAtt":\["Api[A-Z0-9]+","ApiEndpoint"\]\}," https:\/\/[a-z-]+\.auth\./,
      );
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

  it(`${deployment.alarmEmail ? 'has' : 'has no'} alarms, as configured`, () => {
    // Assess
    template.resourceCountIs('AWS::SNS::Topic', deployment.alarmEmail ? 1 : 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', deployment.alarmEmail ? 3 : 0);
  });
});

describe('optional features', () => {
  it('a custom domain adds the certificate, TLS 1.2 and the CORS origin everywhere', () => {
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
    appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://abdi.example.go.id'] }),
    });
    appTemplate.hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
    dataTemplate.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedOrigins: ['https://abdi.example.go.id'] })],
      },
    });
  });
});
