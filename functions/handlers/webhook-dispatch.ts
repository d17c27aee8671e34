import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { dispatchAuditEntries } from '../actions/webhooks/dispatch';
import { readRuntimeConfig } from '../platform/config';
import { logger, observe } from '../platform/observability';
import { createWebhookWorkers } from '../platform/webhook-workers';
import { auditEntriesOf } from '../store/audit-stream';

const ports = createWebhookWorkers(readRuntimeConfig());

/**
 * Lambda entry for the main table's stream: committed changes become webhook deliveries, sent at once
 * (ADR 0013). A failure throws, so the batch is retried (queuing is idempotent) and, once its retries
 * are used up, lands in the dead-letter queue with an alarm.
 */
export const handler = middy<DynamoDBStreamEvent, void>()
  .use(observe())
  .handler(async (event) => {
    const report = await dispatchAuditEntries(ports, auditEntriesOf(event.Records));
    logger.info('webhook dispatch', { ...report });
  });
