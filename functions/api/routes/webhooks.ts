import type * as z from 'zod';
import {
  deliveriesOf,
  replaySince,
  resolveDelivery,
  type WebhookDelivery,
} from '../../actions/webhooks/deliveries';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  readWebhook,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookSubscription,
} from '../../actions/webhooks/subscriptions';
import type { Ports } from '../../actions/ports';
import type { InOffice } from '../../identity/grant';

type RecordKeys = Ports['recordKeys'];
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { ifMatchRoute, officePath, pagedRoute, recordRoute, versioned } from '../route-kit';
import { officeParams } from '../schemas/common';
import { pageQuery } from '../schemas/paging';
import {
  createWebhookBody,
  deliveryParams,
  deliverySchema,
  issuedWebhookSchema,
  replayResultSchema,
  replaySinceBody,
  updateWebhookBody,
  webhookListSchema,
  webhookParams,
  webhookSchema,
} from '../schemas/webhooks';

/**
 * Webhooks (issue 13, ADR 0013): an office admin subscribes partner systems to the office's events,
 * signed per Standard Webhooks, and watches, replays or skips their deliveries. Answers that carry a
 * secret are never stored for an `Idempotency-Key` replay.
 */
const admins = access.office(staff.adminOnly);
/** The guard reads the subscription (and the delivery) the path names with the caller's grants (ADR 0011). */
const readAheadWebhook = (p: { webhookId: string }, officeId: string, keys: RecordKeys) => [
  keys.webhook(officeId, p.webhookId),
];

/** A subscription as the API shows it: never a secret. */
function present(subscription: WebhookSubscription) {
  const { secret: _s, previousSecret: _p, officeId: _o, ...shown } = subscription;
  return shown;
}

const presentDelivery = (delivery: WebhookDelivery) => {
  const { officeId: _o, scheduleFrom: _f, ...shown } = delivery;
  return shown;
};

export const listWebhooksRoute = defineRoute<z.infer<typeof officeParams>, unknown, unknown, InOffice>({
  operationId: 'listWebhooks',
  method: 'GET',
  path: '/v1/offices/{officeId}/webhooks',
  summary: "The office's webhook subscriptions",
  tags: ['webhooks'],
  access: admins,
  params: officeParams,
  responses: { 200: { description: 'Every subscription of the office', schema: webhookListSchema } },
  async handle({ access: grant, deps }) {
    return { status: 200, body: { items: (await listWebhooks(deps, grant)).map(present) } };
  },
});

export const createWebhookRoute = defineRoute<
  z.infer<typeof officeParams>,
  unknown,
  z.infer<typeof createWebhookBody>,
  InOffice
>({
  operationId: 'createWebhook',
  method: 'POST',
  path: '/v1/offices/{officeId}/webhooks',
  summary: 'Subscribe a URL to some of the office’s events; the signing secret is shown in this answer only',
  tags: ['webhooks'],
  access: admins,
  params: officeParams,
  body: createWebhookBody,
  replayable: false,
  responses: { 201: { description: 'Subscribed', schema: issuedWebhookSchema } },
  async handle({ access: grant, body, deps }) {
    const created = await createWebhook(deps, grant, body);
    return versioned(
      { webhook: present(created), secret: created.secret },
      created.version,
      officePath(grant, 'webhooks', created.id),
    );
  },
});

export const getWebhookRoute = recordRoute({
  operationId: 'getWebhook',
  method: 'GET',
  path: '/v1/offices/{officeId}/webhooks/{webhookId}',
  summary: 'One webhook subscription (never its secret)',
  tags: ['webhooks'],
  access: admins,
  params: webhookParams,
  readAhead: readAheadWebhook,
  responses: { 200: { description: 'The subscription', schema: webhookSchema } },
  run: ({ access: grant, params, deps }) => readWebhook(deps, grant, params.webhookId),
  present,
});

export const updateWebhookRoute = ifMatchRoute({
  operationId: 'updateWebhook',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/webhooks/{webhookId}',
  summary: 'Change the URL, the events or the description, or pause and resume (If-Match required)',
  tags: ['webhooks'],
  access: admins,
  params: webhookParams,
  readAhead: readAheadWebhook,
  body: updateWebhookBody,
  responses: { 200: { description: 'The subscription as now', schema: webhookSchema } },
  change: ({ access: grant, params, body, deps }, expected) =>
    updateWebhook(deps, grant, params.webhookId, expected, body),
  present,
});

export const deleteWebhookRoute = ifMatchRoute({
  operationId: 'deleteWebhook',
  method: 'DELETE',
  path: '/v1/offices/{officeId}/webhooks/{webhookId}',
  summary: 'Delete a subscription (If-Match required); what it still had queued is skipped',
  tags: ['webhooks'],
  access: admins,
  params: webhookParams,
  readAhead: readAheadWebhook,
  responses: { 200: { description: 'The subscription as it was', schema: webhookSchema } },
  change: ({ access: grant, params, deps }, expected) =>
    deleteWebhook(deps, grant, params.webhookId, expected),
  present,
});

export const rotateWebhookSecretRoute = defineRoute<
  z.infer<typeof webhookParams>,
  unknown,
  unknown,
  InOffice
>({
  operationId: 'rotateWebhookSecret',
  method: 'POST',
  path: '/v1/offices/{officeId}/webhooks/{webhookId}/rotate-secret',
  summary: 'A new signing secret, shown once; the previous one also signs for 24 hours',
  tags: ['webhooks'],
  access: admins,
  params: webhookParams,
  readAhead: readAheadWebhook,
  replayable: false,
  responses: { 200: { description: 'The new secret', schema: issuedWebhookSchema } },
  async handle({ access: grant, params, deps }) {
    const rotated = await rotateWebhookSecret(deps, grant, params.webhookId);
    return versioned({ webhook: present(rotated), secret: rotated.secret }, rotated.version);
  },
});

export const listWebhookDeliveries = pagedRoute({
  operationId: 'listWebhookDeliveries',
  path: '/v1/offices/{officeId}/webhooks/{webhookId}/deliveries',
  summary: "The subscription's delivery log, newest first: status, attempts, the receiver's last answer",
  tags: ['webhooks'],
  access: admins,
  params: webhookParams,
  readAhead: readAheadWebhook,
  query: pageQuery,
  items: 'deliveries',
  item: deliverySchema,
  list: ({ params }) => `webhook-deliveries:${params.webhookId}`,
  read: ({ access: grant, params, deps }, page) => deliveriesOf(deps, grant, params.webhookId, page),
  present: presentDelivery,
});

const resolveRoute = (how: 'replay' | 'skip') =>
  defineRoute<z.infer<typeof deliveryParams>, unknown, unknown, InOffice>({
    operationId: how === 'replay' ? 'replayWebhookDelivery' : 'skipWebhookDelivery',
    method: 'POST',
    path: `/v1/offices/{officeId}/webhooks/{webhookId}/deliveries/{deliveryId}/${how}`,
    summary:
      how === 'replay'
        ? 'Send one delivery again, with the same webhook-id, on a fresh retry schedule'
        : "Skip a delivery that failed, so its case's later events go on",
    tags: ['webhooks'],
    access: admins,
    params: deliveryParams,
    readAhead: (p, officeId, keys) => [
      keys.webhook(officeId, p.webhookId),
      keys.webhookDelivery(officeId, p.webhookId, p.deliveryId),
    ],
    responses: { 200: { description: 'The delivery as now', schema: deliverySchema } },
    async handle({ access: grant, params, deps }) {
      const delivery = await resolveDelivery(deps, grant, { ...params, how });
      return { status: 200, body: presentDelivery(delivery) };
    },
  });

export const replayWebhookDelivery = resolveRoute('replay');
export const skipWebhookDelivery = resolveRoute('skip');

export const replayWebhookDeliveries = defineRoute<
  z.infer<typeof webhookParams>,
  unknown,
  z.infer<typeof replaySinceBody>,
  InOffice
>({
  operationId: 'replayWebhookDeliveries',
  method: 'POST',
  path: '/v1/offices/{officeId}/webhooks/{webhookId}/replay',
  summary: 'Send again every delivery of events since a time, oldest first, 49 per request',
  tags: ['webhooks'],
  access: admins,
  params: webhookParams,
  readAhead: readAheadWebhook,
  body: replaySinceBody,
  responses: {
    200: { description: 'How many were replayed, and where to continue', schema: replayResultSchema },
  },
  async handle({ access: grant, params, body, deps }) {
    return {
      status: 200,
      body: await replaySince(deps, grant, { webhookId: params.webhookId, since: body.since }),
    };
  },
});
