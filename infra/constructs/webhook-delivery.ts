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
 * How the stream is read, and why:
 * - TRIM_HORIZON, not LATEST: a new or updated event source mapping takes minutes to start polling, and
 *   with LATEST the changes of those minutes would never become webhooks (Lambda's DynamoDB guide says
 *   so). Replaying what the stream still holds (24 h) is harmless: a delivery's id is its place in the
 *   stream, so queuing it again does nothing while its log entry lives (30 days after it finishes).
 * - One batch per shard at a time (parallelization factor 1): with more, Lambda keeps the order of
 *   changes to one *item* (partition and sort key), and every audit entry is an item of its own, so two
 *   entries of one case could be dispatched out of order; WH-DELIVERY promises a case's events in order.
 * - No bisecting: splitting a failed batch would dispatch its later half again and out of turn; a batch
 *   is retried whole (the handler throws, queuing is idempotent), then handed to the dead-letter queue.
 * - A filter lets only inserted audit items invoke the function; everything else in the table changes
 *   far more often and never becomes a webhook.
 */
import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import type { TableDefinition } from '../../functions/tables';
import { AbdiFunction } from './abdi-function';
import { acknowledge } from './nag';
import {
  grantTableAccess,
  tableKeyWriteActions,
  webhookDispatcherTableAccess,
  webhookRetryTableAccess,
  type TableAccess,
} from './table-access';

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

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      "This queue is itself the on-failure destination of the webhook dispatcher's stream mapping; a queue behind it would only move the same batch descriptions again.",
    );

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
    this.grantData(this.dispatcher, props, webhookDispatcherTableAccess);
    this.grantData(this.retry, props, webhookRetryTableAccess);

    // The stream, imported with the table's key: the mapping grants the stream reads (and decrypt with
    // that key) to the dispatcher alone.
    const stream = dynamodb.Table.fromTableAttributes(this, 'MainTableStream', {
      tableArn: props.table.tableArn,
      tableStreamArn: props.tableStreamArn,
      encryptionKey: props.table.encryptionKey,
    });
    this.dispatcher.function.addEventSource(
      new sources.DynamoEventSource(stream, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        parallelizationFactor: 1,
        bisectBatchOnError: false,
        retryAttempts: 10,
        // Well inside the stream's 24 hours, so a batch in the dead-letter queue can still be read.
        maxRecordAge: Duration.hours(6),
        filters: [auditInsertFilter],
        onFailure: new sources.SqsDlq(this.deadLetterQueue),
      }),
    );
    this.dispatcher.acknowledgeWildcard(
      'Resource',
      '*',
      'dynamodb:ListStreams, which Lambda needs to read the stream, has no resource-level permissions; the statement grants that one action (stream reads are on the main table stream ARN only).',
    );

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

  /**
   * Least privilege: on the main table only the item actions this worker sends, on the webhook
   * partitions only (table-access.ts: subscriptions read, queues and the log, skip audit entries put);
   * the table key through DynamoDB only.
   */
  private grantData(fn: AbdiFunction, props: WebhookDeliveryProps, access: readonly TableAccess[]): void {
    grantTableAccess(fn.role, props.table, props.table.encryptionKey, access);
    for (const action of tableKeyWriteActions.filter((a) => a.endsWith('*'))) {
      fn.acknowledgeWildcard(
        'Action',
        action,
        `DynamoDB's own use of the customer-managed key of ${props.tableDefinition.id} when this function writes: limited to that single key ARN and to calls through DynamoDB (kms:ViaService).`,
      );
    }
  }
}
