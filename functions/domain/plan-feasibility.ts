/**
 * The arithmetic under the planner (planner.ts): given what can be done on each day of a window and how
 * many days of each ISO week may still be worked, how much can be done at most, how early can the
 * remaining minutes be finished, and how late can the work start and still finish.
 *
 * Why choosing the k largest days of each week is the exact maximum: the only constraint that links two
 * days is "at most k distinct days in one Monday–Sunday week" (the per-day cap, capacity, placements,
 * holidays and school hours are all settled inside one day, in `minutes`). Weeks are therefore
 * independent, and inside one week any k days are allowed, so the best choice is the k largest.
 * This holds only while every constraint is per day or per week: one that spans weeks (e.g. "at most N
 * hours a month") would need a different algorithm.
 *
 * Each function is one pass over the days with at most seven values sorted at a time, so a three-year
 * child's window (about 1,100 days) costs microseconds: the whole office can be re-planned in a batch.
 */
import type { LocalDate } from './calendar';

/** One day of the window, in date order with no gaps: its ISO week (the Monday) and its best minutes. */
export interface WindowDay {
  readonly date: LocalDate;
  readonly week: LocalDate;
  readonly minutes: number;
}

/** Days of `week` that may still be worked (`Infinity` when the decision sets no days per week). */
export type WeekAllowance = (week: LocalDate) => number;

/** The sum of the `k` largest values (all of them when `k` is `Infinity`). */
const topSum = (values: readonly number[], k: number): number =>
  [...values]
    .sort((a, b) => b - a)
    .slice(0, Math.max(0, k))
    .reduce((sum, v) => sum + v, 0);

/**
 * Indices of the days chosen in `days[lo..hi]`: in each week the `allowance` largest days with something
 * to do, an earlier day winning a tie (so a plan leans early and leaves the end of the window free for
 * a session that has to be made up).
 */
export const bestDays = (
  days: readonly WindowDay[],
  allowance: WeekAllowance,
  lo = 0,
  hi = days.length - 1,
) => {
  const byWeek = new Map<LocalDate, number[]>();
  for (let i = Math.max(0, lo); i <= Math.min(hi, days.length - 1); i += 1) {
    const day = days[i] as WindowDay;
    if (day.minutes <= 0) continue;
    const list = byWeek.get(day.week) ?? [];
    list.push(i);
    byWeek.set(day.week, list);
  }
  const chosen: number[] = [];
  for (const [week, indices] of byWeek) {
    const ranked = [...indices].sort((a, b) => (days[b]?.minutes ?? 0) - (days[a]?.minutes ?? 0) || a - b);
    chosen.push(...ranked.slice(0, Math.max(0, allowance(week))));
  }
  return chosen.sort((a, b) => a - b);
};

/** The most minutes that can be done on `days[lo..hi]`: the k largest days of each week, summed. */
export const possibleMinutesIn = (
  days: readonly WindowDay[],
  allowance: WeekAllowance,
  lo = 0,
  hi = days.length - 1,
): number => bestDays(days, allowance, lo, hi).reduce((sum, i) => sum + (days[i]?.minutes ?? 0), 0);

/**
 * The first index `e` with `possibleMinutesIn(days, allowance, 0, e) ≥ need`, or `undefined` when even the
 * whole window falls short. No plan can finish before that day, and the plan built from
 * `bestDays(…, 0, e)` finishes on it: the earliest possible finish. One forward pass: finished weeks are
 * summed once, only the current week's (at most seven) days are re-ranked.
 */
export const earliestFinishIndex = (
  days: readonly WindowDay[],
  allowance: WeekAllowance,
  need: number,
): number | undefined => {
  let doneWeeks = 0;
  let current: number[] = [];
  for (let i = 0; i < days.length; i += 1) {
    const day = days[i] as WindowDay;
    const previous = days[i - 1];
    if (previous !== undefined && previous.week !== day.week) {
      doneWeeks += topSum(current, allowance(previous.week));
      current = [];
    }
    current.push(day.minutes);
    if (doneWeeks + topSum(current, allowance(day.week)) >= need) return i;
  }
  return undefined;
};

/**
 * The last index `s` with `possibleMinutesIn(days, allowance, s) ≥ need` (starting on that day still
 * finishes by the end of the window), or `undefined` when no start does. What can be done from a day on
 * only shrinks as the day moves later, so this is also the day after which the case turns impossible.
 * One backward pass, the mirror of `earliestFinishIndex`.
 */
export const latestStartIndex = (
  days: readonly WindowDay[],
  allowance: WeekAllowance,
  need: number,
): number | undefined => {
  let doneWeeks = 0;
  let current: number[] = [];
  for (let i = days.length - 1; i >= 0; i -= 1) {
    const day = days[i] as WindowDay;
    const next = days[i + 1];
    if (next !== undefined && next.week !== day.week) {
      doneWeeks += topSum(current, allowance(next.week));
      current = [];
    }
    current.push(day.minutes);
    if (doneWeeks + topSum(current, allowance(day.week)) >= need) return i;
  }
  return undefined;
};
