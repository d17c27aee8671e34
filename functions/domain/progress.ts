/**
 * Where a case stands: hours credited and remaining, days left, and whether it is on track.
 */
import { addDays, availableDays, diffDays, maxDate, type LocalDate } from './calendar';
import { hoursToMinutes, minutesToHours } from './hours';
import { Rule } from './rules';

/** Rule id of the on-track computation (a derived flag, not a refusal). */
export const PROGRESS_ON_TRACK = Rule.PROGRESS_ON_TRACK;

export interface ProgressInput {
  readonly hoursOrdered: number;
  /** Minutes credited so far (the store keeps minutes; see hours.ts). */
  readonly creditedMinutes: number;
  /** The office-local date today. */
  readonly today: LocalDate;
  /** Sentence start; before it, days are counted from the start, not from today. */
  readonly startDate?: LocalDate;
  readonly deadline: LocalDate;
  readonly maxHoursPerDay: number;
  readonly daysPerWeek?: number | null;
}

/** The `progress` object of a case response. */
export interface CaseProgress {
  readonly hoursOrdered: number;
  readonly hoursCredited: number;
  readonly hoursRemaining: number;
  readonly deadline: LocalDate;
  /** `deadline − today` in days: 0 on the last day, negative once overdue. */
  readonly daysLeft: number;
  readonly onTrack: boolean;
}

/** Minutes still to credit, never negative. */
export const remainingMinutes = (hoursOrdered: number, creditedMinutes: number): number =>
  Math.max(0, hoursToMinutes(hoursOrdered) - creditedMinutes);

/**
 * Computes a case's progress (rule PROGRESS-ON-TRACK).
 *
 * `onTrack` is true when nothing remains, or when the remaining minutes fit in the days from today (or the
 * start, if later) to the deadline, both included, at `maxHoursPerDay` each, where with `daysPerWeek` only
 * that many days of each Monday–Sunday week count (calendar.availableDays, the exact best case). Today
 * counts as a whole day even if the client already worked some of it: the check is optimistic by at most
 * one day's hours, so "off track" always means the case truly cannot finish in time at the decided pace.
 *
 * @example computeProgress({ hoursOrdered: 40, creditedMinutes: 600, today: '2026-03-01', deadline: '2026-03-10',
 *   maxHoursPerDay: 3 }) // { hoursRemaining: 30, daysLeft: 9, onTrack: true } (10 days × 3 h)
 */
export const computeProgress = (input: ProgressInput): CaseProgress => {
  const remaining = remainingMinutes(input.hoursOrdered, input.creditedMinutes);
  const from = input.startDate === undefined ? input.today : maxDate(input.today, input.startDate);
  const capacity =
    availableDays(from, input.deadline, input.daysPerWeek ?? undefined) *
    hoursToMinutes(input.maxHoursPerDay);
  return {
    hoursOrdered: input.hoursOrdered,
    hoursCredited: minutesToHours(Math.min(input.creditedMinutes, hoursToMinutes(input.hoursOrdered))),
    hoursRemaining: minutesToHours(remaining),
    deadline: input.deadline,
    daysLeft: diffDays(input.deadline, input.today),
    onTrack: remaining === 0 || capacity >= remaining,
  };
};

/**
 * The last office-local date on which the case is still on track (rule PROGRESS-ON-TRACK): on any
 * later day the remaining minutes no longer fit before the deadline. Capacity only shrinks as days
 * pass, so `onTrack(today) ⇔ today ≤ onTrackUntil`. The store keeps this date in a sparse index,
 * which lets the office summary count off-track cases with one query instead of reading every case.
 *
 * Returns `undefined` when nothing remains (the case can never fall off track), and the day before
 * `startDate` when even the whole window is too short.
 */
export const onTrackUntil = (
  input: Omit<ProgressInput, 'today'> & { startDate: LocalDate },
): LocalDate | undefined => {
  const remaining = remainingMinutes(input.hoursOrdered, input.creditedMinutes);
  if (remaining === 0) return undefined;
  const perDay = hoursToMinutes(input.maxHoursPerDay);
  const fits = (from: LocalDate) =>
    availableDays(from, input.deadline, input.daysPerWeek ?? undefined) * perDay >= remaining;
  if (!fits(input.startDate)) return addDays(input.startDate, -1);
  // Binary search for the last day that still fits: capacity is monotone in the start day.
  let low = 0; // fits
  let high = diffDays(input.deadline, input.startDate); // may or may not fit
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(addDays(input.startDate, mid))) low = mid;
    else high = mid - 1;
  }
  return addDays(input.startDate, low);
};
