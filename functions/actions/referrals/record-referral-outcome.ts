import {
  canDecideReferral,
  localDateOf,
  officeToday,
  statusAfterReferralOutcome,
  validateOutcomeDate,
  type OfficeTimeZone,
  type ReferralDecision,
} from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { CaseRecord } from '../../store/case-store';
import {
  MAX_WARNINGS_RESOLVED_AT_ONCE,
  type ReferralOutcome,
  type ReferralRecord,
} from '../../store/warning-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { retryCaseChange } from '../warnings/retry';

export type { CaseRecord } from '../../store/case-store';
export type { ReferralRecord } from '../../store/warning-store';

/** What the jaksa/court decided, as written on its document. */
export interface OutcomeInput {
  readonly decision: ReferralDecision;
  readonly decidedOn: string;
  readonly reference: string;
}

/**
 * Records what the jaksa/court decided on a referral (KUHP 85(7)); the software never decides it. The
 * case takes the status the outcome means, and its open warnings are resolved by the referral.
 *
 * Refuses: not-found (no such referral the caller may see); conflict (REFERRAL-ONE-OUTCOME: already
 * decided; too many open warnings for one write; the referral kept changing); invalid (LC-TRANSITION,
 * REFERRAL-OUTCOME-DATE).
 */
export async function recordReferralOutcome(
  ports: Pick<Ports, 'cases' | 'warnings' | 'now'>,
  grant: OfficeGrant,
  referralId: string,
  input: OutcomeInput,
): Promise<{ referral: ReferralRecord; case: CaseRecord }> {
  const officeId = grant.office.id;
  const caseId = ports.warnings.caseOf(referralId);
  const notFound = () => refuse.notFound('No such referral in this office.');
  if (!caseId) throw notFound();
  const detail = 'The outcome of this referral was recorded by someone else at the same moment; reload it.';
  return retryCaseChange(detail, async () => {
    const current = await loadVisibleCase(ports, grant, caseId);
    const referral = await ports.warnings.getReferral(officeId, caseId, referralId);
    if (!referral) throw notFound();
    const open = canDecideReferral(referral);
    if (!open.ok) throw refuse.conflict('The outcome of this referral is already recorded.', open.violations);
    const next = statusAfterReferralOutcome(current.status, input.decision);
    if (!next.ok)
      throw refuse.invalid(next.violations, 'This outcome cannot be recorded on the case as it is.');
    const now = ports.now();
    const referredOn = localDateOf(referral.referredAt, grant.office.timeZone as OfficeTimeZone);
    const dated = validateOutcomeDate(input.decidedOn, referredOn, officeToday(grant.office, now));
    if (!dated.ok) throw refuse.invalid(dated.violations, 'The request has invalid fields.');
    const resolving = (await ports.warnings.warningStatesOf(officeId, caseId))
      .filter((w) => w.status === 'open')
      .map((w) => w.id);
    if (resolving.length > MAX_WARNINGS_RESOLVED_AT_ONCE) {
      throw refuse.conflict('This case has too many open warnings to resolve in one step; contact support.');
    }
    const actor = actorOf(grant, now);
    const outcome: ReferralOutcome = { ...input, recordedBy: actor.actor, recordedAt: now.toISOString() };
    const saved = await ports.warnings.decide(
      current,
      { ...current, status: next.value, openWarnings: 0 },
      referral,
      outcome,
      resolving,
      { ...actor, reason: `${input.decision} (${input.reference}, ${input.decidedOn})` },
    );
    return { referral: { ...referral, status: 'decided', outcome }, case: saved };
  });
}
