import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { HousekeepingPorts } from '../actions/housekeeping/run-housekeeping';
import { CaseStore } from '../store/case-store';
import { DirectoryStore } from '../store/directory-store';
import { createDocumentClient, createDynamoClient } from '../store/dynamo-client';
import { PlacementStore } from '../store/placement-store';
import type { RuntimeConfig } from './config';

/**
 * The ports of the nightly housekeeping job (issue 16, item 7): the directory (a zone's offices), the
 * cases and their placements, the clock. Local mode and the tests call it too; tests pass a clock and
 * may pass an instrumented client.
 */
export function createHousekeepingWorkers(
  config: RuntimeConfig,
  options: { now?: () => Date; dynamo?: DynamoDBClient } = {},
): HousekeepingPorts {
  const db = createDocumentClient(
    options.dynamo ?? createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint }),
  );
  return {
    directory: new DirectoryStore(db, config.tableName),
    cases: new CaseStore(db, config.tableName),
    placements: new PlacementStore(db, config.tableName),
    now: options.now ?? (() => new Date()),
  };
}
