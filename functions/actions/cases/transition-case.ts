import {
  canTransition,
  endsWithOpenWarnings,
  officeToday,
  routeElsewhere,
  type CaseStatus,
} from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { retryOnConflict } from '../../store/optimistic';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { closeOpenWarnings } from '../warnings/resolution';
import { viewCase, type CaseView } from './queries';
import { loadVisibleCase } from './visible-case';

/**
 * Moves a case along its lifecycle with a reason, which lands in the case timeline. A case that ends
 * resolves its open warnings in the same write (LC-END-WARNINGS). Refuses conflict when the move is
 * another route's (an assessment, placement, warning, referral or outcome makes it; completion waits for
 * the hours; closing for the end), naming that route; invalid when the lifecycle does not allow the
 * move; a move that keeps losing races to other writes refuses stale.
 */
export async function transitionCase(
  ports: Pick<Ports, 'cases' | 'warnings' | 'now'>,
  grant: OfficeGrant,
  input: { readonly caseId: string; readonly to: CaseStatus; readonly reason: string },
): Promise<CaseView> {
  // No If-Match: a move decided on a state that changed meanwhile is decided again on the new one.
  return retryOnConflict(
    async () => {
      const current = await loadVisibleCase(ports, grant, input.caseId);
      const context = {
        remainingMinutes: current.remainingMinutes,
        reason: input.reason,
        completionRecordIssued: current.completionRecord !== undefined,
      };
      const elsewhere = routeElsewhere(current.status, input.to, context);
      if (elsewhere) throw refuse.conflict(elsewhere.message, [elsewhere]);
      const verdict = canTransition(current.status, input.to, context);
      if (!verdict.ok) throw refuse.invalid(verdict.violations, 'This status change is not allowed.');
      const now = ports.now();
      const ending = endsWithOpenWarnings(input.to, current.openWarnings);
      // WARN-RESOLUTION: the case's end names the warnings it resolves; no warning is rewritten.
      const closed = ending
        ? (await closeOpenWarnings(ports, current, { at: now.toISOString(), endedAs: input.to })).fields
        : {};
      // PDP-RETENTION-CLOSURE: every retention period counts from the office-local date of the closure.
      const closure = input.to === 'closed' ? { closedOn: officeToday(grant.office, now) } : {};
      const next = { ...current, status: input.to, ...closed, ...closure };
      const actor = { ...actorOf(grant, now), reason: input.reason };
      const saved = ending
        ? await ports.warnings.endCase(current, next, actor)
        : await ports.cases.transition(current, next, actor);
      return viewCase(saved, grant.office, now);
    },
    { onExhausted: () => refuse.stale() },
  );
}
