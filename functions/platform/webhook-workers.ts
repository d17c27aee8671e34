import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { WebhookSender, WebhookWorkerPorts } from '../actions/webhooks/worker-ports';
import { createDocumentClient, createDynamoClient } from '../store/dynamo-client';
import { WebhookDeliveryStore } from '../store/webhook-deliveries';
import { WebhookSubscriptionStore } from '../store/webhook-subscriptions';
import type { RuntimeConfig } from './config';
import { httpWebhookSender } from './webhook-sender';

/**
 * The ports of the webhook dispatcher and retry sweep: only the webhook stores and the sender, so
 * their bundles carry nothing of the API's. Local mode and the tests call it too; tests may pass a
 * clock and a sender of their own.
 */
export function createWebhookWorkers(
  config: RuntimeConfig,
  options: { now?: () => Date; dynamo?: DynamoDBClient; send?: WebhookSender } = {},
): WebhookWorkerPorts {
  const db = createDocumentClient(
    options.dynamo ?? createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint }),
  );
  return {
    subscriptions: new WebhookSubscriptionStore(db, config.tableName),
    deliveries: new WebhookDeliveryStore(db, config.tableName),
    send: options.send ?? httpWebhookSender(config.mode),
    now: options.now ?? (() => new Date()),
    wallClock: () => new Date(),
  };
}
