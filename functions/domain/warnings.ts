/**
 * Warnings (teguran/peringatan) for non-compliance, and referral of the case to the jaksa.
 *
 * The software records and checks; it does not escalate on its own. Levels 1–3 are the officer's
 * judgement of seriousness; no ordering between levels is enforced because offices differ (some start at
 * level 2 for a serious incident).
 */
import { isSessionOutcome, outcomeFlags, type SessionOutcome } from './attendance';
import { joinPath, Rule, violation, resultOf, type Result, type RuleViolation } from './rules';

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
