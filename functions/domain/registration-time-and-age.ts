/**
 * The checks on time and age: the window the hours are worked in, the hours a day, consent, and the
 * children's track, which is decided by the age at the offence.
 */
import { addDays, ageOn, type LocalDate } from './calendar';
import { CHILD_DECISION_TYPE, mayBeChildDecision, type DecisionNumber } from './decision-number';
import { isWholeMinutes } from './hours';
import { Rule } from './rules';
import type { OfficePolicy } from './office-policy';
import { MAX_HOURS_PER_DAY } from './sentence';
import {
  ADULT_WINDOW_DAYS,
  CHILD_MAX_AGE_AT_OFFENCE,
  CHILD_MIN_AGE_AT_OFFENCE,
  CHILD_MIN_AGE_FOR_PIDANA,
  CHILD_PERIOD_YEARS,
  CHILD_TRACK_AGE_LIMIT,
  DIVERSION_WINDOW_DAYS,
  Findings,
  type CaseOrigin,
  type CaseRegistrationInput,
  type DatesOk,
} from './registration-model';

/** KS-START, KS-DEADLINE, CHILD-PERIOD and DIV-PERIOD: the window the hours are worked in. */
export function checkWindow(
  input: CaseRegistrationInput,
  origin: CaseOrigin,
  dates: DatesOk,
  f: Findings,
): boolean {
  const { sentence, decision } = input;
  if (dates.decision && dates.start && sentence.startDate < decision.date) {
    f.refuse(Rule.KS_START, 'sentence.startDate', 'The sentence cannot start before the decision date.');
  }
  if (!dates.start || !dates.deadline) return false;
  if (sentence.deadline <= sentence.startDate) {
    f.refuse(Rule.KS_DEADLINE, 'sentence.deadline', 'The deadline must be after the start date.');
    return false;
  }
  const path = 'sentence.deadline';
  if (sentence.kind !== 'pelayanan_masyarakat') {
    const latest = addDays(sentence.startDate, ADULT_WINDOW_DAYS - 1);
    if (sentence.deadline > latest) {
      f.refuse(
        Rule.KS_DEADLINE,
        path,
        `At most 180 days counted from the start day: the last day is ${latest}.`,
      );
      return false;
    }
    return true;
  }
  if (origin === 'diversion' && input.diversion?.withoutVictim) {
    const latest = addDays(sentence.startDate, DIVERSION_WINDOW_DAYS - 1);
    if (sentence.deadline > latest) {
      f.refuse(
        Rule.DIV_PERIOD,
        path,
        `Diversion for an offence without a victim lasts at most 3 months: the last day is ${latest}.`,
      );
      return false;
    }
    return true;
  }
  const latest = addDays(addYears(sentence.startDate, CHILD_PERIOD_YEARS), -1);
  if (sentence.deadline > latest) {
    f.refuse(
      Rule.CHILD_PERIOD,
      path,
      `A child's conditional period is at most 3 years: the last day is ${latest}.`,
    );
    return false;
  }
  return true;
}

export const addYears = (date: LocalDate, years: number): LocalDate =>
  `${Number(date.slice(0, 4)) + years}${date.slice(4)}`.replace(/-02-29$/, '-02-28');

/**
 * KS-PER-DAY: at most 8 hours a day for anyone (85(5)). For a child the court's order binds; an order
 * above the office's advisory default is flagged (CHILD-ADVISORY-HOURS), not refused.
 */
export function checkPerDay(
  input: CaseRegistrationInput,
  policy: Pick<OfficePolicy, 'childMaxHoursPerDay'>,
  f: Findings,
): boolean {
  const perDay = input.sentence.maxHoursPerDay;
  if (!isWholeMinutes(perDay) || perDay < 1) {
    f.refuse(
      Rule.KS_PER_DAY,
      'sentence.maxHoursPerDay',
      'Hours per day must be at least 1, in whole minutes.',
    );
    return false;
  }
  if (perDay > MAX_HOURS_PER_DAY) {
    f.refuse(Rule.KS_PER_DAY, 'sentence.maxHoursPerDay', 'At most 8 hours a day (KUHP 85(5)).');
    return false;
  }
  if (input.sentence.kind === 'pelayanan_masyarakat' && perDay > policy.childMaxHoursPerDay) {
    f.flag(
      Rule.CHILD_ADVISORY_HOURS,
      'sentence.maxHoursPerDay',
      `The court ordered ${perDay} hours a day, above this office's advisory ${policy.childMaxHoursPerDay} for a child.`,
    );
  }
  return true;
}

/** KS-CONSENT: the judge weighs consent (85(2)); Abdi records it and flags what is missing. */
export function checkConsent(input: CaseRegistrationInput, f: Findings) {
  if (!input.consent) f.flag(Rule.KS_CONSENT, 'consent', 'No consent after explanation is on record yet.');
  else if (input.consent.given !== true)
    f.flag(Rule.KS_CONSENT, 'consent.given', 'The client did not consent after explanation.');
}

/**
 * CHILD-CASE, CHILD-OFFENCE-AGE, CHILD-UNDER-14 and CHILD-ADULT-AT-DECISION: a child's track is decided
 * by the age at the offence (SPPA 1(3), 20, 69(2)).
 */
export function checkChild(
  input: CaseRegistrationInput,
  origin: CaseOrigin,
  number: DecisionNumber | undefined,
  kindOk: boolean,
  dates: DatesOk,
  f: Findings,
): { onDecision: number; atOffence?: number } {
  const { decision, sentence, client } = input;
  const child = sentence.kind === 'pelayanan_masyarakat';
  const onDecision = dates.birth && dates.decision ? ageOn(client.birthDate, decision.date) : Number.NaN;
  if (number && kindOk) {
    if (child && !mayBeChildDecision(number.type)) {
      f.refuse(Rule.CHILD_CASE, 'decision.number', 'Pelayanan masyarakat needs a Pid.Sus-Anak decision.');
    }
    if (!child && number.type === CHILD_DECISION_TYPE) {
      f.refuse(
        Rule.CHILD_CASE,
        'sentence.kind',
        'A Pid.Sus-Anak decision imposes pelayanan_masyarakat, not kerja_sosial.',
      );
    }
  }
  if (!child) return { onDecision };
  if (!decision.offenceDate) {
    f.refuse(
      Rule.CHILD_OFFENCE_AGE,
      'decision.offenceDate',
      "A child's case needs the offence date: age counts at the offence.",
    );
    return { onDecision };
  }
  if (!dates.offence || !dates.birth) return { onDecision };
  const atOffence = ageOn(client.birthDate, decision.offenceDate);
  if (atOffence < CHILD_MIN_AGE_AT_OFFENCE || atOffence > CHILD_MAX_AGE_AT_OFFENCE) {
    f.refuse(
      Rule.CHILD_OFFENCE_AGE,
      'clientId',
      `An Anak is 12 to under 18 at the offence (was ${atOffence}).`,
    );
  } else if (atOffence < CHILD_MIN_AGE_FOR_PIDANA && origin !== 'diversion') {
    f.refuse(
      Rule.CHILD_UNDER_14,
      'clientId',
      `Under 14 at the offence (was ${atOffence}), a child receives only a tindakan (SPPA 69(2)).`,
    );
  }
  if (Number.isFinite(onDecision) && onDecision >= CHILD_TRACK_AGE_LIMIT) {
    f.flag(
      Rule.CHILD_ADULT_AT_DECISION,
      'clientId',
      `Aged ${onDecision} at the decision: the children's track is for those tried before 21 (SPPA 20).`,
    );
  }
  return { onDecision, atOffence };
}
