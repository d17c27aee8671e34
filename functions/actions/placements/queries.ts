import type { PlacementRecord } from '../../store/placement-store';
import { ofVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';

export type { PlacementRecord } from '../../store/placement-store';
export type { PageRequest } from '../cases/queries';

/**
 * A page of a case's placements, newest first; a site supervisor sees those at their own sites.
 * Refuses not-found for a case the caller may not see.
 */
export const placementsOfCase = ofVisibleCase<Pick<Ports, 'cases' | 'placements'>, PlacementRecord>(
  async (ports, grant, caseId, page) => {
    const listed = await ports.placements.list(grant.office.id, caseId, page);
    const siteIds = grant.siteIds;
    return siteIds ? { ...listed, items: listed.items.filter((p) => siteIds.includes(p.siteId)) } : listed;
  },
);
