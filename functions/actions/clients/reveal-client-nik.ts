import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { Role } from '../../identity/principal';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadClient, viewClient, type ClientView } from './queries';

/** Only these roles may see a full NIK (UU 27/2022: specific personal data). */
const NIK_REVEALERS: readonly Role[] = ['admin', 'officer'];

/**
 * One client with the NIK unmasked, for a stated reason; every such read leaves an audit entry (who,
 * when, why). Refuses forbidden to other roles and not-found for clients of other offices.
 */
export async function revealClientNik(
  ports: Pick<Ports, 'clients' | 'now'>,
  grant: OfficeGrant,
  input: { readonly clientId: string; readonly reason: string },
): Promise<ClientView> {
  const client = await loadClient(ports, grant, input.clientId);
  if (!grant.roles.some((role) => NIK_REVEALERS.includes(role))) {
    throw refuse.forbidden('Only admins and officers may see a full NIK.');
  }
  const now = ports.now();
  await ports.clients.recordNikReveal(grant.office.id, client.id, {
    ...actorOf(grant, now),
    reason: input.reason,
  });
  return viewClient(grant, now)(client);
}
