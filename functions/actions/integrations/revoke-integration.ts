import { actorOf, type OfficeGrant } from '../../identity/grant';
import { retryOnConflict } from '../../store/optimistic';
import type { Integration } from '../../store/integration-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadOwnedIntegration } from './queries';

/**
 * Revokes the office's client for good: Abdi's record first, so its very next request is refused
 * (401) whatever token it holds, then the provider's client, so no new token can be had. Revoking a
 * revoked client changes nothing but finishes the provider's part, should that have failed before.
 * Refuses: not-found, busy.
 */
export async function revokeIntegration(
  ports: Pick<Ports, 'integrations' | 'machineClients' | 'now'>,
  grant: OfficeGrant,
  input: { clientId: string },
): Promise<Integration> {
  const integration = await retryOnConflict(
    async () => {
      const current = await loadOwnedIntegration(ports, grant, input.clientId);
      if (current.status === 'revoked') return current;
      return ports.integrations.revoke(current, actorOf(grant, ports.now()));
    },
    { onExhausted: () => refuse.busy('Others are changing this client; retry shortly.') },
  );
  await ports.machineClients.revoke(integration.clientId);
  return integration;
}
