import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type middy_ from '@middy/core';
import { routeHandler, type ApiEvent } from './pipeline';
import { problemDetails } from './problem-middleware';
import type { AnyRoute, ApiDependencies } from './route';
import { routeTable } from './route-table';

export interface ApiObservability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Powertools' captureLambdaHandler where the function traces (platform/tracing.ts); none otherwise. */
  readonly tracing?: middy_.MiddlewareObj;
}

/**
 * The HTTP API (or the part one function serves) as one middy handler: tracing where it is on, logging
 * context (the request id; the guard's office id is appended per request and reset after it), metrics
 * with the cold start, normalised headers, security headers, the router over the route table, and
 * problem+json for every error (registered last so it handles errors first).
 */
export function createApiHandler(
  deps: ApiDependencies,
  observability: ApiObservability,
  /** The routes this function serves (the API function's or the documents function's): all by default. */
  routes: readonly AnyRoute[] = routeTable,
) {
  const router = httpRouterHandler<ApiEvent, APIGatewayProxyResultV2>(
    routes.map((route) => ({
      method: route.method,
      path: route.path,
      handler: routeHandler(route, deps, { logger: observability.logger }),
    })),
  );
  return middy<ApiEvent, APIGatewayProxyResultV2>()
    .use(observability.tracing ? [observability.tracing] : [])
    .use(injectLambdaContext(observability.logger, { resetKeys: true }))
    .use(correlate(observability.logger))
    .use(logMetrics(observability.metrics, { captureColdStartMetric: true }))
    .use(httpHeaderNormalizer())
    .use(httpSecurityHeaders())
    .use(countResponses(observability.metrics))
    .use(problemDetails({ logger: observability.logger }))
    .handler(router);
}

/**
 * API Gateway's request id as `correlation_id` on every log line of the request: it is the
 * `apigw-requestid` header every response carries (what a caller can quote) and the access log's
 * `requestId`. The Lambda's own request id (`function_request_id`) comes from the logger's context.
 */
function correlate(logger: Logger): middy_.MiddlewareObj<ApiEvent, APIGatewayProxyResultV2> {
  return {
    before: async ({ event }) => {
      const requestId = event.requestContext?.requestId;
      if (requestId) logger.setCorrelationId(requestId);
    },
  };
}

/** One metric per response class, so dashboards and alarms see 4xx and 5xx rates without parsing logs. */
function countResponses(metrics: Metrics): middy_.MiddlewareObj<ApiEvent, APIGatewayProxyResultV2> {
  const record = async (request: middy_.Request<ApiEvent, APIGatewayProxyResultV2>) => {
    const response = request.response;
    const status = typeof response === 'object' && response !== null ? (response.statusCode ?? 200) : 200;
    const name = status >= 500 ? 'ServerErrors' : status >= 400 ? 'ClientErrors' : 'SuccessfulRequests';
    metrics.addMetric(name, MetricUnit.Count, 1);
  };
  return { after: record, onError: record };
}
