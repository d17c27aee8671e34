import { describe, expect, it } from 'vitest';
import { reminderSchedules, type ReminderJobEvent } from '../../../infra/config/reminder-schedule';
import { previousRun, startReminderTimer } from '../../../infra/local/reminder-timer';

/**
 * Local mode's timer runs the reminders job at the cloud's local times (infra/config/reminder-schedule.ts)
 * in each office time zone: 06:00, 17:00 and 21:00 every day, the digest on Monday at 07:00.
 */
const schedule = (job: string) => reminderSchedules.find((s) => s.job === job);
const [dayBefore, endOfDay, digest, sweep] = [
  'day-before',
  'end-of-day',
  'weekly-digest',
  'replan-sweep',
].map(schedule);

describe('previousRun', () => {
  it('is the latest scheduled local time at or before the instant, in each zone', () => {
    // 2026-03-03 (a Tuesday) 10:30 UTC = 17:30 WIB, 18:30 WITA, 19:30 WIT
    const at = new Date('2026-03-03T10:30:00Z');
    expect(previousRun(dayBefore!, 'Asia/Jakarta', at).toISOString()).toBe('2026-03-03T10:00:00.000Z');
    expect(previousRun(dayBefore!, 'Asia/Makassar', at).toISOString()).toBe('2026-03-03T09:00:00.000Z');
    expect(previousRun(dayBefore!, 'Asia/Jayapura', at).toISOString()).toBe('2026-03-03T08:00:00.000Z');
    // 21:00 has not come yet in any zone: yesterday's.
    expect(previousRun(endOfDay!, 'Asia/Jakarta', at).toISOString()).toBe('2026-03-02T14:00:00.000Z');
  });

  it('counts the local day, not the UTC one, and fires exactly on the minute', () => {
    // 2026-03-02 23:30 UTC is already Tuesday 06:30 in WIT.
    const at = new Date('2026-03-02T23:30:00Z');
    expect(previousRun(endOfDay!, 'Asia/Jayapura', at).toISOString()).toBe('2026-03-02T12:00:00.000Z');
    const exactly = new Date('2026-03-03T10:00:00Z');
    expect(previousRun(dayBefore!, 'Asia/Jakarta', exactly)).toEqual(exactly);
  });

  it('re-plans every day at 06:00 local', () => {
    // 2026-03-03 06:00 WIB = 2026-03-02T23:00Z
    expect(previousRun(sweep!, 'Asia/Jakarta', new Date('2026-03-03T10:30:00Z')).toISOString()).toBe(
      '2026-03-02T23:00:00.000Z',
    );
  });

  it('runs the digest on Mondays at 07:00 local only', () => {
    // Monday 2026-03-02 07:00 WITA = 2026-03-01T23:00Z; on Wednesday it is still that Monday's.
    expect(previousRun(digest!, 'Asia/Makassar', new Date('2026-03-04T12:00:00Z')).toISOString()).toBe(
      '2026-03-01T23:00:00.000Z',
    );
    // Monday 06:59 WITA: last week's.
    expect(previousRun(digest!, 'Asia/Makassar', new Date('2026-03-01T22:59:00Z')).toISOString()).toBe(
      '2026-02-22T23:00:00.000Z',
    );
  });
});

describe('the reminder timer', () => {
  it('runs each job once per zone when its time passes, never for times before it started', async () => {
    // Prepare: a clock the test moves; started Monday 2026-03-02 16:59 WITA (08:59Z)
    let now = new Date('2026-03-02T08:59:00Z');
    const runs: ReminderJobEvent[] = [];
    const timer = startReminderTimer({
      run: (event) => {
        runs.push(event);
        return Promise.resolve();
      },
      timeZones: ['Asia/Makassar', 'Asia/Jayapura'],
      now: () => now,
      checkEveryMs: 3_600_000,
    });

    // Act and assess: nothing yet (the 07:00 digest and Jayapura's 17:00 were before the start)
    await timer.check();
    expect(runs).toEqual([]);
    now = new Date('2026-03-02T09:00:30Z'); // 17:00:30 WITA
    await timer.check();
    expect(runs).toEqual([{ job: 'day-before', timeZone: 'Asia/Makassar' }]);
    await timer.check();
    expect(runs).toHaveLength(1);
    now = new Date('2026-03-02T13:00:00Z'); // 21:00 WITA, 22:00 WIT
    await timer.check();
    expect(runs.slice(1)).toEqual([
      { job: 'end-of-day', timeZone: 'Asia/Makassar' },
      { job: 'end-of-day', timeZone: 'Asia/Jayapura' },
    ]);
    await timer.stop();
  });

  it('keeps running after a job fails, and reports the failure', async () => {
    let now = new Date('2026-03-02T09:59:00Z'); // 16:59 WIB
    const failures: string[] = [];
    const timer = startReminderTimer({
      run: () => Promise.reject(new Error('store down')),
      timeZones: ['Asia/Jakarta'],
      now: () => now,
      onError: (event, error) => failures.push(`${event.job}: ${(error as Error).message}`),
    });
    now = new Date('2026-03-02T14:00:00Z'); // 21:00 WIB: both daily jobs are due
    await timer.check();
    expect(failures).toEqual(['day-before: store down', 'end-of-day: store down']);
    await timer.stop();
  });
});
