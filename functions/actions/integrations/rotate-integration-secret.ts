import { actorOf, type OfficeGrant } from '../../identity/grant';
import { retryOnConflict } from '../../store/optimistic';
import type { Integration } from '../../store/integration-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadOwnedIntegration } from './queries';

/**
 * Gives the office's client a new secret; the old one stops working at once (tokens already issued
 * run out within the hour, as Cognito's do). The new secret is in the answer only.
 * Refuses: not-found, conflict (a revoked client), busy.
 */
export async function rotateIntegrationSecret(
  ports: Pick<Ports, 'integrations' | 'machineClients' | 'now'>,
  grant: OfficeGrant,
  input: { clientId: string },
): Promise<{ integration: Integration; secret: string }> {
  const current = await loadOwnedIntegration(ports, grant, input.clientId);
  if (current.status !== 'active') throw refuse.conflict('A revoked client gets no new secret.');
  // The secret first: if recording the rotation then fails, the caller retries and gets another one.
  const { secret } = await ports.machineClients.rotateSecret(current.clientId);
  const integration = await retryOnConflict(
    async () => {
      const latest = await loadOwnedIntegration(ports, grant, input.clientId);
      return ports.integrations.markRotated(latest, actorOf(grant, ports.now()));
    },
    { onExhausted: () => refuse.busy('Others are changing this client; retry shortly.') },
  );
  return { integration, secret };
}
