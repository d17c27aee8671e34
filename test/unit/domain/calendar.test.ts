import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  weekStart,
  addDays,
  ageOn,
  availableDays,
  diffDays,
  fromEpochDay,
  isLocalDate,
  isLocalTime,
  isoWeekday,
  localDateOf,
  minutesBetween,
  monthsToDays,
  OFFICE_TIME_ZONES,
  parseTime,
  toEpochDay,
  toInstant,
  toLocalDateTime,
  weekday,
  zoneOffsetMinutes,
} from '../../../functions/domain';

describe('local dates', () => {
  it.each([
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    [20260101, false],
  ])('accepts real dates and refuses impossible ones: %j is a date: %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });

  it('adds and diffs across month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(diffDays('2026-07-01', '2026-01-02')).toBe(180);
    expect(diffDays('2026-01-01', '2026-01-02')).toBe(-1);
  });

  it('six months of 30 days is 180 days (KUHP 184)', () => {
    expect(monthsToDays(6)).toBe(180);
  });

  it('gives weekdays both ways (2026-01-12 is a Monday)', () => {
    expect(weekday('2026-01-12')).toBe(1);
    expect(isoWeekday('2026-01-12')).toBe(1);
    expect(weekday('2026-01-18')).toBe(0);
    expect(isoWeekday('2026-01-18')).toBe(7);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('1969-12-28')).toBe(0);
  });

  it('addDays and diffDays are inverse (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20_000, max: 40_000 }),
        fc.integer({ min: -1000, max: 1000 }),
        (day, n) => {
          const d = fromEpochDay(day);
          expect(toEpochDay(d)).toBe(day);
          expect(diffDays(addDays(d, n), d)).toBe(n);
        },
      ),
    );
  });

  it('computes completed years of age around birthdays', () => {
    expect(ageOn('2008-05-10', '2026-05-09')).toBe(17);
    expect(ageOn('2008-05-10', '2026-05-10')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('availableDays', () => {
  it('counts every day without a days-per-week limit', () => {
    expect(availableDays('2026-01-01', '2026-06-29')).toBe(180);
    expect(availableDays('2026-01-02', '2026-01-01')).toBe(0);
  });

  it('counts per Monday–Sunday week with a limit', () => {
    // Mon 2026-01-05 .. Sun 2026-01-18: two full weeks
    expect(availableDays('2026-01-05', '2026-01-18', 2)).toBe(4);
    // Fri 2026-01-09 .. Sun 2026-01-11: one partial week of 3 days
    expect(availableDays('2026-01-09', '2026-01-11', 2)).toBe(2);
    // Sat 2026-01-10 .. Tue 2026-01-13: two weeks, 2 days each
    expect(availableDays('2026-01-10', '2026-01-13', 2)).toBe(4);
  });

  it('matches a day-by-day count (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20_000, max: 21_000 }),
        fc.nat({ max: 200 }),
        fc.integer({ min: 1, max: 7 }),
        (startDay, length, dpw) => {
          const from = fromEpochDay(startDay);
          const to = fromEpochDay(startDay + length);
          const perWeek = new Map<number, number>();
          for (let d = startDay; d <= startDay + length; d++) {
            const monday = d - (isoWeekday(fromEpochDay(d)) - 1);
            perWeek.set(monday, (perWeek.get(monday) ?? 0) + 1);
          }
          const expected = [...perWeek.values()].reduce((s, n) => s + Math.min(n, dpw), 0);
          expect(availableDays(from, to, dpw)).toBe(expected);
        },
      ),
    );
  });
});

describe('times', () => {
  it('parses HH:mm and refuses anything else', () => {
    expect(parseTime('00:00')).toBe(0);
    expect(parseTime('23:59')).toBe(1439);
    expect(parseTime('24:00')).toBeUndefined();
    expect(parseTime('8:00')).toBeUndefined();
    expect(isLocalTime('07:60')).toBe(false);
  });

  it('measures minutes between two times', () => {
    expect(minutesBetween('08:00', '11:30')).toBe(210);
    expect(minutesBetween('11:30', '08:00')).toBe(-210);
    expect(minutesBetween('x', '08:00')).toBeUndefined();
  });
});

describe('time zones', () => {
  it('knows the three Indonesian offsets', () => {
    expect(zoneOffsetMinutes('Asia/Jakarta', '2026-06-01T00:00:00Z')).toBe(420);
    expect(zoneOffsetMinutes('Asia/Makassar', '2026-06-01T00:00:00Z')).toBe(480);
    expect(zoneOffsetMinutes('Asia/Jayapura', '2026-06-01T00:00:00Z')).toBe(540);
  });

  it('puts 16:30 UTC on the next local date in Palopo (WITA) but not in Jakarta (WIB)', () => {
    expect(toLocalDateTime('2026-01-12T16:30:00Z', 'Asia/Makassar')).toEqual({
      date: '2026-01-13',
      time: '00:30',
    });
    expect(toLocalDateTime('2026-01-12T16:30:00Z', 'Asia/Jakarta')).toEqual({
      date: '2026-01-12',
      time: '23:30',
    });
    expect(localDateOf(Date.UTC(2026, 0, 12, 15, 0), 'Asia/Jayapura')).toBe('2026-01-13');
  });

  it('converts a local date and time to a UTC instant', () => {
    expect(toInstant('2026-01-13', '00:30', 'Asia/Makassar')).toBe('2026-01-12T16:30:00.000Z');
    expect(toInstant('2026-01-01', '07:00', 'Asia/Jakarta')).toBe('2026-01-01T00:00:00.000Z');
  });

  it('round-trips local time through an instant (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 19_000, max: 22_000 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.constantFrom(...OFFICE_TIME_ZONES),
        (day, minute, zone) => {
          const date = fromEpochDay(day);
          const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
          expect(toLocalDateTime(toInstant(date, time, zone), zone)).toEqual({ date, time });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('weekStart', () => {
  it('maps every day of an ISO week to its Monday, across a year end', () => {
    expect(['2026-03-02', '2026-03-05', '2026-03-08'].map(weekStart)).toEqual([
      '2026-03-02',
      '2026-03-02',
      '2026-03-02',
    ]);
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });
});
