/**
 * What an admin reads for the webhook codes: each event type's Indonesian (or English) name, and a
 * delivery's status as a label and a badge tone. The records below are total over the server's
 * enums, so an event type added there without a name here fails the typecheck.
 */
import { WEBHOOK_EVENT_TYPES } from '../../../../functions/domain/webhook-events';
import { m } from '../../paraglide/messages.js';
import type { DeliveryStatus, WebhookEventType } from './webhook-types';

/** The catalogue in the server's order (cases, then placements, sessions, warnings, referrals, evidence). */
export const EVENT_CHOICES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;

const EVENT_LABELS: Record<WebhookEventType, () => string> = {
  'case.registered': m.webhooks_event_case_registered,
  'case.status_changed': m.webhooks_event_case_status_changed,
  'case.assessed': m.webhooks_event_case_assessed,
  'case.completed': m.webhooks_event_case_completed,
  'placement.created': m.webhooks_event_placement_created,
  'placement.ended': m.webhooks_event_placement_ended,
  'schedule.changed': m.webhooks_event_schedule_changed,
  'session.recorded': m.webhooks_event_session_recorded,
  'session.verified': m.webhooks_event_session_verified,
  'warning.issued': m.webhooks_event_warning_issued,
  'referral.created': m.webhooks_event_referral_created,
  'referral.outcome_recorded': m.webhooks_event_referral_outcome_recorded,
  'evidence.verified': m.webhooks_event_evidence_verified,
  'evidence.rejected': m.webhooks_event_evidence_rejected,
  'document.issued': m.webhooks_event_document_issued,
  'case.withdrawn': m.webhooks_event_case_withdrawn,
};

export const eventLabel = (type: WebhookEventType): string => EVENT_LABELS[type]();

const STATUS: Record<DeliveryStatus, { label: () => string; tone: 'info' | 'ok' | 'danger' | 'neutral' }> = {
  pending: { label: m.webhook_delivery_status_pending, tone: 'info' },
  delivered: { label: m.webhook_delivery_status_delivered, tone: 'ok' },
  failed: { label: m.webhook_delivery_status_failed, tone: 'danger' },
  skipped: { label: m.webhook_delivery_status_skipped, tone: 'neutral' },
};

export const deliveryStatusLabel = (status: DeliveryStatus): string => STATUS[status].label();
export const deliveryStatusTone = (status: DeliveryStatus) => STATUS[status].tone;
