import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Messaging } from '../actions/reminders/message-channel';
import type { ReminderWorkerPorts } from '../actions/reminders/worker-ports';
import { CaseStore } from '../store/case-store';
import { ClientStore } from '../store/client-store';
import { DirectoryStore } from '../store/directory-store';
import { createDocumentClient, createDynamoClient } from '../store/dynamo-client';
import { PlacementStore } from '../store/placement-store';
import { ReminderLog } from '../store/reminder-log';
import { SessionStore } from '../store/session-store';
import { SiteStore } from '../store/site-store';
import { SlotStore } from '../store/slot-store';
import { UserStore } from '../store/user-store';
import type { RuntimeConfig } from './config';
import { messagingFromEnvironment } from './messaging/messaging';

/**
 * The ports of the reminder jobs (ADR 0014) and of the re-planner's feasibility alerts: the stores they
 * read, the reminder log and the deployment's channels (SES and SMS in the cloud, local mode's capture).
 * Local mode and the tests call it too; tests pass a clock, an instrumented client and their own channels.
 */
export function createReminderWorkers(
  config: RuntimeConfig,
  options: { now?: () => Date; dynamo?: DynamoDBClient; messaging?: Messaging } = {},
): ReminderWorkerPorts {
  const db = createDocumentClient(
    options.dynamo ?? createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint }),
  );
  return {
    directory: new DirectoryStore(db, config.tableName),
    users: new UserStore(db, config.tableName),
    clients: new ClientStore(db, config.tableName),
    cases: new CaseStore(db, config.tableName),
    sites: new SiteStore(db, config.tableName),
    placements: new PlacementStore(db, config.tableName),
    sessions: new SessionStore(db, config.tableName),
    slots: new SlotStore(db, config.tableName),
    reminders: new ReminderLog(db, config.tableName),
    messaging: options.messaging ?? messagingFromEnvironment(),
    now: options.now ?? (() => new Date()),
  };
}
