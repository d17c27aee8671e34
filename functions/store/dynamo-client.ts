import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { instrumented } from './aws-clients';
import { forgetOnWrite } from './read-ahead';

export interface DynamoClientOptions {
  readonly region: string;
  /** DynamoDB Local's URL; undefined in the cloud. */
  readonly endpoint?: string;
}

/**
 * The low-level client (the call counters attach to it). Local mode points it at DynamoDB
 * Local with fixed dummy credentials (DynamoDB Local runs with -sharedDb, so any key sees the same
 * tables). Traced through aws-clients.ts where the deployment traces.
 */
export function createDynamoClient(options: DynamoClientOptions): DynamoDBClient {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    // Fail fast: a request that cannot reach the store should become a 503 for the caller, not a hang.
    // Without throwOnRequestTimeout the SDK's handler only logs a warning when requestTimeout passes
    // and keeps waiting: a store that accepts connections but never answers held each request until
    // the function's own timeout (29 s) instead of 3 × 5 s (test/reliability/faults.test.ts).
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
  });
  return instrumented(client);
}

/** The document client every repository shares, over one low-level client. */
export function createDocumentClient(options: DynamoClientOptions | DynamoDBClient): DynamoDBDocumentClient {
  const client = options instanceof DynamoDBClient ? options : createDynamoClient(options);
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  forgetOnWrite(documents);
  return documents;
}
