/**
 * When the nightly housekeeping runs (issue 16, item 7): the same entry drives EventBridge Scheduler in
 * the cloud (infra/constructs/housekeeping.ts) and the timer in local mode (infra/local/start.ts), once
 * per office time zone at that zone's wall-clock time, with `{ job: 'housekeeping', timeZone }` as its
 * event.
 *
 * 00:30: the first half hour of a new local day, so a placement whose last day was yesterday is ended
 * before anyone plans today, and before the 06:00 re-plan (reminder-schedule.ts) reads the sites' load.
 */
import type { OfficeTimeZone } from './reminder-schedule';

export interface HousekeepingJobEvent {
  readonly job: 'housekeeping';
  readonly timeZone: OfficeTimeZone;
}

export const housekeepingSchedule = {
  job: 'housekeeping',
  hour: 0,
  minute: 30,
  description: 'Placements past their last day ended, their places given back',
} as const;
