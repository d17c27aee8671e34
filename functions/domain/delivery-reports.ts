/**
 * Delivery reports (issue 15, ADR 0014): what a provider's event about a reminder it took means for the
 * reminder log. Amazon SES reports an email delivered (the recipient's mail server took it), bounced,
 * complained about, rejected or not rendered; AWS End User Messaging SMS reports a text accepted by the
 * recipient's carrier or handset, or refused on the way. Each becomes `delivered`, `failed` with a short
 * reason, or nothing (queued, pending, sent, opened: not an outcome).
 *
 * Pure: the shapes below are the parts of the providers' events read here, nothing more. A reason names
 * the kind of failure only, never an address, a number or what a server answered (which may quote one).
 */
import { REMINDER_KINDS, type ReminderKind } from './reminders';

/** What a delivery report settles a sent reminder as. */
export type DeliveryOutcome =
  { readonly status: 'delivered' } | { readonly status: 'failed'; readonly reason: string };

/** One provider event, read: which message (its id and tags) and what became of it. */
export interface DeliveryReport {
  readonly providerMessageId: string;
  readonly officeId: string;
  readonly caseId?: string;
  readonly kind: ReminderKind;
  /** The day the reminder is about (the tag deliver.ts sets); absent on older messages. */
  readonly date?: string;
  readonly outcome: DeliveryOutcome;
  /** When the provider saw it happen, where the event says. */
  readonly at?: Date;
}

/**
 * The statuses an outcome may follow. Delivery only follows `sent`; a failure follows `sent` or
 * `delivered` (a complaint comes after delivery, an SMS may be refused after its carrier took it); a
 * failed reminder stays failed. So a late or repeated report never moves a reminder backwards.
 */
export const settlesFrom = (status: DeliveryOutcome['status']): readonly ('sent' | 'delivered')[] =>
  status === 'delivered' ? ['sent'] : ['sent', 'delivered'];

/** The message's tags as the channels set them (ids only), or undefined when they name no reminder. */
function referenceOf(tags: {
  office?: string;
  kind?: string;
  case?: string;
  date?: string;
}): Pick<DeliveryReport, 'officeId' | 'caseId' | 'kind' | 'date'> | undefined {
  const id = /^[A-Za-z0-9_-]{1,128}$/;
  const kind = REMINDER_KINDS.find((k) => k === tags.kind);
  if (!kind || !tags.office || !id.test(tags.office)) return undefined;
  return {
    officeId: tags.office,
    kind,
    ...(tags.case && id.test(tags.case) && { caseId: tags.case }),
    ...(tags.date && /^\d{4}-\d{2}-\d{2}$/.test(tags.date) && { date: tags.date }),
  };
}

/**
 * SES's own words for a bounce or a complaint, the only ones a reason repeats: anything else in those
 * fields becomes `other`, so no text a mail server made up (which may quote an address) reaches the log.
 */
const SES_WORDS = new Set([
  'Undetermined',
  'Permanent',
  'Transient',
  'General',
  'NoEmail',
  'Suppressed',
  'OnAccountSuppressionList',
  'MailboxFull',
  'MessageTooLarge',
  'ContentRejected',
  'AttachmentRejected',
  'abuse',
  'auth-failure',
  'fraud',
  'not-spam',
  'other',
  'virus',
]);
const word = (value: string | undefined): string => (!value ? '' : SES_WORDS.has(value) ? value : 'other');

const instant = (value: string | number | undefined): Date | undefined => {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** The part of an SES event (the EventBridge event's `detail`) read here. */
export interface SesEventDetail {
  readonly eventType?: string;
  readonly mail?: {
    readonly messageId?: string;
    readonly timestamp?: string;
    /** SES message tags: each name with its values (ours: `office`, `kind`, `case`, `date`). */
    readonly tags?: Readonly<Record<string, readonly string[] | undefined>>;
  };
  readonly delivery?: { readonly timestamp?: string };
  readonly bounce?: {
    readonly bounceType?: string;
    readonly bounceSubType?: string;
    readonly timestamp?: string;
  };
  readonly complaint?: { readonly complaintFeedbackType?: string; readonly timestamp?: string };
  readonly reject?: { readonly reason?: string };
}

/**
 * An SES event as a delivery report: Delivery → delivered; Bounce (SES publishes a soft bounce only once
 * it gave up retrying), Complaint, Reject and Rendering Failure → failed. Any other event, or one whose
 * tags name no reminder, is none.
 */
export function sesDeliveryReport(detail: SesEventDetail): DeliveryReport | undefined {
  const messageId = detail.mail?.messageId;
  const tag = (name: string) => detail.mail?.tags?.[name]?.[0];
  const reference = referenceOf({
    office: tag('office'),
    kind: tag('kind'),
    case: tag('case'),
    date: tag('date'),
  });
  if (!messageId || !reference) return undefined;
  const failed = (reason: string, at?: string) => ({
    outcome: { status: 'failed', reason } as const,
    at: instant(at),
  });
  const result = (() => {
    switch (detail.eventType) {
      case 'Delivery':
        return { outcome: { status: 'delivered' } as const, at: instant(detail.delivery?.timestamp) };
      case 'Bounce': {
        const { bounceType, bounceSubType, timestamp } = detail.bounce ?? {};
        const type = [word(bounceType), word(bounceSubType)].filter(Boolean).join('/');
        return failed(type ? `bounce: ${type}` : 'bounce', timestamp);
      }
      case 'Complaint': {
        const type = word(detail.complaint?.complaintFeedbackType);
        return failed(type ? `complaint: ${type}` : 'complaint', detail.complaint?.timestamp);
      }
      case 'Reject':
        return failed('rejected by SES');
      case 'Rendering Failure':
        return failed('rendering failure');
      default:
        return undefined;
    }
  })();
  if (!result) return undefined;
  return {
    providerMessageId: messageId,
    ...reference,
    outcome: result.outcome,
    ...(result.at && { at: result.at }),
  };
}

/** The part of an End User Messaging SMS event (configuration set event destination) read here. */
export interface SmsEvent {
  readonly eventType?: string;
  readonly messageId?: string;
  /** False while the carrier may still report otherwise (a transient failure is retried). */
  readonly isFinal?: boolean;
  readonly eventTimestamp?: number;
  /** The `Context` the SMS channel sent (ours: `officeId`, `kind`, `caseId`, `date`). */
  readonly context?: Readonly<Record<string, string | undefined>>;
}

/** Text events that mean the recipient's carrier (or handset) took it; which one comes varies by country. */
const SMS_DELIVERED = new Set(['TEXT_DELIVERED', 'TEXT_SUCCESSFUL']);
/** Text events that mean it will not arrive, once final. */
const SMS_FAILED = new Set([
  'TEXT_BLOCKED',
  'TEXT_CARRIER_BLOCKED',
  'TEXT_CARRIER_UNREACHABLE',
  'TEXT_INVALID',
  'TEXT_INVALID_MESSAGE',
  'TEXT_PROTECT_BLOCKED',
  'TEXT_SPAM',
  'TEXT_TTL_EXPIRED',
  'TEXT_UNKNOWN',
  'TEXT_UNREACHABLE',
]);

/**
 * An SMS event as a delivery report: TEXT_DELIVERED or TEXT_SUCCESSFUL → delivered; a refusal that is
 * final → failed (`sms: carrier unreachable`). Queued, pending, or a failure the carrier may still retry:
 * none.
 */
export function smsDeliveryReport(event: SmsEvent): DeliveryReport | undefined {
  const context = event.context ?? {};
  const reference = referenceOf({
    office: context.officeId,
    kind: context.kind,
    case: context.caseId,
    date: context.date,
  });
  const type = event.eventType ?? '';
  if (!event.messageId || !reference) return undefined;
  const at = instant(event.eventTimestamp);
  const base = { providerMessageId: event.messageId, ...reference, ...(at && { at }) };
  if (SMS_DELIVERED.has(type)) return { ...base, outcome: { status: 'delivered' } };
  if (SMS_FAILED.has(type) && event.isFinal !== false) {
    const reason = `sms: ${type.slice('TEXT_'.length).toLowerCase().replaceAll('_', ' ')}`;
    return { ...base, outcome: { status: 'failed', reason } };
  }
  return undefined;
}
