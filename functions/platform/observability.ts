import type middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { loadTracing } from './tracing';

/**
 * One logger and one metrics instance per function. Structured JSON; never pass personal data (NIK,
 * names, phone, addresses) as log attributes: log ids (office, case, session) only.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'abdi' });
export const metrics = new Metrics({
  namespace: 'Abdi',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'abdi',
});

/**
 * X-Ray tracing, where the stack turned it on for this function (platform/tracing.ts); undefined
 * otherwise, and then the tracer is never even loaded. Awaited here, at module load, so that it is
 * settled before any entry builds its AWS clients. The test reads `process.env.POWERTOOLS_TRACE_ENABLED`
 * literally so that a build which defines it (esbuild `define`) drops the tracer's code from the bundle.
 */
export const tracing = process.env.POWERTOOLS_TRACE_ENABLED === 'true' ? await loadTracing() : undefined;

/**
 * The middlewares every worker entry starts with (the API's app.ts uses the same three itself):
 * tracing when on (first, so its subsegment spans the rest), the Lambda context on every log line (the
 * request id; keys a request appends are reset after it), and metrics with the cold start.
 *
 * @example middy<Event, Result>().use(observe()).handler(async (event) => …)
 */
export function observe(
  parts: { readonly logger?: Logger; readonly metrics?: Metrics } = {},
): middy.MiddlewareObj[] {
  return [
    ...(tracing ? [tracing.middleware] : []),
    injectLambdaContext(parts.logger ?? logger, { resetKeys: true }),
    publishMetrics(parts.metrics ?? metrics),
  ];
}

/**
 * Powertools' logMetrics without its warning: a worker invocation that counted nothing (an empty stream
 * batch, a sweep with nothing due) is normal, and "No application metrics to publish" on each would
 * bury real warnings. The cold start is counted on the first invocation (`ColdStart`, its own EMF line).
 */
export function publishMetrics(target: Metrics): middy.MiddlewareObj {
  const publish = async () => {
    if (target.hasStoredMetrics()) target.publishStoredMetrics();
  };
  return {
    before: async (request) => {
      target.captureColdStartMetric(request.context?.functionName);
    },
    after: publish,
    onError: publish,
  };
}
