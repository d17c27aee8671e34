import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { replanAfterChanges } from '../actions/plans/replan-cases';
import { feasibilityAlerts } from '../actions/reminders/alert-feasibility';
import type { ReminderWorkerPorts } from '../actions/reminders/worker-ports';
import { readRuntimeConfig } from '../platform/config';
import { logger, observe } from '../platform/observability';
import { sendsReminders } from '../platform/messaging/messaging';
import { createReminderWorkers } from '../platform/reminder-workers';
import { createReplanWorkers } from '../platform/replan-workers';
import { auditEntriesOf } from '../store/audit-stream';

const config = readRuntimeConfig();
const ports = createReplanWorkers(config);

// The at-risk / impossible alert (ADR 0014) of a case whose stored state changed, where the deployment
// sends reminders; its channels are built on the first alert, and an alert that fails is logged, never
// retried through the batch.
let alertPorts: ReminderWorkerPorts | undefined;
const onFeasibilityChange = sendsReminders()
  ? feasibilityAlerts(
      () => (alertPorts ??= createReminderWorkers(config)),
      (officeId, caseId, error) =>
        logger.error('feasibility alert failed', { officeId, caseId, error: (error as Error).name }),
    )
  : undefined;

/**
 * Lambda entry for the main table's stream: every case a committed change is about is planned again
 * and its feasibility stored on it (issue 15), after the request, never inside it. A failure throws, so
 * the batch is retried (re-planning is idempotent: the same case planned twice stores the same plan).
 */
export const handler = middy<DynamoDBStreamEvent, void>()
  .use(observe())
  .handler(async (event) => {
    const report = await replanAfterChanges(ports, auditEntriesOf(event.Records), onFeasibilityChange);
    logger.info('case replan', { ...report });
  });
