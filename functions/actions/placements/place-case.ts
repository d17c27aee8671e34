import {
  canPlace,
  flagsAfterPlacement,
  litmasBeforePlacement,
  occupancyByIsoWeekday,
  officeToday,
  Rule,
  statusAfterPlacement,
  termsOf,
  validateNewPlacement,
  type PlacementRequest,
} from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { PlacementRecord } from '../../store/placement-store';
import { WriteConflict } from '../../store/optimistic';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { retryCaseChange } from '../cases/case-change';
import { loadSiteOfPlacement, siteFull, siteRefusal, PLACEMENT_RACE } from './site-of-placement';

export type { PlacementRecord } from '../../store/placement-store';

/**
 * Places a case at a work site on a weekly schedule: an assessed case becomes placed, the case's current
 * site becomes this one, and the site keeps one place on each weekday.
 *
 * A partner of a kind the latest assessment advises against is allowed and flagged (AS-AVOID-KIND).
 *
 * Refuses: not-found (no such case the caller may see); conflict (LC-TRANSITION: not placeable now;
 * CHILD-LITMAS: a child's case without its Litmas;
 * PL-CAPACITY or PL-SITE-ACTIVE as the site stands; the case or site kept changing); invalid (the
 * placement rules: PL-NONCOMMERCIAL, PL-AGREEMENT, PL-SITE-ACTIVE, PL-PER-DAY, PL-WINDOW, PL-WEEKDAYS,
 * TIME-RANGE, or a site that is not this office's).
 */
export async function placeCase(
  ports: Pick<Ports, 'cases' | 'sites' | 'partners' | 'placements' | 'now'>,
  grant: OfficeGrant,
  caseId: string,
  input: PlacementRequest,
): Promise<PlacementRecord> {
  const officeId = grant.office.id;
  const now = ports.now();
  const today = officeToday(grant.office, now);
  return retryCaseChange(PLACEMENT_RACE, async () => {
    const current = await loadVisibleCase(ports, grant, caseId);
    const placeable = canPlace(current.status);
    if (!placeable.ok) {
      throw refuse.conflict('A case is placed once assessed, and until its work ends.', placeable.violations);
    }
    const litmas = litmasBeforePlacement(current.sentence.kind, current.assessment);
    if (!litmas.ok) throw refuse.conflict(litmas.violations[0]!.message, litmas.violations);
    const [{ site, partner }, others] = await Promise.all([
      loadSiteOfPlacement(ports, grant, input.siteId),
      ports.placements.list(officeId, current.id),
    ]);
    const verdict = validateNewPlacement(input, {
      partner: { nonCommercial: partner.nonCommercial, agreement: partner.agreement },
      site: { active: site.active, capacity: site.capacity },
      case: {
        startDate: current.sentence.startDate,
        // The window in force: a repeat's new deadline lets a new placement run to it (PROGRESS-TERMS).
        deadline: termsOf(current).deadline,
        maxHoursPerDay: current.sentence.maxHoursPerDay,
      },
      occupancyByWeekday: occupancyByIsoWeekday(site.occupancy),
      today,
      others: others.items,
    });
    if (!verdict.ok) {
      // A full site is its current state, not a fault of the request: a conflict, like a lost race for it.
      if (verdict.violations.every((v) => v.rule === Rule.PL_CAPACITY)) throw siteFull(site, input.weekdays);
      throw refuse.invalid(verdict.violations);
    }
    const placement: PlacementRecord = {
      id: ports.placements.newId(current.id, now),
      officeId,
      caseId: current.id,
      siteId: site.id,
      weekdays: [...input.weekdays].sort((a, b) => a - b),
      startTime: input.startTime,
      endTime: input.endTime,
      from: input.from,
      until: input.until,
      status: 'active',
      createdAt: now.toISOString(),
    };
    const next = {
      ...current,
      status: statusAfterPlacement(current.status),
      currentSiteId: site.id,
      // AS-AVOID-KIND: a partner the Litmas advises against is the PK's call, flagged on the case.
      flags: flagsAfterPlacement(current.flags ?? [], current.assessment, partner.kind),
    };
    try {
      await ports.placements.place(current, next, placement, actorOf(grant, now));
    } catch (error) {
      // The site refused the write: answered from a fresh read of it, not retried.
      if (error instanceof WriteConflict && error.on === 'site') {
        throw await siteRefusal(ports, grant, site.id, placement.weekdays);
      }
      throw error;
    }
    return placement;
  });
}
