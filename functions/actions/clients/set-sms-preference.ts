import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { SmsPreference } from '../../store/client-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadClient } from './queries';

export type { SmsPreference } from '../../store/client-store';

/**
 * Marks a client "no SMS" (with the reason: a shared phone, the client's wish, a number not theirs) or
 * lets SMS reminders go again (ADR 0014). Audited, in one transaction with the change. The day-before
 * job then logs the client's SMS as failed with "no SMS" instead of sending it. Refuses not-found for a
 * client of another office, and invalid without a reason when SMS are turned off.
 */
export async function setSmsPreference(
  ports: Pick<Ports, 'clients' | 'now'>,
  grant: OfficeGrant,
  input: { readonly clientId: string; readonly noSms: boolean; readonly reason?: string },
): Promise<SmsPreference> {
  const client = await loadClient(ports, grant, input.clientId);
  if (input.noSms && !input.reason) {
    throw refuse.invalid([{ path: 'reason', message: 'Say why this client gets no SMS.' }]);
  }
  const now = ports.now();
  const actor = actorOf(grant, now);
  const preference: SmsPreference = {
    noSms: input.noSms,
    ...(input.reason ? { reason: input.reason } : {}),
    setBy: actor.actor,
    setAt: now.toISOString(),
  };
  const stored = await ports.clients.setSmsPreference(grant.office.id, client, preference, actor);
  if (!stored) throw refuse.notFound('No such client in this office.');
  return stored;
}
