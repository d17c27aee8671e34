import middy from '@middy/core';
import { deliverDue, type DeliveryReport } from '../actions/webhooks/deliver';
import { readRuntimeConfig } from '../platform/config';
import { logger, observe } from '../platform/observability';
import { createWebhookWorkers } from '../platform/webhook-workers';

const ports = createWebhookWorkers(readRuntimeConfig());

/** Lambda entry for the minute's retry sweep: every webhook queue with a delivery due (WH-DELIVERY). */
export const handler = middy<unknown, DeliveryReport>()
  .use(observe())
  .handler(async () => {
    const report = await deliverDue(ports);
    logger.info('webhook retry sweep', { ...report });
    return report;
  });
