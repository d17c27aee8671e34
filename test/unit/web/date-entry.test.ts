import { describe, expect, it } from 'vitest';
import {
  entryText,
  joinDateTime,
  outOfRange,
  parseDate,
  parseEntry,
  parseMonth,
  parseTime,
  splitDateTime,
} from '../../../web/src/lib/date-entry';
import {
  formatNumber,
  formatNumericDate,
  formatRupiah,
  formatTime,
  formatTimeRange,
} from '../../../web/src/lib/format';

describe('typed dates, day first', () => {
  it.each([
    ['05/12/2026', '2026-12-05'],
    ['5/12/2026', '2026-12-05'],
    ['5-12-2026', '2026-12-05'],
    ['05.12.2026', '2026-12-05'],
    [' 05 12 2026 ', '2026-12-05'],
    ['05122026', '2026-12-05'],
    ['2026-12-05', '2026-12-05'],
    ['2026/12/5', '2026-12-05'],
    ['5 Desember 2026', '2026-12-05'],
    ['5 Des 2026', '2026-12-05'],
    ['5 December 2026', '2026-12-05'],
    ['17 agu 2026', '2026-08-17'],
    ['13/05/2026', '2026-05-13'],
    ['29/02/2028', '2028-02-29'],
    ['', ''],
    ['   ', ''],
  ])('reads %j as %s', (typed, iso) => {
    expect(parseDate(typed)).toEqual({ value: iso });
  });

  it('never reads a date month first: month 13 and over says dates are day first', () => {
    expect(parseDate('12/25/2026')).toEqual({ problem: { kind: 'month', month: 25 } });
    expect(parseDate('00/00/2026')).toEqual({ problem: { kind: 'month', month: 0 } });
  });

  it('refuses a day its month does not have rather than moving it', () => {
    expect(parseDate('31/02/2026')).toEqual({
      problem: { kind: 'day', day: 31, month: '2026-02', days: 28 },
    });
    expect(parseDate('29/02/2026')).toEqual({
      problem: { kind: 'day', day: 29, month: '2026-02', days: 28 },
    });
    expect(parseDate('31/04/2026')).toMatchObject({ problem: { kind: 'day', days: 30 } });
    expect(parseDate('2026-02-30')).toMatchObject({ problem: { kind: 'day', month: '2026-02' } });
  });

  it('asks for a four-digit year instead of guessing the century', () => {
    expect(parseDate('05/12/26')).toEqual({ problem: { kind: 'year' } });
    expect(parseDate('05/12/202')).toEqual({ problem: { kind: 'year' } });
  });

  it.each(['hello', '05/12', '5 Foo 2026', '2026-12', '05//12/2026', '051226'])(
    'refuses %j as not a date',
    (typed) => {
      expect(parseDate(typed)).toEqual({ problem: { kind: 'format' } });
    },
  );
});

describe('typed times, 24-hour', () => {
  it.each([
    ['14.30', '14:30'],
    ['14:30', '14:30'],
    ['14,30', '14:30'],
    ['1430', '14:30'],
    ['930', '09:30'],
    ['9.05', '09:05'],
    ['09.05', '09:05'],
    ['9', '09:00'],
    ['23.59', '23:59'],
    ['0.00', '00:00'],
    ['', ''],
  ])('reads %j as %s', (typed, iso) => {
    expect(parseTime(typed)).toEqual({ value: iso });
  });

  it('asks for two-digit minutes rather than reading 9.5 as 09.05 or 09.50', () => {
    expect(parseTime('9.5')).toEqual({ problem: { kind: 'minutes' } });
  });

  it('refuses hours and minutes the clock does not have', () => {
    expect(parseTime('24.00')).toEqual({ problem: { kind: 'clock' } });
    expect(parseTime('12.60')).toEqual({ problem: { kind: 'clock' } });
    expect(parseTime('2460')).toEqual({ problem: { kind: 'clock' } });
  });

  it('refuses AM/PM, suggesting the 24-hour time meant', () => {
    expect(parseTime('2:30 PM')).toEqual({ problem: { kind: 'ampm', suggestion: '14:30' } });
    expect(parseTime('12 am')).toEqual({ problem: { kind: 'ampm', suggestion: '00:00' } });
    expect(parseTime('9.15a.m.')).toEqual({ problem: { kind: 'ampm', suggestion: '09:15' } });
    expect(parseTime('13:00 pm')).toEqual({ problem: { kind: 'ampm', suggestion: null } });
  });

  it('refuses what is not a time', () => {
    expect(parseTime('noon')).toEqual({ problem: { kind: 'format' } });
    expect(parseTime('14.30.00')).toEqual({ problem: { kind: 'format' } });
  });
});

describe('typed months', () => {
  it.each([
    ['05/2026', '2026-05'],
    ['5/2026', '2026-05'],
    ['5-2026', '2026-05'],
    ['05.2026', '2026-05'],
    ['052026', '2026-05'],
    ['2026-05', '2026-05'],
    ['Mei 2026', '2026-05'],
    ['May 2026', '2026-05'],
    ['', ''],
  ])('reads %j as %s', (typed, iso) => {
    expect(parseMonth(typed)).toEqual({ value: iso });
  });

  it('refuses a month 13, a short year and other text', () => {
    expect(parseMonth('13/2026')).toEqual({ problem: { kind: 'month', month: 13 } });
    expect(parseMonth('05/26')).toEqual({ problem: { kind: 'year' } });
    expect(parseMonth('soon')).toEqual({ problem: { kind: 'format' } });
  });

  it('dispatches on the kind', () => {
    expect(parseEntry('date', '05/12/2026')).toEqual({ value: '2026-12-05' });
    expect(parseEntry('time', '14.30')).toEqual({ value: '14:30' });
    expect(parseEntry('month', '12/2026')).toEqual({ value: '2026-12' });
  });
});

describe('limits', () => {
  it('checks min and max as ISO values of the same kind', () => {
    expect(outOfRange('2026-12-05', '2026-12-06')).toEqual({ kind: 'min', min: '2026-12-06' });
    expect(outOfRange('2026-12-05', undefined, '2026-12-04')).toEqual({ kind: 'max', max: '2026-12-04' });
    expect(outOfRange('2026-12-05', '2026-12-05', '2026-12-05')).toBeNull();
    expect(outOfRange('2026-06', null, '2026-05')).toEqual({ kind: 'max', max: '2026-05' });
    expect(outOfRange('', '2026-12-06')).toBeNull();
  });
});

describe('shown values', () => {
  it('writes dates and months day first in both languages, times with a point in Indonesian', () => {
    expect(entryText('date', '2026-12-05', 'id')).toBe('05/12/2026');
    expect(entryText('date', '2026-12-05', 'en')).toBe('05/12/2026');
    expect(entryText('month', '2026-05', 'en')).toBe('05/2026');
    expect(entryText('time', '14:30', 'id')).toBe('14.30');
    expect(entryText('time', '14:30', 'en')).toBe('14:30');
    expect(entryText('date', '', 'id')).toBe('');
    expect(entryText('time', null, 'id')).toBe('');
    // Not of its kind: shown as it is rather than hidden.
    expect(entryText('date', 'soon', 'id')).toBe('soon');
  });

  it('reads back what it writes', () => {
    for (const [kind, iso] of [
      ['date', '2026-01-31'],
      ['time', '07:05'],
      ['month', '2027-11'],
    ] as const) {
      for (const locale of ['id', 'en'] as const) {
        expect(parseEntry(kind, entryText(kind, iso, locale))).toEqual({ value: iso });
      }
    }
  });

  it('splits and joins a datetime-local value', () => {
    expect(splitDateTime('2026-12-05T14:30')).toEqual({ date: '2026-12-05', time: '14:30' });
    expect(splitDateTime('')).toEqual({ date: '', time: '' });
    expect(joinDateTime('2026-12-05', '14:30')).toBe('2026-12-05T14:30');
    expect(joinDateTime('2026-12-05', '')).toBe('');
  });
});

describe('figures in tables and prose (lib/format)', () => {
  it('writes dates in figures day first in both languages', () => {
    expect(formatNumericDate('2026-12-05')).toBe('05/12/2026');
    expect(formatNumericDate('not a date')).toBe('not a date');
  });

  it('writes times on the 24-hour clock: with a point in Indonesian, a colon in English', () => {
    expect(formatTime('14:30', 'id')).toBe('14.30');
    expect(formatTime('14:30', 'en')).toBe('14:30');
    expect(formatTimeRange('08:00', '12:00', 'id')).toBe('08.00–12.00');
    expect(formatTimeRange('08:00', '12:00', 'en')).toBe('08:00–12:00');
  });

  it('writes rupiah with no space after Rp, and numbers with the locale separators', () => {
    expect(formatRupiah(10_000_000, 'id')).toBe('Rp10.000.000');
    expect(formatRupiah(10_000_000, 'en')).toBe('Rp10,000,000');
    expect(formatRupiah(-50_000, 'id')).toBe('-Rp50.000');
    expect(formatNumber(1234.5, 'id')).toBe('1.234,5');
  });
});
