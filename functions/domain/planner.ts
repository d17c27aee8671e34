/**
 * The sentence planner (issue 15): a proposed schedule of slots that credits a case's remaining minutes
 * by its deadline, and how feasible that still is.
 *
 * A slot is a proposal, not a session (clarifications: "a scheduled session is a slot"): the PK accepts
 * or edits it, attendance later fulfils it, and only recorded sessions meet the crediting rules. Every
 * constraint the planner knows is settled per day, except the decision's days per ISO week:
 *
 * - PLAN-CAPS: the order's hours per day counting the person's other cases, the days per week (days
 *   already worked count), a placement's weekdays, hours and period, and the site's clients per day;
 * - PLAN-HOLIDAYS: no slot on a national holiday, cuti bersama or local day (holiday-calendar.ts);
 * - PLAN-CHILD-SCHOOL: a child's slot stays out of school hours on school days (SPPA 73(8)). Recording
 *   such a session is only flagged (CHILD-SCHOOL-HOURS); the planner proposes, so it simply avoids them.
 *
 * So each day has one best slot (the longest free stretch of a placement with a place left at its
 * site, cut to the cap), and plan-feasibility.ts picks the days. Limits, on purpose: one slot per day
 * (never two sites, nor both sides of school, on one day); other cases' minutes count against the cap
 * but their times are not known here, so two slots may still collide on the clock, which recording
 * refuses (CR-OVERLAP); a site's capacity is per day, as placements count it.
 *
 * `progress.onTrackUntil` is the quick estimate (every day at full hours); with all days open at the
 * order's hours it equals `latestStart` here, and could delegate to the planner once the inputs are stored.
 */
import {
  diffDays,
  formatTime,
  fromEpochDay,
  isoWeekday,
  parseTime,
  toEpochDay,
  weekStart,
  type LocalDate,
} from './calendar';
import { isAfterPublishedYear, type HolidayLookup } from './holiday-calendar';
import type { SchoolHours } from './office-policy';
import {
  bestDays,
  earliestFinishIndex,
  latestStartIndex,
  possibleMinutesIn,
  type WeekAllowance,
  type WindowDay,
} from './plan-feasibility';

/** A placement as the planner needs it: where, on which ISO weekdays (1 = Monday), at what hours, when. */
export interface PlanPlacement {
  readonly siteId: string;
  readonly weekdays: readonly number[];
  readonly startTime: string;
  readonly endTime: string;
  readonly from: LocalDate;
  readonly until: LocalDate;
}

export interface PlanInput {
  readonly remainingMinutes: number;
  /** The first day a slot may be planned (usually tomorrow in the office's zone). */
  readonly from: LocalDate;
  /** The last day of the window, included. */
  readonly deadline: LocalDate;
  /** The order's hours per day: a cap over all of the person's cases. */
  readonly maxHoursPerDay: number;
  /** Most distinct days worked per ISO week, when the decision sets it. */
  readonly daysPerWeek?: number | undefined;
  /** Dates already worked on this case: they use up their week's days. */
  readonly workedDays?: readonly LocalDate[];
  readonly placements: readonly PlanPlacement[];
  /** Clients per day at each site; a site missing here has no place to offer. */
  readonly siteCapacity: Readonly<Record<string, number>>;
  /** Places already taken by other cases, per date and site. */
  readonly siteBooked?: Readonly<Record<LocalDate, Readonly<Record<string, number>>>>;
  /** Minutes this person already has on other cases, per date. */
  readonly otherWork?: Readonly<Record<LocalDate, number>>;
  readonly holidays: HolidayLookup;
  /** The last year with a published SKB list: a plan reaching past it is provisional. */
  readonly lastPublishedYear: number;
  /** Set for a child's case (pelayanan masyarakat): the office's school days and hours. */
  readonly schoolHours?: SchoolHours | undefined;
  /** A case whose slack is under this many days is at risk (default 14). */
  readonly atRiskBelowDays?: number;
}

export interface PlannedSlot {
  readonly date: LocalDate;
  readonly siteId: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly minutes: number;
}

export const FEASIBILITY_STATES = ['on_track', 'at_risk', 'impossible'] as const;
export type FeasibilityState = (typeof FEASIBILITY_STATES)[number];

/** Numbers, not sentences: the dashboard and the alert word them ("76 jam tersisa, paling banyak 8 …"). */
export interface FeasibilityReason {
  readonly code: 'done' | 'fits' | 'little_slack' | 'not_enough_time';
  readonly remainingMinutes: number;
  readonly possibleMinutes: number;
  readonly deadline: LocalDate;
  readonly latestStart?: LocalDate;
  readonly slackDays?: number;
  readonly atRiskBelowDays: number;
}

export interface Feasibility {
  readonly state: FeasibilityState;
  /** The latest day on which starting still finishes by the deadline; absent when impossible or done. */
  readonly latestStart?: LocalDate;
  /** `latestStart − from` in days. */
  readonly slackDays?: number;
  readonly reason: FeasibilityReason;
}

export interface Plan {
  readonly slots: readonly PlannedSlot[];
  /** `min(remainingMinutes, possibleMinutes)`: when impossible, the plan still does all it can. */
  readonly plannedMinutes: number;
  /** The most that can be done from `from` to `deadline` under every constraint. */
  readonly possibleMinutes: number;
  readonly finishesOn?: LocalDate;
  readonly feasibility: Feasibility;
  /** A slot (or, when impossible, the window) lies in a year whose SKB list is not published yet. */
  readonly provisional: boolean;
}

export const DEFAULT_AT_RISK_BELOW_DAYS = 14;

/** A day's best slot: where, from when (minutes after midnight), for how long. */
export interface DaySlot {
  readonly siteId: string;
  readonly start: number;
  readonly minutes: number;
}

const minutesOf = (time: string): number => {
  const m = parseTime(time);
  if (m === undefined) throw new RangeError(`Not an HH:mm time: ${time}`);
  return m;
};

/** `[start, end)` minus school hours: what is left before school and after it. */
const freeStretches = (start: number, end: number, school?: { start: number; end: number }) => {
  if (school === undefined || end <= school.start || start >= school.end) return [{ start, end }];
  return [
    { start, end: Math.min(end, school.start) },
    { start: Math.max(start, school.end), end },
  ].filter((s) => s.end > s.start);
};

/** Whether a place is left at `siteId` on `date` after other cases' bookings. */
const hasPlace = (input: PlanInput, date: LocalDate, siteId: string): boolean =>
  (input.siteCapacity[siteId] ?? 0) - (input.siteBooked?.[date]?.[siteId] ?? 0) > 0;

/** Whether `date` is a school day for this case (only a child's case has school hours). */
const schoolOn = (input: PlanInput, weekday: number) => {
  const school = input.schoolHours;
  if (school === undefined || !school.weekdays.includes(weekday)) return undefined;
  return { start: minutesOf(school.start), end: minutesOf(school.end) };
};

/**
 * The best slot on `date` under every per-day rule (PLAN-CAPS, PLAN-HOLIDAYS, PLAN-CHILD-SCHOOL), or
 * `undefined` when nothing can be done. The longest stretch wins; a tie goes to the earlier start, then
 * to the placement listed first. `weekday` (ISO) is passed by the planner, which counts it instead of
 * parsing every date.
 */
export const bestSlotOn = (
  input: PlanInput,
  date: LocalDate,
  weekday = isoWeekday(date),
): DaySlot | undefined => {
  if (input.holidays.has(date)) return undefined;
  const capLeft = Math.round(input.maxHoursPerDay * 60) - (input.otherWork?.[date] ?? 0);
  if (capLeft <= 0) return undefined;
  const school = schoolOn(input, weekday);
  let best: { siteId: string; start: number; length: number } | undefined;
  for (const p of input.placements) {
    if (date < p.from || date > p.until || !p.weekdays.includes(weekday)) continue;
    if (!hasPlace(input, date, p.siteId)) continue;
    for (const s of freeStretches(minutesOf(p.startTime), minutesOf(p.endTime), school)) {
      const length = s.end - s.start;
      if (best === undefined || length > best.length || (length === best.length && s.start < best.start)) {
        best = { siteId: p.siteId, start: s.start, length };
      }
    }
  }
  return best === undefined
    ? undefined
    : { siteId: best.siteId, start: best.start, minutes: Math.min(best.length, capLeft) };
};

/** Days of each ISO week still open under the decision's days per week, after the days worked. */
const weekAllowance = (input: PlanInput): WeekAllowance => {
  const dpw = input.daysPerWeek;
  if (dpw === undefined) return () => Infinity;
  const worked = new Map<LocalDate, Set<LocalDate>>();
  for (const d of input.workedDays ?? []) {
    const week = weekStart(d);
    worked.set(week, (worked.get(week) ?? new Set()).add(d));
  }
  return (week) => Math.max(0, dpw - (worked.get(week)?.size ?? 0));
};

/**
 * The proposed schedule and its feasibility (rules PLAN-CAPS, PLAN-HOLIDAYS, PLAN-CHILD-SCHOOL,
 * PLAN-FEASIBILITY).
 *
 * Which days: the plan finishes on the earliest day any plan could (`earliestFinishIndex`), using in each
 * week the days with the most to offer (earlier first on a tie), filled in date order, the last one
 * partly. Finishing early is what an office wants: every later day stays free to make up a missed
 * session. Among plans finishing that day it is not always the one with the fewest or the earliest
 * days; it is always a maximal choice for the window up to that day, so "no plan" only ever means
 * "no plan exists".
 */
export const planCase = (input: PlanInput): Plan => {
  if (!Number.isInteger(input.remainingMinutes) || input.remainingMinutes < 0) {
    throw new RangeError(`remainingMinutes must be a whole number ≥ 0: ${input.remainingMinutes}`);
  }
  const threshold = input.atRiskBelowDays ?? DEFAULT_AT_RISK_BELOW_DAYS;
  const length = Math.max(0, diffDays(input.deadline, input.from) + 1);
  const slotsByDay: (DaySlot | undefined)[] = [];
  const days: WindowDay[] = [];
  // Dates and weekdays by counting, not by parsing each date: a three-year window is 1,100 days.
  const first = toEpochDay(input.from);
  const firstWeekday = isoWeekday(input.from);
  for (let i = 0; i < length; i += 1) {
    const weekday = ((firstWeekday - 1 + i) % 7) + 1;
    const date = fromEpochDay(first + i);
    const slot = bestSlotOn(input, date, weekday);
    slotsByDay.push(slot);
    days.push({ date, week: fromEpochDay(first + i + 1 - weekday), minutes: slot?.minutes ?? 0 });
  }
  const allowance = weekAllowance(input);
  const remaining = input.remainingMinutes;
  const possibleMinutes = possibleMinutesIn(days, allowance);

  // Fill the chosen days in date order up to the earliest finish (or the whole window when impossible).
  const lastDay = remaining === 0 ? -1 : (earliestFinishIndex(days, allowance, remaining) ?? days.length - 1);
  const slots: PlannedSlot[] = [];
  let left = remaining;
  for (const i of bestDays(days, allowance, 0, lastDay)) {
    const day = slotsByDay[i];
    if (left <= 0 || day === undefined) break;
    const minutes = Math.min(day.minutes, left);
    left -= minutes;
    slots.push({
      date: days[i]?.date ?? input.from,
      siteId: day.siteId,
      startTime: formatTime(day.start),
      endTime: formatTime(day.start + minutes),
      minutes,
    });
  }

  const feasibility = feasibilityOf(input, days, allowance, possibleMinutes, threshold);
  const beyond = (date: LocalDate) => isAfterPublishedYear(date, input.lastPublishedYear);
  return {
    slots,
    plannedMinutes: remaining - left,
    possibleMinutes,
    ...(slots.length > 0 ? { finishesOn: slots[slots.length - 1]?.date } : {}),
    feasibility,
    provisional:
      slots.some((s) => beyond(s.date)) || (feasibility.state === 'impossible' && beyond(input.deadline)),
  };
};

/**
 * PLAN-FEASIBILITY: impossible when even the best plan falls short; otherwise the latest start and the
 * slack (`latestStart − from`), at risk when the slack is under the threshold. A case with nothing left
 * is on track with no latest start.
 */
const feasibilityOf = (
  input: PlanInput,
  days: readonly WindowDay[],
  allowance: WeekAllowance,
  possibleMinutes: number,
  atRiskBelowDays: number,
): Feasibility => {
  const base = {
    remainingMinutes: input.remainingMinutes,
    possibleMinutes,
    deadline: input.deadline,
    atRiskBelowDays,
  };
  if (input.remainingMinutes === 0) return { state: 'on_track', reason: { code: 'done', ...base } };
  const start = latestStartIndex(days, allowance, input.remainingMinutes);
  const latestStart = start === undefined ? undefined : days[start]?.date;
  if (latestStart === undefined) {
    return { state: 'impossible', reason: { code: 'not_enough_time', ...base } };
  }
  const slackDays = diffDays(latestStart, input.from);
  const atRisk = slackDays < atRiskBelowDays;
  return {
    state: atRisk ? 'at_risk' : 'on_track',
    latestStart,
    slackDays,
    reason: { code: atRisk ? 'little_slack' : 'fits', ...base, latestStart, slackDays },
  };
};
