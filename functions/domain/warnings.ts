/**
 * Warnings (teguran/peringatan) for non-compliance, and referral of the case to the jaksa.
 *
 * The software records and checks; it does not escalate on its own. Levels 1–3 are the officer's
 * judgement of seriousness; no ordering between levels is enforced because offices differ (some start at
 * level 2 for a serious incident).
 */
import { isSessionOutcome, outcomeFlags, type SessionOutcome } from './attendance';
import type { LocalDate } from './calendar';
import { canTransition, type CaseStatus, type ReferralDecision } from './lifecycle';
import { fail, joinPath, ok, Rule, violation, resultOf, type Result, type RuleViolation } from './rules';

/**
 * A warning is open until a referral's outcome, or the end of its case, resolves it; the resolving record
 * names what it resolves (`WarningResolution`), the warning itself is never rewritten.
 */
export const WARNING_STATUSES = ['open', 'resolved'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

/** A referral awaits the jaksa/court outcome until it is recorded. */
export const REFERRAL_STATUSES = ['awaiting_outcome', 'decided'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const WARNING_LEVELS = [1, 2, 3] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** A session of the case, as far as a warning cares. */
export interface SessionForWarning {
  readonly id: string;
  readonly outcome: SessionOutcome;
  /** Set by the officer when the client misbehaved at a session (partial or attended). */
  readonly misconduct?: boolean;
}

export interface WarningInput {
  readonly level: number;
  readonly reason: string;
  readonly sessionIds: readonly string[];
}

/**
 * Validates `POST /cases/{caseId}/warnings {level, reason, sessionIds[]}` against the case's sessions.
 * Rules: WARN-LEVEL, WARN-REASON, WARN-SESSIONS (each cited session is one of the case's and is an
 * enforceable outcome, i.e. an unexcused absence, or flagged as misconduct). An empty `sessionIds` is
 * allowed: misconduct away from a session (e.g. threatening the supervisor by phone) still warrants a warning.
 */
export const validateWarning = (
  input: WarningInput,
  caseSessions: readonly SessionForWarning[],
): Result<{ level: WarningLevel }> => {
  const v: RuleViolation[] = [];
  if (!(WARNING_LEVELS as readonly number[]).includes(input.level)) {
    v.push(violation(Rule.WARN_LEVEL, 'level', 'Warning level must be 1, 2 or 3.'));
  }
  if (typeof input.reason !== 'string' || input.reason.trim() === '') {
    v.push(violation(Rule.WARN_REASON, 'reason', 'A warning needs a reason.'));
  }
  const byId = new Map(caseSessions.map((s) => [s.id, s]));
  const seen = new Set<string>();
  input.sessionIds.forEach((id, i) => {
    const path = joinPath('sessionIds', i);
    const s = byId.get(id);
    if (seen.has(id)) v.push(violation(Rule.WARN_SESSIONS, path, 'The session is cited twice.'));
    else if (s === undefined) v.push(violation(Rule.WARN_SESSIONS, path, 'No such session in this case.'));
    else if (!(isSessionOutcome(s.outcome) && outcomeFlags(s.outcome).enforceable) && s.misconduct !== true) {
      v.push(
        violation(
          Rule.WARN_SESSIONS,
          path,
          'Only unexcused absences or sessions marked as misconduct can be cited.',
        ),
      );
    }
    seen.add(id);
  });
  return resultOf(v, () => ({ level: input.level as WarningLevel }));
};

export interface ReferralPolicy {
  /** Warnings a referral must cite; configurable per office, default 1. */
  readonly minWarnings: number;
}

export const DEFAULT_REFERRAL_POLICY: ReferralPolicy = { minWarnings: 1 };

/**
 * Validates `POST /cases/{caseId}/referrals {reason, warningIds[]}` (rule REFERRAL-NEEDS-WARNING): it cites
 * at least `policy.minWarnings` distinct warnings of this case. Whether the case's status allows referral is
 * the lifecycle's question (`canTransition(status, 'referred')`).
 */
export const validateReferral = (
  input: { readonly reason: string; readonly warningIds: readonly string[] },
  caseWarningIds: readonly string[],
  policy: ReferralPolicy = DEFAULT_REFERRAL_POLICY,
): Result<{ warningIds: string[] }> => {
  const v: RuleViolation[] = [];
  if (typeof input.reason !== 'string' || input.reason.trim() === '') {
    v.push(violation(Rule.REFERRAL_NEEDS_WARNING, 'reason', 'A referral needs a reason.'));
  }
  const known = new Set(caseWarningIds);
  const cited = new Set<string>();
  input.warningIds.forEach((id, i) => {
    if (!known.has(id)) {
      v.push(
        violation(Rule.REFERRAL_NEEDS_WARNING, joinPath('warningIds', i), 'No such warning in this case.'),
      );
    } else cited.add(id);
  });
  if (cited.size < policy.minWarnings) {
    v.push(
      violation(
        Rule.REFERRAL_NEEDS_WARNING,
        'warningIds',
        `A referral must cite at least ${policy.minWarnings} warning(s) of this case.`,
      ),
    );
  }
  return resultOf(v, () => ({ warningIds: [...cited] }));
};

/**
 * Whether a case in `status` may be warned (LC-TRANSITION): an active case becomes warned, and a warned
 * case stays warned with one more open warning.
 */
export const canWarn = (status: CaseStatus): Result<CaseStatus> => {
  if (status === 'warned') return ok(status);
  const verdict = canTransition(status, 'warned');
  return verdict.ok ? ok(verdict.value.to) : verdict;
};

/** A warning of the case, as far as a referral cares. */
export interface WarningState {
  readonly id: string;
  readonly status: WarningStatus;
}

/**
 * A referral of a case in `status` with `warnings`: the lifecycle allows it (LC-TRANSITION) and it cites
 * open warnings of the case (REFERRAL-NEEDS-WARNING). A warning an earlier outcome resolved is this
 * case's, but cannot be cited again: the violation says so.
 */
export const validateNewReferral = (
  input: { readonly reason: string; readonly warningIds: readonly string[] },
  status: CaseStatus,
  warnings: readonly WarningState[],
  policy: ReferralPolicy = DEFAULT_REFERRAL_POLICY,
): Result<{ warningIds: string[] }> => {
  const lifecycle = canTransition(status, 'referred');
  const open = warnings.filter((w) => w.status === 'open').map((w) => w.id);
  const resolved = new Set(warnings.filter((w) => w.status === 'resolved').map((w) => w.id));
  const cited = validateReferral(input, open, policy);
  const v: RuleViolation[] = [
    ...(lifecycle.ok ? [] : lifecycle.violations),
    ...(cited.ok
      ? []
      : cited.violations.map((x) => {
          const index = /^warningIds\.(\d+)$/.exec(x.path)?.[1];
          return index !== undefined && resolved.has(input.warningIds[Number(index)]!)
            ? { ...x, message: 'This warning was resolved by an earlier referral outcome.' }
            : x;
        })),
  ];
  return v.length === 0 && cited.ok ? cited : fail(v);
};

/** REFERRAL-ONE-OUTCOME: a referral awaiting its outcome takes one; a decided one names what it got. */
export const canDecideReferral = (referral: {
  readonly status: ReferralStatus;
  readonly outcome?: { readonly decision: ReferralDecision };
}): Result<true> =>
  referral.status === 'decided'
    ? fail([
        violation(
          Rule.REFERRAL_ONE_OUTCOME,
          'decision',
          `Recorded: ${referral.outcome?.decision ?? 'unknown'}.`,
        ),
      ])
    : ok(true);

/** REFERRAL-OUTCOME-DATE: the decision is dated between the referral and today (both local dates). */
export const validateOutcomeDate = (
  decidedOn: LocalDate,
  referredOn: LocalDate,
  today: LocalDate,
): Result<LocalDate> =>
  decidedOn > today || decidedOn < referredOn
    ? fail([
        violation(
          Rule.REFERRAL_OUTCOME_DATE,
          'decidedOn',
          `The decision date lies between the referral (${referredOn}) and today.`,
        ),
      ])
    : ok(decidedOn);

/**
 * One resolution of a case's open warnings, kept in the resolving record itself (the referral's outcome,
 * or the case's end): the newest warning it resolves (`through`, warning ids are time-ordered ULIDs) and
 * how many were open. Every warning up to `through` that no earlier resolution resolved is resolved by
 * this one (WARN-RESOLUTION), so a resolution writes one record however many warnings it resolves.
 */
export interface WarningResolution {
  readonly through: string;
  readonly count: number;
  readonly at: string;
  readonly referralId?: string;
  readonly endedAs?: CaseStatus;
}

/** A warning's status as its resolutions make it, with what resolved it. */
export interface WarningStanding {
  readonly status: WarningStatus;
  readonly resolvedAt?: string;
  readonly resolvedByReferralId?: string;
  readonly resolvedByCaseStatus?: CaseStatus;
}

/**
 * WARN-RESOLUTION: a warning's standing, read from the resolutions of its case, oldest first. A warning
 * stored as resolved (written one by one before resolutions existed) keeps what it stored.
 */
export const warningStanding = <W extends { readonly id: string; readonly status: WarningStatus }>(
  warning: W,
  resolutions: readonly WarningResolution[] = [],
): W & WarningStanding => {
  if (warning.status === 'resolved') return warning;
  const by = resolutions.find((r) => warning.id <= r.through);
  if (!by) return warning;
  return {
    ...warning,
    status: 'resolved',
    resolvedAt: by.at,
    ...(by.referralId ? { resolvedByReferralId: by.referralId } : {}),
    ...(by.endedAs ? { resolvedByCaseStatus: by.endedAs } : {}),
  };
};

/**
 * WARN-RESOLUTION: the resolutions after resolving every open warning of a case whose newest warning is
 * `newest` and which has `open` of them; unchanged when none is open. The open ones are always the
 * newest, since every resolution takes all open warnings and a warning issued later gets a later id
 * (`warningIdFloor`).
 */
export const resolveOpenWarnings = (
  resolutions: readonly WarningResolution[] = [],
  open: number,
  newest: string | undefined,
  by: { readonly at: string; readonly referralId?: string; readonly endedAs?: CaseStatus },
): readonly WarningResolution[] =>
  open > 0 && newest !== undefined ? [...resolutions, { through: newest, count: open, ...by }] : resolutions;

/**
 * WARN-RESOLUTION: the id every new warning of the case must sort after (the newest one resolved), so a
 * warning issued after a resolution is never taken for one it resolved, whatever the clocks say.
 */
export const warningIdFloor = (resolutions: readonly WarningResolution[] = []): string | undefined =>
  resolutions.at(-1)?.through;
