import autocannon from 'autocannon';
import { join } from 'node:path';
import { startChild } from './lib/child';
import { round } from './lib/stats';

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
}

export interface ReadPathOptions {
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number, connections: number) {
  const result = await autocannon({ url, headers, connections, duration: seconds });
  return {
    requestsPerSecond: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  } satisfies LoadResult;
}

/**
 * (a) GET one case through the local API Gateway adapter and the real handler (JWT verification, the
 * guard, the store, problem+json, security headers) against a bare node:http server that makes the
 * same GetItem. Both servers live in one child process; autocannon runs here, on 127.0.0.1 only.
 */
export async function benchReadPath(options: ReadPathOptions) {
  const { ready, stop } = await startChild<{ subject: string; reference: string; token: string }>(
    join(import.meta.dirname, 'read-path-server.ts'),
  );
  try {
    const auth = { authorization: `Bearer ${ready.token}` };
    // Each target is warmed (JIT, connection pools, DynamoDB Local's caches), then measured.
    await load(ready.reference, {}, options.warmupSeconds, options.connections);
    const reference = await load(ready.reference, {}, options.seconds, options.connections);
    await load(ready.subject, auth, options.warmupSeconds, options.connections);
    const subject = await load(ready.subject, auth, options.seconds, options.connections);
    for (const [name, result] of [
      ['reference', reference],
      ['subject', subject],
    ] as const) {
      if (result.non2xx > 0 || result.errors > 0 || result.requests === 0) {
        throw new Error(`read path ${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      }
    }
    return { ...options, subject, reference };
  } finally {
    await stop();
  }
}
