/**
 * The new-case form's hints while the officer types: the domain's own `validateCaseRegistration` runs in
 * the browser on the draft, and its violations (path, rule) become hints beside the form's fields. The
 * server runs the same function, so a hint and the API's answer cannot disagree; the form never restates
 * a check. Fields that explain a limit (hours, hours a day, the window, eligibility) keep a standing hint
 * that turns into a warning when the validator objects.
 *
 * Pure (no messages, no DOM), so unit-tested in test/unit/web/case-hints.test.ts; hint-text.ts words the
 * hints.
 */
import { addDays, ageOn, availableDays, diffDays, isLocalDate } from '../../../../functions/domain/calendar';
import { parseDecisionNumber } from '../../../../functions/domain/decision-number';
import type { RuleViolation } from '../../../../functions/domain/rules';
import {
  CHILD_MAX_AGE,
  CHILD_MIN_AGE,
  DEFAULT_OFFICE_POLICY,
  HOURS_LIMITS,
  MAX_HOURS_PER_DAY,
  MAX_IMPOSED_FINE_RUPIAH,
  MAX_IMPOSED_PRISON_MONTHS,
  MAX_WINDOW_DAYS,
  THREATENED_MONTHS_LIMIT,
  validateCaseRegistration,
} from '../../../../functions/domain/sentence';
import type { Sanction, SentenceKind } from '../../lib/api-types';

/** What the form holds; numbers are `null` while their input is empty. */
export interface CaseDraft {
  readonly kind: SentenceKind;
  readonly hours: number | null;
  readonly maxHoursPerDay: number | null;
  readonly daysPerWeek: number | null;
  readonly startDate: string;
  readonly deadline: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly threatenedMaxMonths: number | null;
  readonly prisonMonths: number | null;
  readonly fineRupiah: number | null;
  /** `''` until one is chosen. */
  readonly sanction?: Sanction | '' | undefined;
  readonly consentGiven: boolean;
  /** The chosen client's birth date, when a client is chosen. */
  readonly clientBirthDate?: string | undefined;
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
  /** Any other violation: shown with the rule's own sentence (see `fieldErrorText`). */
  | 'rule';

export interface Hint {
  readonly code: HintCode;
  /** False when the validator objects to the value as typed. Empty inputs are never "broken". */
  readonly ok: boolean;
  readonly values: Readonly<Record<string, number | string>>;
  /** The validator's violation behind a broken hint. */
  readonly violation?: RuleViolation | undefined;
}

/** Hints by the form's field names, which are the request paths the API reports errors on. */
export type CaseHints = Partial<Record<string, Hint>>;

const isNumber = (value: number | null): value is number => value !== null;

/** Which request paths hold something yet; a violation about an empty input is left to the submit. */
function filledPaths(d: CaseDraft): Record<string, boolean> {
  return {
    clientId: Boolean(d.clientBirthDate),
    'decision.number': d.decisionNumber.trim() !== '',
    'decision.date': d.decisionDate !== '',
    'decision.threatenedMaxMonths': isNumber(d.threatenedMaxMonths),
    'decision.imposed': isNumber(d.prisonMonths) || isNumber(d.fineRupiah),
    'decision.imposed.prisonMonths': isNumber(d.prisonMonths),
    'decision.imposed.fineRupiah': isNumber(d.fineRupiah),
    'decision.nonComplianceSanction': Boolean(d.sanction),
    'sentence.hours': isNumber(d.hours),
    'sentence.maxHoursPerDay': isNumber(d.maxHoursPerDay),
    'sentence.daysPerWeek': isNumber(d.daysPerWeek),
    'sentence.startDate': d.startDate !== '',
    'sentence.deadline': d.deadline !== '',
  };
}

/** The domain validator's verdict on the draft, without what only says an input is still empty. */
export function draftViolations(d: CaseDraft): RuleViolation[] {
  const result = validateCaseRegistration({
    decision: {
      number: d.decisionNumber.trim(),
      date: d.decisionDate,
      threatenedMaxMonths: d.threatenedMaxMonths ?? Number.NaN,
      imposed: { prisonMonths: d.prisonMonths, fineRupiah: d.fineRupiah },
      nonComplianceSanction: (d.sanction || '') as Sanction,
    },
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
  });
  if (result.ok) return [];
  const filled = filledPaths(d);
  // Formats are the inputs' own business (date and number inputs) and the submit's required check.
  return result.violations.filter((v) => v.rule !== 'INPUT-FORMAT' && filled[v.path] !== false);
}

/** The hints that explain a limit before anything is wrong with it. */
function standingHints(d: CaseDraft): CaseHints {
  const child = d.kind === 'pelayanan_masyarakat';
  const limits = HOURS_LIMITS[d.kind];
  const perDayMax = child
    ? Math.min(MAX_HOURS_PER_DAY, DEFAULT_OFFICE_POLICY.childMaxHoursPerDay)
    : MAX_HOURS_PER_DAY;
  const hints: CaseHints = {
    'sentence.hours': { code: 'hours', ok: true, values: { min: limits.min, max: limits.max } },
    'sentence.maxHoursPerDay': { code: 'perDay', ok: true, values: { max: perDayMax } },
    'sentence.deadline': { code: 'window', ok: true, values: windowValues(d) },
    'consent.given': { code: 'consent', ok: true, values: {} },
  };
  if (!child) {
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

function windowValues(d: CaseDraft): Record<string, number | string> {
  const dates = isLocalDate(d.startDate) && isLocalDate(d.deadline) && d.deadline > d.startDate;
  return dates
    ? {
        days: diffDays(d.deadline, d.startDate),
        max: MAX_WINDOW_DAYS,
        latest: addDays(d.startDate, MAX_WINDOW_DAYS),
      }
    : { days: 0, max: MAX_WINDOW_DAYS, latest: '' };
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
    case 'KS-CONSENT':
      return bad('consent.given', 'consent');
    case 'KS-ELIGIBILITY':
      return v.path === 'decision.threatenedMaxMonths'
        ? bad(v.path, 'threatened')
        : bad('decision.imposed', 'imposed');
    case 'ID-DECISION-NUMBER':
      // A well-formed number can still be refused (its year after the decision's): the rule says why.
      return parseDecisionNumber(d.decisionNumber.trim()).ok
        ? bad(v.path, 'rule', {})
        : bad('decision.number', 'decisionNumber');
    case 'CHILD-CASE':
      if (v.path === 'clientId') {
        const age = ageOn(d.clientBirthDate ?? '', d.decisionDate);
        return bad('clientId', 'childAge', { age, min: CHILD_MIN_AGE, max: CHILD_MAX_AGE });
      }
      return bad('decision.number', v.path === 'sentence.kind' ? 'adultDecision' : 'childDecision');
    default:
      return bad(v.path, 'rule', {});
  }
}

/**
 * One hint per field: the standing explanations, and the first violation the validator reports for a
 * field in its place.
 */
export function caseHints(draft: CaseDraft): CaseHints {
  const standing = standingHints(draft);
  const hints: CaseHints = { ...standing };
  for (const v of draftViolations(draft)) {
    const [field, hint] = hintFor(v, draft, standing);
    if (hints[field]?.ok !== false) hints[field] = hint;
  }
  return hints;
}
