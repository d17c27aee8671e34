/**
 * Webhook delivery in the stateless stack (ADR 0013): the dispatcher that the main table's stream
 * invokes with every new audit entry, and the retry sweep that sends, once a minute, the deliveries
 * whose next attempt is due. Both run actions/webhooks through platform/webhook-workers.ts.
 *
 * Outbound HTTPS: the functions run outside a VPC, so they reach receivers on the internet directly (no
 * NAT gateway to pay for). Server-side request forgery is guarded in the sender, not by the network:
 * platform/webhook-sender.ts sends only to https URLs whose host, and every address it resolves to at
 * connection time, is public (WH-URL), and follows no redirects.
 *
 * The stream is read as every audit-stream consumer reads it (audit-stream.ts: in order, retried whole,
 * dead-lettered). Replaying what the stream still holds is harmless here: a delivery's id is its place
 * in the stream, so queuing it again does nothing while its log entry lives (30 days after it finishes).
 * A filter lets only inserted audit items invoke the function; everything else in the table changes far
 * more often and never becomes a webhook.
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import type { TableDefinition } from '../../functions/tables';
import { AbdiFunction } from './abdi-function';
import { consumeAuditStream, grantWorkerTableAccess } from './audit-stream';
import { webhookDispatcherTableAccess, webhookRetryTableAccess } from './table-access';

export const webhookDispatchEntry = fileURLToPath(
  new URL('../../functions/handlers/webhook-dispatch.ts', import.meta.url),
);
export const webhookRetryEntry = fileURLToPath(
  new URL('../../functions/handlers/webhook-retry.ts', import.meta.url),
);

/** Only inserted audit items (store/audit.ts `auditItem`, `type: 'audit'`) reach the dispatcher. */
export const auditInsertFilter = lambda.FilterCriteria.filter({
  eventName: lambda.FilterRule.isEqual('INSERT'),
  dynamodb: { NewImage: { type: { S: lambda.FilterRule.isEqual('audit') } } },
});

export interface WebhookDeliveryProps {
  /** The main table (imported with its key): deliveries, subscriptions and audit entries live there. */
  readonly table: dynamodb.ITable;
  readonly tableDefinition: TableDefinition;
  /**
   * The main table's stream. Its ARN carries the time the stream was enabled, so it cannot be rebuilt
   * from the table name: it comes from the Data stack (a weak reference, like the key ARNs).
   */
  readonly tableStreamArn: string;
  /** Runtime configuration shared with the other functions (table names, mode, …). */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  /** @default every minute */
  readonly retryEvery?: Duration;
  /** Tests only: stub code instead of bundling (see AbdiFunctionProps.skipBundling). */
  readonly skipBundling?: boolean;
}

export class WebhookDelivery extends Construct {
  readonly dispatcher: AbdiFunction;
  readonly retry: AbdiFunction;
  readonly retrySchedule: events.Rule;
  /**
   * Stream batches the dispatcher gave up on after its retries. A message holds the batch's shard and
   * sequence range, not the records; the audit entries themselves are still in the table.
   */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: WebhookDeliveryProps) {
    super(scope, id);
    const environment = { ...props.environment, POWERTOOLS_SERVICE_NAME: 'abdi-webhooks' };

    this.dispatcher = new AbdiFunction(this, 'Dispatcher', {
      entry: webhookDispatchEntry,
      description: 'Abdi webhook dispatcher: audit entries from the table stream become deliveries',
      logRetention: props.logRetention,
      environment,
      // A batch sends each touched queue once; an unreachable receiver costs its 10-second timeout.
      timeout: Duration.minutes(5),
      skipBundling: props.skipBundling,
    });
    this.retry = new AbdiFunction(this, 'Retry', {
      entry: webhookRetryEntry,
      description: 'Abdi webhook retry sweep: sends the deliveries that are due',
      logRetention: props.logRetention,
      environment,
      // Sweeps may overlap when receivers are slow; a delivery's claim (a lease) keeps them apart.
      timeout: Duration.minutes(5),
      skipBundling: props.skipBundling,
    });
    // Least privilege: on the webhook partitions only (table-access.ts: subscriptions read, queues and
    // the log, skip audit entries put).
    grantWorkerTableAccess(
      this.dispatcher,
      props.table,
      props.tableDefinition.id,
      webhookDispatcherTableAccess,
    );
    grantWorkerTableAccess(this.retry, props.table, props.tableDefinition.id, webhookRetryTableAccess);
    this.deadLetterQueue = consumeAuditStream(this, this.dispatcher, props, {
      filter: auditInsertFilter,
      name: 'webhook dispatcher',
    });

    this.retrySchedule = new events.Rule(this, 'RetrySchedule', {
      description: 'Send the webhook deliveries that are due',
      schedule: events.Schedule.rate(props.retryEvery ?? Duration.minutes(1)),
      // A lost or failed run is made good by the next one a minute later: no retries, no dead letters.
      targets: [
        new targets.LambdaFunction(this.retry.function, {
          retryAttempts: 0,
          maxEventAge: Duration.minutes(1),
        }),
      ],
    });
    this.retry.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(1) });
  }
}
