import { replanAfterChanges } from '../../functions/actions/plans/replan-cases';
import { dispatchAuditEntries } from '../../functions/actions/webhooks/dispatch';
import { deliverDue } from '../../functions/actions/webhooks/deliver';
import type { WebhookSender } from '../../functions/actions/webhooks/worker-ports';
import type { RuntimeConfig } from '../../functions/platform/config';
import { createReplanWorkers } from '../../functions/platform/replan-workers';
import { createWebhookWorkers } from '../../functions/platform/webhook-workers';
import { auditEntriesOf } from '../../functions/store/audit-stream';
import { LocalStreamReader } from '../../infra/local/stream-reader';

/**
 * The webhook workers as local mode runs them, for tests and benchmarks: the main table's stream read
 * from DynamoDB Local (from the moment this starts) and handed to the real dispatcher; `sweep` is the
 * minute's retry job. The table is shared by every test file, so the stream carries their changes too:
 * only offices with subscriptions get deliveries.
 */
export async function webhookPump(
  config: RuntimeConfig,
  options: { now?: () => Date; send?: WebhookSender } = {},
) {
  const reader = await new LocalStreamReader({
    endpoint: config.dynamoEndpoint!,
    region: config.region,
    tableName: config.tableName,
  }).start();
  const ports = createWebhookWorkers(config, options);
  return {
    ports,
    /** Dispatches what was committed since the last call: queues deliveries and sends them. */
    dispatch: async () => dispatchAuditEntries(ports, auditEntriesOf(await reader.read())),
    sweep: () => deliverDue(ports),
    stop: () => reader.stop(),
  };
}

/**
 * The re-planner as local mode runs it, for tests: the stream read from DynamoDB Local (from the moment
 * this starts) and handed to the real `replanAfterChanges`. The table is shared by every test file, so
 * only the audit entries of `offices` are re-planned: another file's cases keep their flags as it set them.
 */
export async function replanPump(
  config: RuntimeConfig,
  options: { now?: () => Date; offices: readonly string[] },
) {
  const reader = await new LocalStreamReader({
    endpoint: config.dynamoEndpoint!,
    region: config.region,
    tableName: config.tableName,
  }).start();
  const ports = createReplanWorkers(config, options);
  const ours = (entries: ReturnType<typeof auditEntriesOf>) =>
    entries.filter((e) => options.offices.includes(e.audit.officeId));
  return {
    ports,
    /** Re-plans the cases changed since the last call. */
    replan: async () => replanAfterChanges(ports, ours(auditEntriesOf(await reader.read()))),
    stop: () => reader.stop(),
  };
}
