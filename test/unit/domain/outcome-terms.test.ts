import { describe, expect, it } from 'vitest';
import * as domain from '../../../functions/domain';
import type { CaseForOutcome, OutcomeTermsInput } from '../../../functions/domain';
import { rules } from './violations';

const { decideOutcome } = domain;

/** An adult's 40 hours, prison replaced (3 months), 12 hours credited, due 30 June 2026. */
const adult: CaseForOutcome = {
  sentenceKind: 'kerja_sosial',
  sentenceHours: 40,
  sanction: 'repeat',
  terms: { hours: 40, deadline: '2026-06-30', source: 'decision' },
  creditedMinutes: 12 * 60,
  prisonMonths: 3,
};
const child: CaseForOutcome = { ...adult, sentenceKind: 'pelayanan_masyarakat', sentenceHours: 20 };
const on = (input: Partial<OutcomeTermsInput> & Pick<OutcomeTermsInput, 'decision'>): OutcomeTermsInput => ({
  decidedOn: '2026-06-10',
  ...input,
});

describe('the outcome a decision allows', () => {
  it("OUTCOME-ALLOWED: an adult's outcome is the decision's sanction or continue", () => {
    const prison = { ...adult, sanction: 'serve_prison' as const };
    expect(decideOutcome(on({ decision: 'serve_prison' }), prison).ok).toBe(true);
    expect(decideOutcome(on({ decision: 'continue' }), prison).ok).toBe(true);
    expect(rules(decideOutcome(on({ decision: 'repeat', hours: 10, scope: 'part' }), prison))).toEqual([
      'OUTCOME-ALLOWED decision',
    ]);
    expect(rules(decideOutcome(on({ decision: 'pay_fine' }), prison))).toEqual(['OUTCOME-ALLOWED decision']);
  });

  it("OUTCOME-ALLOWED: a child's outcome is only repeat or continue (SPPA 76(2))", () => {
    const verdict = decideOutcome(on({ decision: 'serve_prison', decidedBy: 'hakim_pengawas' }), child);
    expect(rules(verdict)).toEqual(['OUTCOME-ALLOWED decision']);
    expect(verdict.ok ? '' : verdict.violations[0]!.message).toContain('SPPA 76(2)');
    expect(decideOutcome(on({ decision: 'continue' }), child).ok).toBe(true);
  });

  it("OUTCOME-DECIDED-BY: a child's repeat is the hakim pengawas's, recorded as such", () => {
    expect(rules(decideOutcome(on({ decision: 'repeat', decidedBy: 'jaksa' }), child))).toEqual([
      'OUTCOME-DECIDED-BY decidedBy',
    ]);
    expect(rules(decideOutcome(on({ decision: 'repeat' }), child))).toEqual(['OUTCOME-DECIDED-BY decidedBy']);
    expect(decideOutcome(on({ decision: 'repeat', decidedBy: 'hakim_pengawas' }), child).ok).toBe(true);
  });
});

describe('the terms an outcome sets', () => {
  it('OUTCOME-TERMS: a repeat of part adds the hours to repeat to those credited, by the new deadline', () => {
    const verdict = decideOutcome(
      on({ decision: 'repeat', scope: 'part', hours: 10, deadline: '2026-09-30' }),
      adult,
    );
    expect(verdict).toEqual({
      ok: true,
      value: {
        scope: 'part',
        terms: { hours: 22, deadline: '2026-09-30', source: 'referral_outcome' },
        remainingMinutes: 600,
      },
    });
  });

  it('OUTCOME-TERMS: a repeat of all is the whole sentence again; left out, the deadline in force stays', () => {
    const verdict = decideOutcome(on({ decision: 'repeat' }), adult);
    expect(verdict.ok && verdict.value.terms).toEqual({
      hours: 52,
      deadline: '2026-06-30',
      source: 'referral_outcome',
    });
    expect(verdict.ok && verdict.value.remainingMinutes).toBe(40 * 60);
  });

  it('OUTCOME-TERMS: part needs its amount, all means the whole, nothing exceeds it', () => {
    expect(rules(decideOutcome(on({ decision: 'repeat', scope: 'part' }), adult))).toEqual([
      'OUTCOME-TERMS hours',
    ]);
    expect(rules(decideOutcome(on({ decision: 'repeat', scope: 'all', hours: 10 }), adult))).toEqual([
      'OUTCOME-TERMS hours',
    ]);
    expect(rules(decideOutcome(on({ decision: 'repeat', scope: 'part', hours: 41 }), adult))).toEqual([
      'OUTCOME-TERMS hours',
    ]);
    expect(rules(decideOutcome(on({ decision: 'repeat', scope: 'part', hours: -2 }), adult))).toEqual([
      'OUTCOME-TERMS hours',
    ]);
  });

  it('OUTCOME-TERMS: a new deadline before the decision cannot be true; a term of another decision is refused', () => {
    expect(rules(decideOutcome(on({ decision: 'continue', deadline: '2026-06-09' }), adult))).toEqual([
      'OUTCOME-TERMS deadline',
    ]);
    expect(rules(decideOutcome(on({ decision: 'continue', hours: 5 }), adult))).toEqual([
      'OUTCOME-TERMS hours',
    ]);
  });

  it('OUTCOME-TERMS: continue keeps the hours and takes the new deadline', () => {
    const verdict = decideOutcome(on({ decision: 'continue', deadline: '2026-08-31' }), adult);
    expect(verdict).toEqual({
      ok: true,
      value: {
        terms: { hours: 40, deadline: '2026-08-31', source: 'referral_outcome' },
        remainingMinutes: 28 * 60,
      },
    });
  });

  it('OUTCOME-TERMS: serve_prison records the days (a month is 30), at most the replaced term', () => {
    const prison = { ...adult, sanction: 'serve_prison' as const };
    const all = decideOutcome(on({ decision: 'serve_prison' }), prison);
    expect(all.ok && all.value.terms.prisonDays).toBe(90);
    const part = decideOutcome(on({ decision: 'serve_prison', scope: 'part', days: 45 }), prison);
    expect(part.ok && part.value).toMatchObject({ scope: 'part', terms: { prisonDays: 45, hours: 40 } });
    expect(rules(decideOutcome(on({ decision: 'serve_prison', scope: 'part', days: 91 }), prison))).toEqual([
      'OUTCOME-TERMS days',
    ]);
  });

  it('OUTCOME-TERMS: pay_fine records the rupiah of the replaced fine', () => {
    const fine = { ...adult, sanction: 'pay_fine' as const, prisonMonths: undefined, fineRupiah: 2_000_000 };
    const part = decideOutcome(on({ decision: 'pay_fine', scope: 'part', amountRupiah: 500_000 }), fine);
    expect(part.ok && part.value.terms.fineRupiah).toBe(500_000);
    expect(rules(decideOutcome(on({ decision: 'pay_fine', amountRupiah: 500_000 }), fine))).toEqual([
      'OUTCOME-TERMS amountRupiah',
    ]);
  });
});
