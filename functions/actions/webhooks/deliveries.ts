import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { PageRequest } from '../../store/paging';
import type { WebhookDelivery } from '../../store/webhook-deliveries';
import type { Ports } from '../ports';
import { found, refuse } from '../refusal';

type DeliveryPorts = Pick<Ports, 'webhooks' | 'webhookDeliveries' | 'now'>;

export type { WebhookDelivery } from '../../store/webhook-deliveries';

/** A replay since a time resolves at most this many deliveries per request; the answer says if more remain. */
const REPLAY_BATCH = 49;

async function subscriptionOf(ports: DeliveryPorts, grant: OfficeGrant, webhookId: string) {
  return found(await ports.webhooks.get(grant.office.id, webhookId), 'No such webhook in this office.');
}

/** The subscription's delivery log, newest first: status, attempts, the receiver's last answer. */
export async function deliveriesOf(
  ports: DeliveryPorts,
  grant: OfficeGrant,
  webhookId: string,
  page: PageRequest,
) {
  await subscriptionOf(ports, grant, webhookId);
  return ports.webhookDeliveries.log(grant.office.id, webhookId, page);
}

/**
 * Replays one delivery (sent again from now, with the same `webhook-id`, on a fresh retry schedule) or
 * skips it (its case's later events go on). A failed delivery holds its queue until one of these.
 * Refuses: not-found; conflict (skipping a delivery that is already delivered or skipped).
 */
export async function resolveDelivery(
  ports: DeliveryPorts,
  grant: OfficeGrant,
  input: { webhookId: string; deliveryId: string; how: 'replay' | 'skip' },
): Promise<WebhookDelivery> {
  await subscriptionOf(ports, grant, input.webhookId);
  const delivery = found(
    await ports.webhookDeliveries.get(grant.office.id, input.webhookId, input.deliveryId),
    'No such delivery of this webhook.',
  );
  if (input.how === 'skip' && (delivery.status === 'delivered' || delivery.status === 'skipped')) {
    throw refuse.conflict(`A ${delivery.status} delivery cannot be skipped.`);
  }
  const [resolved] = await ports.webhookDeliveries.resolve(
    [delivery],
    input.how,
    actorOf(grant, ports.now()),
  );
  return resolved!;
}

/**
 * Replays every delivery of the subscription since `since` (a receiver lost its data, or was down),
 * oldest first, up to 49 per request: `next` is where to continue when more remain.
 */
export async function replaySince(
  ports: DeliveryPorts,
  grant: OfficeGrant,
  input: { webhookId: string; since: string },
): Promise<{ replayed: number; next?: string }> {
  await subscriptionOf(ports, grant, input.webhookId);
  const page = await ports.webhookDeliveries.log(grant.office.id, input.webhookId, {
    since: input.since,
    limit: REPLAY_BATCH + 1,
  });
  const batch = page.items.slice(0, REPLAY_BATCH);
  await ports.webhookDeliveries.resolve(batch, 'replay', actorOf(grant, ports.now()));
  const more = page.items[REPLAY_BATCH];
  // `next` is the first delivery left out, as the log index orders it: passed back as `since`, it starts there.
  return { replayed: batch.length, ...(more ? { next: `${more.createdAt}#${more.id}` } : {}) };
}
