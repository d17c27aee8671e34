import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getItem } from './read-ahead';
import type { WebhookEventType } from '../domain';
import { withoutKeys } from './keys';
import { auditPut, setExpression } from './office-records';
import type { Page, PageRequest } from './paging';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

/**
 * One event on its way to one subscription. Deliveries form a queue per subscription and case, in the
 * order the changes committed (the stream's sequence number), so a receiver applies a case's events in
 * order; a failed delivery holds the rest of its queue back (WH-DELIVERY).
 *
 * Two items each: the log entry (`WHLOG` partition of the subscription, listed by time on gsi1, kept
 * 30 days after it finishes) and, while it is pending or failed, its place in the queue (`WHQ`
 * partition of the subscription and case, in stream order, on the `due` index while pending). A queue
 * holds only what is still open, so the sender reads its head with one small Query however long the
 * case's history; every attempt updates both in one transaction.
 */
export interface WebhookDelivery {
  /** `<caseId>-<sequence>-<n>`: the queue and the place in it. */
  readonly id: string;
  readonly officeId: string;
  readonly webhookId: string;
  readonly caseId: string;
  /** The `webhook-id` header: the same on every attempt and replay, so receivers de-duplicate by it. */
  readonly eventId: string;
  readonly eventType: WebhookEventType;
  /** The exact JSON body that is signed and sent. */
  readonly payload: string;
  readonly status: 'pending' | 'delivered' | 'failed' | 'skipped';
  readonly attempts: number;
  /** From when the retry schedule counts (the event, or the last replay). */
  readonly scheduleFrom: string;
  readonly nextAttemptAt?: string;
  readonly lastAttemptAt?: string;
  readonly lastResponseStatus?: number;
  readonly lastLatencyMs?: number;
  /** The start of the receiver's answer or the network error, never more than 200 characters. */
  readonly lastError?: string;
  readonly deliveredAt?: string;
  readonly createdAt: string;
}

/** What one attempt came to. */
export interface AttemptResult {
  readonly at: Date;
  readonly ok: boolean;
  readonly responseStatus?: number;
  readonly latencyMs: number;
  readonly error?: string;
}

export interface QueueKey {
  readonly officeId: string;
  readonly webhookId: string;
  readonly caseId: string;
}

const queuePartition = (q: QueueKey) => `O#${q.officeId}#WHQ#${q.webhookId}#${q.caseId}`;
const logPartition = (officeId: string, webhookId: string) => `O#${officeId}#WHLOG#${webhookId}`;
/** Every pending delivery of the deployment on the `due` index, by when it is due. */
const DUE = 'WEBHOOK#DUE';
/** The log keeps a finished delivery 30 days, for the delivery log and for replays. */
const KEEP_SECONDS = 30 * 24 * 3600;
/** How long a sender owns a delivery it is attempting, past its 10-second timeout. */
const LEASE_MS = 60_000;

const ID = /^([0-9A-Z]{26})-(\d+)-(\d+)$/;

/** A delivery's log entry, by the subscription and the delivery id. */
export const deliveryLogKey = (officeId: string, webhookId: string, id: string) => ({
  pk: logPartition(officeId, webhookId),
  sk: `D#${id}`,
});

/** The delivery id of the `n`th event of the change at stream position `sequence` on a case. */
export const deliveryId = (caseId: string, sequence: string, n: number) =>
  `${caseId}-${sequence.padStart(40, '0')}-${n}`;

export class WebhookDeliveryStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Queues a delivery, due at once; false when it is queued already (the stream sent the change twice). */
  async enqueue(delivery: WebhookDelivery): Promise<boolean> {
    try {
      await transact(this.db, [
        {
          Put: {
            TableName: this.tableName,
            Item: this.logItem(delivery),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: this.tableName, Item: this.queueItem(delivery) } },
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionFailed) return false;
      throw error;
    }
  }

  /** The open deliveries of a queue (pending or failed), oldest first, at most `limit`. */
  async open(queue: QueueKey, limit = 10): Promise<WebhookDelivery[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': queuePartition(queue) },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return Items.map(toDelivery);
  }

  /** One delivery of the subscription's log by its id. */
  async get(officeId: string, webhookId: string, id: string): Promise<WebhookDelivery | undefined> {
    if (!ID.test(id)) return undefined;
    const item = await getItem(this.db, this.tableName, deliveryLogKey(officeId, webhookId, id), {
      consistent: true,
    });
    return item ? toDelivery(item) : undefined;
  }

  /** The subscription's delivery log, newest first (or oldest first from `since`, an ISO instant). */
  async log(
    officeId: string,
    webhookId: string,
    page: PageRequest & { since?: string },
  ): Promise<Page<WebhookDelivery>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: page.since ? 'gsi1pk = :pk AND gsi1sk >= :since' : 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': logPartition(officeId, webhookId),
          ...(page.since ? { ':since': page.since } : {}),
        },
        ScanIndexForward: page.since !== undefined,
        Limit: page.limit,
        ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
      }),
    );
    return { items: (result.Items ?? []).map(toDelivery), lastKey: result.LastEvaluatedKey };
  }

  /** The queues with a delivery due by `now`, oldest due first. */
  async dueQueues(now: Date, limit = 100): Promise<QueueKey[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'due',
        KeyConditionExpression: 'duepk = :due AND duesk <= :now',
        ExpressionAttributeValues: { ':due': DUE, ':now': `${now.toISOString()}\uffff` },
        Limit: limit,
      }),
    );
    const queues = new Map<string, QueueKey>();
    for (const item of Items) {
      const queue = {
        officeId: String(item.officeId),
        webhookId: String(item.webhookId),
        caseId: String(item.caseId),
      };
      queues.set(queuePartition(queue), queue);
    }
    return [...queues.values()];
  }

  /**
   * Takes the delivery for one attempt: it must still be pending, due and not held by another sender
   * (the stream's sender and the retry sweep never send the same delivery at once).
   */
  async claim(delivery: WebhookDelivery, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.queueKey(delivery),
          UpdateExpression: 'SET leaseUntil = :until',
          ConditionExpression:
            '#status = :pending AND nextAttemptAt <= :now AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':now': now.toISOString(),
            ':until': new Date(now.getTime() + LEASE_MS).toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /**
   * Records an attempt, in the log and the queue at once: delivered (it leaves the queue), due again
   * at `next`, or, with no `next`, failed (it stays at the head of its queue, holding it back).
   */
  async recordAttempt(delivery: WebhookDelivery, result: AttemptResult, next?: Date): Promise<void> {
    const status = result.ok ? 'delivered' : next ? 'pending' : 'failed';
    const attempt = {
      status,
      attempts: delivery.attempts + 1,
      lastAttemptAt: result.at.toISOString(),
      lastLatencyMs: result.latencyMs,
      lastResponseStatus: result.responseStatus,
      lastError: result.error?.slice(0, 200),
      nextAttemptAt: next?.toISOString(),
      deliveredAt: result.ok ? result.at.toISOString() : undefined,
    };
    const finished = status !== 'pending';
    const log = this.update(
      this.logKey(delivery),
      { ...attempt, expiresAt: finished ? expiry(result.at) : undefined },
      ['leaseUntil'],
    );
    const queue: TransactItem =
      status === 'delivered'
        ? { Delete: { TableName: this.tableName, Key: this.queueKey(delivery) } }
        : this.update(
            this.queueKey(delivery),
            {
              ...attempt,
              ...(status === 'pending'
                ? { duepk: DUE, duesk: dueKey(attempt.nextAttemptAt!, delivery) }
                : {}),
            },
            ['leaseUntil', ...(status === 'failed' ? ['duepk', 'duesk'] : [])],
          );
    await transact(this.db, [log, queue]);
  }

  /**
   * An admin's replay (due again now, its schedule restarted, back in its queue) or skip (out of its
   * queue, which moves on) of deliveries, with one audit entry, in one transaction (at most 49).
   */
  async resolve(
    deliveries: readonly WebhookDelivery[],
    how: 'replay' | 'skip',
    actor: Actor,
  ): Promise<WebhookDelivery[]> {
    const first = deliveries[0];
    if (!first) return [];
    const at = actor.at.toISOString();
    const items = deliveries.flatMap((delivery): TransactItem[] => {
      if (how === 'skip') {
        return [
          this.update(this.logKey(delivery), {
            status: 'skipped',
            expiresAt: expiry(actor.at),
            nextAttemptAt: undefined,
          }),
          { Delete: { TableName: this.tableName, Key: this.queueKey(delivery) } },
        ];
      }
      const replayed: WebhookDelivery = {
        ...delivery,
        status: 'pending',
        attempts: 0,
        scheduleFrom: at,
        nextAttemptAt: at,
      };
      return [
        this.update(
          this.logKey(delivery),
          { status: 'pending', attempts: 0, scheduleFrom: at, nextAttemptAt: at },
          ['expiresAt'],
        ),
        { Put: { TableName: this.tableName, Item: this.queueItem(replayed) } },
      ];
    });
    items.push(
      auditPut(this.tableName, {
        officeId: first.officeId,
        actor: actor.actor,
        at: actor.at,
        action: `webhook.${how}`,
        subject: { type: 'webhook', id: first.webhookId },
        changes: [{ field: 'deliveries', before: undefined, after: deliveries.map((d) => d.id) }],
      }),
    );
    await transact(this.db, items);
    return deliveries.map((delivery) => {
      if (how === 'skip') {
        const { nextAttemptAt: _next, ...skipped } = delivery;
        return { ...skipped, status: 'skipped' };
      }
      return { ...delivery, status: 'pending', attempts: 0, scheduleFrom: at, nextAttemptAt: at };
    });
  }

  /** SET the defined attributes (REMOVE the undefined ones and `remove`) of one item. */
  private update(
    key: Record<string, string>,
    attributes: Record<string, unknown>,
    remove: string[] = [],
  ): TransactItem {
    const set = setExpression(attributes);
    const removed = [
      ...remove,
      ...Object.entries(attributes)
        .filter(([, v]) => v === undefined)
        .map(([k]) => k),
    ];
    return {
      Update: {
        TableName: this.tableName,
        Key: key,
        UpdateExpression: `${set.expression}${removed.length > 0 ? ` REMOVE ${removed.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: set.names,
        ExpressionAttributeValues: set.values,
      },
    };
  }

  private logKey(delivery: Pick<WebhookDelivery, 'officeId' | 'webhookId' | 'id'>) {
    return deliveryLogKey(delivery.officeId, delivery.webhookId, delivery.id);
  }

  private queueKey(delivery: Pick<WebhookDelivery, 'officeId' | 'webhookId' | 'caseId' | 'id'>) {
    return { pk: queuePartition(delivery), sk: `D#${delivery.id}` };
  }

  private logItem(delivery: WebhookDelivery): Record<string, unknown> {
    return {
      ...this.logKey(delivery),
      type: 'webhook-delivery',
      ...delivery,
      gsi1pk: logPartition(delivery.officeId, delivery.webhookId),
      gsi1sk: `${delivery.createdAt}#${delivery.id}`,
    };
  }

  private queueItem(delivery: WebhookDelivery): Record<string, unknown> {
    return {
      ...this.queueKey(delivery),
      type: 'webhook-queue',
      ...delivery,
      ...(delivery.nextAttemptAt ? { duepk: DUE, duesk: dueKey(delivery.nextAttemptAt, delivery) } : {}),
    };
  }
}

const dueKey = (at: string, delivery: Pick<WebhookDelivery, 'officeId' | 'id'>) =>
  `${at}#${delivery.officeId}#${delivery.id}`;

const expiry = (at: Date) => Math.floor(at.getTime() / 1000) + KEEP_SECONDS;

function toDelivery(item: Record<string, unknown>): WebhookDelivery {
  const { leaseUntil: _lease, expiresAt: _expires, type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as WebhookDelivery;
}
