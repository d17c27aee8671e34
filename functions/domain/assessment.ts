/**
 * The PK's assessment (penelitian kemasyarakatan, Litmas) of a case: what it records, what it decides
 * about the case's status, and what it means for a placement (domain.md "Lifecycle of a case", step 2).
 *
 * Principle (issue 10): the court decides, Abdi records. What the judge weighs (consent, health, work
 * safety, religion) is recorded and flagged, never a reason to refuse; only what cannot be true (a
 * Litmas dated in the future) is refused.
 */
import type { LocalDate } from './calendar';
import { OPEN_STATUSES, type CaseStatus } from './lifecycle';
import type { CaseFlag } from './registration-model';
import { fail, ok, Rule, violation, type Result, type RuleViolation } from './rules';
import type { PartnerKind } from './work-sites';

/** The client's consent after explanation (KUHP 85(2)) as the PK found it. */
export const CONSENT_STATUSES = ['given', 'refused', 'not_asked'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** The considerations a Litmas may note, as free text; all optional. */
export const ASSESSMENT_NOTES = [
  'workAbility',
  'health',
  'workSafety',
  'religion',
  'skills',
  'schooling',
] as const;
export type AssessmentNote = (typeof ASSESSMENT_NOTES)[number];

export interface AssessmentInput extends Partial<Record<AssessmentNote, string>> {
  readonly litmas: { readonly number: string; readonly date: LocalDate };
  readonly recommendation: string;
  readonly consent: { readonly status: ConsentStatus; readonly recordedOn: LocalDate };
  /** Kinds of partner the assessment advises against (e.g. another faith's place of worship). */
  readonly avoidPartnerKinds?: readonly PartnerKind[];
}

/** What the case shows of its latest assessment. */
export interface AssessmentSummary {
  readonly id: string;
  readonly litmas: { readonly number: string; readonly date: LocalDate };
  readonly recommendation: string;
  readonly consent: { readonly status: ConsentStatus; readonly recordedOn: LocalDate };
  /** Carried on the case so a placement can weigh it without another read. */
  readonly avoidPartnerKinds?: readonly PartnerKind[];
  readonly recordedAt: string;
}

export interface AssessmentDecision {
  /** `received` becomes `assessed`; a re-assessment leaves the status as it is. */
  readonly status: CaseStatus;
  /** The case's flags after the assessment (its KS-CONSENT flags replaced by this assessment's). */
  readonly flags: CaseFlag[];
  /** This assessment's own flags. */
  readonly raised: CaseFlag[];
}

/**
 * Records an assessment on a case in `status` with `flags`, on the office-local `today`.
 * Rules: LC-TRANSITION (only an open case is assessed; reported on `caseId`), AS-LITMAS (the Litmas
 * and the consent are not dated after today), KS-CONSENT (refused or not asked: flagged).
 *
 * The latest assessment's consent supersedes what registration recorded, so the case's earlier
 * KS-CONSENT flags give way to this assessment's.
 * @example assessCase('received', [], input, '2026-03-01') // ok: { status: 'assessed', … }
 */
export function assessCase(
  status: CaseStatus,
  flags: readonly CaseFlag[],
  input: AssessmentInput,
  today: LocalDate,
): Result<AssessmentDecision> {
  if (!OPEN_STATUSES.includes(status)) {
    return fail([violation(Rule.LC_TRANSITION, 'caseId', `A ${status} case takes no assessment.`)]);
  }
  const v: RuleViolation[] = [];
  if (input.litmas.date > today) {
    v.push(violation(Rule.AS_LITMAS, 'litmas.date', `The Litmas cannot be dated after today (${today}).`));
  }
  if (input.consent.recordedOn > today) {
    v.push(
      violation(Rule.AS_LITMAS, 'consent.recordedOn', `Consent cannot be recorded after today (${today}).`),
    );
  }
  if (v.length > 0) return fail(v);
  const raised: CaseFlag[] =
    input.consent.status === 'given'
      ? []
      : [
          {
            rule: Rule.KS_CONSENT,
            path: 'consent.status',
            message:
              input.consent.status === 'refused'
                ? 'The client refused consent at assessment (KUHP 85(2)): tell the jaksa and the court.'
                : 'Consent was not asked at assessment (KUHP 85(2)): record it when it is.',
          },
        ];
  return ok({
    status: status === 'received' ? 'assessed' : status,
    flags: [...flags.filter((f) => f.rule !== Rule.KS_CONSENT), ...raised],
    raised,
  });
}

/**
 * CHILD-LITMAS: a child's case (pelayanan masyarakat) is placed only once a Litmas is on record; the
 * court must have considered one (SPPA 60(3)-(4)) and the PK places from it. Reported on `caseId`.
 */
export function litmasBeforePlacement(kind: string, assessment: AssessmentSummary | undefined): Result<true> {
  return kind === 'pelayanan_masyarakat' && assessment === undefined
    ? fail([
        violation(
          Rule.CHILD_LITMAS,
          'caseId',
          "Record the child's Litmas first: POST /v1/offices/{officeId}/cases/{caseId}/assessments.",
        ),
      ])
    : ok(true);
}

/**
 * AS-AVOID-KIND: a placement with a kind of partner the latest assessment advises against is allowed
 * (the PK may have reasons) and flagged on the case, so it shows in needs-action. Returns the case's
 * flags after the placement (the same flag is not raised twice).
 */
export function flagsAfterPlacement(
  flags: readonly CaseFlag[],
  assessment: AssessmentSummary | undefined,
  partnerKind: PartnerKind,
): readonly CaseFlag[] {
  if (!assessment?.avoidPartnerKinds?.includes(partnerKind)) return flags;
  const flag: CaseFlag = {
    rule: Rule.AS_AVOID_KIND,
    path: 'siteId',
    message: `Placed with a ${partnerKind} partner, which Litmas ${assessment.litmas.number} advises against.`,
  };
  return flags.some((f) => f.rule === flag.rule && f.message === flag.message) ? flags : [...flags, flag];
}
