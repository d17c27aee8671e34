import { describe, expect, it } from 'vitest';
import {
  caseHints,
  conversionHours,
  draftFlags,
  draftViolations,
  type CaseDraft,
} from '../../../web/src/screens/new-case/case-hints';

const draft: CaseDraft = {
  kind: 'kerja_sosial',
  hours: 40,
  maxHoursPerDay: 4,
  daysPerWeek: null,
  startDate: '2026-03-01',
  deadline: '2026-05-30',
  decisionNumber: '231/Pid.B/2026/PN Plp',
  decisionDate: '2026-02-20',
  threatenedMaxMonths: 36,
  prisonMonths: 4,
  fineRupiah: null,
  sanction: 'repeat',
  consentGiven: true,
  clientBirthDate: '1990-04-15',
};

/** A child's case: Pid.Sus-Anak, 15 at the offence, repeat on non-compliance, 3 hours a day. */
const child: CaseDraft = {
  ...draft,
  kind: 'pelayanan_masyarakat',
  hours: 30,
  maxHoursPerDay: 3,
  decisionNumber: '9/Pid.Sus-Anak/2026/PN Plp',
  offenceDate: '2025-11-10',
  // The form hides and leaves out what only an adult's decision states.
  threatenedMaxMonths: null,
  prisonMonths: null,
  clientBirthDate: '2010-06-01',
  sanction: 'repeat',
};

describe('the new-case hints from the domain validator', () => {
  it('passes a lawful draft, still explaining each limit', () => {
    const hints = caseHints(draft);
    expect(Object.values(hints).every((h) => h?.ok)).toBe(true);
    expect(hints['sentence.hours']).toMatchObject({ code: 'hours', values: { min: 8, max: 240 } });
    expect(hints['sentence.deadline']).toMatchObject({
      code: 'window',
      values: { scope: 'adult', days: 91, max: 180, latest: '2026-08-27' },
    });
  });

  it('flags hours outside 8–240 for kerja sosial and 7–120 for pelayanan masyarakat', () => {
    expect(caseHints({ ...draft, hours: 300 })['sentence.hours']?.ok).toBe(false);
    expect(caseHints({ ...draft, hours: 7 })['sentence.hours']?.ok).toBe(false);
    const child = caseHints({
      ...draft,
      kind: 'pelayanan_masyarakat',
      hours: 7,
      maxHoursPerDay: 3,
      decisionNumber: '9/Pid.Sus-Anak/2026/PN Plp',
    });
    expect(child['sentence.hours']).toMatchObject({ ok: true, values: { min: 7, max: 120 } });
  });

  it("caps a day at 8 hours; a child's order above the office's advisory 3 is flagged, not refused", () => {
    expect(caseHints({ ...draft, maxHoursPerDay: 9 })['sentence.maxHoursPerDay']?.ok).toBe(false);
    const perDay = caseHints({ ...child, maxHoursPerDay: 5 })['sentence.maxHoursPerDay'];
    expect(perDay).toMatchObject({ code: 'flag', ok: true, flag: { rule: 'CHILD-ADVISORY-HOURS' } });
    expect(draftFlags({ ...child, maxHoursPerDay: 5 }).map((f) => f.rule)).toEqual(['CHILD-ADVISORY-HOURS']);
    expect(draftFlags(child)).toEqual([]);
  });

  it('keeps the window within 180 days counted inclusive, after the start, and feasible', () => {
    expect(caseHints({ ...draft, deadline: '2026-08-27' })['sentence.deadline']?.ok).toBe(true);
    expect(caseHints({ ...draft, deadline: '2026-08-28' })['sentence.deadline']).toMatchObject({
      code: 'window',
      ok: false,
    });
    expect(caseHints({ ...draft, deadline: '2026-03-01' })['sentence.deadline']).toMatchObject({
      code: 'windowOrder',
      ok: false,
    });
    // 10 days × 4 hours cannot hold 60 hours.
    expect(caseHints({ ...draft, hours: 60, deadline: '2026-03-10' })['sentence.deadline']).toMatchObject({
      code: 'feasible',
      ok: false,
      values: { workDays: 10, capacity: 40, hours: 60 },
    });
  });

  it('flags missing consent without refusing it, and requires a start on or after the decision', () => {
    expect(caseHints({ ...draft, consentGiven: false })['consent.given']).toMatchObject({
      code: 'flag',
      ok: true,
      flag: { rule: 'KS-CONSENT' },
    });
    expect(caseHints({ ...draft, startDate: '2026-02-19' })['sentence.startDate']?.ok).toBe(false);
  });

  it("gives a child's conditional period up to 3 years, and a diversion without a victim 3 months", () => {
    expect(caseHints({ ...child, deadline: '2028-12-31' })['sentence.deadline']).toMatchObject({
      ok: true,
      values: { scope: 'child', latest: '2029-02-28' },
    });
    expect(caseHints({ ...child, deadline: '2029-03-01' })['sentence.deadline']?.ok).toBe(false);
    const diversion = { ...child, origin: 'diversion' as const, decisionNumber: '' };
    const agreed = { penetapanNumber: '3/Pen.Div/2026/PN Plp', agreementDate: '2026-02-15' };
    expect(
      caseHints({ ...diversion, diversion: { ...agreed, withoutVictim: true }, deadline: '2026-05-29' })[
        'sentence.deadline'
      ],
    ).toMatchObject({ ok: true, values: { scope: 'diversion', max: 90, latest: '2026-05-29' } });
    expect(
      caseHints({ ...diversion, diversion: { ...agreed, withoutVictim: true }, deadline: '2026-05-30' })[
        'sentence.deadline'
      ]?.ok,
    ).toBe(false);
    expect(draftViolations({ ...diversion, diversion: { ...agreed, withoutVictim: false } })).toEqual([]);
  });

  it('converts an unpaid fine into hours: Rp1.025.000 → 21 jam (KUHP 82)', () => {
    expect(conversionHours(1_025_000)).toBe(21);
    expect(conversionHours(null)).toBeNull();
    const conversion = {
      ...draft,
      origin: 'fine_conversion' as const,
      threatenedMaxMonths: null,
      prisonMonths: null,
      hours: 21,
      conversion: { fineRupiah: 1_025_000, legalBasis: 'KUHP 82' as const },
    };
    expect(caseHints(conversion)['conversion.fineRupiah']).toMatchObject({
      code: 'conversion',
      ok: true,
      values: { hours: 21 },
    });
    expect(draftViolations(conversion)).toEqual([]);
    expect(caseHints({ ...conversion, hours: 20 })['sentence.hours']).toMatchObject({
      ok: false,
      violation: { rule: 'KS-FINE-SUBSTITUTE' },
    });
  });

  it('asks which penalty is replaced when both prison and a fine are imposed', () => {
    const both = { ...draft, prisonMonths: 4, fineRupiah: 5_000_000 };
    expect(caseHints(both)['decision.replaces']).toMatchObject({
      ok: false,
      violation: { rule: 'KS-REPLACES' },
    });
    expect(draftViolations({ ...both, replaces: 'prison' })).toEqual([]);
    expect(
      caseHints({ ...draft, threatenedMaxMonths: 0, prisonMonths: null, fineRupiah: 2_000_000 }),
    ).not.toHaveProperty('decision.imposed.ok', false);
  });

  it('checks kerja sosial eligibility: threatened under 5 years, prison ≤ 6 months or fine ≤ Rp10 million', () => {
    expect(caseHints({ ...draft, threatenedMaxMonths: 60 })['decision.threatenedMaxMonths']?.ok).toBe(false);
    expect(caseHints({ ...draft, prisonMonths: 7 })['decision.imposed']?.ok).toBe(false);
    expect(
      caseHints({ ...draft, prisonMonths: 7, fineRupiah: 5_000_000, replaces: 'fine' })['decision.imposed']
        ?.ok,
    ).toBe(true);
  });

  it('matches the decision type to the kind and the child to the age', () => {
    expect(caseHints({ ...draft, decisionNumber: '0231/Pid.B/2026/PN Plp' })['decision.number']?.code).toBe(
      'decisionNumber',
    );
    expect(caseHints({ ...draft, kind: 'pelayanan_masyarakat' })['decision.number']?.code).toBe(
      'childDecision',
    );
    expect(
      caseHints({ ...draft, decisionNumber: '9/Pid.Sus-Anak/2026/PN Plp' })['decision.number']?.code,
    ).toBe('adultDecision');
    // A child's age counts at the offence (SPPA 1(3)): 11 then, though 12 at the decision.
    const tooYoung = caseHints({ ...child, clientBirthDate: '2014-01-15', offenceDate: '2025-12-01' });
    expect(tooYoung.clientId).toMatchObject({ code: 'childAge', values: { age: 11 } });
  });

  it('does not flag inputs that are still empty', () => {
    const empty = caseHints({
      ...draft,
      hours: null,
      maxHoursPerDay: null,
      threatenedMaxMonths: null,
      prisonMonths: null,
      startDate: '',
      deadline: '',
      decisionNumber: '',
    });
    expect(empty['sentence.hours']?.ok).toBe(true);
    expect(empty['sentence.maxHoursPerDay']?.ok).toBe(true);
    expect(empty['decision.imposed']?.ok).toBe(true);
    expect(empty['sentence.deadline']?.ok).toBe(true);
  });

  it("shows any other violation on its field in the rule's own words", () => {
    const hints = caseHints({ ...draft, sanction: 'pay_fine' });
    expect(hints['decision.nonComplianceSanction']).toMatchObject({
      code: 'rule',
      ok: false,
      violation: { rule: 'KS-SANCTION', path: 'decision.nonComplianceSanction' },
    });
    const year = caseHints({ ...draft, decisionNumber: '231/Pid.B/2027/PN Plp' })['decision.number'];
    expect(year).toMatchObject({ code: 'rule', violation: { rule: 'ID-DECISION-NUMBER' } });
  });

  it('leaves format and required checks to the inputs and the submit', () => {
    expect(draftViolations({ ...draft, decisionDate: '', startDate: '', sanction: '' })).toEqual([]);
    expect(draftViolations({ ...draft, consentGiven: false })).toEqual([]);
  });
});
