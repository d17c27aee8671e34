/**
 * When the reminders job runs (ADR 0014): the same table drives EventBridge Scheduler in the cloud
 * (infra/constructs/reminders.ts) and the timer in local mode (infra/local/reminder-timer.ts), so both
 * run the same jobs at the same local times. Each job runs once per office time zone, at that zone's
 * wall-clock time, with `{ job, timeZone }` as its event; the job handles the offices of that zone.
 */
import type { OfficeConfig } from './schema';

/** The jobs the reminders handler (functions/handlers/reminders.ts) runs. */
export const reminderJobs = ['replan-sweep', 'day-before', 'end-of-day', 'weekly-digest'] as const;
export type ReminderJob = (typeof reminderJobs)[number];
export type OfficeTimeZone = OfficeConfig['timeZone'];

/** The event the reminders handler gets, from a schedule or from local mode. */
export interface ReminderJobEvent {
  readonly job: ReminderJob;
  readonly timeZone: OfficeTimeZone;
}

export interface ReminderSchedule {
  readonly job: ReminderJob;
  /** Local wall-clock time in the office's zone. */
  readonly hour: number;
  readonly minute: number;
  /** Only on this ISO weekday (1 = Monday); every day when absent. */
  readonly isoWeekday?: number;
  /** Why this time; becomes the schedule's description. */
  readonly description: string;
  /**
   * Whether the job is only there to send messages. A deployment without reminder settings schedules
   * the others alone: the nightly re-plan flags cases whether or not anyone is emailed about them.
   */
  readonly onlySends: boolean;
}

/**
 * The timed jobs, one schedule each per zone:
 * - replan-sweep, 06:00: every open case planned again, since a case can become at risk or impossible
 *   by days passing with nothing recorded; before the office opens, so the alerts are there when the
 *   day's work starts and Monday's digest reads fresh plans;
 * - day-before, 17:00: the client (SMS) and the site supervisor (email) hear of tomorrow's slots after
 *   the working day, early enough to plan the evening;
 * - end-of-day, 21:00: the PK hears of today's slots that were not recorded, once the day is over;
 * - weekly-digest, Monday 07:00: each PK's week, before the office opens.
 */
export const reminderSchedules: readonly ReminderSchedule[] = [
  {
    job: 'replan-sweep',
    hour: 6,
    minute: 0,
    description: 'Every open case planned again (feasibility alerts)',
    onlySends: false,
  },
  {
    job: 'day-before',
    hour: 17,
    minute: 0,
    description: "Reminders of tomorrow's scheduled slots",
    onlySends: true,
  },
  {
    job: 'end-of-day',
    hour: 21,
    minute: 0,
    description: "Today's scheduled slots not recorded",
    onlySends: true,
  },
  {
    job: 'weekly-digest',
    hour: 7,
    minute: 0,
    isoWeekday: 1,
    description: "Each PK's weekly digest",
    onlySends: true,
  },
];

/** Hours ahead of UTC: WIB, WITA, WIT. Indonesia keeps no daylight saving, so these never change. */
export const UTC_OFFSET_HOURS: Readonly<Record<OfficeTimeZone, number>> = {
  'Asia/Jakarta': 7,
  'Asia/Makassar': 8,
  'Asia/Jayapura': 9,
};

/** The distinct time zones of a deployment's offices, in a stable order. */
export function timeZonesOf(offices: readonly Pick<OfficeConfig, 'timeZone'>[]): OfficeTimeZone[] {
  return [...new Set(offices.map((office) => office.timeZone))].sort();
}
