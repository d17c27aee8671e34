import { officeToday, placementEndDate, siteAfterEnding } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { PlacementRecord } from '../../store/placement-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { Refusal, refuse } from '../refusal';
import { retryCaseChange } from '../cases/case-change';
import { PLACEMENT_RACE } from './site-of-placement';

export type { PlacementRecord } from '../../store/placement-store';

/**
 * Ends a placement from `endOn` (default today, within its period) and gives its places back to the
 * site; the case's current site moves to its newest other active placement, if any. Ending an ended
 * placement changes nothing and answers it as it is.
 *
 * Refuses: not-found (no such placement the caller may see); invalid (PL-WINDOW); conflict (the case
 * kept changing).
 */
export async function endPlacement(
  ports: Pick<Ports, 'cases' | 'placements' | 'now'>,
  grant: OfficeGrant,
  input: { readonly placementId: string; readonly endOn?: string },
): Promise<PlacementRecord> {
  const officeId = grant.office.id;
  const caseId = ports.placements.caseOf(input.placementId) ?? '';
  const now = ports.now();
  const today = officeToday(grant.office, now);
  const notFound = () => refuse.notFound('No such placement in this office.');
  return retryCaseChange(PLACEMENT_RACE, async () => {
    const current = await loadVisibleCase(ports, grant, caseId).catch((error: unknown) => {
      throw error instanceof Refusal && error.kind === 'not-found' ? notFound() : error;
    });
    const all = (await ports.placements.list(officeId, caseId)).items;
    const placement = all.find((p) => p.id === input.placementId);
    if (!placement) throw notFound();
    if (placement.status === 'ended') return placement;
    const endOn = placementEndDate(placement, today, input.endOn);
    if (!endOn.ok) throw refuse.invalid(endOn.violations, 'The request has invalid fields.');
    const ended: PlacementRecord = {
      ...placement,
      until: endOn.value,
      status: 'ended',
      endedAt: now.toISOString(),
    };
    const { currentSiteId: _previous, ...rest } = current;
    const siteId = siteAfterEnding(current.currentSiteId, placement, all);
    const next =
      siteId === current.currentSiteId ? current : { ...rest, ...(siteId ? { currentSiteId: siteId } : {}) };
    await ports.placements.end(current, next, placement, ended, actorOf(grant, now));
    return ended;
  });
}
