import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ReplanWorkerPorts } from '../actions/plans/worker-ports';
import { CaseStore } from '../store/case-store';
import { DirectoryStore } from '../store/directory-store';
import { createDocumentClient, createDynamoClient } from '../store/dynamo-client';
import { PlacementStore } from '../store/placement-store';
import { SessionStore } from '../store/session-store';
import { SiteStore } from '../store/site-store';
import { SlotStore } from '../store/slot-store';
import type { RuntimeConfig } from './config';

/**
 * The ports of the re-planner (issue 15, the main table's stream): only the stores a plan reads and the
 * case it writes, so its bundle carries nothing of the API's. Local mode and the tests call it too;
 * tests may pass a clock and an instrumented client.
 */
export function createReplanWorkers(
  config: RuntimeConfig,
  options: { now?: () => Date; dynamo?: DynamoDBClient } = {},
): ReplanWorkerPorts {
  const db = createDocumentClient(
    options.dynamo ?? createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint }),
  );
  return {
    cases: new CaseStore(db, config.tableName),
    directory: new DirectoryStore(db, config.tableName),
    placements: new PlacementStore(db, config.tableName),
    sites: new SiteStore(db, config.tableName),
    sessions: new SessionStore(db, config.tableName),
    slots: new SlotStore(db, config.tableName),
    now: options.now ?? (() => new Date()),
  };
}
