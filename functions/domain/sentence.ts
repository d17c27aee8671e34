/**
 * The sentence as the court imposed it: its kinds, the law's limits and the Pasal 82 conversion.
 *
 * Two kinds:
 * - `kerja_sosial` (pidana kerja sosial, community work for adults, KUHP Pasal 85);
 * - `pelayanan_masyarakat` (pidana pelayanan masyarakat, community service for an Anak, a child of 12 to
 *   under 18, UU 11/2012 on the juvenile justice system, SPPA, Pasal 76).
 *
 * Whether registering an order is lawful is case-registration.ts.
 */
import { fail, ok, Rule, violation, type Result, type RuleViolation } from './rules';

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
/** KUHP 85(1): the offence's threatened prison term must be under 5 years (60 months). */
export const THREATENED_MONTHS_LIMIT = 60;
/** KUHP 85(1): imposed prison of at most 6 months ... */
export const MAX_IMPOSED_PRISON_MONTHS = 6;
/** ... or a fine of at most kategori II (KUHP 79(1)). */
export const MAX_IMPOSED_FINE_RUPIAH = 10_000_000;

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
