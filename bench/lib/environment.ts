import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createApiHandler } from '../../functions/api/app';
import type { RuntimeConfig } from '../../functions/platform/config';
import { pdfRenderer } from '../../functions/documents/pdf-renderer';
import { createDependencies } from '../../functions/platform/dependencies';
import { DynamoCallCounter } from '../../functions/store/call-counter';
import { createDocumentClient, createDynamoClient } from '../../functions/store/dynamo-client';
import { apiCaller } from '../../test/support/api';
import { seedDirectory } from '../../test/support/fixtures';
import { REGION, resourceNames, startStore } from './emulators';

export interface HarnessOptions {
  readonly prefix: string;
  readonly dynamoEndpoint: string;
  /** s3rver, for the evidence routes (presigning alone needs no server). */
  readonly s3Endpoint?: string;
  readonly now?: () => Date;
  /** The imports bucket (issue 22's bench), in s3rver at `s3Endpoint`; without it imports are unconfigured. */
  readonly importsBucket?: string;
}

/**
 * The API handler wired exactly as the Lambda entry wires it (local mode, `createDependencies`), over
 * an instrumented DynamoDB client, for benchmarks and for the reliability tests that run their own
 * DynamoDB Local. It is test/support/environment.ts without vitest's `inject`.
 */
export function apiHarness(options: HarnessOptions) {
  const config: RuntimeConfig = {
    mode: 'local',
    deployment: options.prefix,
    region: REGION,
    ...resourceNames(options.prefix),
    dynamoEndpoint: options.dynamoEndpoint,
    s3Endpoint: options.s3Endpoint ?? 'http://127.0.0.1:9',
    ...(options.importsBucket ? { importsBucket: options.importsBucket } : {}),
    cursorKey: `${options.prefix}-cursor-key`,
    publicUrl: 'https://abdi.test',
  };
  const dynamo = createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint });
  const calls = new DynamoCallCounter(dynamo);
  // With the documents function's renderer: the harness serves every route, as both functions together do.
  const deps = { ...createDependencies(config, options.now, dynamo), documentRenderer: pdfRenderer() };
  const handler = createApiHandler(deps, {
    logger: new Logger({ serviceName: options.prefix, logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'AbdiBench', serviceName: options.prefix }),
  });
  const db = createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint });
  return {
    config,
    deps,
    db,
    dynamo,
    calls,
    handler,
    call: apiCaller(handler),
    tableName: config.tableName,
    directory: deps.directory,
  };
}

export type Harness = ReturnType<typeof apiHarness>;

/**
 * Runs `bench` against a DynamoDB Local of its own (tables named after `prefix`) holding a seeded
 * directory (`seedDirectory`'s offices and users, suffixed `world`), through the API at a fixed time
 * (Monday 29 June 2026, 16:00 WITA), so dates come out the same on every run; the store always stops.
 */
export async function withSeededApi<T>(
  prefix: string,
  world: string,
  bench: (h: Harness, world: Awaited<ReturnType<typeof seedDirectory>>) => Promise<T>,
): Promise<T> {
  const store = await startStore(prefix);
  try {
    const h = apiHarness({
      prefix,
      dynamoEndpoint: store.endpoint,
      now: () => new Date('2026-06-29T08:00:00Z'),
    });
    return await bench(h, await seedDirectory(h.directory, world));
  } finally {
    await store.stop();
  }
}
