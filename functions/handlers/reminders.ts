import middy from '@middy/core';
import * as z from 'zod';
import { runReminderJob, type JobReport } from '../actions/reminders/run-job';
import { OFFICE_TIME_ZONES } from '../domain/calendar';
import { readRuntimeConfig } from '../platform/config';
import { logger, observe } from '../platform/observability';
import { createReminderWorkers } from '../platform/reminder-workers';

const ports = createReminderWorkers(readRuntimeConfig());

/** The event EventBridge Scheduler (or local mode's timer) sends: which job, for which zone's offices. */
export const reminderJobEvent = z
  .object({
    job: z.enum(['replan-sweep', 'day-before', 'end-of-day', 'weekly-digest']),
    timeZone: z.enum(OFFICE_TIME_ZONES),
  })
  .strict();

/**
 * Lambda entry for the timed reminders (ADR 0014): one schedule per job and office time zone invokes
 * it; it runs the job for every office of the zone. A malformed event throws (the schedule's retries
 * and dead-letter queue show it). Logs counts and office ids only, never a person.
 */
export const handler = middy<unknown, JobReport>()
  .use(observe())
  .handler(async (event) => {
    const { job, timeZone } = reminderJobEvent.parse(event);
    const report = await runReminderJob(ports, job, timeZone, (officeId, error) =>
      logger.error('reminders: office failed', { job, officeId, error: (error as Error).name }),
    );
    logger.info('reminders', { job, timeZone, ...report });
    return report;
  });
