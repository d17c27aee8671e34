import { validateNewReferral, warningStanding } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { CaseRecord } from '../../store/case-store';
import type { ReferralRecord } from '../../store/warning-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { retryCaseChange } from '../cases/case-change';

export type { CaseRecord } from '../../store/case-store';
export type { ReferralRecord } from '../../store/warning-store';

/**
 * Refers the case to the jaksa for non-compliance, citing its open warnings; the case becomes referred
 * and awaits the recorded outcome, its clock paused (PROGRESS-PAUSED: no session is recorded on a
 * referred case). The referral writes one record however many warnings it cites.
 *
 * Refuses: not-found (no such case the caller may see); invalid (LC-TRANSITION,
 * REFERRAL-NEEDS-WARNING); conflict (the case kept changing).
 */
export async function referCase(
  ports: Pick<Ports, 'cases' | 'warnings' | 'now'>,
  grant: OfficeGrant,
  caseId: string,
  input: { readonly reason: string; readonly warningIds: readonly string[] },
): Promise<{ referral: ReferralRecord; case: CaseRecord }> {
  return retryCaseChange(
    'The case kept changing while the referral was being recorded; try again.',
    async () => {
      const current = await loadVisibleCase(ports, grant, caseId);
      const stored = await ports.warnings.warningStatesOf(grant.office.id, current.id);
      const warnings = stored.map((w) => warningStanding(w, current.warningResolutions));
      const verdict = validateNewReferral(input, current.status, warnings);
      if (!verdict.ok) throw refuse.invalid(verdict.violations, 'This case cannot be referred.');
      const now = ports.now();
      const actor = actorOf(grant, now);
      const referral: ReferralRecord = {
        id: ports.warnings.newId(current.id, now),
        caseId: current.id,
        reason: input.reason,
        warningIds: verdict.value.warningIds,
        status: 'awaiting_outcome',
        referredBy: actor.actor,
        referredAt: now.toISOString(),
      };
      const saved = await ports.warnings.refer(current, { ...current, status: 'referred' }, referral, {
        ...actor,
        reason: input.reason,
      });
      return { referral, case: saved };
    },
  );
}
