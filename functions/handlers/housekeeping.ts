import middy from '@middy/core';
import * as z from 'zod';
import { runHousekeeping, type HousekeepingReport } from '../actions/housekeeping/run-housekeeping';
import { OFFICE_TIME_ZONES } from '../domain/calendar';
import { readRuntimeConfig } from '../platform/config';
import { createHousekeepingWorkers } from '../platform/housekeeping-workers';
import { logger, observe } from '../platform/observability';

const ports = createHousekeepingWorkers(readRuntimeConfig());

/** The event EventBridge Scheduler (or local mode's timer) sends: the zone whose offices to tidy. */
export const housekeepingEvent = z
  .object({ job: z.literal('housekeeping'), timeZone: z.enum(OFFICE_TIME_ZONES) })
  .strict();

/**
 * Lambda entry for the nightly housekeeping (issue 16, item 7): one schedule per office time zone
 * invokes it shortly after local midnight; it ends the zone's placements whose last day has passed. A
 * malformed event throws (the schedule's retries and dead-letter queue show it). A run with failures
 * throws too, after finishing every office, so the failure reaches the dead-letter queue and its alarm;
 * a rerun is harmless (what was ended stays ended). Logs counts and office ids only, never a person.
 */
export const handler = middy<unknown, HousekeepingReport>()
  .use(observe())
  .handler(async (event) => {
    const { timeZone } = housekeepingEvent.parse(event);
    const report = await runHousekeeping(ports, timeZone, (officeId, error) =>
      logger.error('housekeeping: office failed', { officeId, error: (error as Error).name }),
    );
    logger.info('housekeeping', { timeZone, ...report });
    if (report.failed > 0 || report.failedOffices > 0 || report.retention.failed > 0) {
      throw new Error(`housekeeping: ${report.failed} placements and ${report.failedOffices} offices failed`);
    }
    return report;
  });
