import { eventsOfAudit } from '../../domain';
import type { StreamedAudit } from '../../store/audit-stream';
import { deliveryId, type QueueKey } from '../../store/webhook-deliveries';
import type { WebhookSubscription } from '../../store/webhook-subscriptions';
import { deliverQueue, deliverQueues, type DeliveryReport } from './deliver';
import type { WebhookWorkerPorts } from './worker-ports';

/**
 * The dispatcher (ADR 0013): the audit entries of committed changes, in stream order, become
 * deliveries for every subscription of their office that wants their events, queued per subscription
 * and case; then each touched queue is sent. Queuing is idempotent (a delivery's id is its place in
 * the stream), so a batch the stream hands over twice queues nothing twice.
 */
export async function dispatchAuditEntries(
  ports: WebhookWorkerPorts,
  entries: readonly StreamedAudit[],
): Promise<DeliveryReport & { queued: number }> {
  const subscriptionsOf = new Map<string, Promise<WebhookSubscription[]>>();
  const touched = new Map<string, { queue: QueueKey; subscription: WebhookSubscription }>();
  let queued = 0;
  for (const { sequence, audit } of entries) {
    const events = eventsOfAudit(audit);
    if (events.length === 0) continue;
    if (!subscriptionsOf.has(audit.officeId))
      subscriptionsOf.set(audit.officeId, ports.subscriptions.list(audit.officeId));
    const subscriptions = await subscriptionsOf.get(audit.officeId)!;
    for (const [n, event] of events.entries()) {
      // A subscription hears what happens from its creation on: a change committed before it, which the
      // stream hands over late (a lagging or retried batch), is not its event.
      const hearing = subscriptions.filter(
        (s) => s.eventTypes.includes(event.type) && event.occurredAt >= s.createdAt,
      );
      for (const subscription of hearing) {
        const queue = { officeId: event.officeId, webhookId: subscription.id, caseId: event.caseId };
        const createdAt = ports.now().toISOString();
        const added = await ports.deliveries.enqueue({
          id: deliveryId(event.caseId, sequence, n),
          ...queue,
          eventId: event.id,
          eventType: event.type,
          payload: JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data }),
          status: 'pending',
          attempts: 0,
          scheduleFrom: createdAt,
          nextAttemptAt: createdAt,
          createdAt,
        });
        if (added) queued += 1;
        touched.set(`${subscription.id}#${event.caseId}`, { queue, subscription });
      }
    }
  }
  const report = await deliverQueues(
    [...touched.values()].map(
      ({ queue, subscription }) =>
        () =>
          deliverQueue(ports, queue, subscription),
    ),
  );
  return { queued, ...report };
}
