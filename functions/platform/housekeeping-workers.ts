import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { HousekeepingPorts } from '../actions/housekeeping/run-housekeeping';
import { DEFAULT_RETENTION_SETTINGS } from '../domain/data-protection/retention-schedule';
import { CaseStore } from '../store/case-store';
import { DirectoryStore } from '../store/directory-store';
import { createDocumentClient, createDynamoClient } from '../store/dynamo-client';
import { PlacementStore } from '../store/placement-store';
import { retentionObjectsFor } from '../store/retention-objects';
import { RetentionStore } from '../store/retention-store';
import type { RuntimeConfig } from './config';

/**
 * The ports of the nightly housekeeping job (issue 16, item 7; issue 17's retention): the directory (a
 * zone's offices), the cases and their placements, the retention store, the evidence bucket's versions
 * and locks, the schedule in force, the clock. Local mode and the tests call it too; tests pass a clock
 * and may pass an instrumented client.
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
    retention: new RetentionStore(db, config.tableName),
    // s3rver has no versions or locks: local mode gets the adapter that says so (retention-objects.ts).
    retentionObjects: retentionObjectsFor(config.mode, {
      bucket: config.evidenceBucket,
      region: config.region,
      endpoint: config.s3Endpoint,
    }),
    retentionSettings: config.retention ?? DEFAULT_RETENTION_SETTINGS,
    now: options.now ?? (() => new Date()),
  };
}
