import type { OfficeGrant } from '../../identity/grant';
import type { NikRevealRecord } from '../../store/audit-store';
import type { Page, PageRequest } from '../cases/queries';
import type { Ports } from '../ports';

export type { NikRevealRecord } from '../../store/audit-store';

/**
 * A page of the office's NIK reveals, newest first: who read which client's NIK, when and why. The
 * route lets only the office's admins call it; the entries are the audit entries each reveal wrote.
 */
export async function listNikReveals(
  ports: Pick<Ports, 'audit'>,
  grant: OfficeGrant,
  input: { readonly page: PageRequest },
): Promise<Page<NikRevealRecord>> {
  return ports.audit.nikReveals(grant.office.id, input.page);
}
