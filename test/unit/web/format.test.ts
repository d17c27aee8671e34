import { describe, expect, it } from 'vitest';
import {
  addMonths,
  formatDate,
  formatInstant,
  formatNumber,
  monthGrid,
  percent,
  todayIn,
  weekdayNames,
  zoneAbbreviation,
} from '../../../web/src/lib/format';

describe('dates in the office zone', () => {
  it.each([
    ['2026-05-12', 'id', undefined, '12 Mei 2026'],
    ['2026-05-12', 'en', undefined, '12 May 2026'],
    ['2026-05-12', 'id', 'short', '12 Mei'],
    ['2026-12-05', 'id', 'full', '5 Desember 2026'],
    ['2026-12-05', 'en', 'full', '5 December 2026'],
    ['not a date', 'id', undefined, 'not a date'],
  ] as const)(
    'formats office-local dates per locale without shifting the day: %s %s %s',
    (date, lang, style, text) => {
      expect(formatDate(date, lang, style)).toBe(text);
    },
  );

  it('shows instants in the office zone with WIB/WITA/WIT', () => {
    // 23:30 UTC on 11 May is already 07:30 on 12 May in Palopo (WITA, UTC+8).
    expect(formatInstant('2026-05-11T23:30:00Z', 'id', 'Asia/Makassar')).toBe('12 Mei 2026, 07.30 WITA');
    expect(formatInstant('2026-05-11T23:30:00Z', 'en', 'Asia/Jakarta')).toBe('12 May 2026, 06:30 WIB');
    expect(zoneAbbreviation('Asia/Jayapura')).toBe('WIT');
    expect(zoneAbbreviation('Europe/London')).toBe('Europe/London');
  });

  it("takes today's date from the office's zone, not UTC", () => {
    const lateUtc = new Date('2026-05-11T17:00:00Z');
    expect(todayIn('Asia/Makassar', lateUtc)).toBe('2026-05-12');
    expect(todayIn('UTC', lateUtc)).toBe('2026-05-11');
  });
});

describe('numbers', () => {
  it('uses the locale separators', () => {
    expect(formatNumber(12.5, 'id')).toBe('12,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(10 / 3, 'en')).toBe('3.33');
  });

  it('clamps progress to 0–100 percent', () => {
    expect(percent(26, 60)).toBe(43);
    expect(percent(300, 60)).toBe(100);
    expect(percent(5, 0)).toBe(0);
  });
});

describe('the month calendar', () => {
  it('lays a month out in Monday-first weeks', () => {
    // May 2026 starts on a Friday and has 31 days.
    const weeks = monthGrid('2026-05');
    expect(weeks[0]).toEqual([null, null, null, null, '2026-05-01', '2026-05-02', '2026-05-03']);
    expect(weeks.at(-1)).toEqual([
      '2026-05-25',
      '2026-05-26',
      '2026-05-27',
      '2026-05-28',
      '2026-05-29',
      '2026-05-30',
      '2026-05-31',
    ]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });

  it('moves across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
  });

  it('names weekdays from Monday', () => {
    expect(weekdayNames('id', 'long')[0]).toBe('Senin');
    expect(weekdayNames('en', 'long')[6]).toBe('Sunday');
  });
});
