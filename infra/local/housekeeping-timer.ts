/**
 * Local mode's stand-in for the housekeeping schedules (issue 16, item 7): runs the housekeeping job at
 * the cloud's time (infra/config/housekeeping-schedule.ts), once per office time zone, in this process.
 * Same rules as the reminders' timer (reminder-timer.ts, whose `previousRun` it shares): a run whose
 * time passed while local mode was stopped is not caught up; the next night's run ends whatever is due.
 */
import { housekeepingSchedule, type HousekeepingJobEvent } from '../config/housekeeping-schedule';
import type { OfficeTimeZone } from '../config/reminder-schedule';
import { previousRun } from './reminder-timer';

export interface HousekeepingTimerOptions {
  /** Runs the job for one zone (the housekeeping handler). */
  readonly run: (event: HousekeepingJobEvent) => Promise<unknown>;
  readonly timeZones: readonly OfficeTimeZone[];
  /** @default 30 seconds */
  readonly checkEveryMs?: number;
  /** @default the clock */
  readonly now?: () => Date;
  readonly onError?: (event: HousekeepingJobEvent, error: unknown) => void;
}

export interface HousekeepingTimer {
  /** Runs the zones whose time passed since the previous check (the interval calls it; tests may too). */
  check(): Promise<void>;
  /** Stops the timer and waits for a running job. */
  stop(): Promise<void>;
}

export function startHousekeepingTimer(options: HousekeepingTimerOptions): HousekeepingTimer {
  const now = options.now ?? (() => new Date());
  let checkedAt = now();
  let running: Promise<void> = Promise.resolve();
  const check = () => {
    running = running.then(async () => {
      const [since, until] = [checkedAt, now()];
      checkedAt = until;
      for (const timeZone of options.timeZones) {
        if (previousRun(housekeepingSchedule, timeZone, until) <= since) continue;
        const event: HousekeepingJobEvent = { job: 'housekeeping', timeZone };
        await options.run(event).catch((error: unknown) => options.onError?.(event, error));
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
