import { describe, expect, it } from 'vitest';
import {
  fineSubstituteHours,
  validateCaseRegistration,
  type CaseRegistrationInput,
  type RuleViolation,
} from '../../../functions/domain';

/** A lawful adult registration: 40 hours, 3 h/day, 2026-02-02 to 2026-05-02 (89 days after the start). */
const adult = (
  patch: {
    decision?: Partial<CaseRegistrationInput['decision']>;
    sentence?: Partial<CaseRegistrationInput['sentence']>;
    consent?: Partial<CaseRegistrationInput['consent']>;
    client?: Partial<CaseRegistrationInput['client']>;
  } = {},
): CaseRegistrationInput => ({
  decision: {
    number: '231/Pid.B/2026/PN Plp',
    court: 'PN Palopo',
    date: '2026-01-26',
    offenceArticles: ['KUHP 476'],
    threatenedMaxMonths: 48,
    imposed: { prisonMonths: 4 },
    nonComplianceSanction: 'serve_prison',
    ...patch.decision,
  },
  sentence: {
    kind: 'kerja_sosial',
    hours: 40,
    maxHoursPerDay: 3,
    startDate: '2026-02-02',
    deadline: '2026-05-02',
    ...patch.sentence,
  },
  consent: { given: true, recordedOn: '2026-01-20', ...patch.consent },
  client: { birthDate: '1990-07-14', ...patch.client },
});

/** A lawful child registration: 20 hours, 2 h/day, client aged 15. */
const child = (patch: Parameters<typeof adult>[0] = {}): CaseRegistrationInput =>
  adult({
    ...patch,
    decision: {
      number: '7/Pid.Sus-Anak/2026/PN Plp',
      imposed: {},
      nonComplianceSanction: 'repeat',
      ...patch.decision,
    },
    sentence: { kind: 'pelayanan_masyarakat', hours: 20, maxHoursPerDay: 2, ...patch.sentence },
    client: { birthDate: '2010-09-01', ...patch.client },
  });

const rulesOf = (input: CaseRegistrationInput, options?: Parameters<typeof validateCaseRegistration>[1]) => {
  const r = validateCaseRegistration(input, options);
  return r.ok ? [] : r.violations.map((v: RuleViolation) => `${v.rule} ${v.path}`);
};

describe('case registration', () => {
  it('accepts a lawful adult and a lawful child case', () => {
    const a = validateCaseRegistration(adult());
    expect(a.ok && a.value).toMatchObject({ clientAgeOnDecision: 35, windowDays: 90 });
    expect(rulesOf(child())).toEqual([]);
  });

  it('KS-HOURS accepts 8 and 240 hours of kerja_sosial and refuses 7, 241 and 40.5', () => {
    // Prepare: a wide window and per-day limit so feasibility never interferes
    const wide = { maxHoursPerDay: 8, deadline: '2026-08-01' };
    // Act / Assess
    expect(rulesOf(adult({ sentence: { ...wide, hours: 8 } }))).toEqual([]);
    expect(rulesOf(adult({ sentence: { ...wide, hours: 240 } }))).toEqual([]);
    expect(rulesOf(adult({ sentence: { ...wide, hours: 7 } }))).toEqual(['KS-HOURS sentence.hours']);
    expect(rulesOf(adult({ sentence: { ...wide, hours: 241 } }))).toEqual(['KS-HOURS sentence.hours']);
    expect(rulesOf(adult({ sentence: { ...wide, hours: 40.5 } }))).toEqual(['KS-HOURS sentence.hours']);
  });

  it('KS-HOURS accepts 7 and 120 hours of pelayanan_masyarakat and refuses 6 and 121', () => {
    const wide = { maxHoursPerDay: 3, deadline: '2026-07-31' };
    expect(rulesOf(child({ sentence: { ...wide, hours: 7 } }))).toEqual([]);
    expect(rulesOf(child({ sentence: { ...wide, hours: 120 } }))).toEqual([]);
    expect(rulesOf(child({ sentence: { ...wide, hours: 6 } }))).toEqual(['KS-HOURS sentence.hours']);
    expect(rulesOf(child({ sentence: { ...wide, hours: 121 } }))).toEqual(['KS-HOURS sentence.hours']);
  });

  it('KS-ELIGIBILITY accepts a threatened maximum of 59 months and refuses 60', () => {
    expect(rulesOf(adult({ decision: { threatenedMaxMonths: 59 } }))).toEqual([]);
    expect(rulesOf(adult({ decision: { threatenedMaxMonths: 60 } }))).toEqual([
      'KS-ELIGIBILITY decision.threatenedMaxMonths',
    ]);
  });

  it('KS-ELIGIBILITY accepts 6 months of prison and refuses 7', () => {
    expect(rulesOf(adult({ decision: { imposed: { prisonMonths: 6 } } }))).toEqual([]);
    expect(rulesOf(adult({ decision: { imposed: { prisonMonths: 7 } } }))).toEqual([
      'KS-ELIGIBILITY decision.imposed.prisonMonths',
    ]);
  });

  it('KS-ELIGIBILITY accepts a fine of Rp10,000,000 and refuses Rp10,000,001', () => {
    const fine = (fineRupiah: number) =>
      adult({ decision: { imposed: { fineRupiah }, nonComplianceSanction: 'pay_fine' } });
    expect(rulesOf(fine(10_000_000))).toEqual([]);
    expect(rulesOf(fine(10_000_001))).toEqual(['KS-ELIGIBILITY decision.imposed.fineRupiah']);
  });

  it('KS-ELIGIBILITY is met by either branch: 12 months of prison with an eligible fine passes', () => {
    const input = adult({ decision: { imposed: { prisonMonths: 12, fineRupiah: 5_000_000 } } });
    expect(rulesOf(input)).toEqual([]);
  });

  it('KS-ELIGIBILITY needs the decision to state the prison term or fine it replaces', () => {
    expect(rulesOf(adult({ decision: { imposed: {}, nonComplianceSanction: 'repeat' } }))).toEqual([
      'KS-ELIGIBILITY decision.imposed',
    ]);
  });

  it('KS-ELIGIBILITY does not apply the adult thresholds to a child case', () => {
    expect(rulesOf(child({ decision: { threatenedMaxMonths: 84 } }))).toEqual([]);
  });

  it('KS-SANCTION refuses serve_prison without a prison term and pay_fine without a fine', () => {
    expect(
      rulesOf(
        adult({ decision: { imposed: { fineRupiah: 1_000_000 }, nonComplianceSanction: 'serve_prison' } }),
      ),
    ).toEqual(['KS-SANCTION decision.nonComplianceSanction']);
    expect(
      rulesOf(adult({ decision: { imposed: { prisonMonths: 3 }, nonComplianceSanction: 'pay_fine' } })),
    ).toEqual(['KS-SANCTION decision.nonComplianceSanction']);
  });

  it('KS-START refuses a start before the decision date and accepts the same day', () => {
    expect(rulesOf(adult({ sentence: { startDate: '2026-01-25', deadline: '2026-04-01' } }))).toEqual([
      'KS-START sentence.startDate',
    ]);
    expect(rulesOf(adult({ sentence: { startDate: '2026-01-26', deadline: '2026-04-01' } }))).toEqual([]);
  });

  it('KS-DEADLINE accepts exactly 180 days after the start and refuses 181', () => {
    // 2026-02-02 + 180 days = 2026-08-01
    expect(rulesOf(adult({ sentence: { deadline: '2026-08-01' } }))).toEqual([]);
    expect(rulesOf(adult({ sentence: { deadline: '2026-08-02' } }))).toEqual([
      'KS-DEADLINE sentence.deadline',
    ]);
  });

  it('KS-DEADLINE refuses a deadline on or before the start date', () => {
    expect(rulesOf(adult({ sentence: { hours: 8, deadline: '2026-02-02' } }))).toEqual([
      'KS-DEADLINE sentence.deadline',
    ]);
    expect(rulesOf(adult({ sentence: { deadline: '2026-02-01' } }))).toEqual([
      'KS-DEADLINE sentence.deadline',
    ]);
  });

  it('KS-PER-DAY accepts 8 hours a day for an adult and refuses 8.5 and 0.5', () => {
    expect(rulesOf(adult({ sentence: { maxHoursPerDay: 8 } }))).toEqual([]);
    expect(rulesOf(adult({ sentence: { maxHoursPerDay: 8.5 } }))).toEqual([
      'KS-PER-DAY sentence.maxHoursPerDay',
    ]);
    expect(rulesOf(adult({ sentence: { maxHoursPerDay: 0.5 } }))).toEqual([
      'KS-PER-DAY sentence.maxHoursPerDay',
    ]);
  });

  it('KS-PER-DAY limits a child to the office default of 3 hours, or the office setting', () => {
    expect(rulesOf(child({ sentence: { maxHoursPerDay: 3 } }))).toEqual([]);
    expect(rulesOf(child({ sentence: { maxHoursPerDay: 4 } }))).toEqual([
      'KS-PER-DAY sentence.maxHoursPerDay',
    ]);
    expect(
      rulesOf(child({ sentence: { maxHoursPerDay: 4 } }), { policy: { childMaxHoursPerDay: 5 } }),
    ).toEqual([]);
    // An office setting above the statutory 8 hours cannot lift the cap.
    expect(
      rulesOf(child({ sentence: { maxHoursPerDay: 9 } }), { policy: { childMaxHoursPerDay: 10 } }),
    ).toEqual(['KS-PER-DAY sentence.maxHoursPerDay']);
  });

  it('KS-DAYS-PER-WEEK accepts 1 and 7 and refuses 0, 8 and 2.5', () => {
    expect(rulesOf(adult({ sentence: { daysPerWeek: 1, maxHoursPerDay: 8 } }))).toEqual([]);
    expect(rulesOf(adult({ sentence: { daysPerWeek: 7 } }))).toEqual([]);
    for (const daysPerWeek of [0, 8, 2.5]) {
      expect(rulesOf(adult({ sentence: { daysPerWeek } }))).toEqual([
        'KS-DAYS-PER-WEEK sentence.daysPerWeek',
      ]);
    }
  });

  it('KS-CONSENT refuses a registration without consent', () => {
    expect(rulesOf(adult({ consent: { given: false } }))).toEqual(['KS-CONSENT consent.given']);
  });

  it('KS-FEASIBLE refuses hours that cannot fit even at the daily maximum on every allowed day', () => {
    // Prepare: 2026-02-02 (Mon) to 2026-02-15 (Sun) is two weeks; at 1 day a week and 8 h that is 16 h.
    const base = { startDate: '2026-02-02', deadline: '2026-02-15', maxHoursPerDay: 8, daysPerWeek: 1 };
    // Act / Assess
    expect(rulesOf(adult({ sentence: { ...base, hours: 16 } }))).toEqual([]);
    expect(rulesOf(adult({ sentence: { ...base, hours: 17 } }))).toEqual(['KS-FEASIBLE sentence.hours']);
  });

  it('KS-FEASIBLE stays quiet when another rule already refused one of its inputs', () => {
    expect(rulesOf(adult({ sentence: { hours: 240, maxHoursPerDay: 9, deadline: '2026-02-10' } }))).toEqual([
      'KS-PER-DAY sentence.maxHoursPerDay',
    ]);
  });

  it('ID-DECISION-NUMBER refuses a malformed number and a case year after the decision date', () => {
    expect(rulesOf(adult({ decision: { number: '231/Pid.B/2026/Mks' } }))).toEqual([
      'ID-DECISION-NUMBER decision.number',
    ]);
    expect(rulesOf(adult({ decision: { number: '231/Pid.B/2027/PN Plp' } }))).toEqual([
      'ID-DECISION-NUMBER decision.number',
    ]);
    expect(rulesOf(adult({ decision: { number: '231/Pid.B/2025/PN Plp' } }))).toEqual([]);
    expect(rulesOf(adult(), { allowedCourtCodes: ['Mks'] })).toEqual(['ID-DECISION-NUMBER decision.number']);
  });

  it('CHILD-CASE needs a Pid.Sus-Anak decision for pelayanan_masyarakat', () => {
    expect(rulesOf(child({ decision: { number: '7/Pid.B/2026/PN Plp' } }))).toEqual([
      'CHILD-CASE decision.number',
    ]);
  });

  it('CHILD-CASE refuses kerja_sosial on a Pid.Sus-Anak decision', () => {
    expect(rulesOf(adult({ decision: { number: '7/Pid.Sus-Anak/2026/PN Plp' } }))).toEqual([
      'CHILD-CASE sentence.kind',
    ]);
  });

  it('CHILD-CASE accepts ages 12 and 17 on the decision date and refuses 11 and 18', () => {
    // Decision date 2026-01-26.
    expect(rulesOf(child({ client: { birthDate: '2014-01-26' } }))).toEqual([]); // 12 that day
    expect(rulesOf(child({ client: { birthDate: '2014-01-27' } }))).toEqual(['CHILD-CASE clientId']); // 11
    expect(rulesOf(child({ client: { birthDate: '2008-01-27' } }))).toEqual([]); // 17, turns 18 tomorrow
    expect(rulesOf(child({ client: { birthDate: '2008-01-26' } }))).toEqual(['CHILD-CASE clientId']); // 18
  });

  it('INPUT-FORMAT reports malformed dates, kinds and amounts on their request paths', () => {
    const r = rulesOf(
      adult({
        decision: { date: '26-01-2026', imposed: { prisonMonths: -1 }, threatenedMaxMonths: Number.NaN },
        sentence: { kind: 'community' as never, startDate: '2026-02-30' },
        consent: { recordedOn: '' },
      }),
    );
    expect(r).toEqual(
      expect.arrayContaining([
        'INPUT-FORMAT decision.date',
        'INPUT-FORMAT sentence.startDate',
        'INPUT-FORMAT consent.recordedOn',
        'INPUT-FORMAT sentence.kind',
        'INPUT-FORMAT decision.imposed.prisonMonths',
        'INPUT-FORMAT decision.threatenedMaxMonths',
      ]),
    );
  });

  it('reports every broken rule at once, not only the first', () => {
    const r = rulesOf(adult({ sentence: { hours: 500, maxHoursPerDay: 10 }, consent: { given: false } }));
    expect(r).toEqual([
      'KS-HOURS sentence.hours',
      'KS-PER-DAY sentence.maxHoursPerDay',
      'KS-CONSENT consent.given',
    ]);
  });
});

describe('fine substitute (KUHP 82)', () => {
  it('KS-FINE-SUBSTITUTE gives one hour per Rp50,000 or part of it', () => {
    expect(fineSubstituteHours(1_000_000)).toEqual({ ok: true, value: { fullHours: 20, hours: 20 } });
    expect(fineSubstituteHours(1_000_001)).toEqual({ ok: true, value: { fullHours: 21, hours: 21 } });
    expect(fineSubstituteHours(10_000_000)).toEqual({ ok: true, value: { fullHours: 200, hours: 200 } });
  });

  it('KS-FINE-SUBSTITUTE never goes below 8 hours for a small fine', () => {
    expect(fineSubstituteHours(50_000)).toEqual({ ok: true, value: { fullHours: 8, hours: 8 } });
    expect(fineSubstituteHours(400_001)).toEqual({ ok: true, value: { fullHours: 9, hours: 9 } });
  });

  it('KS-FINE-SUBSTITUTE reduces the hours in proportion to a partial payment, rounding up', () => {
    expect(fineSubstituteHours(1_000_000, 500_000)).toEqual({
      ok: true,
      value: { fullHours: 20, hours: 10 },
    });
    expect(fineSubstituteHours(1_000_000, 510_000)).toEqual({
      ok: true,
      value: { fullHours: 20, hours: 10 },
    });
    expect(fineSubstituteHours(1_000_000, 1_000_000)).toEqual({
      ok: true,
      value: { fullHours: 20, hours: 0 },
    });
  });

  it('KS-FINE-SUBSTITUTE refuses fines above kategori II and impossible payments', () => {
    const r = fineSubstituteHours(10_000_001, -1);
    expect(!r.ok && r.violations.map((v) => v.path)).toEqual(['fineRupiah', 'paidRupiah']);
    expect(fineSubstituteHours(1_000_000, 1_000_001).ok).toBe(false);
    expect(fineSubstituteHours(0).ok).toBe(false);
  });
});
