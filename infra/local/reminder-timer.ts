/**
 * Local mode's stand-in for EventBridge Scheduler (ADR 0014): runs the reminders job at the times the
 * cloud's schedules use (infra/config/reminder-schedule.ts), per office time zone, in this process.
 *
 * It checks every `checkEveryMs` whether a scheduled time passed since the previous check, and runs
 * those jobs one at a time. Times that passed while local mode was stopped are not caught up, as a
 * schedule created later does not run for earlier days; `POST /local/reminders/run` runs a job now.
 */
import {
  reminderSchedules,
  UTC_OFFSET_HOURS,
  type OfficeTimeZone,
  type ReminderJobEvent,
  type ReminderSchedule,
} from '../config/reminder-schedule';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The latest instant at or before `at` when `schedule` fires in `timeZone`. */
export function previousRun(
  schedule: Pick<ReminderSchedule, 'hour' | 'minute' | 'isoWeekday'>,
  timeZone: OfficeTimeZone,
  at: Date,
): Date {
  const offset = UTC_OFFSET_HOURS[timeZone] * HOUR_MS;
  // Wall-clock time in the zone, read through the UTC getters.
  const local = new Date(at.getTime() + offset);
  let candidate = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate(),
    schedule.hour,
    schedule.minute,
  );
  if (candidate > local.getTime()) candidate -= DAY_MS;
  if (schedule.isoWeekday !== undefined) {
    const isoDay = (time: number) => new Date(time).getUTCDay() || 7;
    while (isoDay(candidate) !== schedule.isoWeekday) candidate -= DAY_MS;
  }
  return new Date(candidate - offset);
}

export interface ReminderTimerOptions {
  /** Runs one job (the reminders handler). */
  readonly run: (event: ReminderJobEvent) => Promise<unknown>;
  /** The zones to run each job for. */
  readonly timeZones: readonly OfficeTimeZone[];
  /** @default reminderSchedules, the cloud's */
  readonly schedules?: readonly ReminderSchedule[];
  /** @default 30 seconds */
  readonly checkEveryMs?: number;
  /** @default the clock */
  readonly now?: () => Date;
  readonly onError?: (event: ReminderJobEvent, error: unknown) => void;
}

export interface ReminderTimer {
  /** Runs the jobs whose time passed since the previous check (the interval calls it; tests may too). */
  check(): Promise<void>;
  /** Stops the timer and waits for a running job. */
  stop(): Promise<void>;
}

export function startReminderTimer(options: ReminderTimerOptions): ReminderTimer {
  const now = options.now ?? (() => new Date());
  const schedules = options.schedules ?? reminderSchedules;
  let checkedAt = now();
  let running: Promise<void> = Promise.resolve();

  const check = () => {
    running = running.then(async () => {
      const since = checkedAt;
      const until = now();
      checkedAt = until;
      for (const schedule of schedules) {
        for (const timeZone of options.timeZones) {
          const due = previousRun(schedule, timeZone, until);
          if (due <= since) continue;
          const event: ReminderJobEvent = { job: schedule.job, timeZone };
          await options.run(event).catch((error: unknown) => options.onError?.(event, error));
        }
      }
    });
    return running;
  };

  const timer = setInterval(() => void check(), options.checkEveryMs ?? 30_000);
  timer.unref();
  return {
    check,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
