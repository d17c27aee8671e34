/**
 * Dates, times and numbers as the user reads them: per locale, and in the office's time zone.
 * Pure functions (the locale and "now" are passed in), unit-tested in test/unit/web/format.test.ts.
 *
 * Dates of the law (deadlines, session dates) are already office-local `YYYY-MM-DD` strings and are
 * formatted as calendar dates with no zone arithmetic; instants (audit entries, "recorded at") are
 * UTC ISO strings and are shown in the office's zone with its Indonesian abbreviation (WIB/WITA/WIT).
 */
import { addDays, daysInMonth, formatYmd, isoWeekday } from '../../../functions/domain/calendar';
import { clockTime, numericDate, zoneAbbreviation } from '../../../functions/domain/indonesian-format';

export { zoneAbbreviation };

/** The app's locales and the Intl locale each formats with (British English: day before month). */
export const INTL_LOCALES = { id: 'id-ID', en: 'en-GB' } as const;
export type AppLocale = keyof typeof INTL_LOCALES;

const intl = (locale: AppLocale) => INTL_LOCALES[locale];

const ymdToUtc = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * `2026-05-12` → "12 Mei 2026" (id) or "12 May 2026" (en); `short` → "12 Mei"; `full` spells the month
 * out as official documents do: "5 Desember 2026".
 */
export function formatDate(
  date: string,
  locale: AppLocale,
  style: 'long' | 'short' | 'full' = 'long',
): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Intl.DateTimeFormat(intl(locale), {
    day: 'numeric',
    month: style === 'full' ? 'long' : 'short',
    ...(style === 'short' ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(ymdToUtc(date));
}

/** `2026-05-12` → "Selasa, 12 Mei 2026". */
export function formatDateWithWeekday(date: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intl(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(ymdToUtc(date));
}

/** An instant in the office's zone: "12 Mei 2026 08.30 WITA". */
export function formatInstant(iso: string, locale: AppLocale, timeZone: string): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const text = new Intl.DateTimeFormat(intl(locale), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(when);
  return `${text} ${zoneAbbreviation(timeZone)}`;
}

/**
 * `2026-12-05` → "05/12/2026" in both languages: day first, in figures, as Indonesian forms and tables
 * write a date (and as the date inputs show it).
 */
export const formatNumericDate = (date: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) ? numericDate(date) : date;

/** `14:30` → "14.30" (id) or "14:30" (en): the 24-hour clock in both. */
export const formatTime = (time: string, locale: AppLocale): string =>
  /^\d{2}:\d{2}$/.test(time) && locale === 'id' ? clockTime(time) : time;

/** `08:00`, `12:00` → "08.00–12.00" (id), "08:00–12:00" (en). */
export const formatTimeRange = (start: string, end: string, locale: AppLocale): string =>
  `${formatTime(start, locale)}–${formatTime(end, locale)}`;

/** Today's date in the office's zone, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A number with up to `maxFraction` decimals: 12.5 → "12,5" (id), "12.5" (en). */
export function formatNumber(value: number, locale: AppLocale, maxFraction = 2): string {
  return new Intl.NumberFormat(intl(locale), { maximumFractionDigits: maxFraction }).format(value);
}

/**
 * Rupiah without decimals and with no space after the symbol, as Indonesian writing has it:
 * "Rp10.000.000" (id), "Rp10,000,000" (en). Not Intl's currency style, which writes "Rp 10.000.000"
 * in id-ID and "IDR 10,000,000" in en-GB.
 */
export function formatRupiah(value: number, locale: AppLocale): string {
  const amount = new Intl.NumberFormat(intl(locale), { maximumFractionDigits: 0 }).format(Math.abs(value));
  return `${value < 0 ? '-' : ''}Rp${amount}`;
}

/** Credited share in whole percent, 0–100, for a progress bar. */
export function percent(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round((part / whole) * 100)));
}

/** Weekday names Monday … Sunday (ISO order), `short` ("Sen") or `long` ("Senin"). */
export function weekdayNames(locale: AppLocale, style: 'short' | 'long' = 'short'): string[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(intl(locale), { weekday: style, timeZone: 'UTC' }).format(
      ymdToUtc(addDays('2024-01-01', i)),
    ),
  );
}

/** "Mei 2026" for `2026-05`. */
export function formatMonth(month: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intl(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    ymdToUtc(`${month}-01`),
  );
}

/** `2026-05` moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The weeks of a month for a calendar, Monday first: each week has seven cells, `null` outside the
 * month. `2026-05` starts on a Friday, so its first week is four `null`s and 1–3 May.
 */
export function monthGrid(month: string): (string | null)[][] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = formatYmd(y, m, 1);
  const cells: (string | null)[] = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  for (let d = 1; d <= daysInMonth(y, m); d++) cells.push(formatYmd(y, m, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
