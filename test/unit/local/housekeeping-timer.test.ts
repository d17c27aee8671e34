import { describe, expect, it } from 'vitest';
import type { HousekeepingJobEvent } from '../../../infra/config/housekeeping-schedule';
import { startHousekeepingTimer } from '../../../infra/local/housekeeping-timer';

/**
 * Local mode's stand-in for the housekeeping schedules (issue 16, item 7): the job runs once per office
 * time zone when 00:30 local time passes there, as EventBridge Scheduler runs it in the cloud.
 */
describe('the local housekeeping timer', () => {
  it('runs each zone once when 00:30 passes there, and not again the same night', async () => {
    // Arrange: 2026-05-15 16:20 UTC = 00:20 WITA (16 May), 01:20 WIT (16 May, already past 00:30).
    let now = new Date('2026-05-15T16:20:00Z');
    const ran: HousekeepingJobEvent[] = [];
    const timer = startHousekeepingTimer({
      run: async (event) => void ran.push(event),
      timeZones: ['Asia/Makassar', 'Asia/Jayapura'],
      now: () => now,
      checkEveryMs: 3_600_000,
    });

    // Act / Assess: nothing has passed since the timer started.
    await timer.check();
    expect(ran).toEqual([]);

    // 00:31 WITA: Makassar's time passed; Jayapura's passed before the timer started.
    now = new Date('2026-05-15T16:31:00Z');
    await timer.check();
    expect(ran).toEqual([{ job: 'housekeeping', timeZone: 'Asia/Makassar' }]);

    // Later that night: nothing new.
    now = new Date('2026-05-15T20:00:00Z');
    await timer.check();
    expect(ran).toHaveLength(1);

    // The next night both zones.
    now = new Date('2026-05-16T16:40:00Z');
    await timer.check();
    expect(
      ran
        .slice(1)
        .map((e) => e.timeZone)
        .sort(),
    ).toEqual(['Asia/Jayapura', 'Asia/Makassar']);
    await timer.stop();
  });

  it('reports a failed run and goes on with the other zones', async () => {
    let now = new Date('2026-05-15T15:00:00Z');
    const failed: string[] = [];
    const ran: string[] = [];
    const timer = startHousekeepingTimer({
      run: async (event) => {
        if (event.timeZone === 'Asia/Jakarta') throw new Error('boom');
        ran.push(event.timeZone);
      },
      timeZones: ['Asia/Jakarta', 'Asia/Makassar'],
      now: () => now,
      onError: (event) => failed.push(event.timeZone),
      checkEveryMs: 3_600_000,
    });
    // 2026-05-15 18:00 UTC: 01:00 WIB and 02:00 WITA on the 16th, both past 00:30.
    now = new Date('2026-05-15T18:00:00Z');
    await timer.check();
    await timer.stop();
    expect(failed).toEqual(['Asia/Jakarta']);
    expect(ran).toEqual(['Asia/Makassar']);
  });
});
