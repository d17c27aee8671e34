/**
 * Local calendar arithmetic for an office.
 *
 * The law counts days in the office's own time zone (the 8-hour cap, schedules, deadlines), so dates are
 * plain `YYYY-MM-DD` strings and times `HH:mm` strings with no zone attached; instants are ISO-8601 UTC.
 * Indonesia has three zones and no daylight saving, so a local date never has 23 or 25 hours.
 *
 * Nothing here reads the clock: the caller passes the current instant in. `Date` is used only as a pure
 * calculator (`Date.UTC`, `new Date(ms)`), and zone offsets come from `Intl`, with no libraries.
 */

/** A calendar date in an office's zone, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A wall-clock time in an office's zone, `HH:mm` (00:00–23:59). */
export type LocalTime = string;

/** WIB (UTC+7), WITA (UTC+8, all of Sulawesi, so Palopo), WIT (UTC+9). */
export const OFFICE_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type OfficeTimeZone = (typeof OFFICE_TIME_ZONES)[number];

/** KUHP Pasal 184: a month in a sentence is 30 days, so "6 months" is 180 days. */
export const DAYS_PER_MONTH = 30;
export const MS_PER_DAY = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isOfficeTimeZone = (zone: string): zone is OfficeTimeZone =>
  (OFFICE_TIME_ZONES as readonly string[]).includes(zone);

/** Whether `year-month-day` is a real Gregorian date (leap years included). */
export const isValidYmd = (year: number, month: number, day: number): boolean => {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
};

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** Whether `value` is a real `YYYY-MM-DD` date (`2026-02-30` is not). */
export const isLocalDate = (value: unknown): value is LocalDate => {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
};

/** Whether `value` is an `HH:mm` time between 00:00 and 23:59. */
export const isLocalTime = (value: unknown): value is LocalTime =>
  typeof value === 'string' && TIME_RE.test(value);

/** Formats a year, month and day as `YYYY-MM-DD`. */
export const formatYmd = (year: number, month: number, day: number): LocalDate =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const ymd = (date: LocalDate): [number, number, number] => {
  const m = DATE_RE.exec(date);
  if (m === null || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) {
    // Callers validate input first; a bad date here is a programming error, not user input.
    throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};

/** Days since 1970-01-01 (negative before). Throws on a malformed date. */
export const toEpochDay = (date: LocalDate): number => {
  const [y, m, d] = ymd(date);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear avoids that for tiny years.
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y);
  return Math.round(t.getTime() / MS_PER_DAY);
};

/** The date `epochDay` days after 1970-01-01. */
export const fromEpochDay = (epochDay: number): LocalDate => {
  const t = new Date(epochDay * MS_PER_DAY);
  return formatYmd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
};

/**
 * @example addDays('2026-01-31', 1) === '2026-02-01'
 */
export const addDays = (date: LocalDate, days: number): LocalDate => fromEpochDay(toEpochDay(date) + days);

/**
 * Whole days from `from` to `to` (`to − from`), negative when `to` is earlier.
 * @example diffDays('2026-07-01', '2026-01-02') === 180
 */
export const diffDays = (to: LocalDate, from: LocalDate): number => toEpochDay(to) - toEpochDay(from);

/** −1, 0 or 1; `YYYY-MM-DD` strings also sort correctly as text, this just says so. */
export const compareDates = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);
export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);

/** Whether `date` lies in `[from, to]`, both ends included. */
export const isWithin = (date: LocalDate, from: LocalDate, to: LocalDate): boolean =>
  date >= from && date <= to;

/** Weekday as JavaScript numbers it: 0 = Sunday … 6 = Saturday. */
export const weekday = (date: LocalDate): number => {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
};

/** ISO weekday: 1 = Monday … 7 = Sunday (the numbering placements use). */
export const isoWeekday = (date: LocalDate): number => {
  const d = weekday(date);
  return d === 0 ? 7 : d;
};

/** Number of days in a sentence period of `months` months (KUHP 184: 30 days each). */
/**
 * The Monday that starts the ISO week of `date` (weeks run Monday to Sunday in Indonesia too).
 * @example weekStart('2026-03-05') === '2026-03-02'
 */
export const weekStart = (date: LocalDate): LocalDate => addDays(date, 1 - isoWeekday(date));

export const monthsToDays = (months: number): number => months * DAYS_PER_MONTH;

/**
 * Completed years of age on `on` for someone born on `birthDate`. A 29 February birthday is reached on
 * 1 March in common years (the day after 28 February), the usual reading in Indonesian practice.
 * @example ageOn('2008-05-10', '2026-05-09') === 17
 */
export const ageOn = (birthDate: LocalDate, on: LocalDate): number => {
  const [by, bm, bd] = ymd(birthDate);
  const [y, m, d] = ymd(on);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
};

/**
 * How many days in `[from, to]` (inclusive) a client can work when at most `daysPerWeek` days of each
 * calendar week may be worked. Weeks are ISO weeks, Monday to Sunday, which is how a decision's
 * "N hari per minggu" and a placement's weekday list read. Within each week the count is
 * `min(days of that week inside the range, daysPerWeek)`: the exact best case, assuming the client may
 * pick any days of the week. Without `daysPerWeek` (or 7) every day counts.
 *
 * This is more exact than `floor(days × dpw / 7)`, which under-counts a range that starts or ends in a
 * partial week (three days Fri–Sun at 2 days a week allows 2, not 0).
 * @example availableDays('2026-01-05', '2026-01-18', 2) === 4 // two full weeks
 */
export const availableDays = (from: LocalDate, to: LocalDate, daysPerWeek?: number): number => {
  const total = diffDays(to, from) + 1;
  if (total <= 0) return 0;
  if (daysPerWeek === undefined || daysPerWeek >= 7) return total;
  if (daysPerWeek <= 0) return 0;
  const firstWeekLength = 8 - isoWeekday(from); // days from `from` to that week's Sunday
  if (total <= firstWeekLength) return Math.min(total, daysPerWeek);
  const rest = total - firstWeekLength;
  return (
    Math.min(firstWeekLength, daysPerWeek) +
    Math.floor(rest / 7) * daysPerWeek +
    Math.min(rest % 7, daysPerWeek)
  );
};

/** Minutes since midnight for an `HH:mm` time, or `undefined` when malformed. */
export const parseTime = (time: string): number | undefined => {
  const m = TIME_RE.exec(time);
  return m === null ? undefined : Number(m[1]) * 60 + Number(m[2]);
};

/** `HH:mm` for minutes since midnight (0–1439). */
export const formatTime = (minutes: number): LocalTime =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Minutes from `start` to `end` on the same date (negative when `end` is earlier), or `undefined` when
 * either is malformed. Sessions never cross midnight: a night shift would split over two local dates,
 * and the per-day cap is per date.
 */
export const minutesBetween = (start: LocalTime, end: LocalTime): number | undefined => {
  const s = parseTime(start);
  const e = parseTime(end);
  return s === undefined || e === undefined ? undefined : e - s;
};

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (zone: OfficeTimeZone): Intl.DateTimeFormat => {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
};

const toMillis = (instant: string | number | Date): number => {
  const ms =
    typeof instant === 'number'
      ? instant
      : typeof instant === 'string'
        ? Date.parse(instant)
        : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${String(instant)}`);
  return ms;
};

/** The zone's offset from UTC in minutes at `ms` (e.g. +480 for Asia/Makassar). */
export const zoneOffsetMinutes = (zone: OfficeTimeZone, instant: string | number | Date): number => {
  const ms = toMillis(instant);
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
};

/**
 * The office-local date and time of a UTC instant (ISO string, epoch ms or a `Date` value passed in).
 * @example toLocalDateTime('2026-01-12T16:30:00Z', 'Asia/Makassar') // { date: '2026-01-13', time: '00:30' }
 */
export const toLocalDateTime = (
  instant: string | number | Date,
  zone: OfficeTimeZone,
): { date: LocalDate; time: LocalTime } => {
  const ms = toMillis(instant);
  const local = new Date(ms + zoneOffsetMinutes(zone, ms) * 60_000);
  return {
    date: formatYmd(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()),
    time: formatTime(local.getUTCHours() * 60 + local.getUTCMinutes()),
  };
};

/** The office-local date of an instant: "today" for an office, given "now". */
export const localDateOf = (instant: string | number | Date, zone: OfficeTimeZone): LocalDate =>
  toLocalDateTime(instant, zone).date;

/**
 * The UTC instant (ISO-8601, `Z`) of a local date and time in an office's zone.
 * @example toInstant('2026-01-13', '00:30', 'Asia/Makassar') === '2026-01-12T16:30:00.000Z'
 */
export const toInstant = (date: LocalDate, time: LocalTime, zone: OfficeTimeZone): string => {
  const minutes = parseTime(time);
  if (minutes === undefined) throw new RangeError(`Not an HH:mm time: ${time}`);
  const wall = toEpochDay(date) * MS_PER_DAY + minutes * 60_000;
  // Without DST one correction is exact; the second pass keeps this right for any zone with fixed offsets.
  let ms = wall - zoneOffsetMinutes(zone, wall) * 60_000;
  ms = wall - zoneOffsetMinutes(zone, ms) * 60_000;
  return new Date(ms).toISOString();
};
