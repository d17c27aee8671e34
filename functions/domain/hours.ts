/**
 * Units of credited time.
 *
 * The domain counts in whole minutes internally and only shows hours at the edge: three 20-minute
 * sessions are exactly 60 minutes, whereas 0.33 + 0.33 + 0.33 hours is not one hour. Stores should
 * persist minutes; responses show hours rounded to 2 decimals.
 */

export const MINUTES_PER_HOUR = 60;

/** Hours (possibly fractional, e.g. 1.5) to whole minutes. */
export const hoursToMinutes = (hours: number): number => Math.round(hours * MINUTES_PER_HOUR);

/**
 * Minutes to hours rounded to 2 decimals. A non-zero amount never rounds to 0 (1 minute is 0.02 h),
 * so "0 hours remaining" always means exactly none.
 */
export const minutesToHours = (minutes: number): number =>
  Math.round((minutes / MINUTES_PER_HOUR) * 100) / 100;

/** Whether `hours` is a whole number of minutes (1.5 is, 1.01 is not). */
export const isWholeMinutes = (hours: number): boolean =>
  Number.isFinite(hours) && Math.abs(hours * MINUTES_PER_HOUR - Math.round(hours * MINUTES_PER_HOUR)) < 1e-9;
