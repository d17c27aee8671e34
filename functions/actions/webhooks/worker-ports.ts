import type { WebhookDeliveryStore } from '../../store/webhook-deliveries';
import type { WebhookSubscriptionStore } from '../../store/webhook-subscriptions';

/** One signed POST of one event to one receiver. */
export interface WebhookMessage {
  readonly url: string;
  /** `webhook-id`: the event's id, the same on every attempt. */
  readonly id: string;
  readonly timestamp: Date;
  readonly body: string;
  /** The subscription's secret, and during a rotation the previous one too: each signs. */
  readonly secrets: readonly string[];
}

export interface SendResult {
  readonly ok: boolean;
  readonly responseStatus?: number;
  readonly latencyMs: number;
  readonly error?: string;
}

/** Sends one message (platform/webhook-sender.ts over HTTP; tests may record instead). */
export type WebhookSender = (message: WebhookMessage) => Promise<SendResult>;

/** What the webhook workers (the stream's dispatcher, the retry sweep) need. */
export interface WebhookWorkerPorts {
  readonly subscriptions: Pick<WebhookSubscriptionStore, 'list' | 'get'>;
  readonly deliveries: WebhookDeliveryStore;
  readonly send: WebhookSender;
  /** The schedule's clock: when deliveries are due, the log's times. Tests move it. */
  readonly now: () => Date;
  /**
   * The signature's clock (`webhook-timestamp`), always the real time: receivers refuse a timestamp
   * more than a few minutes off, which is what stops an old delivery being replayed at them.
   */
  readonly wallClock: () => Date;
}
