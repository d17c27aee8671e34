/**
 * The field app's outbox (issue 20): what a supervisor records is written here first, on the device,
 * and sent when there is a signal. Pure: the item model, the order items are sent in, what a screen
 * counts, and the storage bound. Unit-tested in test/unit/web/field-outbox.test.ts.
 *
 * Every item carries the key its first request is sent with (`Idempotency-Key`, ADR 0011), so a send
 * that is retried, or interrupted after the API committed, replays the first answer instead of
 * crediting twice.
 */
import type { GeoFix } from '../../lib/evidence-location';
import type { CreateSessionBody, SessionOutcome } from '../../lib/api-types';

export type OutboxStatus = 'waiting' | 'sent' | 'refused';

/** Why the API refused an item for good; kept on the device and sent to the office for the PK. */
export interface Refusal {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly fields?: readonly string[];
  /** The rules the answer named (`errors[].rule`), which the screens put in words. */
  readonly rules?: readonly string[];
}

interface ItemBase {
  /** A UUID; the `Idempotency-Key` of the item's first request. */
  readonly id: string;
  /** The supervisor who recorded it: a shared phone never sends one person's records as another's. */
  readonly owner: string;
  readonly officeId: string;
  readonly caseId: string;
  readonly siteId: string;
  /** The client's name as shown when it was recorded, for the outbox list. */
  readonly clientName: string;
  /** The device's clock when the supervisor tapped (ISO-8601 instant). */
  readonly recordedAt: string;
  readonly location?: GeoFix;
  /**
   * Recorded with no connection (true at once), or it waited in the outbox (decided before its first
   * request, then kept so that retries send the same body): the API is told with an offline mark on
   * the session or photo, so the PK knows its record time came from the device.
   */
  readonly offline?: boolean;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly sentAt?: string;
  readonly refusal?: Refusal;
  /** The refusal reached the office (`POST …/offline-refusals`); until then it is sent again. */
  readonly refusalReported?: boolean;
}

export interface SessionItem extends ItemBase {
  readonly kind: 'session';
  readonly body: CreateSessionBody & { readonly outcome: SessionOutcome };
  /** The session the API created (or replayed). */
  readonly sessionId?: string;
}

export interface PhotoItem extends ItemBase {
  readonly kind: 'photo';
  readonly photo: Blob;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  /** Lower-case hex, computed when the photo was taken. */
  readonly sha256: string;
  /** The session the photo documents: known, or still an item of this outbox. */
  readonly sessionId?: string;
  readonly sessionItemId?: string;
  /** The upload under way: its record, URL and the key it was asked for with. */
  readonly ticket?: {
    readonly key: string;
    readonly evidenceId: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly expiresAt: string;
  };
  readonly evidenceId?: string;
}

export type OutboxItem = SessionItem | PhotoItem;

/** At most this much photo data waits on a device; past it the app asks to send first. */
export const PHOTO_BYTES_LIMIT = 150 * 1024 * 1024;

/** Oldest first: the order they were recorded in, so a photo never goes before its session. */
export function sendingOrder(items: readonly OutboxItem[]): OutboxItem[] {
  return items
    .filter((item) => item.status === 'waiting')
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
}

export interface OutboxCounts {
  readonly waiting: number;
  readonly sent: number;
  readonly refused: number;
  /** Bytes of photos still on the device (waiting ones; sent photos are dropped from storage). */
  readonly photoBytes: number;
}

export function countItems(items: readonly OutboxItem[]): OutboxCounts {
  let waiting = 0;
  let sent = 0;
  let refused = 0;
  let photoBytes = 0;
  for (const item of items) {
    if (item.status === 'waiting') waiting++;
    else if (item.status === 'sent') sent++;
    else refused++;
    if (item.kind === 'photo' && item.status === 'waiting') photoBytes += item.sizeBytes;
  }
  return { waiting, sent, refused, photoBytes };
}

/** Whether one more photo of `sizeBytes` fits under the bound. */
export function photoFits(items: readonly OutboxItem[], sizeBytes: number): boolean {
  return countItems(items).photoBytes + sizeBytes <= PHOTO_BYTES_LIMIT;
}

/**
 * Items to keep on the device: everything waiting or refused, and what was sent today, so the
 * supervisor sees the day's record. Older sent items go, with their photos.
 */
export function keptAfterCleanUp(
  items: readonly OutboxItem[],
  today: string,
  timeZone: string,
): OutboxItem[] {
  const localDay = new Intl.DateTimeFormat('en-CA', { timeZone });
  return items.filter(
    (item) => item.status !== 'sent' || !item.sentAt || localDay.format(new Date(item.sentAt)) >= today,
  );
}

/** What is recorded for `caseId` at `siteId` on `date`, newest first, for the client's card. */
export function itemsForCard(
  items: readonly OutboxItem[],
  caseId: string,
  siteId: string,
  date: string,
): SessionItem[] {
  return items
    .filter(
      (item): item is SessionItem =>
        item.kind === 'session' &&
        item.caseId === caseId &&
        item.siteId === siteId &&
        item.body.date === date,
    )
    .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
}

/** Photos that wait for, or were taken for, a session item or a session. */
export function photosOf(items: readonly OutboxItem[], session: { itemId?: string; sessionId?: string }) {
  return items.filter(
    (item): item is PhotoItem =>
      item.kind === 'photo' &&
      ((!!session.itemId && item.sessionItemId === session.itemId) ||
        (!!session.sessionId && item.sessionId === session.sessionId)),
  );
}
