import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buckets, idempotencyTable, mainTable, physicalName, tables } from '../../functions/tables';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { ensureTables } from '../../infra/local/provision';
import { startS3Emulator, type S3Emulator } from '../../infra/local/s3-emulator';

export const REGION = 'ap-southeast-3';

/** Physical names of one harness's tables and bucket (`<prefix>-main`, …). */
export function resourceNames(prefix: string) {
  return {
    tableName: physicalName(prefix, mainTable),
    idempotencyTableName: physicalName(prefix, idempotencyTable),
    evidenceBucket: physicalName(prefix, buckets[0]),
    documentsBucket: physicalName(prefix, buckets[1]),
    exportsBucket: physicalName(prefix, buckets[2]),
  };
}

/** Creates the stack's tables (from functions/tables.ts) in a DynamoDB Local instance. */
export async function createTables(endpoint: string, prefix: string): Promise<void> {
  const client = new DynamoDBClient({
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureTables(
      client,
      tables.map((definition) => ({ name: physicalName(prefix, definition), definition })),
    );
  } finally {
    client.destroy();
  }
}

export interface Store {
  readonly dynamo: DynamoDbLocal;
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local with the stack's tables: in memory by default, or in `dbPath` (data survives a
 * restart on the same port, which the fault tests rely on).
 */
export async function startStore(
  prefix: string,
  options: { dbPath?: string; port?: number } = {},
): Promise<Store> {
  const dynamo = await startDynamoDbLocal(options);
  try {
    await createTables(dynamo.endpoint, prefix);
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  return { dynamo, endpoint: dynamo.endpoint, stop: dynamo.stop };
}

/** s3rver in a temporary folder with the stack's bucket, removed again on stop. */
export async function startObjectStore(prefix: string): Promise<S3Emulator> {
  const directory = mkdtempSync(join(tmpdir(), 'abdi-bench-s3-'));
  const s3 = await startS3Emulator({
    directory,
    buckets: buckets.map((definition) => ({ name: physicalName(prefix, definition), definition })),
    allowedOrigins: ['*'],
  });
  return {
    ...s3,
    stop: async () => {
      await s3.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
