/**
 * Registering a court order: which orders are lawful on their face, and what to flag for the PK and
 * the jaksa. The court decides; Abdi records and carries out. This module refuses only what cannot be
 * true or is unlawful on its face (241 hours, 9 hours a day for an adult, a child under 14 at the
 * offence) and flags everything the judge weighs (consent, an advisory limit, age at the decision).
 *
 * Three ways into a case (`origin`):
 * - `decision`: a court decision imposing pidana kerja sosial (KUHP 85) or pelayanan masyarakat (SPPA 76);
 * - `diversion`: a children's diversion agreement and its penetapan (SPPA 6-14), which has no decision
 *   number;
 * - `fine_conversion`: kerja sosial that replaces an unpaid fine (KUHP 82, and 92(3), 93(2), 94(2),
 *   96(4)), with none of 85(1)-(2)'s conditions.
 *
 * Every violation and flag carries a rule id from rules.ts and the path of the `POST /cases` field.
 */
import { availableDays, diffDays } from './calendar';
import { hoursToMinutes } from './hours';
import { resultOf, Rule, type Result } from './rules';
import { DEFAULT_OFFICE_POLICY } from './office-policy';
import { SENTENCE_KINDS } from './sentence';
import {
  checkDecisionNumber,
  checkFormats,
  checkHours,
  checkOrigin,
  checkPenalties,
  checkSanction,
} from './registration-checks';
import {
  Findings,
  includes,
  type CaseRegistrationInput,
  type RegistrationOptions,
  type ValidatedRegistration,
} from './registration-model';
import { checkChild, checkConsent, checkPerDay, checkWindow } from './registration-time-and-age';

export * from './registration-model';

/**
 * Checks a registration against every rule and returns all violations at once, or the facts it
 * derived and the flags to show. A rule whose inputs are malformed is skipped (INPUT-FORMAT says so),
 * so one typo yields one violation.
 *
 * @example
 * const r = validateCaseRegistration(input, { policy: { childMaxHoursPerDay: 3 } });
 * if (!r.ok) throw refuse.invalid(r.violations);
 */
export const validateCaseRegistration = (
  input: CaseRegistrationInput,
  options: RegistrationOptions = {},
): Result<ValidatedRegistration> => {
  const policy = options.policy ?? DEFAULT_OFFICE_POLICY;
  const origin = input.origin ?? 'decision';
  const { sentence } = input;
  const f = new Findings();
  const dates = checkFormats(input, f);
  const kindOk = includes(SENTENCE_KINDS, sentence.kind);
  const child = sentence.kind === 'pelayanan_masyarakat';

  const number = origin === 'diversion' ? undefined : checkDecisionNumber(input, dates.decision, options, f);
  checkOrigin(input, origin, dates, f);
  const hoursOk = checkHours(input, origin, kindOk, f);
  const replaces = child ? undefined : checkPenalties(input, origin, f);
  checkSanction(input, replaces, f);
  const windowOk = checkWindow(input, origin, dates, f);
  const perDayOk = checkPerDay(input, policy, f);
  const dpw = sentence.daysPerWeek ?? undefined;
  const dpwOk = dpw === undefined || (Number.isInteger(dpw) && dpw >= 1 && dpw <= 7);
  if (!dpwOk)
    f.refuse(
      Rule.KS_DAYS_PER_WEEK,
      'sentence.daysPerWeek',
      'Days per week must be a whole number from 1 to 7.',
    );
  if (origin !== 'fine_conversion' && !child) checkConsent(input, f);
  const ages = checkChild(input, origin, number, kindOk, dates, f);

  // KS-FEASIBLE: only a plainly impossible order, more hours than every allowed day at the daily maximum.
  if (hoursOk && windowOk && perDayOk && dpwOk) {
    const days = availableDays(sentence.startDate, sentence.deadline, dpw);
    if (days * hoursToMinutes(sentence.maxHoursPerDay) < sentence.hours * 60) {
      f.refuse(
        Rule.KS_FEASIBLE,
        'sentence.hours',
        `${sentence.hours} hours cannot fit in ${days} working days at ${sentence.maxHoursPerDay} hours a day.`,
      );
    }
  }

  return resultOf(f.violations, () => ({
    origin,
    ...(number ? { decisionNumber: number, level: number.level } : {}),
    ...(replaces ? { replaces } : {}),
    clientAgeOnDecision: ages.onDecision,
    ...(ages.atOffence !== undefined ? { clientAgeAtOffence: ages.atOffence } : {}),
    windowDays: diffDays(sentence.deadline, sentence.startDate) + 1,
    flags: f.flags,
  }));
};
