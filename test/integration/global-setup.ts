import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TestProject } from 'vitest/node';
import { buckets, physicalName, tables } from '../../functions/tables';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { ensureTables } from '../../infra/local/provision';
import { startS3Emulator } from '../../infra/local/s3-emulator';
import { TEST_PREFIX } from '../support/environment';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}

/**
 * Starts the real emulators once for the integration suite: DynamoDB Local in memory and s3rver in a
 * temporary folder, with the same tables and buckets as the stack. Test files isolate their data by
 * using their own office ids.
 */
export default async function setup(project: TestProject) {
  const s3Dir = mkdtempSync(join(tmpdir(), 'abdi-s3-'));
  const dynamo = await startDynamoDbLocal();
  const s3 = await startS3Emulator({
    directory: s3Dir,
    buckets: buckets.map((definition) => ({ name: physicalName(TEST_PREFIX, definition), definition })),
    allowedOrigins: ['*'],
  });
  const client = new DynamoDBClient({
    region: 'ap-southeast-3',
    endpoint: dynamo.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTables(
    client,
    tables.map((definition) => ({ name: physicalName(TEST_PREFIX, definition), definition })),
  );
  client.destroy();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);

  return async () => {
    await s3.stop();
    await dynamo.stop();
    rmSync(s3Dir, { recursive: true, force: true });
  };
}
