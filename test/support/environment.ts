import { inject } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createApiHandler } from '../../functions/api/app';
import { pdfRenderer } from '../../functions/documents/pdf-renderer';
import { createDependencies } from '../../functions/platform/dependencies';
import { InProcessImportJobs } from '../../functions/platform/import-job-queue';
import { DynamoCallCounter } from '../../functions/store/call-counter';
import { createDocumentClient, createDynamoClient } from '../../functions/store/dynamo-client';
import type { RuntimeConfig } from '../../functions/platform/config';
import { buckets, idempotencyTable, mainTable, physicalName } from '../../functions/tables';

export const TEST_PREFIX = 'abdi-test';

/**
 * The API wired to the emulators that the integration global set-up started, through the same
 * dependency wiring as the Lambda entry (local mode), with the test's own clock.
 */
export function testEnvironment(
  options: {
    now?: () => Date;
    /**
     * How long one slice of an import job runs before it stops at its checkpoint and the next begins
     * (the worker stops two minutes before its timeout). @default 20 000 ms, as in local mode
     */
    importSliceMs?: number;
  } = {},
) {
  const config: RuntimeConfig = {
    mode: 'local',
    deployment: 'test',
    region: 'ap-southeast-3',
    tableName: physicalName(TEST_PREFIX, mainTable),
    idempotencyTableName: physicalName(TEST_PREFIX, idempotencyTable),
    evidenceBucket: physicalName(TEST_PREFIX, buckets[0]),
    documentsBucket: physicalName(TEST_PREFIX, buckets[1]),
    exportsBucket: physicalName(TEST_PREFIX, buckets[2]),
    importsBucket: physicalName(TEST_PREFIX, buckets[3]),
    publicUrl: 'https://abdi.test',
    dynamoEndpoint: inject('dynamoEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
    cursorKey: 'integration-test-cursor-key',
  };
  const dynamo = createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint });
  /** Every DynamoDB command the API sends in this file, by name: see call-counts.test.ts. */
  const calls = new DynamoCallCounter(dynamo);
  // Spreadsheet imports' jobs in this process, over the worker's own wiring (platform/import-workers.ts)
  // and its own DynamoDB client (so `calls` counts the API's requests alone),
  // loaded on the first job so that files without imports never load it; the API's commits and undos
  // start them, and a test starts a dry run itself after its upload (no s3rver events reach the tests).
  // `importJobs.whenIdle()` waits for them; a slice that threw is in `importJobErrors`.
  const importJobErrors: unknown[] = [];
  let jobPorts: ReturnType<typeof import('../../functions/platform/import-workers').createImportWorkers>;
  const importJobs: InProcessImportJobs = new InProcessImportJobs({
    sliceMs: options.importSliceMs,
    onError: (error) => importJobErrors.push(error),
    run: async (address, budget) => {
      const { createImportWorkers, importJobRun } = await import('../../functions/platform/import-workers');
      jobPorts ??= { ...createImportWorkers(config, { now: options.now }), importJobs };
      return importJobRun(jobPorts)(address, budget);
    },
  });
  // With the documents function's renderer: the suite serves every route, as both functions together do.
  const deps = {
    ...createDependencies(config, options.now, dynamo),
    documentRenderer: pdfRenderer(),
    importJobs,
  };
  const handler = createApiHandler(deps, {
    logger: new Logger({ serviceName: 'abdi-test', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'AbdiTest', serviceName: 'abdi-test' }),
  });
  const db = createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint });
  return {
    config,
    deps,
    db,
    calls,
    tableName: config.tableName,
    directory: deps.directory,
    handler,
    importJobs,
    importJobErrors,
  };
}

/** A unique suffix so each test file's offices never collide with another's in the shared emulator. */
export function uniqueSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}
