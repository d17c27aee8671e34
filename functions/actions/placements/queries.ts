import type { OfficeGrant } from '../../identity/grant';
import type { PlacementRecord } from '../../store/placement-store';
import type { Page, PageRequest } from '../cases/queries';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';

export type { PlacementRecord } from '../../store/placement-store';
export type { PageRequest } from '../cases/queries';

/**
 * A page of a case's placements, newest first; a site supervisor sees those at their own sites.
 * Refuses not-found for a case the caller may not see.
 */
export async function placementsOfCase(
  ports: Pick<Ports, 'cases' | 'placements'>,
  grant: OfficeGrant,
  caseId: string,
  page: PageRequest,
): Promise<Page<PlacementRecord>> {
  const found = await loadVisibleCase(ports, grant, caseId);
  const listed = await ports.placements.list(grant.office.id, found.id, page);
  const siteIds = grant.siteIds;
  return siteIds ? { ...listed, items: listed.items.filter((p) => siteIds.includes(p.siteId)) } : listed;
}
