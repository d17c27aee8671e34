/**
 * Records made in the field without a signal (issue 20, item 1; ADR 0024): the supervisor's app keeps a
 * session or a photo in its outbox with the device's clock and position, and sends it when the signal
 * returns. The session's own date and hours are the worked ones and are judged by the usual rules; what
 * the offline mark adds is when and where the device says it was written down.
 *
 * OFFLINE-RECORD: the mark is recorded and flagged, never a reason to refuse. A device clock ahead of
 * the server, a sync many days late, or a session claiming work written down well before it ended are
 * for the PK to weigh ("the court decides, Abdi records and flags"); refusing would drop a record that
 * may well be true, which is what offline recording exists to prevent.
 *
 * Pure: the receipt instant and the office's zone are passed in; nothing here reads a clock.
 */
import { toInstant, type LocalDate, type LocalTime, type OfficeTimeZone } from './calendar';
import { outcomeFlags, type SessionOutcome } from './attendance';

/** What an offline record may be: an attendance (work session) or a photo (evidence). */
export const OFFLINE_RECORD_KINDS = ['session', 'evidence'] as const;
export type OfflineRecordKind = (typeof OFFLINE_RECORD_KINDS)[number];

/** A refused offline record kept for the PK: open until a PK or an admin resolves it with a note. */
export const OFFLINE_REFUSAL_STATUSES = ['open', 'resolved'] as const;
export type OfflineRefusalStatus = (typeof OFFLINE_REFUSAL_STATUSES)[number];

/**
 * OFFLINE-RECORD flags:
 * - `device_clock_ahead`: the device's time is after the server's receipt by more than the skew allowed;
 *   its `recordedAt` (and likely its photos' capture times) cannot be taken at face value.
 * - `sent_late`: received more than `OFFLINE_LATE_DAYS` after it was recorded.
 * - `recorded_before_end`: a session claiming work (attended, partial) written down more than
 *   `OFFLINE_EARLY_MINUTES` before its own end.
 */
export const OFFLINE_FLAGS = ['device_clock_ahead', 'sent_late', 'recorded_before_end'] as const;
export type OfflineFlag = (typeof OFFLINE_FLAGS)[number];

/** Phones set their clocks from the network; a few minutes either way is ordinary drift, not a sign. */
export const OFFLINE_CLOCK_SKEW_MINUTES = 5;
/** A week without signal happens (an island site, a broken phone); longer is worth the PK's look. */
export const OFFLINE_LATE_DAYS = 7;
/** As EV-TIME allows a photo 30 minutes either side of its session, so the end of a session here. */
export const OFFLINE_EARLY_MINUTES = 30;

/** Where the device was, as its GPS reported it. */
export interface DeviceFix {
  readonly lat: number;
  readonly lng: number;
  readonly accuracyMeters?: number;
}

/** The offline mark on a stored record: the device's instant (UTC), its position and the flags raised. */
export interface OfflineMark {
  readonly recordedAt: string;
  readonly location?: DeviceFix;
  /** Absent when nothing was raised. */
  readonly flags?: readonly OfflineFlag[];
}

/**
 * OFFLINE-RECORD: the mark a record made offline carries, from what the device declared (`recordedAt`,
 * an ISO-8601 instant with offset, already validated) and the instant the server received it. With the
 * session (office-local date and end time, and its outcome) a session recorded before its end is flagged.
 */
export const offlineMark = (
  declared: { readonly recordedAt: string; readonly location?: DeviceFix },
  context: {
    readonly receivedAt: Date;
    readonly zone: OfficeTimeZone;
    readonly session?: {
      readonly date: LocalDate;
      readonly endTime: LocalTime;
      readonly outcome: SessionOutcome;
    };
  },
): OfflineMark => {
  const recorded = Date.parse(declared.recordedAt);
  if (!Number.isFinite(recorded)) throw new RangeError(`Not an instant: ${declared.recordedAt}`);
  const received = context.receivedAt.getTime();
  const flags: OfflineFlag[] = [];
  if (recorded - received > OFFLINE_CLOCK_SKEW_MINUTES * 60_000) flags.push('device_clock_ahead');
  if (received - recorded > OFFLINE_LATE_DAYS * 86_400_000) flags.push('sent_late');
  const session = context.session;
  if (session && outcomeFlags(session.outcome).attended) {
    const end = Date.parse(toInstant(session.date, session.endTime, context.zone));
    if (end - recorded > OFFLINE_EARLY_MINUTES * 60_000) flags.push('recorded_before_end');
  }
  return {
    recordedAt: new Date(recorded).toISOString(),
    ...(declared.location ? { location: declared.location } : {}),
    ...(flags.length > 0 ? { flags } : {}),
  };
};
