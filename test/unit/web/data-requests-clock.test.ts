import { describe, expect, it } from 'vitest';
import {
  clockTime,
  localDateTime,
  requestClock,
  zonedInstant,
} from '../../../web/src/screens/data-requests/request-clock';

/**
 * The request log's clock and times (issue 17, ADR 0021): the countdown the office reads against the
 * 3×24-hour deadline, and the 24-hour time typed in the office's zone as the instant the API takes.
 */
const NOW = new Date('2026-07-06T02:00:00Z');

describe('the countdown', () => {
  it('PDP-REQUEST-DEADLINE: an open request shows the whole hours the API says are left', () => {
    const clock = requestClock(
      { status: 'open', deadline: '2026-07-07T19:30:00Z', hoursLeft: 41, overdue: false },
      NOW,
    );
    expect(clock).toEqual({ state: 'left', hours: 41, tone: 'running' });
  });

  it('PDP-REQUEST-DEADLINE: under an hour left is its own state, not "0 hours left"', () => {
    const clock = requestClock(
      { status: 'open', deadline: '2026-07-06T02:40:00Z', hoursLeft: 0, overdue: false },
      NOW,
    );
    expect(clock).toEqual({ state: 'under-hour', tone: 'running' });
  });

  it('PDP-REQUEST-DEADLINE: an overdue request counts the hours late, rounded up, in red', () => {
    const clock = requestClock(
      { status: 'open', deadline: '2026-07-05T21:10:00Z', hoursLeft: 0, overdue: true },
      NOW,
    );
    expect(clock).toEqual({ state: 'late', hours: 5, tone: 'overdue' });
  });

  it('an answered request says whether it met its deadline', () => {
    const base = { deadline: '2026-07-05T21:10:00Z' } as const;
    expect(requestClock({ ...base, status: 'answered', overdue: false }, NOW)).toEqual({
      state: 'answered-in-time',
      tone: 'done',
    });
    expect(requestClock({ ...base, status: 'refused', overdue: true }, NOW).tone).toBe('overdue');
  });
});

describe('times in the office zone', () => {
  it('reads a 24-hour time typed with a colon or the Indonesian dot, and refuses others', () => {
    expect(clockTime('9:05')).toBe('09:05');
    expect(clockTime(' 21.30 ')).toBe('21:30');
    expect(clockTime('24:00')).toBeNull();
    expect(clockTime('8 PM')).toBeNull();
  });

  it('sends the date and time with the zone’s offset', () => {
    expect(zonedInstant('2026-07-06', '09:05', 'Asia/Makassar')).toBe('2026-07-06T09:05:00+08:00');
    expect(zonedInstant('2026-07-06', '09:05', 'Asia/Jakarta')).toBe('2026-07-06T09:05:00+07:00');
    expect(zonedInstant('2026-07-06', '09:05', 'Asia/Jayapura')).toBe('2026-07-06T09:05:00+09:00');
    expect(zonedInstant('2026-07-06', '09:05', 'UTC')).toBe('2026-07-06T09:05:00+00:00');
  });

  it('prefills the form with the office’s date and 24-hour time now', () => {
    expect(localDateTime('Asia/Makassar', new Date('2026-07-06T15:04:00Z'))).toEqual({
      date: '2026-07-06',
      time: '23:04',
    });
  });
});
