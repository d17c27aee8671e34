/**
 * How much of a work session counts towards the hours ordered.
 *
 * Everything is in whole minutes (see hours.ts). The store must run this against the totals it read and
 * write the session together with the new case total in one transaction conditioned on those totals, so
 * two concurrent sessions cannot both use the same remaining minutes.
 *
 * Decision on the caps (CR-DAILY-CAP, CR-TOTAL-CAP): the excess is **clipped, never refused**. A session
 * that really happened is a fact the site confirmed; refusing it would lose the attendance record and
 * invite re-entry with shortened times. So the session is recorded, the credit is cut to what the caps
 * allow (possibly 0), and the decision says `clipped: true` with the rule ids that cut it, which the API
 * returns so the officer sees why. Refusals are for records that cannot be true or lawful: outside the
 * window, in the future, overlapping, or malformed.
 *
 * The daily cap counts **time worked**, not time credited (issue 10, item 11): a person's day holds at
 * most 8 hours of work (KUHP 85(5)) and the case's hours per day, whatever each case could still credit.
 * A session clipped by its case's total cap, or by another case's daily cap, still used the hours it
 * lasted, so a second case the same day gets only what is left of the day.
 */
import { isLocalDate, isLocalTime, parseTime, type LocalDate, type LocalTime } from './calendar';
import { isSessionOutcome, outcomeFlags, type SessionOutcome } from './attendance';
import { hoursToMinutes, minutesToHours } from './hours';
import { MAX_HOURS_PER_DAY } from './sentence';
import { fail, ok, Rule, violation, type Result, type RuleId, type RuleViolation } from './rules';

/** The session being recorded or corrected, as in `POST /cases/{caseId}/sessions`. */
export interface SessionToCredit {
  readonly date: LocalDate;
  readonly startTime: LocalTime;
  readonly endTime: LocalTime;
  readonly outcome: SessionOutcome;
}

export interface CaseForCrediting {
  readonly startDate: LocalDate;
  readonly deadline: LocalDate;
  readonly hoursOrdered: number;
  /** Minutes credited to the case so far, **excluding** the session being corrected. */
  readonly creditedMinutes: number;
  readonly maxHoursPerDay: number;
}

/**
 * Another session of the same client on the same local date, in any of the client's cases, **excluding**
 * the session being corrected. The time it worked counts against this case's daily cap: the cap limits
 * what the person works in a day, not what one case records.
 */
export interface SameDaySession {
  readonly id?: string;
  readonly startTime: LocalTime;
  readonly endTime: LocalTime;
  readonly creditedMinutes: number;
  /**
   * Minutes the person worked in it (its length when attended or partial, else 0), however much it
   * credited. Absent on days recorded before time worked was kept: its credited minutes stand in.
   */
  readonly workedMinutes?: number;
  /** False while it awaits the PK's verification; absent (as before verification was kept) counts as true. */
  readonly verified?: boolean;
}

/**
 * The minutes of the person's day another session used (CR-DAILY-CAP): the time it worked, once it
 * counts. A session awaiting verification uses none yet: it is the supervisor's claim until the PK
 * verifies it, and counting unverified time both ways would let two sessions of one day clip each other
 * to nothing. Verified first, credited first.
 */
export const minutesOfDayUsed = (other: SameDaySession): number =>
  other.verified === false ? 0 : (other.workedMinutes ?? other.creditedMinutes);

/** The time a session of `outcome` lasting `durationMinutes` worked: all of it for work, none for an absence. */
export const workedMinutesOf = (outcome: SessionOutcome, durationMinutes: number): number =>
  outcomeFlags(outcome).credits ? durationMinutes : 0;

export interface CreditingInput {
  readonly session: SessionToCredit;
  readonly case: CaseForCrediting;
  readonly sameDaySessions: readonly SameDaySession[];
  /** The office-local date and time now (see calendar.toLocalDateTime). */
  readonly today: LocalDate;
  readonly nowTime: LocalTime;
}

export interface CreditDecision {
  /** Length of the session from start to end, in minutes. */
  readonly durationMinutes: number;
  /** The time the person worked in it (`workedMinutesOf`), which uses their day whatever it credits. */
  readonly workedMinutes: number;
  readonly creditedMinutes: number;
  /** `creditedMinutes` in hours, 2 decimals, for the API response. */
  readonly hoursCredited: number;
  /** True when a cap cut the credit below what the outcome would otherwise earn. */
  readonly clipped: boolean;
  /** The caps that cut it, in the order applied: CR-DAILY-CAP, then CR-TOTAL-CAP. */
  readonly clippedBy: readonly RuleId[];
  /** The case total after this session. */
  readonly caseCreditedMinutes: number;
}

/**
 * Decides whether a session may be recorded and how many minutes it credits.
 *
 * Refuses (violations): INPUT-FORMAT, TIME-RANGE (end after start), CR-WINDOW, CR-NOT-FUTURE, CR-OVERLAP.
 * Clips (decision): CR-DAILY-CAP, CR-TOTAL-CAP. Absences credit 0 (CR-ABSENCE-ZERO) and are never "clipped".
 * Sessions that merely touch (one ends 10:00, the next starts 10:00) do not overlap.
 *
 * @example
 * creditSession({ session: { date: '2026-02-02', startTime: '08:00', endTime: '12:00', outcome: 'attended' },
 *   case: { startDate: '2026-02-01', deadline: '2026-07-30', hoursOrdered: 40, creditedMinutes: 0, maxHoursPerDay: 3 },
 *   sameDaySessions: [], today: '2026-02-02', nowTime: '13:00' })
 * // ok: creditedMinutes 180, clipped: true, clippedBy: ['CR-DAILY-CAP']
 */
export const creditSession = (input: CreditingInput): Result<CreditDecision> => {
  const { session, case: c, sameDaySessions, today, nowTime } = input;
  const v: RuleViolation[] = [];
  const add = (rule: RuleId, path: string, message: string) => v.push(violation(rule, path, message));

  if (!isLocalDate(session.date)) add(Rule.INPUT_FORMAT, 'date', 'Date must be a YYYY-MM-DD date.');
  if (!isLocalTime(session.startTime)) add(Rule.INPUT_FORMAT, 'startTime', 'Start time must be HH:mm.');
  if (!isLocalTime(session.endTime)) add(Rule.INPUT_FORMAT, 'endTime', 'End time must be HH:mm.');
  if (!isSessionOutcome(session.outcome)) {
    add(
      Rule.INPUT_FORMAT,
      'outcome',
      'Outcome must be attended, partial, excused_absence or unexcused_absence.',
    );
  }
  if (v.length > 0) return fail(v);

  const start = parseTime(session.startTime) as number;
  const end = parseTime(session.endTime) as number;
  if (end <= start) add(Rule.TIME_RANGE, 'endTime', 'End time must be after start time on the same date.');

  if (session.date < c.startDate || session.date > c.deadline) {
    add(
      Rule.CR_WINDOW,
      'date',
      `The session must fall within the sentence period ${c.startDate} to ${c.deadline}.`,
    );
  }

  if (session.date > today) {
    add(Rule.CR_NOT_FUTURE, 'date', 'A session cannot be recorded for a future date.');
  } else if (session.date === today && session.endTime > nowTime) {
    add(Rule.CR_NOT_FUTURE, 'endTime', 'A session cannot be recorded before it has ended.');
  }

  const clash = sameDaySessions.find((o) => {
    const os = parseTime(o.startTime);
    const oe = parseTime(o.endTime);
    return os !== undefined && oe !== undefined && start < oe && os < end;
  });
  if (clash !== undefined) {
    add(
      Rule.CR_OVERLAP,
      'startTime',
      `The session overlaps another session of this client (${clash.startTime}–${clash.endTime}).`,
    );
  }
  if (v.length > 0) return fail(v);

  const durationMinutes = end - start;
  const base = { durationMinutes, workedMinutes: workedMinutesOf(session.outcome, durationMinutes) };
  if (!outcomeFlags(session.outcome).credits) {
    // CR-ABSENCE-ZERO
    return ok({
      ...base,
      creditedMinutes: 0,
      hoursCredited: 0,
      clipped: false,
      clippedBy: [],
      caseCreditedMinutes: c.creditedMinutes,
    });
  }

  const clippedBy: RuleId[] = [];
  let credit = durationMinutes;

  // CR-DAILY-CAP: what is left of the person's day after the time already worked in it, in any case.
  const usedThatDay = sameDaySessions.reduce((sum, o) => sum + minutesOfDayUsed(o), 0);
  const dayCap = hoursToMinutes(Math.min(c.maxHoursPerDay, MAX_HOURS_PER_DAY));
  const dayLeft = Math.max(0, dayCap - usedThatDay);
  if (credit > dayLeft) {
    credit = dayLeft;
    clippedBy.push(Rule.CR_DAILY_CAP);
  }

  const totalLeft = Math.max(0, hoursToMinutes(c.hoursOrdered) - c.creditedMinutes);
  if (credit > totalLeft) {
    credit = totalLeft;
    clippedBy.push(Rule.CR_TOTAL_CAP);
  }

  return ok({
    ...base,
    creditedMinutes: credit,
    hoursCredited: minutesToHours(credit),
    clipped: clippedBy.length > 0,
    clippedBy,
    caseCreditedMinutes: c.creditedMinutes + credit,
  });
};
