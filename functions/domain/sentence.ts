/**
 * The sentence as the court imposed it, and whether registering it is lawful.
 *
 * Two kinds:
 * - `kerja_sosial` (pidana kerja sosial, community work for adults, KUHP Pasal 85);
 * - `pelayanan_masyarakat` (pidana pelayanan masyarakat, community service for an Anak, a child of 12 to
 *   under 18, UU 11/2012 on the juvenile justice system, SPPA, Pasal 76).
 *
 * {@link validateCaseRegistration} checks every rule and returns all violations at once, with paths of the
 * `POST /cases` request body, so one problem+json response lists everything wrong.
 */
import { addDays, ageOn, availableDays, diffDays, isLocalDate, type LocalDate } from './calendar';
import { CHILD_DECISION_TYPE, parseDecisionNumber, type DecisionNumber } from './decision-number';
import { hoursToMinutes, isWholeMinutes } from './hours';
import { fail, ok, resultOf, Rule, violation, type Result, type RuleViolation } from './rules';

export const SENTENCE_KINDS = ['kerja_sosial', 'pelayanan_masyarakat'] as const;
export type SentenceKind = (typeof SENTENCE_KINDS)[number];

/** What the decision orders on non-compliance without lawful reason (KUHP 85(7)). */
export const NON_COMPLIANCE_SANCTIONS = ['repeat', 'serve_prison', 'pay_fine'] as const;
export type NonComplianceSanction = (typeof NON_COMPLIANCE_SANCTIONS)[number];

/** Hours ordered, inclusive: KUHP 85(4) and SPPA 76(3). */
export const HOURS_LIMITS: Readonly<Record<SentenceKind, { readonly min: number; readonly max: number }>> = {
  kerja_sosial: { min: 8, max: 240 },
  pelayanan_masyarakat: { min: 7, max: 120 },
};

/** KUHP 85(5): at most 8 hours in one day. */
export const MAX_HOURS_PER_DAY = 8;
/** KUHP 85(5) with Pasal 184: at most 6 months of 30 days. */
export const MAX_WINDOW_DAYS = 180;
/** KUHP 85(1): the offence's threatened prison term must be under 5 years (60 months). */
export const THREATENED_MONTHS_LIMIT = 60;
/** KUHP 85(1): imposed prison of at most 6 months ... */
export const MAX_IMPOSED_PRISON_MONTHS = 6;
/** ... or a fine of at most kategori II (KUHP 79(1)). */
export const MAX_IMPOSED_FINE_RUPIAH = 10_000_000;
/** Issue 4: a child's case needs a client aged 12–17 on the decision date. */
export const CHILD_MIN_AGE = 12;
export const CHILD_MAX_AGE = 17;

/** Office-level settings for rules no national regulation fixes yet (domain.md "configurable"). */
export interface OfficePolicy {
  /** Most hours a child may work on one day. */
  readonly childMaxHoursPerDay: number;
}

export const DEFAULT_OFFICE_POLICY: OfficePolicy = { childMaxHoursPerDay: 3 };

/** The parts of `POST /cases` the law speaks about, plus the client's birth date looked up by `clientId`. */
export interface CaseRegistrationInput {
  readonly decision: {
    readonly number: string;
    readonly court?: string;
    readonly date: LocalDate;
    readonly offenceArticles?: readonly string[];
    readonly threatenedMaxMonths: number;
    readonly imposed: { readonly prisonMonths?: number | null; readonly fineRupiah?: number | null };
    readonly nonComplianceSanction: NonComplianceSanction;
  };
  readonly sentence: {
    readonly kind: SentenceKind;
    readonly hours: number;
    readonly maxHoursPerDay: number;
    readonly daysPerWeek?: number | null;
    readonly startDate: LocalDate;
    readonly deadline: LocalDate;
  };
  readonly consent: { readonly given: boolean; readonly recordedOn: LocalDate };
  /** Looked up from `clientId`; violations about it are reported on `clientId`. */
  readonly client: { readonly birthDate: LocalDate };
}

export interface ValidatedRegistration {
  readonly decisionNumber: DecisionNumber;
  readonly clientAgeOnDecision: number;
  /** Days in `[startDate, deadline]`, both included. */
  readonly windowDays: number;
}

export interface RegistrationOptions {
  readonly policy?: OfficePolicy;
  /** Court codes this deployment serves; omit to accept any well-formed code. */
  readonly allowedCourtCodes?: readonly string[];
}

const isSentenceKind = (v: unknown): v is SentenceKind => (SENTENCE_KINDS as readonly unknown[]).includes(v);
const isSanction = (v: unknown): v is NonComplianceSanction =>
  (NON_COMPLIANCE_SANCTIONS as readonly unknown[]).includes(v);
const present = (v: number | null | undefined): v is number => v !== undefined && v !== null;

/**
 * Checks a case registration against every sentencing rule.
 *
 * Rules: ID-DECISION-NUMBER, KS-HOURS, KS-ELIGIBILITY, KS-SANCTION, KS-START, KS-DEADLINE, KS-PER-DAY,
 * KS-DAYS-PER-WEEK, KS-CONSENT, KS-FEASIBLE, CHILD-CASE, and INPUT-FORMAT for malformed values.
 * KS-FEASIBLE is only checked when its inputs are individually valid, so one typo yields one violation.
 *
 * @example
 * const r = validateCaseRegistration(input, { policy: { childMaxHoursPerDay: 3 } });
 * if (!r.ok) throw problems.invalidInput(r.violations);
 */
export const validateCaseRegistration = (
  input: CaseRegistrationInput,
  options: RegistrationOptions = {},
): Result<ValidatedRegistration> => {
  const policy = options.policy ?? DEFAULT_OFFICE_POLICY;
  const { decision, sentence, consent, client } = input;
  const v: RuleViolation[] = [];
  const add = (rule: RuleViolation['rule'], path: string, message: string) =>
    v.push(violation(rule, path, message));

  // Formats first: later rules only look at values that passed here.
  const datesOk = {
    decision: isLocalDate(decision.date),
    start: isLocalDate(sentence.startDate),
    deadline: isLocalDate(sentence.deadline),
    birth: isLocalDate(client.birthDate),
  };
  if (!datesOk.decision) add(Rule.INPUT_FORMAT, 'decision.date', 'Decision date must be a YYYY-MM-DD date.');
  if (!datesOk.start) add(Rule.INPUT_FORMAT, 'sentence.startDate', 'Start date must be a YYYY-MM-DD date.');
  if (!datesOk.deadline) add(Rule.INPUT_FORMAT, 'sentence.deadline', 'Deadline must be a YYYY-MM-DD date.');
  if (!isLocalDate(consent.recordedOn)) {
    add(Rule.INPUT_FORMAT, 'consent.recordedOn', 'Consent date must be a YYYY-MM-DD date.');
  }
  if (!datesOk.birth) add(Rule.INPUT_FORMAT, 'clientId', "The client's birth date is missing or malformed.");
  const kindOk = isSentenceKind(sentence.kind);
  if (!kindOk) add(Rule.INPUT_FORMAT, 'sentence.kind', 'Kind must be kerja_sosial or pelayanan_masyarakat.');
  if (!isSanction(decision.nonComplianceSanction)) {
    add(
      Rule.INPUT_FORMAT,
      'decision.nonComplianceSanction',
      'Sanction must be repeat, serve_prison or pay_fine.',
    );
  }
  const { prisonMonths, fineRupiah } = decision.imposed;
  if (present(prisonMonths) && !(Number.isFinite(prisonMonths) && prisonMonths > 0)) {
    add(Rule.INPUT_FORMAT, 'decision.imposed.prisonMonths', 'Prison months must be a positive number.');
  }
  if (present(fineRupiah) && !(Number.isInteger(fineRupiah) && fineRupiah > 0)) {
    add(Rule.INPUT_FORMAT, 'decision.imposed.fineRupiah', 'Fine must be a positive whole number of rupiah.');
  }
  if (!(Number.isFinite(decision.threatenedMaxMonths) && decision.threatenedMaxMonths > 0)) {
    add(
      Rule.INPUT_FORMAT,
      'decision.threatenedMaxMonths',
      'Threatened maximum must be a positive number of months.',
    );
  }

  // ID-DECISION-NUMBER
  const parsedNumber = parseDecisionNumber(decision.number, {
    path: 'decision.number',
    ...(options.allowedCourtCodes ? { allowedCourtCodes: options.allowedCourtCodes } : {}),
  });
  if (!parsedNumber.ok) v.push(...parsedNumber.violations);
  else if (datesOk.decision && parsedNumber.value.year > Number(decision.date.slice(0, 4))) {
    add(
      Rule.ID_DECISION_NUMBER,
      'decision.number',
      'The case year in the decision number is after the decision date.',
    );
  }

  // KS-HOURS
  const limits = kindOk ? HOURS_LIMITS[sentence.kind] : undefined;
  let hoursOk = false;
  if (!Number.isInteger(sentence.hours)) {
    add(Rule.KS_HOURS, 'sentence.hours', 'Hours ordered must be a whole number.');
  } else if (limits && (sentence.hours < limits.min || sentence.hours > limits.max)) {
    add(
      Rule.KS_HOURS,
      'sentence.hours',
      `Hours ordered for ${sentence.kind} must be ${limits.min}–${limits.max}.`,
    );
  } else hoursOk = limits !== undefined;

  // KS-ELIGIBILITY: only pidana kerja sosial has the KUHP 85(1) thresholds.
  if (sentence.kind === 'kerja_sosial') {
    if (
      Number.isFinite(decision.threatenedMaxMonths) &&
      decision.threatenedMaxMonths >= THREATENED_MONTHS_LIMIT
    ) {
      add(
        Rule.KS_ELIGIBILITY,
        'decision.threatenedMaxMonths',
        'Kerja sosial needs an offence threatened with under 5 years (60 months) of prison.',
      );
    }
    if (!present(prisonMonths) && !present(fineRupiah)) {
      add(
        Rule.KS_ELIGIBILITY,
        'decision.imposed',
        'The decision must state the prison term or the fine it replaces.',
      );
    } else {
      const prisonEligible = present(prisonMonths) && prisonMonths <= MAX_IMPOSED_PRISON_MONTHS;
      const fineEligible = present(fineRupiah) && fineRupiah <= MAX_IMPOSED_FINE_RUPIAH;
      if (!prisonEligible && !fineEligible) {
        if (present(prisonMonths)) {
          add(
            Rule.KS_ELIGIBILITY,
            'decision.imposed.prisonMonths',
            'Kerja sosial replaces prison of at most 6 months.',
          );
        }
        if (present(fineRupiah)) {
          add(
            Rule.KS_ELIGIBILITY,
            'decision.imposed.fineRupiah',
            'Kerja sosial replaces a fine of at most Rp10,000,000.',
          );
        }
      }
    }
  }

  // KS-SANCTION: 85(7)(b),(c) order serving the *replaced* prison or paying the *replaced* fine.
  if (decision.nonComplianceSanction === 'serve_prison' && !present(prisonMonths)) {
    add(Rule.KS_SANCTION, 'decision.nonComplianceSanction', 'serve_prison needs the imposed prison term.');
  }
  if (decision.nonComplianceSanction === 'pay_fine' && !present(fineRupiah)) {
    add(Rule.KS_SANCTION, 'decision.nonComplianceSanction', 'pay_fine needs the imposed fine.');
  }

  // KS-START, KS-DEADLINE
  if (datesOk.decision && datesOk.start && sentence.startDate < decision.date) {
    add(Rule.KS_START, 'sentence.startDate', 'The sentence cannot start before the decision date.');
  }
  let windowOk = false;
  if (datesOk.start && datesOk.deadline) {
    const latest = addDays(sentence.startDate, MAX_WINDOW_DAYS);
    if (sentence.deadline <= sentence.startDate) {
      add(Rule.KS_DEADLINE, 'sentence.deadline', 'The deadline must be after the start date.');
    } else if (sentence.deadline > latest) {
      add(
        Rule.KS_DEADLINE,
        'sentence.deadline',
        `The deadline can be at most 180 days after the start (${latest}).`,
      );
    } else windowOk = true;
  }

  // KS-PER-DAY
  const isChild = sentence.kind === 'pelayanan_masyarakat';
  const perDayLimit = isChild ? Math.min(MAX_HOURS_PER_DAY, policy.childMaxHoursPerDay) : MAX_HOURS_PER_DAY;
  let perDayOk = false;
  if (!isWholeMinutes(sentence.maxHoursPerDay) || sentence.maxHoursPerDay < 1) {
    add(Rule.KS_PER_DAY, 'sentence.maxHoursPerDay', 'Hours per day must be at least 1, in whole minutes.');
  } else if (sentence.maxHoursPerDay > perDayLimit) {
    add(
      Rule.KS_PER_DAY,
      'sentence.maxHoursPerDay',
      isChild
        ? `A child may work at most ${perDayLimit} hours a day under this office's policy.`
        : 'At most 8 hours a day (KUHP 85(5)).',
    );
  } else perDayOk = true;

  // KS-DAYS-PER-WEEK
  const dpw = sentence.daysPerWeek ?? undefined;
  let dpwOk = true;
  if (dpw !== undefined && !(Number.isInteger(dpw) && dpw >= 1 && dpw <= 7)) {
    add(Rule.KS_DAYS_PER_WEEK, 'sentence.daysPerWeek', 'Days per week must be a whole number from 1 to 7.');
    dpwOk = false;
  }

  // KS-CONSENT
  if (consent.given !== true) {
    add(Rule.KS_CONSENT, 'consent.given', "The client's consent after explanation is required (KUHP 85(2)).");
  }

  // CHILD-CASE
  let age = Number.NaN;
  if (datesOk.birth && datesOk.decision) age = ageOn(client.birthDate, decision.date);
  if (parsedNumber.ok && kindOk) {
    const childType = parsedNumber.value.type === CHILD_DECISION_TYPE;
    if (isChild && !childType) {
      add(Rule.CHILD_CASE, 'decision.number', 'Pelayanan masyarakat needs a Pid.Sus-Anak decision.');
    }
    if (!isChild && childType) {
      add(
        Rule.CHILD_CASE,
        'sentence.kind',
        'A Pid.Sus-Anak decision imposes pelayanan_masyarakat, not kerja_sosial.',
      );
    }
  }
  if (isChild && Number.isFinite(age) && (age < CHILD_MIN_AGE || age > CHILD_MAX_AGE)) {
    add(
      Rule.CHILD_CASE,
      'clientId',
      `A child's case needs a client aged 12–17 on the decision date (was ${age}).`,
    );
  }

  // KS-FEASIBLE: only a plainly impossible order, i.e. more hours than every allowed day at the daily maximum.
  if (hoursOk && windowOk && perDayOk && dpwOk) {
    const days = availableDays(sentence.startDate, sentence.deadline, dpw);
    const capacity = days * hoursToMinutes(sentence.maxHoursPerDay);
    if (capacity < sentence.hours * 60) {
      add(
        Rule.KS_FEASIBLE,
        'sentence.hours',
        `${sentence.hours} hours cannot fit in ${days} working days at ${sentence.maxHoursPerDay} hours a day.`,
      );
    }
  }

  return resultOf(v, () => ({
    decisionNumber: (parsedNumber as { ok: true; value: DecisionNumber }).value,
    clientAgeOnDecision: age,
    windowDays: diffDays(sentence.deadline, sentence.startDate) + 1,
  }));
};

/** Pasal 82: one hour of kerja sosial for each Rp50,000 of unpaid fine or part of it. */
export const RUPIAH_PER_SUBSTITUTE_HOUR = 50_000;

export interface FineSubstitute {
  /** Hours for the whole fine, clamped to 8–240. */
  readonly fullHours: number;
  /** Hours still to work after `paidRupiah`. */
  readonly hours: number;
}

/**
 * Hours of kerja sosial that replace an unpaid fine (pidana kerja sosial pengganti, KUHP Pasal 82).
 *
 * `fullHours = clamp(ceil(fine / 50,000), 8, 240)`. A partial payment reduces the hours in proportion
 * ("dikurangi menurut ukuran yang sepadan"): `hours = ceil(fullHours × unpaid / fine)`, rounded up because
 * the law counts any part of Rp50,000 as an hour. The 8-hour minimum applies to the substitution itself,
 * not to what remains after paying, so paying in full leaves 0.
 *
 * @example fineSubstituteHours(1_000_000) // ok: { fullHours: 20, hours: 20 }
 * @example fineSubstituteHours(1_000_000, 500_000) // ok: { fullHours: 20, hours: 10 }
 */
export const fineSubstituteHours = (fineRupiah: number, paidRupiah = 0): Result<FineSubstitute> => {
  const v: RuleViolation[] = [];
  if (!Number.isInteger(fineRupiah) || fineRupiah <= 0 || fineRupiah > MAX_IMPOSED_FINE_RUPIAH) {
    v.push(
      violation(
        Rule.KS_FINE_SUBSTITUTE,
        'fineRupiah',
        'Only a fine of Rp1 to Rp10,000,000 (kategori II), in whole rupiah, can be replaced by kerja sosial.',
      ),
    );
  }
  if (!Number.isInteger(paidRupiah) || paidRupiah < 0 || paidRupiah > fineRupiah) {
    v.push(
      violation(
        Rule.KS_FINE_SUBSTITUTE,
        'paidRupiah',
        'The amount paid must be 0 up to the fine, in whole rupiah.',
      ),
    );
  }
  if (v.length > 0) return fail(v);
  const { min, max } = HOURS_LIMITS.kerja_sosial;
  const fullHours = Math.min(max, Math.max(min, Math.ceil(fineRupiah / RUPIAH_PER_SUBSTITUTE_HOUR)));
  const unpaid = fineRupiah - paidRupiah;
  // Both operands are integers far below 2^53 and a non-multiple is at least 1/fine away from an integer,
  // so floating-point division cannot push the ceiling off by one.
  const hours = Math.ceil((fullHours * unpaid) / fineRupiah);
  return ok({ fullHours, hours });
};
