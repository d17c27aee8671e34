import { nextAttemptAt } from '../../domain';
import type { QueueKey } from '../../store/webhook-deliveries';
import type { WebhookSubscription } from '../../store/webhook-subscriptions';
import type { WebhookWorkerPorts } from './worker-ports';

/** A sweep or a dispatch sends at most this many deliveries of one queue before leaving it to the next. */
const SENDS_PER_QUEUE = 25;
/** Who the audit trail names for what the workers decide on their own. */
const SYSTEM = 'system:webhooks';

export interface DeliveryReport {
  readonly queues: number;
  readonly attempts: number;
  readonly delivered: number;
}

/**
 * Sends a queue's deliveries in order, head first, until one fails, one is not due yet or the queue is
 * empty (WH-DELIVERY): a later event of a case never overtakes an earlier one. A failed delivery stays
 * at the head until an admin replays or skips it. Paused subscriptions keep their queues; deleted ones
 * have theirs skipped.
 */
export async function deliverQueue(
  ports: WebhookWorkerPorts,
  queue: QueueKey,
  known?: WebhookSubscription,
): Promise<{ attempts: number; delivered: number }> {
  const subscription = known ?? (await ports.subscriptions.get(queue.officeId, queue.webhookId));
  let attempts = 0;
  let delivered = 0;
  if (!subscription) {
    const orphans = await ports.deliveries.open(queue, 49);
    await ports.deliveries.resolve(orphans, 'skip', { actor: SYSTEM, at: ports.now() });
    return { attempts, delivered };
  }
  if (subscription.status !== 'active') return { attempts, delivered };
  while (attempts < SENDS_PER_QUEUE) {
    const [head] = await ports.deliveries.open(queue, 1);
    const now = ports.now();
    if (!head || head.status !== 'pending' || (head.nextAttemptAt ?? '') > now.toISOString()) break;
    if (!(await ports.deliveries.claim(head, now))) break;
    const result = await ports.send({
      url: subscription.url,
      id: head.eventId,
      timestamp: ports.wallClock(),
      body: head.payload,
      secrets: secretsOf(subscription, now),
    });
    attempts += 1;
    const next = result.ok ? undefined : nextAttemptAt(new Date(head.scheduleFrom), head.attempts + 1);
    await ports.deliveries.recordAttempt(head, { ...result, at: now }, next);
    if (!result.ok) break;
    delivered += 1;
  }
  return { attempts, delivered };
}

/** The retry sweep: every queue with a delivery due now. */
export async function deliverDue(ports: WebhookWorkerPorts): Promise<DeliveryReport> {
  const queues = await ports.deliveries.dueQueues(ports.now());
  return deliverQueues(queues.map((queue) => () => deliverQueue(ports, queue)));
}

/**
 * Queues are independent of each other (order holds within one), so several are sent at once: a
 * receiver that does not answer costs its own queue its 10-second timeout, not every queue after it.
 */
const PARALLEL_QUEUES = 8;

export async function deliverQueues(
  sends: readonly (() => Promise<{ attempts: number; delivered: number }>)[],
): Promise<DeliveryReport> {
  let attempts = 0;
  let delivered = 0;
  let next = 0;
  const worker = async () => {
    while (next < sends.length) {
      const sent = await sends[next++]!();
      attempts += sent.attempts;
      delivered += sent.delivered;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_QUEUES, sends.length) }, worker));
  return { queues: sends.length, attempts, delivered };
}

/** The secrets that sign now: the current one, and the previous one until its grace period ends. */
export function secretsOf(subscription: WebhookSubscription, now: Date): string[] {
  const previous =
    subscription.previousSecret && (subscription.previousSecretUntil ?? '') > now.toISOString()
      ? [subscription.previousSecret]
      : [];
  return [subscription.secret, ...previous];
}
