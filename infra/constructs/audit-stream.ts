/**
 * What every consumer of the main table's audit stream shares (webhook-delivery.ts, case-replanning.ts):
 * the stream read in order with its dead letters, and the least-privilege table grant. Functions, not a
 * construct, so each consumer's resources keep their ids inside the consumer's own construct.
 *
 * How the stream is read, and why:
 * - TRIM_HORIZON: a new or updated mapping starts polling minutes late; with LATEST the changes of those
 *   minutes would be lost. Re-reading what the stream still holds is harmless: consumers are idempotent.
 * - One batch per shard at a time (parallelization factor 1): with more, Lambda keeps the order of
 *   changes to one *item* only, and every audit entry is an item of its own, so two entries of one case
 *   could be handled out of order.
 * - No bisecting: splitting a failed batch would handle its later half again and out of turn; a batch is
 *   retried whole (the handler throws, consumers are idempotent), then handed to the dead-letter queue.
 * - Records older than 6 hours are given up: well inside the stream's 24 hours, so a dead-lettered range
 *   can still be read.
 */
import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { AbdiFunction } from './abdi-function';
import { acknowledge } from './nag';
import { grantTableAccess, tableKeyWriteActions, type TableAccess } from './table-access';

export interface AuditStreamSource {
  /** The main table, imported with its key. */
  readonly table: dynamodb.ITable;
  /** The main table's stream ARN, from the Data stack. */
  readonly tableStreamArn: string;
}

/**
 * Subscribes `consumer` to the audit stream through `filter`, with its own dead-letter queue (id
 * `DeadLetters` in `scope`), which it returns.
 */
export function consumeAuditStream(
  scope: Construct,
  consumer: AbdiFunction,
  source: AuditStreamSource,
  options: { readonly filter: lambda.FilterCriteria; readonly name: string },
): sqs.Queue {
  const deadLetters = new sqs.Queue(scope, 'DeadLetters', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(
    deadLetters,
    'AwsSolutions-SQS3',
    `This queue is itself the on-failure destination of the ${options.name}'s stream mapping; a queue behind it would only move the same batch descriptions again.`,
  );
  // The stream, imported with the table's key: the mapping grants the stream reads (and decrypt with
  // that key) to this consumer alone.
  const stream = dynamodb.Table.fromTableAttributes(scope, 'MainTableStream', {
    tableArn: source.table.tableArn,
    tableStreamArn: source.tableStreamArn,
    encryptionKey: source.table.encryptionKey,
  });
  consumer.function.addEventSource(
    new sources.DynamoEventSource(stream, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      parallelizationFactor: 1,
      bisectBatchOnError: false,
      retryAttempts: 10,
      maxRecordAge: Duration.hours(6),
      filters: [options.filter],
      onFailure: new sources.SqsDlq(deadLetters),
    }),
  );
  consumer.acknowledgeWildcard(
    'Resource',
    '*',
    'dynamodb:ListStreams, which Lambda needs to read the stream, has no resource-level permissions; the statement grants that one action (stream reads are on the main table stream ARN only).',
  );
  return deadLetters;
}

/**
 * Least privilege for a stream worker: on the main table only the item actions in `access`, the table
 * key through DynamoDB only.
 */
export function grantWorkerTableAccess(
  fn: AbdiFunction,
  table: dynamodb.ITable,
  tableId: string,
  access: readonly TableAccess[],
): void {
  grantTableAccess(fn.role, table, table.encryptionKey, access);
  for (const action of tableKeyWriteActions.filter((a) => a.endsWith('*'))) {
    fn.acknowledgeWildcard(
      'Action',
      action,
      `DynamoDB's own use of the customer-managed key of ${tableId} when this function writes: limited to that single key ARN and to calls through DynamoDB (kms:ViaService).`,
    );
  }
}
