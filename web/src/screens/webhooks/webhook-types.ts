/**
 * The webhook resources as the dashboard reads and sends them, taken from the server's zod schemas
 * (type-only imports, erased by the build) like `lib/api-types.ts`; kept beside the screens that use
 * them until they move there.
 */
import type * as z from 'zod';
import type {
  createWebhookBody,
  deliverySchema,
  issuedWebhookSchema,
  replayResultSchema,
  replaySinceBody,
  updateWebhookBody,
  webhookListSchema,
  webhookSchema,
} from '../../../../functions/api/schemas/webhooks';

export type Webhook = z.output<typeof webhookSchema>;
export type WebhookList = z.output<typeof webhookListSchema>;
export type WebhookEventType = Webhook['eventTypes'][number];
export type WebhookStatus = Webhook['status'];
/** A creation's or rotation's answer: the only time the signing secret is shown. */
export type IssuedWebhook = z.output<typeof issuedWebhookSchema>;
export type CreateWebhookBody = z.input<typeof createWebhookBody>;
export type UpdateWebhookBody = z.input<typeof updateWebhookBody>;
export type WebhookDelivery = z.output<typeof deliverySchema>;
export type DeliveryStatus = WebhookDelivery['status'];
export type ReplaySinceBody = z.input<typeof replaySinceBody>;
export type ReplayResult = z.output<typeof replayResultSchema>;
