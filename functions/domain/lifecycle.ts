/**
 * The lifecycle of a case (domain.md "Lifecycle of a case").
 *
 * ```
 * received → assessed → placed → active ⇄ warned
 *                                 active | warned → completed   (only when no hours remain)
 *                                 active | warned → referred    (non-compliance reported to the jaksa)
 * referred → active     outcome `continue`: the jaksa/court lets the sentence go on
 * referred → repeated   outcome `repeat`: all or part is to be worked again (KUHP 85(7)(a))
 * referred → converted  outcome `serve_prison` | `pay_fine` (85(7)(b),(c))
 * repeated → active     once the repeat terms are recorded
 * any open status → terminated   other lawful causes (death, annulment, ...), with a reason
 * completed | converted | terminated → closed   (berita acara penyelesaian sent to the jaksa)
 * ```
 *
 * Choices:
 * - `repeated` is a status of its own so the dashboard and the jaksa can see that a repeat was ordered and
 *   the new terms (hours, deadline) are still to be entered; it returns to `active`, not to `placed`,
 *   because placements are managed separately and may continue.
 * - The software never decides a referral: a case leaves `referred` (other than by termination) only with
 *   the recorded jaksa/court outcome (LC-REFERRAL-OUTCOME).
 * - `warned → active` is allowed: the officer lifts the warned status once the client complies again.
 * - Completion is refused while any minute remains (LC-COMPLETE-HOURS); a repeated case completes only
 *   after going back to `active`.
 * - `assessed`, `placed`, `warned` and `referred` come only with their record (an assessment, a
 *   placement, a warning, a referral) through its own route; the generic transitions route refuses them
 *   and names that route (`routeElsewhere`, issue 10 "no bypass").
 */
import { fail, ok, Rule, violation, type Result, type RuleId, type RuleViolation } from './rules';

export const CASE_STATUSES = [
  'received',
  'assessed',
  'placed',
  'active',
  'warned',
  'referred',
  'repeated',
  'completed',
  'converted',
  'terminated',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const FINAL_STATUSES: readonly CaseStatus[] = ['completed', 'converted', 'terminated', 'closed'];
/** Statuses from which the case can still be terminated; `completed`, `converted`, `terminated`, `closed` are final. */
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

/** Allowed transitions, `from → to[]`. The single source for routing, docs and tests. */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  received: ['assessed', 'terminated'],
  assessed: ['placed', 'terminated'],
  placed: ['active', 'terminated'],
  active: ['warned', 'referred', 'completed', 'terminated'],
  warned: ['active', 'referred', 'completed', 'terminated'],
  referred: ['active', 'repeated', 'converted', 'terminated'],
  repeated: ['active', 'terminated'],
  completed: ['closed'],
  converted: ['closed'],
  terminated: ['closed'],
  closed: [],
};

/** The jaksa/court decision recorded by `POST /referrals/{id}/outcome`. */
export const REFERRAL_DECISIONS = ['repeat', 'serve_prison', 'pay_fine', 'continue'] as const;
export type ReferralDecision = (typeof REFERRAL_DECISIONS)[number];

/** The status a referral outcome moves the case to. */
export const REFERRAL_OUTCOME_STATUS: Readonly<Record<ReferralDecision, CaseStatus>> = {
  repeat: 'repeated',
  serve_prison: 'converted',
  pay_fine: 'converted',
  continue: 'active',
};

export const isCaseStatus = (value: unknown): value is CaseStatus =>
  (CASE_STATUSES as readonly unknown[]).includes(value);

export const isReferralDecision = (value: unknown): value is ReferralDecision =>
  (REFERRAL_DECISIONS as readonly unknown[]).includes(value);

/** Where every registered case starts its lifecycle. */
export const INITIAL_STATUS: CaseStatus = 'received';

/**
 * Statuses in which the decision and sentence may still be corrected (LC-SENTENCE-EDITABLE): before
 * placement, so no session has been credited against the sentence as registered.
 */
export const SENTENCE_EDITABLE_STATUSES: readonly CaseStatus[] = ['received', 'assessed'];

/**
 * Whether a correction may touch the decision or the sentence of a case in `status`; a correction of
 * other fields always may. The violation names the field the correction touches.
 * @example canCorrectSentence('placed', { notes: 'x' }) // ok
 */
export const canCorrectSentence = (
  status: CaseStatus,
  change: { readonly decision?: unknown; readonly sentence?: unknown },
): Result<CaseStatus> => {
  const touches =
    change.sentence !== undefined ? 'sentence' : change.decision !== undefined ? 'decision' : '';
  if (!touches || SENTENCE_EDITABLE_STATUSES.includes(status)) return ok(status);
  return fail([violation(Rule.LC_SENTENCE_EDITABLE, touches, `The case is ${status}.`)]);
};

/**
 * Whether moving a case to `to` ends it with warnings still open (LC-END-WARNINGS): nothing is left to
 * act on, so the same write resolves them and they stop counting as open.
 */
export const endsWithOpenWarnings = (to: CaseStatus, openWarnings: number): boolean =>
  !OPEN_STATUSES.includes(to) && openWarnings > 0;

export interface TransitionContext {
  /** Minutes of ordered time not yet credited; required to move to `completed`. */
  readonly remainingMinutes?: number;
  /** The reason given with the transition; required to move to `terminated`. */
  readonly reason?: string;
  /** The recorded outcome, when the transition comes from a referral outcome. */
  readonly referralOutcome?: ReferralDecision;
  /** Whether the case's completion record (berita acara penyelesaian) is issued; required to close it. */
  readonly completionRecordIssued?: boolean;
}

/**
 * Whether a case may move from `from` to `to`. Violations are reported on the request field `to`
 * (or `reason`), as in `POST /cases/{caseId}/transitions {to, reason}`.
 *
 * @example canTransition('active', 'completed', { remainingMinutes: 0 }) // ok
 * @example canTransition('referred', 'converted', { referralOutcome: 'pay_fine' }) // ok
 */
export const canTransition = (
  from: CaseStatus,
  to: CaseStatus,
  context: TransitionContext = {},
): Result<{ from: CaseStatus; to: CaseStatus }> => {
  if (!isCaseStatus(to)) {
    return fail([violation(Rule.INPUT_FORMAT, 'to', `Unknown status; one of ${CASE_STATUSES.join(', ')}.`)]);
  }
  if (!TRANSITIONS[from].includes(to)) {
    const allowed = TRANSITIONS[from];
    return fail([
      violation(
        Rule.LC_TRANSITION,
        'to',
        `A ${from} case cannot become ${to}` +
          (allowed.length ? `; allowed: ${allowed.join(', ')}.` : '; it is closed.'),
      ),
    ]);
  }
  const v: RuleViolation[] = [];
  if (to === 'completed' && context.remainingMinutes !== 0) {
    v.push(
      violation(
        Rule.LC_COMPLETE_HOURS,
        'to',
        context.remainingMinutes === undefined
          ? 'Completion needs the remaining hours, which were not given.'
          : 'A case is completed only when all ordered hours are credited.',
      ),
    );
  }
  if (to === 'terminated' && (context.reason === undefined || context.reason.trim() === '')) {
    v.push(violation(Rule.LC_REASON, 'reason', 'Terminating a case needs a reason.'));
  }
  if (from === 'referred' && to !== 'terminated') {
    const decided = context.referralOutcome;
    if (decided === undefined || REFERRAL_OUTCOME_STATUS[decided] !== to) {
      v.push(
        violation(
          Rule.LC_REFERRAL_OUTCOME,
          'to',
          'A referred case changes only by recording the jaksa/court outcome of the referral.',
        ),
      );
    }
  }
  return v.length === 0 ? ok({ from, to }) : fail(v);
};

/**
 * The status after recording a referral outcome, checked against the lifecycle.
 * @example statusAfterReferralOutcome('referred', 'repeat') // ok: 'repeated'
 */
export const statusAfterReferralOutcome = (
  current: CaseStatus,
  decision: ReferralDecision,
): Result<CaseStatus> => {
  if (!isReferralDecision(decision)) {
    return fail([
      violation(
        Rule.INPUT_FORMAT,
        'decision',
        'Decision must be repeat, serve_prison, pay_fine or continue.',
      ),
    ]);
  }
  if (current !== 'referred') {
    return fail([
      violation(
        Rule.LC_TRANSITION,
        'decision',
        `Only a referred case takes an outcome; this one is ${current}.`,
      ),
    ]);
  }
  const to = REFERRAL_OUTCOME_STATUS[decision];
  const r = canTransition(current, to, { referralOutcome: decision });
  return r.ok ? ok(to) : r;
};

const CASE_PATH = 'POST /v1/offices/{officeId}/cases/{caseId}';

/**
 * Statuses that a record of their own brings about, with the rule that sends the generic transitions
 * route to it: the record (the Litmas, the placement, the teguran, the referral, the outcome) is what
 * makes the status true, so a bare status change would be a status without its reason.
 */
const REACHED_BY_RECORD: Readonly<Partial<Record<CaseStatus, readonly [RuleId, string]>>> = {
  assessed: [Rule.LC_VIA_ASSESSMENT, `Record an assessment (Litmas): ${CASE_PATH}/assessments.`],
  placed: [Rule.LC_VIA_PLACEMENT, `Place the case at a work site: ${CASE_PATH}/placements.`],
  warned: [Rule.LC_VIA_WARNING, `Issue a warning (teguran): ${CASE_PATH}/warnings.`],
  referred: [Rule.LC_VIA_REFERRAL, `Refer the case to the jaksa: ${CASE_PATH}/referrals.`],
};

/**
 * Why the generic transitions route may not make this move although another route can, or undefined
 * when it is the transitions route's to make (or refuse with `canTransition`). The violation's message
 * names the route to use. Rules: LC-VIA-ASSESSMENT, LC-VIA-PLACEMENT, LC-VIA-WARNING, LC-VIA-REFERRAL,
 * LC-REFERRAL-OUTCOME (a referred case moves by its outcome), LC-COMPLETE-HOURS (hours remain: record
 * sessions), LC-CLOSE (a case is closed once it has ended) and LC-CLOSE-RECORD (a completed case once
 * its completion record is issued).
 *
 * @example routeElsewhere('received', 'assessed', {}) // LC-VIA-ASSESSMENT, naming …/assessments
 */
export function routeElsewhere(
  from: CaseStatus,
  to: CaseStatus,
  context: TransitionContext = {},
): RuleViolation | undefined {
  const record = REACHED_BY_RECORD[to];
  if (record) return violation(record[0], 'to', record[1]);
  if (from === 'referred' && to !== 'terminated' && TRANSITIONS.referred.includes(to)) {
    return violation(
      Rule.LC_REFERRAL_OUTCOME,
      'to',
      'Record the jaksa/court outcome: POST /v1/offices/{officeId}/referrals/{referralId}/outcome.',
    );
  }
  if (to === 'completed' && TRANSITIONS[from].includes(to) && (context.remainingMinutes ?? 1) > 0) {
    return violation(
      Rule.LC_COMPLETE_HOURS,
      'to',
      `Hours remain: credit them first (${CASE_PATH}/sessions); the case is completed when none remain.`,
    );
  }
  if (to === 'closed' && from === 'completed' && context.completionRecordIssued === false) {
    return violation(
      Rule.LC_CLOSE_RECORD,
      'to',
      'Issue the berita acara penyelesaian first: POST /v1/offices/{officeId}/documents with kind completion_record.',
    );
  }
  if (to === 'closed' && !TRANSITIONS[from].includes(to)) {
    return violation(
      Rule.LC_CLOSE,
      'to',
      `A ${from} case is not closed: it ends first as completed (no hours left) or terminated (with a reason).`,
    );
  }
  return undefined;
}
