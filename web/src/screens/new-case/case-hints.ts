/**
 * The new-case form's hints while the officer types: the domain's own `validateCaseRegistration` runs in
 * the browser on the draft, and its violations (path, rule) become hints beside the form's fields. The
 * server runs the same function, so a hint and the API's answer cannot disagree; the form never restates
 * a check. Fields that explain a limit (hours, hours a day, the window, eligibility) keep a standing hint
 * that turns into a warning when the validator objects.
 *
 * The validator's flags (what the judge weighed and the PK should look at: consent, a child's advisory
 * hours, age at the decision) are warnings that never block saving: they come back as `flags` and, on
 * their field, as a `flag` hint.
 *
 * Pure (no messages, no DOM), so unit-tested in test/unit/web/case-hints.test.ts; hint-text.ts words the
 * hints.
 */
import { addDays, ageOn, availableDays, diffDays, isLocalDate } from '../../../../functions/domain/calendar';
import { parseDecisionNumber } from '../../../../functions/domain/decision-number';
import type { RuleViolation } from '../../../../functions/domain/rules';
import { DEFAULT_OFFICE_POLICY } from '../../../../functions/domain/office-policy';
import {
  fineSubstituteHours,
  HOURS_LIMITS,
  MAX_HOURS_PER_DAY,
  MAX_IMPOSED_FINE_RUPIAH,
  MAX_IMPOSED_PRISON_MONTHS,
  THREATENED_MONTHS_LIMIT,
} from '../../../../functions/domain/sentence';
import {
  ADULT_WINDOW_DAYS,
  CHILD_MAX_AGE_AT_OFFENCE,
  CHILD_MIN_AGE_AT_OFFENCE,
  CHILD_PERIOD_YEARS,
  DIVERSION_WINDOW_DAYS,
  validateCaseRegistration,
  type CaseFlag,
  type CaseOrigin,
  type CaseRegistrationInput,
  type ConversionBasis,
  type ReplacedPenalty,
} from '../../../../functions/domain/case-registration';
import { addYears } from '../../../../functions/domain/registration-time-and-age';
import type { Sanction, SentenceKind } from '../../lib/api-types';

/** What the form holds; numbers are `null` while their input is empty. */
export interface CaseDraft {
  /** How the case came to the office; `decision` when not given. */
  readonly origin?: CaseOrigin | undefined;
  readonly kind: SentenceKind;
  readonly hours: number | null;
  readonly maxHoursPerDay: number | null;
  readonly daysPerWeek: number | null;
  readonly startDate: string;
  readonly deadline: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  /** The offence's date: a child's age counts at the offence (SPPA 1(3)). `''` until entered. */
  readonly offenceDate?: string | undefined;
  readonly threatenedMaxMonths: number | null;
  readonly prisonMonths: number | null;
  readonly fineRupiah: number | null;
  /** Which imposed penalty the kerja sosial replaces; `''` until chosen (needed when both are imposed). */
  readonly replaces?: ReplacedPenalty | '' | undefined;
  /** A diversion's penetapan and agreement (origin `diversion`). */
  readonly diversion?:
    | { readonly penetapanNumber: string; readonly agreementDate: string; readonly withoutVictim: boolean }
    | undefined;
  /** The unpaid fine converted and the article converting it (origin `fine_conversion`). */
  readonly conversion?:
    { readonly fineRupiah: number | null; readonly legalBasis: ConversionBasis | '' } | undefined;
  /** `''` until one is chosen. */
  readonly sanction?: Sanction | '' | undefined;
  readonly consentGiven: boolean;
  /** The chosen client's birth date, when a client is chosen. */
  readonly clientBirthDate?: string | undefined;
  /** The office's advisory most hours a day for a child (its policy); the default when not known. */
  readonly childMaxHoursPerDay?: number | undefined;
}

export type HintCode =
  | 'hours'
  | 'perDay'
  | 'window'
  | 'windowOrder'
  | 'start'
  | 'feasible'
  | 'consent'
  | 'threatened'
  | 'imposed'
  | 'decisionNumber'
  | 'childDecision'
  | 'adultDecision'
  | 'childAge'
  /** A conversion's fine and the hours it converts to (KUHP 82). */
  | 'conversion'
  /** A flag of the validator on this field: a warning that does not block saving. */
  | 'flag'
  /** Any other violation: shown with the rule's own sentence (see `fieldErrorText`). */
  | 'rule';

export interface Hint {
  readonly code: HintCode;
  /** False when the validator objects to the value as typed. Empty inputs are never "broken". */
  readonly ok: boolean;
  readonly values: Readonly<Record<string, number | string>>;
  /** The validator's violation behind a broken hint. */
  readonly violation?: RuleViolation | undefined;
  /** The validator's flag behind a `flag` hint. */
  readonly flag?: CaseFlag | undefined;
}

/** Hints by the form's field names, which are the request paths the API reports errors on. */
export type CaseHints = Partial<Record<string, Hint>>;

const isNumber = (value: number | null | undefined): value is number => value !== null && value !== undefined;

/** Which request paths hold something yet; a violation about an empty input is left to the submit. */
function filledPaths(d: CaseDraft): Record<string, boolean> {
  return {
    clientId: Boolean(d.clientBirthDate),
    'decision.number': d.decisionNumber.trim() !== '',
    'decision.date': d.decisionDate !== '',
    'decision.offenceDate': Boolean(d.offenceDate),
    'decision.threatenedMaxMonths': isNumber(d.threatenedMaxMonths),
    'decision.imposed': isNumber(d.prisonMonths) || isNumber(d.fineRupiah),
    'decision.imposed.prisonMonths': isNumber(d.prisonMonths),
    'decision.imposed.fineRupiah': isNumber(d.fineRupiah),
    'decision.nonComplianceSanction': Boolean(d.sanction),
    'diversion.penetapanNumber': Boolean(d.diversion?.penetapanNumber.trim()),
    'diversion.agreementDate': Boolean(d.diversion?.agreementDate),
    'conversion.fineRupiah': isNumber(d.conversion?.fineRupiah),
    'conversion.legalBasis': Boolean(d.conversion?.legalBasis),
    'sentence.hours': isNumber(d.hours),
    'sentence.maxHoursPerDay': isNumber(d.maxHoursPerDay),
    'sentence.daysPerWeek': isNumber(d.daysPerWeek),
    'sentence.startDate': d.startDate !== '',
    'sentence.deadline': d.deadline !== '',
  };
}

/** The draft as the domain validator reads it: the `POST /cases` body's legal part. */
function registrationInput(d: CaseDraft): CaseRegistrationInput {
  const origin = d.origin ?? 'decision';
  return {
    origin,
    decision: {
      ...(origin === 'diversion' ? {} : { number: d.decisionNumber.trim() }),
      date: d.decisionDate,
      ...(d.offenceDate ? { offenceDate: d.offenceDate } : {}),
      // A child's decision states neither (SPPA 76): the form hides them and the body leaves them out.
      ...(origin === 'decision' && d.kind !== 'pelayanan_masyarakat'
        ? {
            threatenedMaxMonths: d.threatenedMaxMonths,
            imposed: { prisonMonths: d.prisonMonths, fineRupiah: d.fineRupiah },
            ...(d.replaces ? { replaces: d.replaces } : {}),
          }
        : {}),
      nonComplianceSanction: (d.sanction || '') as Sanction,
    },
    ...(origin === 'diversion' && d.diversion ? { diversion: d.diversion } : {}),
    ...(origin === 'fine_conversion' && d.conversion
      ? {
          conversion: {
            fineRupiah: d.conversion.fineRupiah ?? Number.NaN,
            legalBasis: d.conversion.legalBasis as ConversionBasis,
          },
        }
      : {}),
    sentence: {
      kind: d.kind,
      hours: d.hours ?? Number.NaN,
      maxHoursPerDay: d.maxHoursPerDay ?? Number.NaN,
      daysPerWeek: d.daysPerWeek,
      startDate: d.startDate,
      deadline: d.deadline,
    },
    // Consent's date is the form's own default (today); only the tick is the officer's.
    consent: { given: d.consentGiven, recordedOn: '2000-01-01' },
    client: { birthDate: d.clientBirthDate ?? '' },
  };
}

const advisoryOf = (d: CaseDraft) => d.childMaxHoursPerDay ?? DEFAULT_OFFICE_POLICY.childMaxHoursPerDay;

/** The domain validator's verdict on the draft, without what only says an input is still empty. */
export function draftViolations(d: CaseDraft): RuleViolation[] {
  const result = validateCaseRegistration(registrationInput(d), {
    policy: { childMaxHoursPerDay: advisoryOf(d) },
  });
  if (result.ok) return [];
  const filled = filledPaths(d);
  // Formats are the inputs' own business (date and number inputs) and the submit's required check.
  return result.violations.filter((v) => v.rule !== 'INPUT-FORMAT' && filled[v.path] !== false);
}

/**
 * What the validator flags on a draft it accepts: warnings for the PK and the jaksa that never block
 * saving. The server records the same flags on the case.
 */
export function draftFlags(d: CaseDraft): readonly CaseFlag[] {
  const result = validateCaseRegistration(registrationInput(d), {
    policy: { childMaxHoursPerDay: advisoryOf(d) },
  });
  return result.ok ? result.value.flags : [];
}

/** Hours a conversion's fine turns into (KUHP 82: one per Rp50,000 or part, 8–240), or null. */
export function conversionHours(fineRupiah: number | null | undefined): number | null {
  if (!isNumber(fineRupiah)) return null;
  const substitute = fineSubstituteHours(fineRupiah);
  return substitute.ok ? substitute.value.fullHours : null;
}

/** The hints that explain a limit before anything is wrong with it. */
function standingHints(d: CaseDraft): CaseHints {
  const child = d.kind === 'pelayanan_masyarakat';
  const origin = d.origin ?? 'decision';
  const limits = HOURS_LIMITS[d.kind];
  const hints: CaseHints = {
    'sentence.hours': { code: 'hours', ok: true, values: { min: limits.min, max: limits.max } },
    'sentence.maxHoursPerDay': {
      code: 'perDay',
      ok: true,
      values: { max: MAX_HOURS_PER_DAY, advisory: advisoryOf(d) },
    },
    'sentence.deadline': { code: 'window', ok: true, values: windowValues(d) },
    'consent.given': { code: 'consent', ok: true, values: {} },
  };
  if (origin === 'fine_conversion') {
    const hours = conversionHours(d.conversion?.fineRupiah);
    hints['conversion.fineRupiah'] = {
      code: 'conversion',
      ok: true,
      values: { fine: d.conversion?.fineRupiah ?? 0, hours: hours ?? 0, max: MAX_IMPOSED_FINE_RUPIAH },
    };
  }
  if (!child && origin === 'decision') {
    hints['decision.threatenedMaxMonths'] = {
      code: 'threatened',
      ok: true,
      values: { limit: THREATENED_MONTHS_LIMIT },
    };
    hints['decision.imposed'] = {
      code: 'imposed',
      ok: true,
      values: { prison: MAX_IMPOSED_PRISON_MONTHS, fine: MAX_IMPOSED_FINE_RUPIAH },
    };
  }
  return hints;
}

/** The window's length and its last lawful day: 180 days (adult), 3 months (diversion), 3 years (child). */
function windowValues(d: CaseDraft): Record<string, number | string> {
  const scope =
    d.kind !== 'pelayanan_masyarakat' ? 'adult' : d.diversion?.withoutVictim ? 'diversion' : 'child';
  const max = scope === 'adult' ? ADULT_WINDOW_DAYS : scope === 'diversion' ? DIVERSION_WINDOW_DAYS : 0;
  const dates = isLocalDate(d.startDate) && isLocalDate(d.deadline) && d.deadline > d.startDate;
  const latest = !isLocalDate(d.startDate)
    ? ''
    : scope === 'child'
      ? addDays(addYears(d.startDate, CHILD_PERIOD_YEARS), -1)
      : addDays(d.startDate, max - 1);
  return {
    scope,
    days: dates ? diffDays(d.deadline, d.startDate) + 1 : 0,
    max,
    years: CHILD_PERIOD_YEARS,
    latest: dates ? latest : '',
  };
}

/** Where a violation is shown and in which words: the field (a form field name) and the hint. */
function hintFor(v: RuleViolation, d: CaseDraft, standing: CaseHints): [string, Hint] {
  const bad = (field: string, code: HintCode, values: Hint['values'] = standing[field]?.values ?? {}) =>
    [field, { code, ok: false, values, violation: v }] as [string, Hint];
  switch (v.rule) {
    case 'KS-HOURS':
      return bad('sentence.hours', 'hours');
    case 'KS-PER-DAY':
      return bad('sentence.maxHoursPerDay', 'perDay');
    case 'KS-DEADLINE':
    case 'CHILD-PERIOD':
    case 'DIV-PERIOD':
      return d.deadline <= d.startDate
        ? bad('sentence.deadline', 'windowOrder')
        : bad('sentence.deadline', 'window');
    case 'KS-FEASIBLE': {
      // Reported on the hours; shown beside the deadline, where the window that is too short is chosen.
      const workDays = availableDays(d.startDate, d.deadline, d.daysPerWeek ?? undefined);
      const capacity = workDays * (d.maxHoursPerDay ?? 0);
      return bad('sentence.deadline', 'feasible', { workDays, capacity, hours: d.hours ?? 0 });
    }
    case 'KS-START':
      return bad('sentence.startDate', 'start');
    case 'KS-ELIGIBILITY':
      return v.path === 'decision.threatenedMaxMonths'
        ? bad(v.path, 'threatened')
        : bad('decision.imposed', 'imposed');
    case 'KS-FINE-SUBSTITUTE':
      return v.path === 'conversion.fineRupiah' ? bad(v.path, 'conversion') : bad(v.path, 'rule', {});
    case 'ID-DECISION-NUMBER':
      // A well-formed number can still be refused (its year after the decision's): the rule says why.
      return parseDecisionNumber(d.decisionNumber.trim()).ok
        ? bad(v.path, 'rule', {})
        : bad('decision.number', 'decisionNumber');
    case 'CHILD-OFFENCE-AGE':
      if (v.path === 'clientId') {
        const age = ageOn(d.clientBirthDate ?? '', d.offenceDate || d.decisionDate);
        return bad('clientId', 'childAge', {
          age,
          min: CHILD_MIN_AGE_AT_OFFENCE,
          max: CHILD_MAX_AGE_AT_OFFENCE,
        });
      }
      return bad(v.path, 'rule', {});
    case 'CHILD-CASE':
      return bad('decision.number', v.path === 'sentence.kind' ? 'adultDecision' : 'childDecision');
    default:
      return bad(v.path, 'rule', {});
  }
}

/** The form field a flag is shown beside: its path, or the consent tick for consent as a whole. */
const flagField = (flag: CaseFlag) => (flag.path === 'consent' ? 'consent.given' : flag.path);

/**
 * One hint per field: the standing explanations, the first violation the validator reports for a
 * field in its place, and on a draft it accepts, its flags as warnings.
 */
export function caseHints(draft: CaseDraft): CaseHints {
  const standing = standingHints(draft);
  const hints: CaseHints = { ...standing };
  const violations = draftViolations(draft);
  for (const v of violations) {
    const [field, hint] = hintFor(v, draft, standing);
    if (hints[field]?.ok !== false) hints[field] = hint;
  }
  if (violations.length === 0) {
    for (const flag of draftFlags(draft)) {
      hints[flagField(flag)] = { code: 'flag', ok: true, values: {}, flag };
    }
  }
  return hints;
}
