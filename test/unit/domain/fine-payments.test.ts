import { describe, expect, it } from 'vitest';
import * as domain from '../../../functions/domain';
import type { CaseForPayment } from '../../../functions/domain';
import { rules } from './violations';

const { decidePayment } = domain;

/** Rp1,025,000 converted into 21 hours (KUHP 82), 6 hours served, conversion dated 20 February 2026. */
const conversion: CaseForPayment = {
  origin: 'fine_conversion',
  status: 'active',
  fineRupiah: 1_025_000,
  terms: { hours: 21, deadline: '2026-06-30', source: 'decision' },
  creditedMinutes: 6 * 60,
  decidedOn: '2026-02-20',
};
const today = '2026-04-02';

describe('payments toward a converted fine (KUHP 82)', () => {
  it('PAY-HOURS: a part-payment leaves ceil(H × (F − P) ÷ F) hours, less those served', () => {
    const half = decidePayment({ amountRupiah: 512_500, paidOn: '2026-04-01' }, conversion, today);
    // 21 × 512,500 ÷ 1,025,000 = 10.5 → 11 hours in all; 6 served, 5 owed.
    expect(half).toEqual({
      ok: true,
      value: {
        terms: { hours: 11, deadline: '2026-06-30', source: 'payment', paidRupiah: 512_500 },
        remainingMinutes: 5 * 60,
      },
    });
  });

  it('PAY-HOURS: payments add up, and paying the whole fine leaves nothing owed', () => {
    const paid = { ...conversion, terms: { ...conversion.terms, paidRupiah: 1_000_000 } };
    const rest = decidePayment({ amountRupiah: 25_000, paidOn: '2026-04-01' }, paid, today);
    expect(rest.ok && rest.value).toEqual({
      terms: { hours: 0, deadline: '2026-06-30', source: 'payment', paidRupiah: 1_025_000 },
      remainingMinutes: 0,
    });
  });

  it('PAY-HOURS: a conversion raised to the 8-hour floor shrinks in proportion, never below what is served', () => {
    const small = { ...conversion, fineRupiah: 100_000, terms: { ...conversion.terms, hours: 8 } };
    const verdict = decidePayment({ amountRupiah: 50_000, paidOn: '2026-04-01' }, small, today);
    expect(verdict.ok && verdict.value).toMatchObject({ terms: { hours: 4 }, remainingMinutes: 0 });
  });

  it('PAY-CONVERSION: only an open fine conversion takes payments', () => {
    const decision = { ...conversion, origin: 'decision' as const, fineRupiah: undefined };
    expect(rules(decidePayment({ amountRupiah: 50_000, paidOn: today }, decision, today))).toEqual([
      'PAY-CONVERSION caseId',
    ]);
    const ended = { ...conversion, status: 'completed' as const };
    expect(rules(decidePayment({ amountRupiah: 50_000, paidOn: today }, ended, today))).toEqual([
      'PAY-CONVERSION caseId',
    ]);
  });

  it('PAY-AMOUNT: whole rupiah above 0, never more than the fine in total', () => {
    for (const amountRupiah of [0, -5, 10.5]) {
      expect(rules(decidePayment({ amountRupiah, paidOn: today }, conversion, today))).toEqual([
        'PAY-AMOUNT amountRupiah',
      ]);
    }
    const refused = decidePayment({ amountRupiah: 1_025_001, paidOn: today }, conversion, today);
    expect(rules(refused)).toEqual(['PAY-AMOUNT amountRupiah']);
  });

  it('PAY-DATE: a payment is dated between the conversion and today', () => {
    expect(rules(decidePayment({ amountRupiah: 50_000, paidOn: '2026-04-03' }, conversion, today))).toEqual([
      'PAY-DATE paidOn',
    ]);
    expect(rules(decidePayment({ amountRupiah: 50_000, paidOn: '2026-02-19' }, conversion, today))).toEqual([
      'PAY-DATE paidOn',
    ]);
    expect(decidePayment({ amountRupiah: 50_000, paidOn: '2026-02-20' }, conversion, today).ok).toBe(true);
  });
});
