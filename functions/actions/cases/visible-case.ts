import type { OfficeGrant } from '../../identity/grant';
import type { CaseRecord } from '../../store/case-store';
import type { Page, PageRequest } from './queries';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

/** Whether a grant may see a case: a site supervisor sees only cases placed at one of their sites. */
export const canSeeCase = (grant: Pick<OfficeGrant, 'siteIds'>, record: Pick<CaseRecord, 'currentSiteId'>) =>
  !grant.siteIds || (record.currentSiteId !== undefined && grant.siteIds.includes(record.currentSiteId));

/**
 * Loads a case the caller may see, or refuses with not-found: cases of other offices, and for a site
 * supervisor cases not placed at one of their sites, are as invisible as cases that do not exist.
 */
export async function loadVisibleCase(
  ports: Pick<Ports, 'cases'>,
  grant: OfficeGrant,
  caseId: string,
): Promise<CaseRecord> {
  const found = await ports.cases.get(grant.office.id, caseId);
  if (!found || !canSeeCase(grant, found)) throw refuse.notFound('No such case in this office.');
  return found;
}

/**
 * A use case reading a page of one kind of a case's records (newest first), once the caller may see
 * the case: else not-found. `read` gets the grant, for lists a supervisor sees only part of.
 */
export const ofVisibleCase =
  <P extends Pick<Ports, 'cases'>, T>(
    read: (ports: P, grant: OfficeGrant, caseId: string, page: PageRequest) => Promise<Page<T>>,
  ) =>
  async (ports: P, grant: OfficeGrant, caseId: string, page: PageRequest): Promise<Page<T>> =>
    read(ports, grant, (await loadVisibleCase(ports, grant, caseId)).id, page);
