import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { evidenceBucket } from '../../functions/tables';
import { AccessLogBucket } from '../../infra/constructs/access-log-bucket';
import { corsConfigurationOf } from '../../infra/constructs/bucket-cors';
import { cloudFront5xxQuery, forwarderCode } from '../../infra/constructs/edge-alarms';
import { publicRouteKeys } from '../../infra/constructs/http-api';
import { ORIGIN_VERIFY_HEADER } from '../../infra/constructs/origin-verify';
import { apiPathPrefix, managedRuleGroups } from '../../infra/constructs/web-acl';
import { WebHosting } from '../../infra/constructs/web-hosting';
import { EDGE_REGION, EdgeStack } from '../../infra/stacks/edge-stack';
import { stackNames } from '../../infra/stacks/deployment';
import type { DeploymentConfig } from '../../infra/config/schema';
import { deploymentWith, deployments, fakeSiteDir, newApp, resourcesOf, synthesize } from './support';

/**
 * The edge (ADR 0017): a WAF web ACL in us-east-1 on the one distribution that serves the dashboard and
 * the API, an origin secret that keeps the execute-api host from being called past it, the evidence
 * bucket's CORS set in the same deploy as the distribution, no source maps on the CDN, a modern TLS policy.
 */
type Props = Record<string, unknown>;

interface Rule {
  Name: string;
  Priority: number;
  Action?: Props;
  OverrideAction?: Props;
  Statement: Props;
  VisibilityConfig: Props;
}

/** An Edge stack alone (no App stack): cheap enough to build per variant of the config. */
function edgeTemplate(deployment: DeploymentConfig): Template & { nagFindings: string[] } {
  const app = newApp();
  const stack = new EdgeStack(app, 'Edge', {
    env: { account: deployment.account, region: EDGE_REGION },
    deployment,
  });
  const { violations } = new AwsSolutionsChecks(app).validateScope(stack);
  return Object.assign(Template.fromStack(stack), { nagFindings: violations.map((v) => v.ruleName) });
}

describe.each(deployments.map((d) => [d.name, d] as const))('edge of deployment %s', (_name, deployment) => {
  const synthesized = synthesize(deployment);
  const edge = Template.fromStack(synthesized.edge);
  const app = synthesized.appTemplate;
  const [[aclId, acl] = ['', {} as Props]] = resourcesOf(edge, 'AWS::WAFv2::WebACL');
  const rules = acl.Rules as Rule[];
  const rule = (name: string) => rules.find((r) => r.Name === name);
  const distribution = (resourcesOf(app, 'AWS::CloudFront::Distribution')[0]?.[1] as Props)
    .DistributionConfig as {
    WebACLId: unknown;
    Origins: {
      Id: string;
      DomainName: unknown;
      OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
    }[];
    ViewerCertificate?: Props;
  };

  describe('the web ACL', () => {
    it(`lives in the deployment's account in ${EDGE_REGION}, with scope CLOUDFRONT, allowing by default`, () => {
      // Assess
      expect(synthesized.edge.stackName).toBe(stackNames(deployment).edge);
      expect({ account: synthesized.edge.account, region: synthesized.edge.region }).toEqual({
        account: deployment.account,
        region: 'us-east-1',
      });
      expect(acl).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    });

    it('runs the AWS managed common, known-bad-inputs and IP reputation rule groups as they block', () => {
      // Act
      const managed = rules.filter((r) => r.Statement.ManagedRuleGroupStatement);

      // Assess
      expect(managed.map((r) => r.Statement.ManagedRuleGroupStatement)).toEqual(
        managedRuleGroups.map((name) => ({ VendorName: 'AWS', Name: name })),
      );
      // `None` keeps each group's own block actions (a `Count` override would only watch).
      for (const r of managed) expect(r.OverrideAction).toEqual({ None: {} });
      expect(managedRuleGroups).toEqual([
        'AWSManagedRulesAmazonIpReputationList',
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
      ]);
    });

    it('limits requests per IP address with the configured limit and window, answering 429', () => {
      // Assess
      expect(rule('RatePerIp')).toMatchObject({
        Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
        Statement: {
          RateBasedStatement: {
            AggregateKeyType: 'IP',
            Limit: deployment.edge.requestsPerIp,
            EvaluationWindowSec: deployment.edge.rateWindowSeconds,
          },
        },
      });
    });

    it('limits requests per API client: the Authorization header, under /v1/ only', () => {
      // Assess
      expect(rule('RatePerToken')).toMatchObject({
        Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
        Statement: {
          RateBasedStatement: {
            AggregateKeyType: 'CUSTOM_KEYS',
            CustomKeys: [
              { Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } },
            ],
            Limit: deployment.edge.requestsPerToken,
            EvaluationWindowSec: deployment.edge.rateWindowSeconds,
            ScopeDownStatement: {
              ByteMatchStatement: {
                FieldToMatch: { UriPath: {} },
                PositionalConstraint: 'STARTS_WITH',
                SearchString: '/v1/',
              },
            },
          },
        },
      });
      expect(apiPathPrefix).toBe('/v1/');
    });

    it('gives every rule a unique priority, CloudWatch metrics and sampled requests', () => {
      // Assess
      expect(new Set(rules.map((r) => r.Priority)).size).toBe(rules.length);
      for (const r of [...rules, acl as unknown as Rule]) {
        expect(r.VisibilityConfig).toMatchObject({
          CloudWatchMetricsEnabled: true,
          SampledRequestsEnabled: true,
        });
      }
      expect(rules).toHaveLength(5);
    });

    it('is on the distribution, read from the Edge stack output across regions', () => {
      // Act
      const reference = (distribution.WebACLId as { 'Fn::GetStackOutput': Props })['Fn::GetStackOutput'];
      const outputs = edge.toJSON().Outputs as Record<string, { Value: unknown }>;

      // Assess
      expect(reference).toMatchObject({ StackName: synthesized.edge.stackName, Region: 'us-east-1' });
      expect(outputs[reference.OutputName as string]?.Value).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
      // The App stack waits for the Edge stack, as `cdk deploy` orders them.
      expect(synthesized.app.dependencies).toContain(synthesized.edge);
    });
  });

  describe('the origin header contract', () => {
    const [[secretId] = ['']] = resourcesOf(app, 'AWS::SecretsManager::Secret').filter(([id]) =>
      id.startsWith('OriginVerify'),
    );
    const authorizerFunction = resourcesOf(app, 'AWS::Lambda::Function').find(([id]) =>
      id.startsWith('ApiAuthorizerFunction'),
    )?.[1] as { Environment: { Variables: Record<string, unknown> }; Role: unknown };

    it('CloudFront sends the secret, resolved at deploy time, to the API origin and to no other', () => {
      // Act
      const withHeader = distribution.Origins.filter((o) => o.OriginCustomHeaders?.length);

      // Assess
      expect(withHeader).toHaveLength(1);
      expect(JSON.stringify(withHeader[0]?.DomainName)).toMatch(/execute-api/);
      expect(withHeader[0]?.OriginCustomHeaders).toEqual([
        {
          HeaderName: ORIGIN_VERIFY_HEADER,
          HeaderValue: {
            'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
          },
        },
      ]);
    });

    it('the authorizer checks that same secret on every route; the public ones need nothing else', () => {
      // Act
      const authorizers = resourcesOf(app, 'AWS::ApiGatewayV2::Authorizer');
      const routes = resourcesOf(app, 'AWS::ApiGatewayV2::Route').map(([, r]) => r);
      const originOnly = authorizers.find(([, a]) => (a.IdentitySource as string[]).length === 1)?.[0];

      // Assess
      expect(authorizerFunction.Environment.Variables).toMatchObject({
        ORIGIN_SECRET_ARN: { Ref: secretId },
        PUBLIC_ROUTE_KEYS: publicRouteKeys.join(','),
      });
      expect(authorizers.map(([, a]) => a.IdentitySource)).toEqual(
        expect.arrayContaining([
          ['$request.header.Authorization', `$request.header.${ORIGIN_VERIFY_HEADER}`],
          [`$request.header.${ORIGIN_VERIFY_HEADER}`],
        ]),
      );
      for (const route of routes) {
        expect({ route: route.RouteKey, type: route.AuthorizationType }).toEqual({
          route: route.RouteKey,
          type: 'CUSTOM',
        });
        const isPublic = publicRouteKeys.includes(route.RouteKey as string);
        expect(route.AuthorizerId, String(route.RouteKey)).toEqual(
          isPublic ? { Ref: originOnly } : { Ref: expect.not.stringMatching(originOnly ?? '') },
        );
      }
    });

    it("the authorizer's role reads that one secret, nothing else of Secrets Manager", () => {
      // Act
      const statements = resourcesOf(app, 'AWS::IAM::Policy')
        .filter(([id]) => id.startsWith('ApiAuthorizerFunctionRole'))
        .flatMap(([, p]) => (p.PolicyDocument as { Statement: Props[] }).Statement)
        .filter((s) => JSON.stringify(s.Action).includes('secretsmanager'));

      // Assess
      expect(statements).toEqual([
        {
          Effect: 'Allow',
          Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
          Resource: { Ref: secretId },
        },
      ]);
    });

    it('tells no client to call the execute-api URL', () => {
      // Assess
      app.hasOutput('ApiUrl', { Description: Match.stringLikeRegexp('not callable directly') });
    });
  });

  describe('CORS in one deploy', () => {
    it("the App stack puts the evidence bucket's CORS with the distribution's own origin", () => {
      // Act
      const [[, resource] = ['', {} as Props]] = resourcesOf(app, 'Custom::BucketCors');
      // The SDK call is a JSON text joined around the distribution's domain name (a deploy-time value).
      const create = JSON.stringify(resource.Create);

      // Assess
      expect(resource.Create).toEqual(resource.Update);
      expect(resource.Delete).toBeUndefined();
      expect(create).toContain('PutBucketCors');
      expect(create).toContain(`abdi-${deployment.name}-evidence-${deployment.account}`);
      expect(create).toMatch(
        /AllowedOrigins\\":\[\\"https:\/\/",\{"Fn::GetAtt":\["WebDistribution[A-Z0-9]+","DomainName"\]\}/,
      );
      for (const origin of [
        ...deployment.webOrigins,
        ...(deployment.domain ? [`https://${deployment.domain.web}`] : []),
      ]) {
        expect(create).toContain(origin);
      }
    });

    it('may do that and nothing else: s3:PutBucketCORS on the evidence bucket', () => {
      // Act
      const [[, policy] = ['', {} as Props]] = resourcesOf(app, 'AWS::IAM::Policy').filter(([id]) =>
        id.startsWith('EvidenceCors'),
      );

      // Assess
      expect((policy.PolicyDocument as { Statement: Props[] }).Statement).toEqual([
        {
          Effect: 'Allow',
          Action: 's3:PutBucketCORS',
          Resource: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                `:s3:::abdi-${deployment.name}-evidence-${deployment.account}`,
              ],
            ],
          },
        },
      ]);
    });

    it('the Data stack owns no CORS any more, and nobody is asked for a second deploy', () => {
      // Act
      const buckets = resourcesOf(synthesized.dataTemplate, 'AWS::S3::Bucket');
      const warnings = Annotations.fromStack(synthesized.app).findWarning(
        '*',
        Match.stringLikeRegexp('webOrigins'),
      );

      // Assess
      for (const [, bucket] of buckets) expect(bucket.CorsConfiguration).toBeUndefined();
      expect(warnings).toEqual([]);
    });

    it("the API's CORS is for extra origins only: the dashboard calls it on its own origin", () => {
      // Act
      const [[, api] = ['', {} as Props]] = resourcesOf(app, 'AWS::ApiGatewayV2::Api');

      // Assess
      if (deployment.webOrigins.length === 0) expect(api.CorsConfiguration).toBeUndefined();
      else expect(api.CorsConfiguration).toMatchObject({ AllowOrigins: deployment.webOrigins });
    });
  });

  describe('the CloudFront alarm', () => {
    it(`watches the 5xx rate in ${EDGE_REGION} and notifies the edge topic, encrypted with its own key`, () => {
      // Assess
      edge.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: [Match.objectLike({ Expression: cloudFront5xxQuery, Period: 300, ReturnData: true })],
        Threshold: deployment.edge.cloudFront5xxRatePercent,
        EvaluationPeriods: 3,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }],
      });
      edge.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlarmsKey'), 'Arn'] },
      });
      expect(cloudFront5xxQuery).toMatch(/"AWS\/CloudFront"/);
    });

    it('reaches the deployment alarm email', () => {
      // Act
      const subscriptions = resourcesOf(edge, 'AWS::SNS::Subscription').map(([, s]) => s);

      // Assess
      expect(subscriptions).toEqual(
        deployment.alarms?.email
          ? [expect.objectContaining({ Protocol: 'email', Endpoint: deployment.alarms.email })]
          : [],
      );
    });
  });

  if (deployment.stage === 'production') {
    it('production: its own domain with the certificate and a modern TLS policy', () => {
      // Assess
      expect(distribution.ViewerCertificate).toMatchObject({
        AcmCertificateArn: deployment.domain?.certificateArn,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: expect.stringMatching(/^TLSv1\.(2_2021|2_2025|3_2025)$/),
      });
    });
  }

  it('the Edge stack has no unacknowledged cdk-nag finding', () => {
    // Act
    const { violations } = new AwsSolutionsChecks(synthesized.appScope).validateScope(synthesized.edge);

    // Assess
    expect(violations.map((v) => v.ruleName)).toEqual([]);
  });
});

describe('edge settings', () => {
  const base = deployments[0]!;

  it('takes the rate limits and the alarm threshold from the deployment', () => {
    // Prepare
    const deployment: DeploymentConfig = {
      ...base,
      edge: { requestsPerIp: 500, requestsPerToken: 120, rateWindowSeconds: 60, cloudFront5xxRatePercent: 2 },
    };

    // Act
    const template = edgeTemplate(deployment);
    const rules = resourcesOf(template, 'AWS::WAFv2::WebACL')[0]?.[1].Rules as Rule[];

    // Assess
    expect(
      rules
        .filter((r) => r.Statement.RateBasedStatement)
        .map((r) => [
          r.Name,
          (r.Statement.RateBasedStatement as Props).Limit,
          (r.Statement.RateBasedStatement as Props).EvaluationWindowSec,
        ]),
    ).toEqual([
      ['RatePerIp', 500, 60],
      ['RatePerToken', 120, 60],
    ]);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 2 });
  });

  it('forwards to an alarm topic in another region through a function that may publish there only', () => {
    // Prepare
    const topicArn = 'arn:aws:sns:ap-southeast-3:111111111111:ops-alarms';

    // Act
    const template = edgeTemplate({ ...base, alarms: { topicArn } });
    const statements = resourcesOf(template, 'AWS::IAM::Policy').flatMap(
      ([, p]) => (p.PolicyDocument as { Statement: Props[] }).Statement,
    );

    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { TARGET_TOPIC_ARN: topicArn } },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
    expect(statements.filter((s) => JSON.stringify(s.Action).includes('sns:'))).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', Resource: topicArn },
    ]);
    expect(template.nagFindings).toEqual([]);
  });

  it('notifies an alarm topic in us-east-1 directly', () => {
    // Prepare
    const topicArn = 'arn:aws:sns:us-east-1:111111111111:ops-alarms';

    // Act
    const template = edgeTemplate({ ...base, alarms: { topicArn } });

    // Assess
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: Match.arrayWith([topicArn]),
    });
  });

  it('the forwarder publishes each alarm notification, unchanged, to the target topic', async () => {
    // Prepare
    const sent: unknown[] = [];
    class PublishCommand {
      constructor(readonly input: unknown) {}
    }
    class SNSClient {
      constructor(readonly config: { region: string }) {}
      async send(command: PublishCommand) {
        sent.push({ region: this.config.region, ...(command.input as object) });
      }
    }
    const module = { exports: {} as { handler?: (event: unknown) => Promise<void> } };
    vi.stubEnv('TARGET_TOPIC_ARN', 'arn:aws:sns:ap-southeast-3:111111111111:ops-alarms');

    // Act
    new Function('require', 'exports', 'process', forwarderCode)(
      () => ({ SNSClient, PublishCommand }),
      module.exports,
      process,
    );
    await module.exports.handler?.({
      Records: [
        { Sns: { Subject: `ALARM: "CloudFront5xxRate" ${'x'.repeat(120)}`, Message: '{"AlarmName":"a"}' } },
      ],
    });
    vi.unstubAllEnvs();

    // Assess
    expect(sent).toEqual([
      {
        region: 'ap-southeast-3',
        TopicArn: 'arn:aws:sns:ap-southeast-3:111111111111:ops-alarms',
        Subject: expect.stringMatching(/^ALARM: "CloudFront5xxRate" x+$/),
        Message: '{"AlarmName":"a"}',
      },
    ]);
    expect((sent[0] as { Subject: string }).Subject).toHaveLength(100);
  });

  it('refuses to build the Edge stack outside us-east-1', () => {
    // Act / Assess
    expect(
      () =>
        new EdgeStack(new App(), 'Edge', {
          env: { account: base.account, region: base.region },
          deployment: base,
        }),
    ).toThrow(/must be in us-east-1/);
  });

  it('pins the origin secret version when a rotation names it', () => {
    // Prepare
    const versionId = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const synthesized = synthesize(
      deploymentWith({
        name: 'rotated',
        authDomainPrefix: 'abdi-rotated',
        edge: { ...base.edge, originSecretVersionId: versionId },
        webOrigins: ['http://localhost:5173'],
      }),
    );

    // Act
    const headers = JSON.stringify(synthesized.appTemplate.findResources('AWS::CloudFront::Distribution'));

    // Assess
    expect(headers).toContain(`:SecretString:::${versionId}}}`);
    // An extra origin reaches both CORS configurations, beside the distribution's own.
    synthesized.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['http://localhost:5173'] }),
    });
    expect(JSON.stringify(synthesized.appTemplate.findResources('Custom::BucketCors'))).toContain(
      'http://localhost:5173',
    );
  });
});

describe('no source maps on the CDN', () => {
  it('leaves *.map files out of what the dashboard deployment uploads, so prune removes old ones', () => {
    // Prepare: a build as vite makes it, source maps beside the bundles.
    const siteDir = fakeSiteDir();
    mkdirSync(join(siteDir, 'assets'));
    writeFileSync(
      join(siteDir, 'assets', 'index-abc.js'),
      'console.log(1);\n//# sourceMappingURL=index-abc.js.map',
    );
    writeFileSync(join(siteDir, 'assets', 'index-abc.js.map'), '{}');
    writeFileSync(join(siteDir, 'assets', 'index-abc.css.map'), '{}');
    const app = newApp();
    const stack = new Stack(app, 'Site', { env: { account: '111111111111', region: 'ap-southeast-3' } });
    const web = new WebHosting(stack, 'Web', {
      accessLogBucket: new AccessLogBucket(stack, 'Logs', { retentionDays: 30 }).bucket,
      csp: {
        auth: 'https://auth.example',
        evidence: 'https://evidence.example',
        identity: 'https://idp.example',
      },
      logRetention: 30,
    });

    // Act
    web.deploySite({ siteDir, runtimeConfig: {} });
    const assembly = app.synth();
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [f]));
    const staged = readdirSync(assembly.directory)
      .filter((d) => d.startsWith('asset.') && existsSync(join(assembly.directory, d, 'index.html')))
      .flatMap((d) => files(join(assembly.directory, d)));

    // Assess
    expect(staged).toContain('index-abc.js');
    expect(staged.filter((f) => f.endsWith('.map'))).toEqual([]);
  });
});

describe('the evidence CORS request', () => {
  it('carries the rules of functions/tables.ts, which local mode gives s3rver too', () => {
    // Act
    const request = corsConfigurationOf(evidenceBucket, ['https://d1.cloudfront.net']);

    // Assess
    expect(request.CORSRules).toEqual(
      evidenceBucket.cors.map((rule) => ({
        AllowedOrigins: ['https://d1.cloudfront.net'],
        AllowedMethods: rule.allowedMethods,
        AllowedHeaders: rule.allowedHeaders,
        ExposeHeaders: rule.exposedHeaders,
        MaxAgeSeconds: rule.maxAgeSeconds,
      })),
    );
  });
});
