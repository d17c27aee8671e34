import { describe, expect, it } from 'vitest';
import {
  addDays,
  computeProgress,
  onTrackUntil,
  remainingMinutes,
  type ProgressInput,
} from '../../../functions/domain';

const base: ProgressInput = {
  hoursOrdered: 40,
  creditedMinutes: 600,
  today: '2026-03-01',
  startDate: '2026-02-02',
  deadline: '2026-03-10',
  maxHoursPerDay: 3,
};

describe('case progress', () => {
  it('PROGRESS-ON-TRACK: 30 hours fit in 10 days at 3 hours a day, exactly', () => {
    // Prepare: 2026-03-01..2026-03-10 is 10 days, both included
    // Act
    const p = computeProgress(base);
    // Assess
    expect(p).toEqual({
      hoursOrdered: 40,
      hoursCredited: 10,
      hoursRemaining: 30,
      deadline: '2026-03-10',
      daysLeft: 9,
      onTrack: true,
    });
  });

  it('PROGRESS-ON-TRACK: one minute more than fits is off track', () => {
    expect(computeProgress({ ...base, creditedMinutes: 599 }).onTrack).toBe(false);
  });

  it('PROGRESS-ON-TRACK counts only the allowed days of each week', () => {
    // Prepare: Mon 2026-03-02 .. Sun 2026-03-15 at 2 days a week = 4 days × 3 h = 12 h
    const twoWeeks = { ...base, today: '2026-03-02', deadline: '2026-03-15', daysPerWeek: 2 };
    // Act / Assess
    expect(computeProgress({ ...twoWeeks, creditedMinutes: (40 - 12) * 60 }).onTrack).toBe(true);
    expect(computeProgress({ ...twoWeeks, creditedMinutes: (40 - 12) * 60 - 1 }).onTrack).toBe(false);
  });

  it('PROGRESS-ON-TRACK counts from the start date when the sentence has not started', () => {
    const p = computeProgress({
      ...base,
      today: '2026-01-01',
      startDate: '2026-03-09',
      creditedMinutes: 40 * 60 - 360,
    });
    expect(p).toMatchObject({ onTrack: true, daysLeft: 68 });
    expect(
      computeProgress({ ...base, today: '2026-01-01', startDate: '2026-03-09', creditedMinutes: 0 }).onTrack,
    ).toBe(false);
  });

  it('PROGRESS-ON-TRACK: a finished case is on track even after its deadline', () => {
    const p = computeProgress({ ...base, creditedMinutes: 2400, today: '2026-04-01' });
    expect(p).toMatchObject({ hoursRemaining: 0, hoursCredited: 40, daysLeft: -22, onTrack: true });
  });

  it('PROGRESS-ON-TRACK: an unfinished case past its deadline is off track', () => {
    const p = computeProgress({ ...base, today: '2026-03-11' });
    expect(p).toMatchObject({ daysLeft: -1, onTrack: false });
  });

  it('rounds hours to 2 decimals and never shows a remainder as 0', () => {
    const p = computeProgress({ ...base, creditedMinutes: 2399 });
    expect([p.hoursCredited, p.hoursRemaining]).toEqual([39.98, 0.02]);
    expect(remainingMinutes(40, 2500)).toBe(0);
  });
});

describe('onTrackUntil', () => {
  const window = {
    hoursOrdered: 40,
    creditedMinutes: 0,
    deadline: '2026-03-10',
    maxHoursPerDay: 4,
    startDate: '2026-03-01',
  };

  it('PROGRESS-ON-TRACK agrees with computeProgress on every day of the window', () => {
    for (const credited of [0, 600, 1800, 2400]) {
      const until = onTrackUntil({ ...window, creditedMinutes: credited });
      for (let day = 0; day <= 12; day += 1) {
        const today = addDays('2026-02-28', day);
        const expected = computeProgress({ ...window, creditedMinutes: credited, today }).onTrack;
        expect(until === undefined || today <= until).toBe(expected);
      }
    }
  });

  it('PROGRESS-ON-TRACK is undefined once nothing remains, and the day before the start when nothing fits', () => {
    expect(onTrackUntil({ ...window, creditedMinutes: 2400 })).toBeUndefined();
    expect(onTrackUntil({ ...window, hoursOrdered: 100 })).toBe('2026-02-28');
  });
});
