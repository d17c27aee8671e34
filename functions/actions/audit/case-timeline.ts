import type { OfficeGrant } from '../../identity/grant';
import type { AuditRecord } from '../../store/audit-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Page, PageRequest } from '../cases/queries';
import type { Ports } from '../ports';

export type { AuditRecord } from '../../store/audit-store';

/**
 * A page of a case's timeline, newest first: who changed what and when, field by field. Refuses
 * not-found for a case the caller may not see.
 */
export async function caseTimeline(
  ports: Pick<Ports, 'cases' | 'audit'>,
  grant: OfficeGrant,
  input: { readonly caseId: string; readonly page: PageRequest },
): Promise<Page<AuditRecord>> {
  const found = await loadVisibleCase(ports, grant, input.caseId);
  return ports.audit.trail(grant.office.id, { type: 'case', id: found.id }, input.page);
}
