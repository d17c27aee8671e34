import type { OfficeGrant } from '../../identity/grant';
import type { SessionRecord } from '../../store/session-store';
import type { Page, PageRequest } from '../cases/queries';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';

export type { SessionRecord } from '../../store/session-store';
export type { PageRequest } from '../cases/queries';

/** A page of a case's sessions, newest first. Refuses not-found for a case the caller may not see. */
export async function sessionsOfCase(
  ports: Pick<Ports, 'cases' | 'sessions'>,
  grant: OfficeGrant,
  caseId: string,
  page: PageRequest,
): Promise<Page<SessionRecord>> {
  const found = await loadVisibleCase(ports, grant, caseId);
  return ports.sessions.list(grant.office.id, found.id, page);
}
