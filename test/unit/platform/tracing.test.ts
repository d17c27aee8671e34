import middy from '@middy/core';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { publishMetrics } from '../../../functions/platform/observability';
import { loadTracing, tracingRequested } from '../../../functions/platform/tracing';
import { instrumentAwsClients } from '../../../functions/store/aws-clients';
import { createDynamoClient } from '../../../functions/store/dynamo-client';
import { lazyS3 } from '../../../functions/store/s3-client';

const XRAY_MIDDLEWARE = 'XRaySDKInstrumentation';
const middlewareNames = (client: { middlewareStack: { identify(): string[] } }) =>
  client.middlewareStack.identify().join(' ');

afterEach(() => {
  instrumentAwsClients(undefined);
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('tracing', () => {
  it('is on only where the stack asks for it with POWERTOOLS_TRACE_ENABLED=true', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ POWERTOOLS_TRACE_ENABLED: 'false' })).toBe(false);
    expect(tracingRequested({ POWERTOOLS_TRACE_ENABLED: '1' })).toBe(false);
    expect(tracingRequested({ POWERTOOLS_TRACE_ENABLED: 'true' })).toBe(true);
  });

  it('off: no tracer, and the AWS clients are built untouched', async () => {
    const tracing = await loadTracing({});
    const client = createDynamoClient({ region: 'ap-southeast-3', endpoint: 'http://127.0.0.1:9' });

    expect(tracing).toBeUndefined();
    expect(middlewareNames(client)).not.toContain(XRAY_MIDDLEWARE);
  });

  it('on in Lambda: the DynamoDB and S3 clients are captured', async () => {
    // Prepare: Lambda's environment, without patching this process's http module. The variable is set on
    // the process too: Powertools reads it there, and another test file may have left it 'false'.
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'true');
    vi.stubEnv('POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS', 'false');
    // Act
    const tracing = await loadTracing({ POWERTOOLS_TRACE_ENABLED: 'true', POWERTOOLS_SERVICE_NAME: 'abdi' });
    const dynamo = createDynamoClient({ region: 'ap-southeast-3', endpoint: 'http://127.0.0.1:9' });
    const { client: s3 } = await lazyS3({ region: 'ap-southeast-3', endpoint: 'http://127.0.0.1:9' })();
    // Assess
    expect(tracing?.tracer.isTracingEnabled()).toBe(true);
    expect(middlewareNames(dynamo)).toContain(XRAY_MIDDLEWARE);
    expect(middlewareNames(s3)).toContain(XRAY_MIDDLEWARE);
  });

  it("annotates the invocation but never puts the handler's response (personal data) into the trace", async () => {
    // Prepare: a tracer as in Lambda, with the X-Ray segment calls stubbed (there is no daemon here).
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'true');
    vi.stubEnv('POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS', 'false');
    const tracing = (await loadTracing({ POWERTOOLS_TRACE_ENABLED: 'true' }))!;
    vi.spyOn(tracing.tracer, 'getSegment').mockReturnValue(undefined);
    const annotated = vi.spyOn(tracing.tracer, 'annotateColdStart').mockImplementation(() => undefined);
    vi.spyOn(tracing.tracer, 'addServiceNameAnnotation').mockImplementation(() => undefined);
    const responses = vi.spyOn(tracing.tracer, 'addResponseAsMetadata');
    const handler = middy()
      .use(tracing.middleware)
      .handler(async () => ({ statusCode: 200, body: '{"fullName":"Siti Rahmawati"}' }));
    // Act
    await handler({}, {} as Context);
    // Assess
    expect(annotated).toHaveBeenCalledOnce();
    expect(responses).not.toHaveBeenCalled();
  });

  it('on outside Lambda (local mode with the variable set): Powertools keeps the tracer disabled', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', '');
    const tracing = await loadTracing({ POWERTOOLS_TRACE_ENABLED: 'true' });
    const client = createDynamoClient({ region: 'ap-southeast-3', endpoint: 'http://127.0.0.1:9' });

    expect(tracing?.tracer.isTracingEnabled()).toBe(false);
    expect(middlewareNames(client)).not.toContain(XRAY_MIDDLEWARE);
  });
});

describe("a worker's metrics", () => {
  const context = { functionName: 'abdi-worker', awsRequestId: 'r-1' } as Context;

  function workerWith(count: (metrics: Metrics) => void) {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    // Lambda sets it; Powertools counts a cold start only in an on-demand sandbox.
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const metrics = new Metrics({ namespace: 'Abdi', serviceName: 'abdi-test' });
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const warn = vi.spyOn(console, 'warn');
    const handler = middy()
      .use(publishMetrics(metrics))
      .handler(async () => count(metrics));
    return { handler, written, warn };
  }

  it('counts the cold start once and publishes what the invocation counted', async () => {
    const { handler, written } = workerWith((m) => m.addMetric('EvidenceVerified', 'Count', 1));

    await handler({}, context);
    await handler({}, context);

    const lines = written
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.ColdStart === 1)).toHaveLength(1);
    expect(lines.filter((l) => l.EvidenceVerified === 1)).toHaveLength(2);
  });

  it('stays quiet when an invocation counted nothing (an empty batch)', async () => {
    const { handler, written, warn } = workerWith(() => undefined);

    await handler({}, context);
    await handler({}, context);

    const lines = written.join('').trim().split('\n').filter(Boolean);
    expect(lines.map((l) => Object.keys(JSON.parse(l)).includes('ColdStart'))).toEqual([true]);
    expect(written.join('')).not.toContain('No application metrics');
    expect(warn).not.toHaveBeenCalled();
  });
});
