/**
 * Payments toward a fine converted into kerja sosial (KUHP 82): each part-payment reduces the hours
 * still owed "by the same measure".
 *
 * The measure (clarifications, "The law"): with fine F converted to H hours (the 8-hour floor and the
 * 240-hour cap included), after payments totalling P and S hours served, the hours still owed are
 * `max(0, ceil(H × (F − P) ÷ F) − S)`. The terms keep `ceil(H × (F − P) ÷ F)` as their hours, so what
 * remains is those hours less what is credited, like every other set of terms.
 */
import type { LocalDate } from './calendar';
import { hoursToMinutes } from './hours';
import { OPEN_STATUSES, type CaseStatus } from './lifecycle';
import type { CaseTerms } from './progress';
import type { CaseOrigin } from './registration-model';
import { fail, ok, Rule, violation, type Result, type RuleViolation } from './rules';
import { fineSubstituteHours } from './sentence';

export interface PaymentInput {
  readonly amountRupiah: number;
  readonly paidOn: LocalDate;
}

/** The case as a payment's rules see it. */
export interface CaseForPayment {
  readonly origin: CaseOrigin;
  readonly status: CaseStatus;
  /** The converted fine (F); absent on a case that is not a conversion. */
  readonly fineRupiah?: number;
  readonly terms: CaseTerms;
  readonly creditedMinutes: number;
  /** The conversion's date: a payment cannot precede it. */
  readonly decidedOn: LocalDate;
}

/** The terms after a payment and what is still owed under them. */
export interface PaymentEffect {
  readonly terms: CaseTerms;
  readonly remainingMinutes: number;
}

/**
 * Checks a payment on a case and returns the terms it leaves:
 * PAY-CONVERSION (an open fine conversion), PAY-AMOUNT (whole rupiah, more than 0, never more than the
 * fine in total), PAY-DATE (between the conversion and today), PAY-HOURS (the Pasal 82 measure above).
 *
 * @example decidePayment({ amountRupiah: 512_500, paidOn: '2026-04-01' }, { fineRupiah: 1_025_000, … },
 *   '2026-04-02') // ok: terms.hours 11 (21 h × 512,500 ÷ 1,025,000 = 10.5, rounded up)
 */
export const decidePayment = (
  input: PaymentInput,
  c: CaseForPayment,
  today: LocalDate,
): Result<PaymentEffect> => {
  const v: RuleViolation[] = [];
  const fine = c.origin === 'fine_conversion' ? c.fineRupiah : undefined;
  if (fine === undefined) {
    v.push(violation(Rule.PAY_CONVERSION, 'caseId', 'Payments are recorded on a fine conversion only.'));
  } else if (!OPEN_STATUSES.includes(c.status)) {
    v.push(violation(Rule.PAY_CONVERSION, 'caseId', `The case is ${c.status}: nothing is owed any more.`));
  }
  const paid = (c.terms.paidRupiah ?? 0) + input.amountRupiah;
  if (!Number.isInteger(input.amountRupiah) || input.amountRupiah <= 0) {
    v.push(violation(Rule.PAY_AMOUNT, 'amountRupiah', 'A payment is a whole number of rupiah above 0.'));
  } else if (fine !== undefined && paid > fine) {
    v.push(
      violation(
        Rule.PAY_AMOUNT,
        'amountRupiah',
        `Only Rp${fine - (c.terms.paidRupiah ?? 0)} of the fine is unpaid.`,
      ),
    );
  }
  if (input.paidOn > today || input.paidOn < c.decidedOn) {
    v.push(
      violation(
        Rule.PAY_DATE,
        'paidOn',
        `A payment is dated between the conversion (${c.decidedOn}) and today.`,
      ),
    );
  }
  if (v.length > 0 || fine === undefined) return fail(v);
  const substitute = fineSubstituteHours(fine, paid);
  if (!substitute.ok) return substitute;
  const terms: CaseTerms = { ...c.terms, hours: substitute.value.hours, paidRupiah: paid, source: 'payment' };
  return ok({ terms, remainingMinutes: Math.max(0, hoursToMinutes(terms.hours) - c.creditedMinutes) });
};
