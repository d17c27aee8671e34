/**
 * The public HTTP API: one Lambda behind `ANY /v1/{proxy+}`, guarded by a Lambda authorizer on every
 * route except the health check, the OpenAPI document and document verification, which are checked only
 * for CloudFront's origin header (ADR 0017) like every other route. The authorizer accepts an access token of any
 * app client of the deployment's user pool, so partners' machine clients made at runtime need no
 * redeploy; Abdi's own records decide the rest (ADR 0010).
 */
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AbdiFunction } from './abdi-function';
import { ORIGIN_VERIFY_HEADER, type OriginVerify } from './origin-verify';

/** The authorizer's entry: verifies Cognito access tokens with aws-jwt-verify. */
export const authorizerEntry = fileURLToPath(
  new URL('../../functions/handlers/api-authorizer.ts', import.meta.url),
);

/**
 * How long API Gateway reuses the authorizer's answer for one Authorization header. Short: the token's
 * own expiry is checked again after it. Revocation does not wait for it: the handler's guard reads the
 * client's record on every request.
 */
export const authorizerCacheTtl = Duration.minutes(1);

/** Routes that must answer without a token: load balancer style probes and API discovery. */
export const publicRoutes = [
  { method: apigw.HttpMethod.GET, path: '/health' },
  { method: apigw.HttpMethod.GET, path: '/v1/openapi.json' },
  // What a document's QR code opens (ADR 0015): number, status, hashes and initials only.
  { method: apigw.HttpMethod.GET, path: '/v1/verify/{documentId}' },
] as const;

/**
 * What a CloudFront distribution in front of this API forwards to it: every route lives under `/v1/`
 * except the health check. A new top-level route must be added here, or the dashboard cannot reach it.
 */
export const apiPathPatterns = ['/v1/*', '/health'] as const;

export interface ApiProps {
  readonly handler: lambda.IFunction;
  /** The deployment's user pool: the authorizer accepts access tokens of any of its app clients. */
  readonly userPoolId: string;
  /** X-Ray tracing of the authorizer function, as the API function's. @default false */
  readonly tracing?: boolean;
  /** Tests only: stub code for the authorizer function (see AbdiFunctionProps.skipBundling). */
  readonly skipBundling?: boolean;
  /**
   * Browser origins allowed by CORS to call the API through the distribution from another origin (say, a
   * developer's dashboard on localhost). The deployed dashboard needs none: it is on the distribution's
   * own origin. Empty: no CORS configuration.
   */
  readonly allowedOrigins: readonly string[];
  /** Stage-wide steady-state requests per second and burst. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: logs.RetentionDays;
  /**
   * The secret CloudFront sends as `x-origin-verify` (ADR 0017): every route, the public ones included,
   * refuses a request without it, so the API answers only through the distribution and its WAF.
   */
  readonly originVerify: OriginVerify;
}

/** The public routes as API Gateway names them (`GET /health`); the authorizer lets these through. */
export const publicRouteKeys = publicRoutes.map((route) => `${route.method} ${route.path}`);

export class Api extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogGroup: logs.LogGroup;
  /** Verifies the token: the pool's signature and issuer, an access token, not expired. */
  readonly authorizerFunction: AbdiFunction;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    // Its role may write its own log group and nothing else: the pool's public keys need no AWS call.
    this.authorizerFunction = new AbdiFunction(this, 'AuthorizerFunction', {
      entry: authorizerEntry,
      description: 'Abdi API authorizer: Cognito access tokens of the deployment user pool',
      logRetention: props.logRetention,
      memorySize: 256,
      timeout: Duration.seconds(5),
      tracing: props.tracing,
      skipBundling: props.skipBundling,
      environment: {
        COGNITO_USER_POOL_ID: props.userPoolId,
        ORIGIN_SECRET_ARN: props.originVerify.secret.secretArn,
        PUBLIC_ROUTE_KEYS: publicRouteKeys.join(','),
      },
    });
    props.originVerify.grantRead(this.authorizerFunction.role);
    // Both headers are identity sources: API Gateway answers 401 itself, without invoking the function,
    // when either is missing, and caches the answer per token and origin value. The token stays first.
    const authorizer = new HttpLambdaAuthorizer('Authorizer', this.authorizerFunction.function, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization', `$request.header.${ORIGIN_VERIFY_HEADER}`],
      resultsCacheTtl: authorizerCacheTtl,
    });
    // The public routes need no token but must still come through CloudFront: the same function, asked
    // about the origin header only (it knows the public route keys).
    const originAuthorizer = new HttpLambdaAuthorizer('OriginAuthorizer', this.authorizerFunction.function, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      resultsCacheTtl: authorizerCacheTtl,
    });

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Abdi API',
      // Every route needs a valid token unless it opts out below. Scopes are deliberately not checked
      // here: an ANY route cannot express per-route scopes, and user tokens carry groups rather than
      // scopes. The handler's guard checks the caller's record, role or scope per route.
      defaultAuthorizer: authorizer,
      createDefaultStage: false,
      ...(props.allowedOrigins.length > 0 && {
        // API Gateway answers preflight OPTIONS itself, before the authorizer, once CORS is configured.
        corsPreflight: {
          allowOrigins: [...props.allowedOrigins],
          allowMethods: [
            apigw.CorsHttpMethod.GET,
            apigw.CorsHttpMethod.POST,
            apigw.CorsHttpMethod.PUT,
            apigw.CorsHttpMethod.PATCH,
            apigw.CorsHttpMethod.DELETE,
          ],
          allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'if-none-match'],
          exposeHeaders: ['etag', 'location', 'retry-after'],
          allowCredentials: false,
          maxAge: Duration.hours(1),
        },
      }),
    });

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            // The Lambda authorizer's context: ids only, never a username or other personal data.
            sub: '$context.authorizer.sub',
            clientId: '$context.authorizer.client_id',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('Handler', props.handler);
    this.api.addRoutes({ path: '/v1/{proxy+}', methods: [apigw.HttpMethod.ANY], integration });
    // Public by design (health probe, API description, document verification: no case data beyond a
    // client's initials), but behind the origin check like every other route.
    for (const route of publicRoutes) {
      this.api.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        authorizer: originAuthorizer,
      });
    }
  }

  /**
   * Sends these routes to another function (behind the same authorizer): more specific than
   * `ANY /v1/{proxy+}`, so API Gateway picks them first.
   */
  routeTo(
    handler: lambda.IFunction,
    id: string,
    routes: readonly {
      readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      readonly path: string;
    }[],
  ): void {
    const integration = new HttpLambdaIntegration(id, handler);
    for (const route of routes) {
      this.api.addRoutes({ path: route.path, methods: [apigw.HttpMethod[route.method]], integration });
    }
  }

  /** The stage URL without a trailing slash, e.g. `https://abc123.execute-api.ap-southeast-3.amazonaws.com`. */
  get url(): string {
    return this.api.apiEndpoint;
  }

  /** The execute-api host name, e.g. `abc123.execute-api.ap-southeast-3.amazonaws.com` (a CloudFront origin). */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}
