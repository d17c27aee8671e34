import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getItem } from './read-ahead';
import type { WebhookEventType } from '../domain';
import { changeEntry } from './audit';
import { withoutKeys } from './keys';
import { auditPut, newRecordItems, OfficeRecordStore, versionedUpdateItem } from './office-records';
import { WriteConflict } from './optimistic';
import type { Actor } from './user-store';

/**
 * An office's webhook subscription: where its events go, which ones, and the secret they are signed
 * with (Standard Webhooks, `whsec_…`). After a rotation the previous secret signs too, until
 * `previousSecretUntil`, so a receiver can switch without losing a delivery.
 */
export interface WebhookSubscription {
  readonly id: string;
  readonly officeId: string;
  readonly url: string;
  readonly description?: string;
  readonly eventTypes: readonly WebhookEventType[];
  /** Paused: events still queue (nothing is lost) but nothing is sent until it is active again. */
  readonly status: 'active' | 'paused';
  readonly secret: string;
  readonly previousSecret?: string;
  readonly previousSecretUntil?: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** The fields an admin changes; the rest is bookkeeping. */
export type WebhookChanges = Partial<
  Pick<
    WebhookSubscription,
    'url' | 'description' | 'eventTypes' | 'status' | 'secret' | 'previousSecret' | 'previousSecretUntil'
  >
>;

const partition = (officeId: string) => `O#${officeId}#WEBHOOKS`;
const sortKey = (id: string) => `WEBHOOK#${id}`;
/** A subscription's key: one per office partition, so the dispatcher lists them with one Query. */
export const webhookKey = (officeId: string, id: string) => ({ pk: partition(officeId), sk: sortKey(id) });
/** Secrets never enter the audit trail; that they changed shows as the rotation's own action. */
const SECRET_FIELDS = ['secret', 'previousSecret', 'previousSecretUntil'];

/**
 * Subscriptions live in one partition per office: an office has a handful, the dispatcher reads them
 * all with one Query per batch of events, and every change writes its audit entry in the same
 * transaction (subject `webhook`).
 */
export class WebhookSubscriptionStore extends OfficeRecordStore {
  async list(officeId: string): Promise<WebhookSubscription[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partition(officeId) },
      }),
    );
    return Items.map(toSubscription);
  }

  async get(officeId: string, id: string): Promise<WebhookSubscription | undefined> {
    const item = await getItem(this.db, this.tableName, webhookKey(officeId, id), { consistent: true });
    return item ? toSubscription(item) : undefined;
  }

  async create(subscription: WebhookSubscription, actor: Actor): Promise<void> {
    const item = {
      pk: partition(subscription.officeId),
      sk: sortKey(subscription.id),
      type: 'webhook',
      ...subscription,
    };
    await this.transactOr(
      newRecordItems(this.tableName, item, this.entry('webhook.create', undefined, subscription, actor)),
      () => new WriteConflict('webhook'),
    );
  }

  /** Applies `changes` if the subscription is still at `current.version`; throws `WriteConflict` if not. */
  async update(
    current: WebhookSubscription,
    changes: WebhookChanges,
    actor: Actor,
    action = 'webhook.update',
  ): Promise<WebhookSubscription> {
    const next: WebhookSubscription = {
      ...current,
      ...changes,
      version: current.version + 1,
      updatedAt: actor.at.toISOString(),
    };
    const attributes = { ...changes, version: next.version, updatedAt: next.updatedAt };
    await this.transactOr(
      [
        versionedUpdateItem(
          this.tableName,
          { pk: partition(current.officeId), sk: sortKey(current.id) },
          attributes,
          current.version,
        ),
        auditPut(this.tableName, this.entry(action, current, next, actor)),
      ],
      () => new WriteConflict('webhook'),
    );
    return next;
  }

  /** Removes the subscription (its delivery log stays until it expires); conditioned on its version. */
  async delete(current: WebhookSubscription, actor: Actor): Promise<void> {
    await this.transactOr(
      [
        {
          Delete: {
            TableName: this.tableName,
            Key: { pk: partition(current.officeId), sk: sortKey(current.id) },
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': current.version },
          },
        },
        auditPut(this.tableName, {
          officeId: current.officeId,
          actor: actor.actor,
          at: actor.at,
          action: 'webhook.delete',
          subject: { type: 'webhook', id: current.id },
          changes: [{ field: 'url', before: current.url, after: undefined }],
        }),
      ],
      () => new WriteConflict('webhook'),
    );
  }

  private entry(
    action: string,
    before: WebhookSubscription | undefined,
    after: WebhookSubscription,
    actor: Actor,
  ) {
    return changeEntry({
      officeId: after.officeId,
      action,
      subject: { type: 'webhook', id: after.id },
      before,
      after,
      actor,
      ignore: SECRET_FIELDS,
    });
  }
}

function toSubscription(item: Record<string, unknown>): WebhookSubscription {
  const { type: _type, ...subscription } = withoutKeys(item);
  return subscription as unknown as WebhookSubscription;
}
