import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadClient, mayRevealNik, viewClient, type ClientView } from './queries';

/**
 * One client with the NIK unmasked, for a stated reason; every such read leaves an audit entry (who,
 * when, why, which client) that the office's admins can list (see actions/audit/list-nik-reveals.ts).
 * Refuses forbidden to roles other than admin and officer, and not-found for clients of other offices.
 */
export async function revealClientNik(
  ports: Pick<Ports, 'clients' | 'now'>,
  grant: OfficeGrant,
  input: { readonly clientId: string; readonly reason: string },
): Promise<ClientView> {
  const client = await loadClient(ports, grant, input.clientId);
  if (!mayRevealNik(grant)) throw refuse.forbidden('Only admins and officers may see a full NIK.');
  const now = ports.now();
  await ports.clients.recordNikReveal(grant.office.id, client, {
    ...actorOf(grant, now),
    reason: input.reason,
  });
  return viewClient(grant, now, true)(client);
}
