import { inject } from 'vitest';
import { createApiHandler } from '../../functions/api/app';
import { physicalName, mainTable } from '../../functions/tables';
import { createDocumentClient } from '../../functions/store/dynamo-client';
import { DirectoryStore } from '../../functions/store/directory-store';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const TEST_PREFIX = 'abdi-test';

/**
 * The API wired to the emulators that the integration global set-up started: the same middy app as
 * the Lambda entry, with the test's own clock.
 */
export function testEnvironment(options: { now?: () => Date } = {}) {
  const db = createDocumentClient({ region: 'ap-southeast-3', endpoint: inject('dynamoEndpoint') });
  const tableName = physicalName(TEST_PREFIX, mainTable);
  const directory = new DirectoryStore(db, tableName);
  const handler = createApiHandler(
    { directory, now: options.now ?? (() => new Date()) },
    {
      logger: new Logger({ serviceName: 'abdi-test', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'AbdiTest', serviceName: 'abdi-test' }),
    },
  );
  return { db, tableName, directory, handler };
}

/** A unique suffix so each test file's offices never collide with another's in the shared emulator. */
export function uniqueSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}
