/**
 * The jaksa's or court's outcome of a referral, and the terms it sets (KUHP 85(7), SPPA 76(2)).
 *
 * Abdi records the outcome; it refuses only what the decision cannot have said: an outcome the decision
 * does not allow, a child's repeat not decided by the hakim pengawas, or terms that contradict themselves
 * or the sentence (more than all of it, a deadline before the decision).
 *
 * Choices:
 * - Every term may be left out when the scope is `all` (the whole of it is meant) and every deadline may
 *   be left out (the one in force stays): a body from before the terms existed is still a lawful outcome.
 * - "All" of the replaced prison term is its months at 30 days each (KUHP 184).
 */
import type { LocalDate } from './calendar';
import { hoursToMinutes, isWholeMinutes, minutesToHours } from './hours';
import type { ReferralDecision } from './lifecycle';
import type { CaseTerms } from './progress';
import { Rule, resultOf, violation, type Result, type RuleViolation } from './rules';
import type { NonComplianceSanction, SentenceKind } from './sentence';

/** Whether the outcome concerns all of the sentence (or replaced penalty), or part of it (85(7)). */
export const OUTCOME_SCOPES = ['all', 'part'] as const;
export type OutcomeScope = (typeof OUTCOME_SCOPES)[number];

/** Who decided: the jaksa, the hakim pengawas (a child's repeat, SPPA 76(2)) or the court. */
export const OUTCOME_DECIDERS = ['jaksa', 'hakim_pengawas', 'court'] as const;
export type OutcomeDecider = (typeof OUTCOME_DECIDERS)[number];

/** Days in a month of a prison term (KUHP 184). */
const DAYS_PER_MONTH = 30;

/** The outcome as the decision states it. */
export interface OutcomeTermsInput {
  readonly decision: ReferralDecision;
  readonly decidedOn: LocalDate;
  readonly decidedBy?: OutcomeDecider;
  readonly scope?: OutcomeScope;
  /** `repeat`: the hours to work again. */
  readonly hours?: number;
  /** `repeat`, `continue`: the new deadline. */
  readonly deadline?: LocalDate;
  /** `serve_prison`: the days of the replaced prison term to serve. */
  readonly days?: number;
  /** `pay_fine`: the rupiah of the replaced fine to pay. */
  readonly amountRupiah?: number;
}

/** The case as the outcome's rules see it. */
export interface CaseForOutcome {
  readonly sentenceKind: SentenceKind;
  readonly sentenceHours: number;
  readonly sanction: NonComplianceSanction;
  readonly terms: CaseTerms;
  readonly creditedMinutes: number;
  /** The prison term the decision imposed, in months. */
  readonly prisonMonths?: number;
  /** The fine the kerja sosial replaces (the converted fine, or the fine imposed). */
  readonly fineRupiah?: number;
}

/** What the outcome records and the terms the case follows after it. */
export interface DecidedOutcome {
  readonly scope?: OutcomeScope;
  readonly terms: CaseTerms;
  /** Minutes still to credit under `terms`. */
  readonly remainingMinutes: number;
}

/** Which terms each decision carries; any other is refused (OUTCOME-TERMS). */
const TERM_FIELDS: Readonly<Record<ReferralDecision, readonly (keyof OutcomeTermsInput)[]>> = {
  repeat: ['hours', 'deadline'],
  serve_prison: ['days'],
  pay_fine: ['amountRupiah'],
  continue: ['deadline'],
};

/**
 * OUTCOME-ALLOWED: an adult's outcome is the sanction the decision names, or `continue`; a child's can
 * only be `repeat` or `continue` (SPPA 76(2)). OUTCOME-DECIDED-BY: a child's repeat is decided by the
 * hakim pengawas, and says so.
 */
function allowedOutcome(input: OutcomeTermsInput, c: CaseForOutcome): RuleViolation[] {
  const child = c.sentenceKind === 'pelayanan_masyarakat';
  const allowed: readonly ReferralDecision[] = child ? ['repeat', 'continue'] : [c.sanction, 'continue'];
  if (!allowed.includes(input.decision)) {
    const why = child
      ? "A child's non-compliance can only lead to repeating the hours (SPPA 76(2))."
      : `The decision orders ${c.sanction} on non-compliance (85(7)); the outcome is that or continue.`;
    return [violation(Rule.OUTCOME_ALLOWED, 'decision', why)];
  }
  if (child && input.decision === 'repeat' && input.decidedBy !== 'hakim_pengawas') {
    return [
      violation(
        Rule.OUTCOME_DECIDED_BY,
        'decidedBy',
        "A child's repeat is decided by the hakim pengawas (SPPA 76(2)); record it as hakim_pengawas.",
      ),
    ];
  }
  return [];
}

/**
 * OUTCOME-TERMS: one amount against its whole (the sentence's hours, the replaced term or fine). `all`
 * means the whole, so a different amount contradicts it; `part` needs the amount; no amount exceeds the
 * whole. Returns the amount in force, or undefined when none was given or can be known.
 */
function amountOf(
  field: 'hours' | 'days' | 'amountRupiah',
  given: number | undefined,
  whole: number | undefined,
  scope: OutcomeScope,
  v: RuleViolation[],
): number | undefined {
  const valid = field === 'hours' ? isWholeMinutes : Number.isInteger;
  if (given === undefined) {
    if (scope === 'all') return whole;
    v.push(violation(Rule.OUTCOME_TERMS, field, `Part of it is ordered: state the ${field}.`));
    return undefined;
  }
  if (!(given > 0) || !valid(given)) {
    v.push(violation(Rule.OUTCOME_TERMS, field, `The ${field} must be a positive, whole amount.`));
  } else if (whole !== undefined && given > whole) {
    v.push(violation(Rule.OUTCOME_TERMS, field, `More than all of it (${whole}) cannot be ordered.`));
  } else if (whole !== undefined && scope === 'all' && given !== whole) {
    v.push(violation(Rule.OUTCOME_TERMS, field, `All of it is ${whole}; send scope part for less.`));
  }
  return given;
}

/**
 * Checks a referral outcome against the case (OUTCOME-ALLOWED, OUTCOME-DECIDED-BY, OUTCOME-TERMS) and
 * returns the terms the case follows after it:
 * - `repeat`: `hours` = the hours credited so far + the hours to repeat, by the new deadline;
 * - `continue`: the hours in force, by the new deadline;
 * - `serve_prison` / `pay_fine`: the hours in force, with the days or rupiah the case converts into.
 *
 * @example decideOutcome({ decision: 'repeat', decidedOn: '2026-06-10', scope: 'part', hours: 10,
 *   deadline: '2026-09-30' }, { …, creditedMinutes: 1200 }) // ok: terms { hours: 30, deadline: '2026-09-30' }
 */
export const decideOutcome = (input: OutcomeTermsInput, c: CaseForOutcome): Result<DecidedOutcome> => {
  const v: RuleViolation[] = allowedOutcome(input, c);
  const scope = input.scope ?? 'all';
  const carried = TERM_FIELDS[input.decision] ?? [];
  for (const field of ['hours', 'deadline', 'days', 'amountRupiah'] as const) {
    if (input[field] !== undefined && !carried.includes(field)) {
      v.push(violation(Rule.OUTCOME_TERMS, field, `A ${input.decision} outcome carries no ${field}.`));
    }
  }
  const deadline = input.deadline ?? c.terms.deadline;
  if (carried.includes('deadline') && deadline < input.decidedOn) {
    v.push(violation(Rule.OUTCOME_TERMS, 'deadline', 'The new deadline is on or after the decision.'));
  }
  const base = { ...c.terms, source: 'referral_outcome' as const };
  const hoursBefore = minutesToHours(c.creditedMinutes);
  let terms: CaseTerms = base;
  if (input.decision === 'repeat') {
    const hours = amountOf('hours', input.hours, c.sentenceHours, scope, v) ?? 0;
    terms = { ...base, hours: hoursBefore + hours, deadline };
  } else if (input.decision === 'continue') {
    terms = { ...base, deadline };
  } else if (input.decision === 'serve_prison') {
    const whole = c.prisonMonths === undefined ? undefined : c.prisonMonths * DAYS_PER_MONTH;
    const days = amountOf('days', input.days, whole, scope, v);
    terms = { ...base, ...(days === undefined ? {} : { prisonDays: days }) };
  } else if (input.decision === 'pay_fine') {
    const rupiah = amountOf('amountRupiah', input.amountRupiah, c.fineRupiah, scope, v);
    terms = { ...base, ...(rupiah === undefined ? {} : { fineRupiah: rupiah }) };
  }
  return resultOf(v, () => ({
    ...(input.decision === 'continue' ? {} : { scope }),
    terms,
    remainingMinutes: Math.max(0, hoursToMinutes(terms.hours) - c.creditedMinutes),
  }));
};
