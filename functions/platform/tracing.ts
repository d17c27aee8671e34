import type middy from '@middy/core';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { instrumentAwsClients } from '../store/aws-clients';

/** What a function gets where its deployment traces: the tracer and the handler's middleware. */
export interface Tracing {
  readonly tracer: Tracer;
  /** Powertools' captureLambdaHandler: the invocation's subsegment, its cold start and service annotated. */
  readonly middleware: middy.MiddlewareObj;
}

/**
 * Whether this function traces: only when the stack says so (`POWERTOOLS_TRACE_ENABLED=true`, which the
 * stack sets on a function with X-Ray active tracing). Opt-in rather than Powertools' default (on inside
 * Lambda unless `false`): a function without active tracing would load the X-Ray SDK for nothing, and
 * local mode and the tests never set it, so they never try to reach an X-Ray daemon.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.POWERTOOLS_TRACE_ENABLED === 'true';
}

/**
 * Loads the tracer, only where tracing is requested: the X-Ray SDK is sizeable, and a cold start that
 * does not trace should not evaluate it (the bundle still carries it, unevaluated). From then on every
 * AWS SDK client the store builds is captured (store/aws-clients.ts), so each DynamoDB and S3 call is a
 * subsegment; clients must therefore be built after this resolves (the handlers build theirs in their
 * module body, after their imports).
 *
 * Responses are never captured as trace metadata: an API response can carry personal data (a client's
 * name, a revealed NIK), and X-Ray is not where that may go. Errors are captured (their messages are the
 * API's problem texts, which name no person).
 */
export async function loadTracing(env: NodeJS.ProcessEnv = process.env): Promise<Tracing | undefined> {
  if (!tracingRequested(env)) return undefined;
  const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([
    import('@aws-lambda-powertools/tracer'),
    import('@aws-lambda-powertools/tracer/middleware'),
  ]);
  const tracer = new Tracer({ serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'abdi' });
  instrumentAwsClients((client) => tracer.captureAWSv3Client(client));
  return { tracer, middleware: captureLambdaHandler(tracer, { captureResponse: false }) };
}
