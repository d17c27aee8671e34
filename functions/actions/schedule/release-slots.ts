import { officeToday, voidSlots, type Office } from '../../domain';
import type { CaseRecord } from '../../store/case-store';
import type { PlacementRecord } from '../../store/placement-store';
import type { Ports } from '../ports';

/** Who releases slots in the audit trail: the re-planner, not a person. */
export const REPLANNER_ACTOR = 'system:case-replanner';

/**
 * Releases the case's slots that nobody is to come for any more (`voidSlots`): run by the re-planner
 * after a change, from the outbox (ADR 0014), since a transition or a placement's end may leave many
 * future slots, more than the request's own transaction could carry. `placements` are the case's
 * active ones (as the plan read them); none for a case that no longer takes sessions. One Query, and a
 * transaction per 45 released slots; nothing written when nothing is void. Returns how many it released.
 */
export async function releaseVoidSlots(
  ports: { readonly slots: Pick<Ports['slots'], 'ofCase' | 'release'>; readonly now: () => Date },
  office: Office,
  record: CaseRecord,
  placements: readonly PlacementRecord[],
): Promise<number> {
  const now = ports.now();
  const slots = await ports.slots.ofCase(office.id, record.id);
  const released = voidSlots(record.status, placements, slots, officeToday(office, now));
  if (released.length === 0) return 0;
  return ports.slots.release(record, released, { actor: REPLANNER_ACTOR, at: now });
}
