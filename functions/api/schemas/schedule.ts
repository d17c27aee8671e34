import * as z from 'zod';
import { isLocalDate, isoWeekday, MAX_SCHEDULE_DAYS } from '../../domain';
import { localDate } from './common';

const date = z.string().describe('Office-local date, YYYY-MM-DD');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour HH:mm time.');

export const slotSchema = z
  .object({
    caseId: z.string(),
    date,
    siteId: z.string(),
    startTime: z.string().describe('Office-local HH:mm'),
    endTime: z.string().describe('Office-local HH:mm'),
    hours: z.number(),
    status: z
      .enum(['scheduled', 'fulfilled', 'missed'])
      .describe(
        "scheduled | fulfilled (its session was recorded) | missed (still scheduled once its day ended in the office's zone)",
      ),
    sessionId: z.string().optional().describe('The session that fulfilled it'),
  })
  .meta({ id: 'Slot' });

export const scheduleSchema = z
  .object({ items: z.array(slotSchema).describe('In date order, at most one a day') })
  .meta({ id: 'CaseSchedule' });

export const putScheduleBody = z
  .object({
    from: localDate.describe('The first day the write covers: tomorrow at the earliest (SLOT-WINDOW)'),
    until: localDate.describe(`The last day it covers, at most ${MAX_SCHEDULE_DAYS} days in all`),
    slots: z
      .array(
        z
          .object({
            date: localDate,
            siteId: z.string().min(1).max(64),
            startTime: time,
            endTime: time,
          })
          .strict(),
      )
      .max(MAX_SCHEDULE_DAYS)
      .describe('The scheduled slots of from..until after the write, one a day; [] clears the window'),
  })
  .strict()
  .meta({ id: 'ScheduleWrite' });

export const officeDayQuery = z
  .object({
    date: localDate,
    siteId: z.string().min(1).max(64).optional().describe('One site only (a supervisor: one of theirs)'),
  })
  .strict();

export const officeDaySchema = z
  .object({ date, items: z.array(slotSchema).describe('By site, then start time') })
  .meta({ id: 'OfficeDaySlots' });

export const siteLoadQuery = z
  .object({
    // Only a date the calendar takes is asked its weekday (zod's ISO format allows year 0000, and runs
    // refinements after a failed format too).
    from: localDate.refine((d) => isLocalDate(d) && isoWeekday(d) === 1, {
      message: 'Start on a Monday (YYYY-MM-DD).',
      when: ({ issues }) => issues.length === 0,
    }),
    weeks: z.coerce.number().int().min(1).max(12).default(4),
  })
  .strict();

export const siteLoadSchema = z
  .object({
    from: date,
    weeks: z.array(
      z.object({
        weekStart: date.describe('The Monday of the ISO week'),
        sites: z.array(
          z.object({
            siteId: z.string(),
            name: z.string(),
            scheduled: z
              .number()
              .int()
              .describe('Places accepted slots take at the site that week: one per slot'),
            capacity: z
              .number()
              .int()
              .describe(
                "The site's clients per day × the days of that week that are not holidays in the office's calendar (national, cuti bersama, local); 0 for an inactive site",
              ),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'SiteLoad' });
