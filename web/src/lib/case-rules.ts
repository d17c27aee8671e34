/**
 * The law's limits on a new case, checked while the officer types: hints only, the server (which runs
 * the domain's `validateCaseRegistration`) stays authoritative. The numbers come from the same domain
 * module as the server's, so the hint and the rule cannot disagree about them.
 *
 * Returns one hint per field, `ok` or not, with the values the message needs; the form turns them
 * into sentences from the message catalogue (unit-tested in test/unit/web/case-rules.test.ts).
 */
import { addDays, ageOn, availableDays, diffDays, isLocalDate } from '../../../functions/domain/calendar';
import { parseDecisionNumber } from '../../../functions/domain/decision-number';
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
} from '../../../functions/domain/sentence';
import type { SentenceKind } from './types';

export { HOURS_LIMITS, MAX_HOURS_PER_DAY, MAX_WINDOW_DAYS };

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
  | 'childAge';

export interface Hint {
  readonly code: HintCode;
  /** False when the value as typed breaks the rule. Empty inputs are never "broken". */
  readonly ok: boolean;
  readonly values: Readonly<Record<string, number | string>>;
}

/** Field paths of `POST /cases`, the same the API reports errors on. */
export type HintField =
  | 'sentence.hours'
  | 'sentence.maxHoursPerDay'
  | 'sentence.deadline'
  | 'sentence.startDate'
  | 'consent.given'
  | 'decision.threatenedMaxMonths'
  | 'decision.imposed'
  | 'decision.number'
  | 'clientId';

export function caseHints(draft: CaseDraft): Partial<Record<HintField, Hint>> {
  const hints: Partial<Record<HintField, Hint>> = {};
  const child = draft.kind === 'pelayanan_masyarakat';
  const limits = HOURS_LIMITS[draft.kind];
  const perDayMax = child
    ? Math.min(MAX_HOURS_PER_DAY, DEFAULT_OFFICE_POLICY.childMaxHoursPerDay)
    : MAX_HOURS_PER_DAY;

  hints['sentence.hours'] = {
    code: 'hours',
    ok:
      draft.hours === null ||
      (Number.isInteger(draft.hours) && draft.hours >= limits.min && draft.hours <= limits.max),
    values: { min: limits.min, max: limits.max },
  };
  hints['sentence.maxHoursPerDay'] = {
    code: 'perDay',
    ok: draft.maxHoursPerDay === null || (draft.maxHoursPerDay >= 1 && draft.maxHoursPerDay <= perDayMax),
    values: { max: perDayMax },
  };

  const datesOk = isLocalDate(draft.startDate) && isLocalDate(draft.deadline);
  if (datesOk && draft.deadline <= draft.startDate) {
    hints['sentence.deadline'] = { code: 'windowOrder', ok: false, values: {} };
  } else if (datesOk) {
    const days = diffDays(draft.deadline, draft.startDate);
    const latest = addDays(draft.startDate, MAX_WINDOW_DAYS);
    const windowOk = draft.deadline <= latest;
    const workDays = availableDays(draft.startDate, draft.deadline, draft.daysPerWeek ?? undefined);
    const perDay = draft.maxHoursPerDay ?? 0;
    const feasible = draft.hours === null || perDay <= 0 || workDays * perDay >= draft.hours;
    hints['sentence.deadline'] = windowOk
      ? feasible
        ? { code: 'window', ok: true, values: { days, max: MAX_WINDOW_DAYS, latest } }
        : {
            code: 'feasible',
            ok: false,
            values: { workDays, capacity: workDays * perDay, hours: draft.hours ?? 0 },
          }
      : { code: 'window', ok: false, values: { days, max: MAX_WINDOW_DAYS, latest } };
  } else {
    hints['sentence.deadline'] = {
      code: 'window',
      ok: true,
      values: { days: 0, max: MAX_WINDOW_DAYS, latest: '' },
    };
  }
  if (
    isLocalDate(draft.startDate) &&
    isLocalDate(draft.decisionDate) &&
    draft.startDate < draft.decisionDate
  ) {
    hints['sentence.startDate'] = { code: 'start', ok: false, values: {} };
  }

  hints['consent.given'] = { code: 'consent', ok: draft.consentGiven, values: {} };

  if (!child) {
    hints['decision.threatenedMaxMonths'] = {
      code: 'threatened',
      ok: draft.threatenedMaxMonths === null || draft.threatenedMaxMonths < THREATENED_MONTHS_LIMIT,
      values: { limit: THREATENED_MONTHS_LIMIT },
    };
    const prisonOk = draft.prisonMonths !== null && draft.prisonMonths <= MAX_IMPOSED_PRISON_MONTHS;
    const fineOk = draft.fineRupiah !== null && draft.fineRupiah <= MAX_IMPOSED_FINE_RUPIAH;
    const none = draft.prisonMonths === null && draft.fineRupiah === null;
    hints['decision.imposed'] = {
      code: 'imposed',
      ok: none || prisonOk || fineOk,
      values: { prison: MAX_IMPOSED_PRISON_MONTHS, fine: MAX_IMPOSED_FINE_RUPIAH },
    };
  }

  const number = draft.decisionNumber.trim();
  if (number) {
    const parsed = parseDecisionNumber(number);
    if (!parsed.ok) hints['decision.number'] = { code: 'decisionNumber', ok: false, values: {} };
    else if (child && parsed.value.type !== 'Pid.Sus-Anak') {
      hints['decision.number'] = { code: 'childDecision', ok: false, values: {} };
    } else if (!child && parsed.value.type === 'Pid.Sus-Anak') {
      hints['decision.number'] = { code: 'adultDecision', ok: false, values: {} };
    }
  }

  if (
    child &&
    draft.clientBirthDate &&
    isLocalDate(draft.clientBirthDate) &&
    isLocalDate(draft.decisionDate)
  ) {
    const age = ageOn(draft.clientBirthDate, draft.decisionDate);
    if (age < CHILD_MIN_AGE || age > CHILD_MAX_AGE) {
      hints.clientId = {
        code: 'childAge',
        ok: false,
        values: { age, min: CHILD_MIN_AGE, max: CHILD_MAX_AGE },
      };
    }
  }
  return hints;
}
