import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { replanAfterChanges } from '../actions/plans/replan-cases';
import { readRuntimeConfig } from '../platform/config';
import { logger } from '../platform/observability';
import { createReplanWorkers } from '../platform/replan-workers';
import { auditEntriesOf } from '../store/audit-stream';

const ports = createReplanWorkers(readRuntimeConfig());

/**
 * Lambda entry for the main table's stream: every case a committed change is about is planned again
 * and its feasibility stored on it (issue 15), after the request, never inside it. A failure throws, so
 * the batch is retried (re-planning is idempotent: the same case planned twice stores the same plan).
 */
export const handler = middy<DynamoDBStreamEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const report = await replanAfterChanges(ports, auditEntriesOf(event.Records));
    logger.info('case replan', { ...report });
  });
