import type { OfficeGrant } from '../../identity/grant';
import type { AuditRecord } from '../../store/audit-store';
import type { Page, PageRequest } from '../cases/queries';
import { loadClient } from '../clients/queries';
import type { Ports } from '../ports';

/**
 * A page of a client's own audit trail, newest first: registration, corrections with their reasons,
 * NIK reveals, SMS choices, exports. The NIK is masked in every entry (CL-NIK-MASK). Refuses not-found
 * for another office's client.
 */
export async function clientTrail(
  ports: Pick<Ports, 'clients' | 'audit'>,
  grant: OfficeGrant,
  input: { readonly clientId: string; readonly page: PageRequest },
): Promise<Page<AuditRecord>> {
  const client = await loadClient(ports, grant, input.clientId);
  return ports.audit.trail(grant.office.id, { type: 'client', id: client.id }, input.page);
}
