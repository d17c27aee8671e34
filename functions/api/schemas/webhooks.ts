import * as z from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../domain';
import { officeId } from './common';

const ulid = /^[0-9A-Z]{26}$/;
export const webhookParams = z.object({ officeId, webhookId: z.string().regex(ulid, 'Not a webhook id.') });
export const deliveryParams = webhookParams.extend({
  deliveryId: z.string().regex(/^[0-9A-Z]{26}-\d{40}-\d+$/, 'Not a delivery id.'),
});

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length)
  .describe('The events to send; see the catalogue in the README');

export const createWebhookBody = z
  .object({
    url: z.string().max(2000).describe('Where to POST each event: https, a public host (WH-URL)'),
    eventTypes,
    description: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Whose receiver this is, e.g. "SIPP Kejari Palopo"'),
  })
  .strict();

export const updateWebhookBody = z
  .object({
    url: z.string().max(2000).optional(),
    eventTypes: eventTypes.optional(),
    description: z.string().trim().max(200).optional(),
    status: z
      .enum(['active', 'paused'])
      .optional()
      .describe('Paused: events queue and wait; nothing is lost'),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Name at least one field to change.' });

export const replaySinceBody = z
  .object({
    since: z
      .string()
      .min(20)
      .max(80)
      .describe(
        'An ISO-8601 instant (or the `next` of the previous answer): deliveries of events from then on',
      ),
  })
  .strict();

export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().optional(),
    eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    status: z.enum(['active', 'paused']),
    previousSecretUntil: z
      .string()
      .optional()
      .describe('After a rotation, the previous secret also signs until then'),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Webhook' });

/** An office has a handful of subscriptions: one answer, no cursor. */
export const webhookListSchema = z.object({ items: z.array(webhookSchema) }).meta({ id: 'WebhookList' });

/** A creation's or rotation's answer: the only time the signing secret is shown. */
export const issuedWebhookSchema = z
  .object({
    webhook: webhookSchema,
    secret: z.string().describe('Standard Webhooks secret (`whsec_…`): verify `webhook-signature` with it'),
  })
  .meta({ id: 'IssuedWebhook' });

export const deliverySchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    caseId: z.string(),
    eventId: z.string().describe('The `webhook-id` header: the same on every attempt and replay'),
    eventType: z.enum(WEBHOOK_EVENT_TYPES),
    status: z.enum(['pending', 'delivered', 'failed', 'skipped']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().optional(),
    lastAttemptAt: z.string().optional(),
    lastResponseStatus: z.number().int().optional(),
    lastLatencyMs: z.number().int().optional(),
    lastError: z.string().optional().describe("The start of the receiver's answer or the network error"),
    deliveredAt: z.string().optional(),
    createdAt: z.string(),
    payload: z.string().describe('The exact body that was signed and sent'),
  })
  .meta({ id: 'WebhookDelivery' });

export const replayResultSchema = z
  .object({
    replayed: z.number().int(),
    next: z.string().optional().describe('More remain: send this as `since` to continue'),
  })
  .meta({ id: 'WebhookReplay' });
