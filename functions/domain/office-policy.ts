/**
 * An office's own settings for what no national regulation fixes yet (domain.md "configurable"; the
 * defaults and why are in ADR 0007): the advisory most hours a day for a child, and the school hours a
 * child's sessions should stay out of (SPPA 73(8): the child keeps attending compulsory schooling).
 * Both only flag: the court's order binds, and a session outside school hours may be what it ordered.
 */
import { isoWeekday, isLocalTime, parseTime, type LocalDate, type LocalTime } from './calendar';
import type { CaseFlag } from './registration-model';
import { MAX_HOURS_PER_DAY } from './sentence';
import { Rule, violation, type Result, type RuleViolation } from './rules';

/** The hours of a school day, on the weekdays schools teach. */
export interface SchoolHours {
  /** ISO weekdays, Monday 1 to Sunday 7. */
  readonly weekdays: readonly number[];
  readonly start: LocalTime;
  readonly end: LocalTime;
}

export interface OfficePolicy {
  /** The advisory most hours a day for a child: an order above it is flagged, never refused. */
  readonly childMaxHoursPerDay: number;
  readonly schoolHours: SchoolHours;
}

/**
 * Three hours a day for a child (domain.md's advisory default), and the five-day school week of
 * Permendikbud 23/2017 (eight hours a day, Monday to Friday, 07:00–15:00). An office whose schools
 * teach on Saturdays or end at noon sets its own.
 */
export const DEFAULT_OFFICE_POLICY: OfficePolicy = {
  childMaxHoursPerDay: 3,
  schoolHours: { weekdays: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' },
};

/**
 * OFFICE-POLICY: the advisory hours a day are 1–8 (no child may be ordered more than an adult), the
 * school day has at least one weekday, none twice, and ends after it starts.
 */
export function validateOfficePolicy(policy: OfficePolicy): Result<OfficePolicy> {
  const v: RuleViolation[] = [];
  const hours = policy.childMaxHoursPerDay;
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_HOURS_PER_DAY) {
    v.push(
      violation(
        Rule.OFFICE_POLICY,
        'childMaxHoursPerDay',
        `The advisory hours a day for a child are a whole number from 1 to ${MAX_HOURS_PER_DAY}.`,
      ),
    );
  }
  const { weekdays, start, end } = policy.schoolHours;
  const real = weekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  if (!real || weekdays.length === 0 || new Set(weekdays).size !== weekdays.length) {
    v.push(
      violation(
        Rule.OFFICE_POLICY,
        'schoolHours.weekdays',
        'Name each school day once (1 = Monday … 7 = Sunday), at least one.',
      ),
    );
  }
  if (!isLocalTime(start) || !isLocalTime(end) || start >= end) {
    v.push(violation(Rule.OFFICE_POLICY, 'schoolHours.end', 'School ends after it starts (HH:mm, 24-hour).'));
  }
  return v.length > 0 ? { ok: false, violations: v } : { ok: true, value: policy };
}

/**
 * CHILD-SCHOOL-HOURS: a child's session on one of the office's school days that overlaps its school
 * hours is flagged for the PK (SPPA 73(8)); touching the edge (ending at 07:00) is not an overlap.
 * Public holidays are not school days, but the holiday calendar arrives with the planner, so a
 * session on a weekday holiday is flagged too, and the PK reads the date.
 */
export function schoolHoursFlag(
  session: { readonly date: LocalDate; readonly startTime: LocalTime; readonly endTime: LocalTime },
  schoolHours: SchoolHours,
): CaseFlag | undefined {
  if (!schoolHours.weekdays.includes(isoWeekday(session.date))) return undefined;
  const [start, end] = [parseTime(session.startTime), parseTime(session.endTime)];
  const [schoolStart, schoolEnd] = [parseTime(schoolHours.start), parseTime(schoolHours.end)];
  if (start === undefined || end === undefined || schoolStart === undefined || schoolEnd === undefined) {
    return undefined;
  }
  if (start >= schoolEnd || end <= schoolStart) return undefined;
  return {
    rule: Rule.CHILD_SCHOOL_HOURS,
    path: 'startTime',
    message:
      `A child's session on ${session.date} ${session.startTime}–${session.endTime} falls inside ` +
      `school hours (${schoolHours.start}–${schoolHours.end}); the child keeps attending school (SPPA 73(8)).`,
  };
}

/**
 * The case's flags after a session flagged with `flag`: raised once per case (the first session in
 * school hours puts the case in needs-action; each later one carries the flag on its own record).
 */
export const flagsAfterSession = (
  flags: readonly CaseFlag[],
  flag: CaseFlag | undefined,
): readonly CaseFlag[] => (!flag || flags.some((f) => f.rule === flag.rule) ? flags : [...flags, flag]);
