import {
  breachStatus,
  decideClosing,
  decideNotice,
  type BreachClosingInput,
  type BreachNoticeInput,
} from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { BreachRecord } from '../../store/breach-store';
import { retryOnConflict } from '../../store/optimistic';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadBreach, viewOf, type BreachView } from './queries';

type BreachPorts = Pick<Ports, 'breaches' | 'now'>;

/**
 * Records the written notice to the data subjects or to the authority (PDP-BREACH-CLOCK). A notice
 * after the deadline is recorded and flagged `late`, never refused. Once both are recorded the breach
 * is `notified` and the clock stops on every affected office's home page.
 *
 * Refuses: not-found (the breach does not name this office); conflict (already noticed, or closed);
 * invalid (sent before discovery or in the future).
 */
export function recordBreachNotice(
  ports: BreachPorts,
  grant: OfficeGrant,
  breachId: string,
  input: BreachNoticeInput,
): Promise<BreachView> {
  return changeBreach(ports, grant, breachId, 'breach.notice', (breach, by) => {
    const decided = decideNotice(breach, input, by);
    if (!decided.ok) throw refusalOf(decided.violations, 'This notice cannot be recorded.');
    const notices = { ...breach.notices, [input.audience]: decided.value };
    return { ...breach, notices, status: breachStatus({ ...breach, notices }) };
  });
}

/**
 * Closes the breach with a summary and its evidence (PDP-BREACH-CLOSE), only once both notices are
 * recorded. Refuses: not-found; conflict (a notice missing, or already closed); invalid (no summary
 * or no evidence).
 */
export function closeBreach(
  ports: BreachPorts,
  grant: OfficeGrant,
  breachId: string,
  input: BreachClosingInput,
): Promise<BreachView> {
  return changeBreach(ports, grant, breachId, 'breach.close', (breach, by) => {
    const decided = decideClosing(breach, input, by);
    if (!decided.ok) throw refusalOf(decided.violations, 'This breach cannot be closed yet.');
    return { ...breach, closing: decided.value, status: 'closed' };
  });
}

/** A state refusal (the breach's notices or closing as they stand) is a conflict; bad input is invalid. */
function refusalOf(violations: Parameters<typeof refuse.invalid>[0], detail: string) {
  const stateBound = violations.some((v) => v.path === 'notices' || v.path === 'audience');
  return stateBound ? refuse.conflict(detail, violations) : refuse.invalid(violations, detail);
}

async function changeBreach(
  ports: BreachPorts,
  grant: OfficeGrant,
  breachId: string,
  action: string,
  decide: (breach: BreachRecord, by: { actor: string; now: Date }) => BreachRecord,
): Promise<BreachView> {
  const changed = await retryOnConflict(
    async () => {
      const current = await loadBreach(ports, grant, breachId);
      const now = ports.now();
      const actor = actorOf(grant, now);
      const next = decide(current, { actor: actor.actor, now });
      const stamped = { ...next, version: current.version + 1, updatedAt: now.toISOString() };
      return ports.breaches.update(current, stamped, action, actor, grant.office.id);
    },
    { onExhausted: () => refuse.busy('Others are changing this breach; retry shortly.') },
  );
  return viewOf(ports, changed);
}
