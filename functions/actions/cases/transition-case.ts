import { canTransition, endsWithOpenWarnings, type CaseStatus } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { retryOnConflict } from '../../store/optimistic';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { viewCase, type CaseView } from './queries';
import { loadVisibleCase } from './visible-case';

/**
 * Moves a case along its lifecycle with a reason, which lands in the case timeline. A case that ends
 * resolves its open warnings in the same write (LC-END-WARNINGS). Refuses invalid when the lifecycle
 * does not allow the move; a move that keeps losing races to other writes refuses stale.
 */
export async function transitionCase(
  ports: Pick<Ports, 'cases' | 'warnings' | 'now'>,
  grant: OfficeGrant,
  input: { readonly caseId: string; readonly to: CaseStatus; readonly reason: string },
): Promise<CaseView> {
  const officeId = grant.office.id;
  // No If-Match: a move decided on a state that changed meanwhile is decided again on the new one.
  return retryOnConflict(
    async () => {
      const current = await loadVisibleCase(ports, grant, input.caseId);
      const verdict = canTransition(current.status, input.to, {
        remainingMinutes: current.remainingMinutes,
        reason: input.reason,
      });
      if (!verdict.ok) throw refuse.invalid(verdict.violations, 'This status change is not allowed.');
      const now = ports.now();
      const ending = endsWithOpenWarnings(input.to, current.openWarnings);
      const open = ending
        ? (await ports.warnings.warningStatesOf(officeId, current.id)).filter((w) => w.status === 'open')
        : [];
      const next = { ...current, status: input.to, ...(ending ? { openWarnings: 0 } : {}) };
      const actor = { ...actorOf(grant, now), reason: input.reason };
      const saved = ending
        ? await ports.warnings.endCase(
            current,
            next,
            open.map((w) => w.id),
            actor,
          )
        : await ports.cases.transition(current, next, actor);
      return viewCase(saved, grant.office, now);
    },
    { onExhausted: () => refuse.stale() },
  );
}
