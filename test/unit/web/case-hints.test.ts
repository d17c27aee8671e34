import { describe, expect, it } from 'vitest';
import { caseHints, draftViolations, type CaseDraft } from '../../../web/src/screens/new-case/case-hints';

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
  consentGiven: true,
};

describe('the new-case hints from the domain validator', () => {
  it('passes a lawful draft, still explaining each limit', () => {
    const hints = caseHints(draft);
    expect(Object.values(hints).every((h) => h?.ok)).toBe(true);
    expect(hints['sentence.hours']).toMatchObject({ code: 'hours', values: { min: 8, max: 240 } });
    expect(hints['sentence.deadline']).toMatchObject({
      code: 'window',
      values: { days: 90, max: 180, latest: '2026-08-28' },
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

  it('caps a day at 8 hours, and a child at the office default of 3', () => {
    expect(caseHints({ ...draft, maxHoursPerDay: 9 })['sentence.maxHoursPerDay']?.ok).toBe(false);
    expect(
      caseHints({ ...draft, kind: 'pelayanan_masyarakat', maxHoursPerDay: 4 })['sentence.maxHoursPerDay'],
    ).toMatchObject({ ok: false, values: { max: 3 } });
  });

  it('keeps the window within 180 days, after the start, and feasible', () => {
    expect(caseHints({ ...draft, deadline: '2026-08-29' })['sentence.deadline']).toMatchObject({
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

  it('requires consent and a start on or after the decision', () => {
    expect(caseHints({ ...draft, consentGiven: false })['consent.given']?.ok).toBe(false);
    expect(caseHints({ ...draft, startDate: '2026-02-19' })['sentence.startDate']?.ok).toBe(false);
  });

  it('checks kerja sosial eligibility: threatened under 5 years, prison ≤ 6 months or fine ≤ Rp10 million', () => {
    expect(caseHints({ ...draft, threatenedMaxMonths: 60 })['decision.threatenedMaxMonths']?.ok).toBe(false);
    expect(caseHints({ ...draft, prisonMonths: 7 })['decision.imposed']?.ok).toBe(false);
    expect(caseHints({ ...draft, prisonMonths: 7, fineRupiah: 5_000_000 })['decision.imposed']?.ok).toBe(
      true,
    );
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
    const tooYoung = caseHints({ ...draft, kind: 'pelayanan_masyarakat', clientBirthDate: '2015-01-01' });
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
    expect(draftViolations({ ...draft, consentGiven: false }).map((v) => v.rule)).toEqual(['KS-CONSENT']);
  });
});
