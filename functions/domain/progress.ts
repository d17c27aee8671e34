/**
 * Where a case stands: the terms in force, hours credited and remaining, days left, and whether it is
 * on track.
 */
import { addDays, availableDays, diffDays, maxDate, type LocalDate } from './calendar';
import { hoursToMinutes, minutesToHours } from './hours';
import type { CaseStatus } from './lifecycle';
import { Rule } from './rules';

/** What set the terms in force: the decision, a referral's outcome, or a payment of a converted fine. */
export const TERMS_SOURCES = ['decision', 'referral_outcome', 'payment'] as const;
export type TermsSource = (typeof TERMS_SOURCES)[number];

/**
 * The hours and deadline in force (rule PROGRESS-TERMS). `hours` counts every hour that goes toward the
 * sentence, those already credited included: after a repeat it is the hours credited before the outcome
 * plus the hours to repeat; after a payment it is `ceil(H × (F − P) ÷ F)` (KUHP 82). What remains is
 * always `hours` less what is credited, so the credited history is never rewritten.
 */
export interface CaseTerms {
  readonly hours: number;
  readonly deadline: LocalDate;
  readonly source: TermsSource;
  /** A fine conversion: the rupiah paid so far. */
  readonly paidRupiah?: number;
  /** A `serve_prison` outcome: the days of the replaced prison term to serve. */
  readonly prisonDays?: number;
  /** A `pay_fine` outcome: the rupiah of the replaced fine to pay. */
  readonly fineRupiah?: number;
}

/**
 * The terms in force (PROGRESS-TERMS): the latest ones recorded, or the sentence's own for a case that
 * has none (every case registered before the terms existed).
 */
export const termsOf = (record: {
  readonly sentence: { readonly hours: number; readonly deadline: LocalDate };
  readonly terms?: CaseTerms;
}): CaseTerms =>
  record.terms ?? { hours: record.sentence.hours, deadline: record.sentence.deadline, source: 'decision' };

/**
 * The case's completion clock (PROGRESS-PAUSED): it stands still while a referral awaits the jaksa's or
 * court's outcome, which sets the deadline the case goes on with. Derived from the status, so it needs
 * no migration and can never disagree with it.
 */
export const clockOf = (status: CaseStatus): { readonly paused: boolean } => ({
  paused: status === 'referred',
});

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
  /** The clock stands still (a referral awaits its outcome, PROGRESS-PAUSED). */
  readonly paused?: boolean;
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
  /** Present while the clock stands still: `daysLeft` is not running against the client. */
  readonly paused?: true;
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
    ...(input.paused ? { paused: true as const } : {}),
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
