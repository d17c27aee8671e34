import { createApiHandler } from '../api/app';
import { readRuntimeConfig } from '../platform/config';
import { logger, metrics } from '../platform/observability';
import { createDocumentClient } from '../store/dynamo-client';
import { DirectoryStore } from '../store/directory-store';

/** Lambda entry for the HTTP API: wires configuration to the store and hands over to the middy app. */
const config = readRuntimeConfig();
const db = createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint });

export const handler = createApiHandler(
  { directory: new DirectoryStore(db, config.tableName), now: () => new Date() },
  { logger, metrics },
);
