import { describe, expect, it } from 'vitest';
import {
  validateCaseRegistration,
  type CaseRegistrationInput,
  type RegistrationOptions,
} from '../../../functions/domain';
import { rules } from './violations';

type Patch = {
  origin?: CaseRegistrationInput['origin'];
  decision?: Partial<CaseRegistrationInput['decision']>;
  sentence?: Partial<CaseRegistrationInput['sentence']>;
  consent?: CaseRegistrationInput['consent'];
  client?: Partial<CaseRegistrationInput['client']>;
  diversion?: CaseRegistrationInput['diversion'];
  conversion?: CaseRegistrationInput['conversion'];
};

/** A lawful adult registration: 40 hours, 3 h/day, 2026-02-02 to 2026-05-02 (90 days counted inclusive). */
const adult = (patch: Patch = {}): CaseRegistrationInput => ({
  ...(patch.origin ? { origin: patch.origin } : {}),
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
  consent: patch.consent === undefined ? { given: true, recordedOn: '2026-01-20' } : patch.consent,
  client: { birthDate: '1990-07-14', ...patch.client },
  ...(patch.diversion ? { diversion: patch.diversion } : {}),
  ...(patch.conversion ? { conversion: patch.conversion } : {}),
});

/** A lawful child registration: 20 hours, 2 h/day, the client 15 at the offence in December 2025. */
const child = (patch: Patch = {}): CaseRegistrationInput =>
  adult({
    ...patch,
    decision: {
      number: '7/Pid.Sus-Anak/2026/PN Plp',
      offenceDate: '2025-12-01',
      imposed: {},
      nonComplianceSanction: 'repeat',
      ...patch.decision,
    },
    sentence: { kind: 'pelayanan_masyarakat', hours: 20, maxHoursPerDay: 2, ...patch.sentence },
    client: { birthDate: '2010-09-01', ...patch.client },
  });

const rulesOf = (input: CaseRegistrationInput, options?: RegistrationOptions) =>
  rules(validateCaseRegistration(input, options));
const flagsOf = (input: CaseRegistrationInput, options?: RegistrationOptions) => {
  const r = validateCaseRegistration(input, options);
  return r.ok ? r.value.flags.map((f) => `${f.rule} ${f.path}`) : ['refused: ' + rules(r).join(', ')];
};

describe('registering a court order (legal model v2)', () => {
  it('accepts a lawful adult and a lawful child case, with the facts it derived', () => {
    const a = validateCaseRegistration(adult());
    expect(a.ok && a.value).toMatchObject({
      origin: 'decision',
      level: 'first_instance',
      replaces: 'prison',
      clientAgeOnDecision: 35,
      windowDays: 90,
      flags: [],
    });
    const c = validateCaseRegistration(child());
    expect(c.ok && c.value).toMatchObject({ clientAgeAtOffence: 15, flags: [] });
  });

  it('KS-HOURS accepts 8 and 240 hours of kerja_sosial and refuses 7, 241 and 40.5', () => {
    const wide = { maxHoursPerDay: 8, deadline: '2026-07-31' };
    const byHours = [8, 240, 7, 241, 40.5].map((hours) => rulesOf(adult({ sentence: { ...wide, hours } })));
    const refused = ['KS-HOURS sentence.hours'];
    expect(byHours).toEqual([[], [], refused, refused, refused]);
  });

  it('KS-HOURS accepts 7 and 120 hours of pelayanan_masyarakat and refuses 6 and 121', () => {
    const wide = { maxHoursPerDay: 3, deadline: '2026-07-31' };
    const byHours = [7, 120, 6, 121].map((hours) => rulesOf(child({ sentence: { ...wide, hours } })));
    const refused = ['KS-HOURS sentence.hours'];
    expect(byHours).toEqual([[], [], refused, refused]);
  });

  it('ID-DECISION-NUMBER registers appeal, cassation and review decisions and shows their level', () => {
    const levels = ['45/PID/2026/PT MKS', '1234 K/Pid.Sus/2026', '56 PK/Pid/2026'].map((number) => {
      const r = validateCaseRegistration(adult({ decision: { number } }));
      return r.ok ? r.value.level : rules(r);
    });
    expect(levels).toEqual(['appeal', 'cassation', 'review']);
  });

  it('ID-DECISION-NUMBER refuses a malformed number and a case year after the decision date', () => {
    expect(rulesOf(adult({ decision: { number: '231/Pid.B/2026/Mks' } }))).toEqual([
      'ID-DECISION-NUMBER decision.number',
    ]);
    expect(rulesOf(adult({ decision: { number: '231/Pid.B/2027/PN Plp' } }))).toEqual([
      'ID-DECISION-NUMBER decision.number',
    ]);
    expect(rulesOf(adult(), { allowedCourtCodes: ['Mks'] })).toEqual(['ID-DECISION-NUMBER decision.number']);
  });

  it('KS-ELIGIBILITY accepts a threatened maximum of 59 months and refuses 60', () => {
    expect(rulesOf(adult({ decision: { threatenedMaxMonths: 59 } }))).toEqual([]);
    expect(rulesOf(adult({ decision: { threatenedMaxMonths: 60 } }))).toEqual([
      'KS-ELIGIBILITY decision.threatenedMaxMonths',
    ]);
  });

  it('KS-ELIGIBILITY accepts a fine-only offence (threatened 0) with a fine up to kategori II, and no prison', () => {
    const fineOnly = (fineRupiah: number, prisonMonths?: number) =>
      adult({
        decision: {
          threatenedMaxMonths: 0,
          imposed: { fineRupiah, ...(prisonMonths ? { prisonMonths } : {}) },
          nonComplianceSanction: 'pay_fine',
          ...(prisonMonths ? { replaces: 'fine' } : {}),
        },
      });
    expect(rulesOf(fineOnly(10_000_000))).toEqual([]);
    expect(rulesOf(fineOnly(10_000_001))).toEqual(['KS-ELIGIBILITY decision.imposed.fineRupiah']);
    expect(rulesOf(fineOnly(5_000_000, 2))).toEqual(['KS-ELIGIBILITY decision.imposed.prisonMonths']);
  });

  it('KS-ELIGIBILITY accepts 6 months of replaced prison and refuses 7', () => {
    expect(rulesOf(adult({ decision: { imposed: { prisonMonths: 6 } } }))).toEqual([]);
    expect(rulesOf(adult({ decision: { imposed: { prisonMonths: 7 } } }))).toEqual([
      'KS-ELIGIBILITY decision.imposed.prisonMonths',
    ]);
  });

  it('KS-ELIGIBILITY needs the decision to state the prison term or fine it replaces', () => {
    expect(rulesOf(adult({ decision: { imposed: {}, nonComplianceSanction: 'repeat' } }))).toEqual([
      'KS-ELIGIBILITY decision.imposed',
    ]);
  });

  it('KS-REPLACES: a decision with prison and a fine says which one the kerja sosial replaces', () => {
    const mixed = (patch: Partial<CaseRegistrationInput['decision']>) =>
      adult({ decision: { imposed: { prisonMonths: 12, fineRupiah: 5_000_000 }, ...patch } });
    expect(rulesOf(mixed({ nonComplianceSanction: 'repeat' }))).toEqual(['KS-REPLACES decision.replaces']);
    // 12 months of prison is too long to replace, but the fine is not: the decision replaced the fine.
    expect(rulesOf(mixed({ replaces: 'fine', nonComplianceSanction: 'pay_fine' }))).toEqual([]);
    expect(rulesOf(mixed({ replaces: 'prison', nonComplianceSanction: 'serve_prison' }))).toEqual([
      'KS-ELIGIBILITY decision.imposed.prisonMonths',
    ]);
    expect(rulesOf(adult({ decision: { replaces: 'fine' } }))).toEqual(['KS-REPLACES decision.replaces']);
  });

  it('KS-SANCTION: the sanction matches what the kerja sosial replaces (85(7)(b)/(c))', () => {
    const mixed = { prisonMonths: 3, fineRupiah: 5_000_000 };
    expect(
      rulesOf(
        adult({ decision: { imposed: mixed, replaces: 'fine', nonComplianceSanction: 'serve_prison' } }),
      ),
    ).toEqual(['KS-SANCTION decision.nonComplianceSanction']);
    expect(
      rulesOf(adult({ decision: { imposed: mixed, replaces: 'prison', nonComplianceSanction: 'pay_fine' } })),
    ).toEqual(['KS-SANCTION decision.nonComplianceSanction']);
    expect(
      rulesOf(
        adult({ decision: { imposed: mixed, replaces: 'prison', nonComplianceSanction: 'serve_prison' } }),
      ),
    ).toEqual([]);
  });

  it('KS-START refuses a start before the decision date and accepts the same day', () => {
    expect(rulesOf(adult({ sentence: { startDate: '2026-01-25', deadline: '2026-04-01' } }))).toEqual([
      'KS-START sentence.startDate',
    ]);
    expect(rulesOf(adult({ sentence: { startDate: '2026-01-26', deadline: '2026-04-01' } }))).toEqual([]);
  });

  it('KS-DEADLINE counts 180 days from the start day inclusive: start + 179 is the last, + 180 is refused', () => {
    // 2026-02-02 + 179 days = 2026-07-31
    const r = validateCaseRegistration(adult({ sentence: { deadline: '2026-07-31' } }));
    expect(r.ok && r.value.windowDays).toBe(180);
    expect(rulesOf(adult({ sentence: { deadline: '2026-08-01' } }))).toEqual([
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

  it('KS-PER-DAY accepts 8 hours a day and refuses 9, 8.5 and 0.5, for adults and children alike', () => {
    expect(rulesOf(adult({ sentence: { maxHoursPerDay: 8 } }))).toEqual([]);
    for (const maxHoursPerDay of [9, 8.5, 0.5]) {
      expect(rulesOf(adult({ sentence: { maxHoursPerDay } }))).toEqual([
        'KS-PER-DAY sentence.maxHoursPerDay',
      ]);
    }
    expect(
      rulesOf(child({ sentence: { maxHoursPerDay: 9 } }), { policy: { childMaxHoursPerDay: 10 } }),
    ).toEqual(['KS-PER-DAY sentence.maxHoursPerDay']);
  });

  it('CHILD-ADVISORY-HOURS: a 5-hour Sunday order for a child is accepted and flagged above the advisory 3', () => {
    const sunday = child({ sentence: { maxHoursPerDay: 5, daysPerWeek: 1 } });
    expect(rulesOf(sunday)).toEqual([]);
    expect(flagsOf(sunday)).toEqual(['CHILD-ADVISORY-HOURS sentence.maxHoursPerDay']);
    expect(flagsOf(child({ sentence: { maxHoursPerDay: 3 } }))).toEqual([]);
    expect(flagsOf(sunday, { policy: { childMaxHoursPerDay: 5 } })).toEqual([]);
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

  it('KS-CONSENT flags a refused or missing consent and never refuses the court order', () => {
    expect(flagsOf(adult({ consent: { given: false, recordedOn: '2026-01-20' } }))).toEqual([
      'KS-CONSENT consent.given',
    ]);
    expect(flagsOf(adult({ consent: null }))).toEqual(['KS-CONSENT consent']);
  });

  it('KS-FEASIBLE refuses hours that cannot fit even at the daily maximum on every allowed day', () => {
    const base = { startDate: '2026-02-02', deadline: '2026-02-15', maxHoursPerDay: 8, daysPerWeek: 1 };
    expect(rulesOf(adult({ sentence: { ...base, hours: 16 } }))).toEqual([]);
    expect(rulesOf(adult({ sentence: { ...base, hours: 17 } }))).toEqual(['KS-FEASIBLE sentence.hours']);
  });

  it('CHILD-CASE needs a Pid.Sus-Anak (or generically numbered) decision for pelayanan_masyarakat', () => {
    expect(rulesOf(child({ decision: { number: '7/Pid.B/2026/PN Plp' } }))).toEqual([
      'CHILD-CASE decision.number',
    ]);
    expect(rulesOf(child({ decision: { number: '45/PID/2026/PT MKS' } }))).toEqual([]);
    expect(rulesOf(adult({ decision: { number: '7/Pid.Sus-Anak/2026/PN Plp' } }))).toEqual([
      'CHILD-CASE sentence.kind',
    ]);
  });

  it('CHILD-OFFENCE-AGE: a child is 12 to under 18 at the offence, which must be stated', () => {
    // Offence 2025-12-01.
    expect(rulesOf(child({ client: { birthDate: '2007-12-02' } }))).toEqual([]); // 17 that day
    expect(rulesOf(child({ client: { birthDate: '2007-12-01' } }))).toEqual(['CHILD-OFFENCE-AGE clientId']); // 18
    expect(rulesOf(child({ decision: { offenceDate: null } }))).toEqual([
      'CHILD-OFFENCE-AGE decision.offenceDate',
    ]);
  });

  it('CHILD-OFFENCE-AGE keeps a person who turned 18 before the decision in the children’s track', () => {
    // 17 at the offence (2025-12-01), 18 on the decision date (2026-01-26).
    const r = validateCaseRegistration(child({ client: { birthDate: '2007-12-10' } }));
    expect(r.ok && r.value).toMatchObject({ clientAgeAtOffence: 17, clientAgeOnDecision: 18, flags: [] });
  });

  it('CHILD-UNDER-14: 13 at the offence is refused (only a tindakan), 14 is accepted', () => {
    expect(rulesOf(child({ client: { birthDate: '2011-12-02' } }))).toEqual(['CHILD-UNDER-14 clientId']); // 13
    expect(rulesOf(child({ client: { birthDate: '2011-12-01' } }))).toEqual([]); // 14 that day
  });

  it('CHILD-ADULT-AT-DECISION flags pelayanan masyarakat for someone 21 or more at the decision', () => {
    const late = child({
      decision: { offenceDate: '2022-06-01', date: '2026-01-26' },
      client: { birthDate: '2005-01-01' },
    });
    expect(rulesOf(late)).toEqual([]);
    expect(flagsOf(late)).toEqual(['CHILD-ADULT-AT-DECISION clientId']);
  });

  it('CHILD-PERIOD: a child’s conditional period runs up to 3 years, not 180 days', () => {
    expect(rulesOf(child({ sentence: { deadline: '2029-02-01' } }))).toEqual([]);
    expect(rulesOf(child({ sentence: { deadline: '2029-02-02' } }))).toEqual([
      'CHILD-PERIOD sentence.deadline',
    ]);
  });

  it('CHILD-SANCTION: a child’s non-compliance only leads to repeating the hours', () => {
    for (const sanction of ['pay_fine', 'serve_prison'] as const) {
      expect(rulesOf(child({ decision: { nonComplianceSanction: sanction } }))).toEqual([
        'CHILD-SANCTION decision.nonComplianceSanction',
      ]);
    }
  });

  it('ORIGIN-DIVERSION registers a diversion from its penetapan, without a decision number', () => {
    const diversion = (patch: Partial<NonNullable<CaseRegistrationInput['diversion']>> = {}) =>
      child({
        origin: 'diversion',
        decision: { number: undefined },
        diversion: { penetapanNumber: '3/Pen.Div/2026/PN Plp', agreementDate: '2026-01-20', ...patch },
      });
    expect(rulesOf(diversion())).toEqual([]);
    expect(rulesOf(diversion({ penetapanNumber: ' ' }))).toEqual([
      'ORIGIN-DIVERSION diversion.penetapanNumber',
    ]);
    expect(rulesOf(diversion({ agreementDate: '2026-01-27' }))).toEqual([
      'ORIGIN-DIVERSION diversion.agreementDate',
    ]);
    const adultDiversion = adult({
      origin: 'diversion',
      diversion: { penetapanNumber: '3/Pen.Div/2026/PN Plp', agreementDate: '2026-01-20' },
    });
    expect(rulesOf(adultDiversion)).toContain('ORIGIN-DIVERSION sentence.kind');
  });

  it('DIV-PERIOD: diversion for an offence without a victim lasts at most 3 months', () => {
    const victimless = (deadline: string) =>
      child({
        origin: 'diversion',
        decision: { number: undefined },
        sentence: { deadline },
        diversion: {
          penetapanNumber: '3/Pen.Div/2026/PN Plp',
          agreementDate: '2026-01-20',
          withoutVictim: true,
        },
      });
    expect(rulesOf(victimless('2026-05-02'))).toEqual([]); // start + 89
    expect(rulesOf(victimless('2026-05-03'))).toEqual(['DIV-PERIOD sentence.deadline']);
  });

  it('KS-FINE-SUBSTITUTE: a conversion of Rp1,025,000 is 21 hours, with none of 85(1)-(2)’s conditions', () => {
    const conversion = (hours: number, fineRupiah = 1_025_000) =>
      adult({
        origin: 'fine_conversion',
        decision: { threatenedMaxMonths: null, imposed: { fineRupiah }, nonComplianceSanction: 'pay_fine' },
        sentence: { hours },
        conversion: { fineRupiah, legalBasis: 'KUHP 82' },
        consent: null,
      });
    const r = validateCaseRegistration(conversion(21));
    expect(r.ok && r.value).toMatchObject({ origin: 'fine_conversion', replaces: 'fine', flags: [] });
    expect(rulesOf(conversion(20))).toEqual(['KS-FINE-SUBSTITUTE sentence.hours']);
    expect(rulesOf(conversion(8, 100_000))).toEqual([]); // clamped up to 8
    expect(rulesOf(conversion(200, 10_000_001))).toEqual(['KS-FINE-SUBSTITUTE conversion.fineRupiah']);
  });

  it('CONV-LEGAL-BASIS: a conversion names its article', () => {
    const input = adult({
      origin: 'fine_conversion',
      decision: { imposed: { fineRupiah: 1_000_000 }, nonComplianceSanction: 'pay_fine' },
      sentence: { hours: 20 },
      conversion: { fineRupiah: 1_000_000, legalBasis: 'KUHP 99' as never },
    });
    expect(rulesOf(input)).toEqual(['CONV-LEGAL-BASIS conversion.legalBasis']);
    expect(rulesOf({ ...input, conversion: { fineRupiah: 1_000_000, legalBasis: 'KUHP 93(2)' } })).toEqual(
      [],
    );
  });

  it('INPUT-FORMAT reports malformed dates, kinds and amounts on their request paths', () => {
    const r = rulesOf(
      adult({
        decision: { date: '26-01-2026', imposed: { prisonMonths: -1 }, threatenedMaxMonths: -3 },
        sentence: { kind: 'community' as never, startDate: '2026-02-30' },
        consent: { given: true, recordedOn: '' },
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
    const r = rulesOf(adult({ sentence: { hours: 500, maxHoursPerDay: 10 }, consent: null }));
    expect(r).toEqual(['KS-HOURS sentence.hours', 'KS-PER-DAY sentence.maxHoursPerDay']);
  });
});
