import { randomBytes } from 'node:crypto';
import { webhookUrl, type WebhookEventType } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { WriteConflict } from '../../store/optimistic';
import type { WebhookChanges, WebhookSubscription } from '../../store/webhook-subscriptions';
import type { Ports } from '../ports';
import { found, refuse } from '../refusal';

type WebhookPorts = Pick<Ports, 'webhooks' | 'webhookTargets' | 'now'>;

export type { WebhookSubscription } from '../../store/webhook-subscriptions';

/** After a rotation the previous secret keeps signing this long, so receivers switch without a gap. */
const ROTATION_GRACE_MS = 24 * 3600 * 1000;

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** The URL as WH-URL allows it in this deployment, or a refusal naming the field. */
function checkedUrl(ports: WebhookPorts, url: string): string {
  const checked = webhookUrl(url, ports.webhookTargets.mode, ports.webhookTargets.isPublicHost);
  if (!checked.ok) throw refuse.invalid(checked.violations, 'The webhook URL cannot be used.');
  return checked.value;
}

/**
 * An office admin subscribes a partner system's URL to some of the office's events. The secret is in
 * this answer and a rotation's only; the delivery log never shows it. Refuses: invalid (WH-URL).
 */
export async function createWebhook(
  ports: WebhookPorts & Pick<Ports, 'webhooks'>,
  grant: OfficeGrant,
  input: { url: string; eventTypes: readonly WebhookEventType[]; description?: string },
): Promise<WebhookSubscription> {
  const url = checkedUrl(ports, input.url);
  const now = ports.now();
  const subscription: WebhookSubscription = {
    id: ports.webhooks.newId(now),
    officeId: grant.office.id,
    url,
    ...(input.description ? { description: input.description } : {}),
    eventTypes: [...new Set(input.eventTypes)],
    status: 'active',
    secret: newSecret(),
    createdBy: actorOf(grant, now).actor,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await ports.webhooks.create(subscription, actorOf(grant, now));
  return subscription;
}

export const listWebhooks = (ports: Pick<Ports, 'webhooks'>, grant: OfficeGrant) =>
  ports.webhooks.list(grant.office.id);

export const readWebhook = async (ports: Pick<Ports, 'webhooks'>, grant: OfficeGrant, id: string) =>
  found(await ports.webhooks.get(grant.office.id, id), 'No such webhook in this office.');

/**
 * Changes a subscription the admin read at `expectedVersion`: its URL (WH-URL again), events,
 * description, or pause and resume. Paused, its events queue and wait. Refuses: not-found, stale, invalid.
 */
export async function updateWebhook(
  ports: WebhookPorts,
  grant: OfficeGrant,
  id: string,
  expectedVersion: number,
  changes: Pick<WebhookChanges, 'url' | 'eventTypes' | 'description' | 'status'>,
): Promise<WebhookSubscription> {
  const current = await currentAt(ports, grant, id, expectedVersion);
  const next: WebhookChanges = {
    ...changes,
    ...(changes.url !== undefined ? { url: checkedUrl(ports, changes.url) } : {}),
    ...(changes.eventTypes ? { eventTypes: [...new Set(changes.eventTypes)] } : {}),
  };
  const action =
    changes.status === 'paused'
      ? 'webhook.pause'
      : changes.status === 'active'
        ? 'webhook.resume'
        : 'webhook.update';
  return saving(() => ports.webhooks.update(current, next, actorOf(grant, ports.now()), action));
}

/**
 * A new secret; the previous one keeps signing for 24 hours beside it (receivers accept either), so a
 * partner can switch without losing a delivery. The new secret is in this answer only.
 */
export async function rotateWebhookSecret(
  ports: WebhookPorts,
  grant: OfficeGrant,
  id: string,
): Promise<WebhookSubscription> {
  const current = found(await ports.webhooks.get(grant.office.id, id), 'No such webhook in this office.');
  const now = ports.now();
  return saving(() =>
    ports.webhooks.update(
      current,
      {
        secret: newSecret(),
        previousSecret: current.secret,
        previousSecretUntil: new Date(now.getTime() + ROTATION_GRACE_MS).toISOString(),
      },
      actorOf(grant, now),
      'webhook.rotate',
    ),
  );
}

/** Deletes a subscription read at `expectedVersion`; its queued deliveries are skipped as they come up. */
export async function deleteWebhook(
  ports: WebhookPorts,
  grant: OfficeGrant,
  id: string,
  expectedVersion: number,
): Promise<WebhookSubscription> {
  const current = await currentAt(ports, grant, id, expectedVersion);
  await saving(() => ports.webhooks.delete(current, actorOf(grant, ports.now())));
  return current;
}

async function currentAt(ports: WebhookPorts, grant: OfficeGrant, id: string, expectedVersion: number) {
  const current = found(await ports.webhooks.get(grant.office.id, id), 'No such webhook in this office.');
  if (current.version !== expectedVersion) throw refuse.stale();
  return current;
}

/** A concurrent change between the read and the write is the caller's stale copy. */
async function saving<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof WriteConflict) throw refuse.stale();
    throw error;
  }
}
