/**
 * The request log's words: labels of the API's vocabulary, the 3×24-hour clock as a sentence, and file
 * sizes. The clock and times themselves are in `request-clock.ts` (no messages, so unit-tested alone).
 */
import type {
  SubjectRequest,
  SubjectRequestChannel,
  SubjectRequestKind,
  SubjectRequestStatus,
} from '../../lib/api-types';
import { m } from '../../paraglide/messages.js';
import { requestClock, type ClockTone } from './request-clock';

export const KINDS: readonly SubjectRequestKind[] = ['access', 'correction', 'erasure', 'restriction'];
export const CHANNELS: readonly SubjectRequestChannel[] = ['in_person', 'letter', 'email', 'phone', 'other'];
export const STATUSES: readonly SubjectRequestStatus[] = ['open', 'answered', 'refused'];

const KIND_LABELS: Record<SubjectRequestKind, () => string> = {
  access: m.data_requests_kind_access,
  correction: m.data_requests_kind_correction,
  erasure: m.data_requests_kind_erasure,
  restriction: m.data_requests_kind_restriction,
};
export const kindLabel = (kind: SubjectRequestKind) => KIND_LABELS[kind]();

const CHANNEL_LABELS: Record<SubjectRequestChannel, () => string> = {
  in_person: m.data_requests_channel_in_person,
  letter: m.data_requests_channel_letter,
  email: m.data_requests_channel_email,
  phone: m.data_requests_channel_phone,
  other: m.data_requests_channel_other,
};
export const channelLabel = (channel: SubjectRequestChannel) => CHANNEL_LABELS[channel]();

const STATUS_LABELS: Record<SubjectRequestStatus, () => string> = {
  open: m.data_requests_status_open,
  answered: m.data_requests_status_answered,
  refused: m.data_requests_status_refused,
};
export const statusLabel = (status: SubjectRequestStatus) => STATUS_LABELS[status]();

/**
 * "sisa 41 jam" while open, "terlambat 5 jam" once past the deadline, and whether an answered or
 * refused request met it (see `requestClock`).
 */
export function countdown(
  request: Pick<SubjectRequest, 'status' | 'deadline' | 'hoursLeft' | 'overdue'>,
  now: Date,
): { readonly text: string; readonly tone: ClockTone } {
  const clock = requestClock(request, now);
  switch (clock.state) {
    case 'left':
      return { text: m.data_requests_left({ hours: String(clock.hours) }), tone: clock.tone };
    case 'under-hour':
      return { text: m.data_requests_left_under_hour(), tone: clock.tone };
    case 'late':
      return { text: m.data_requests_late({ hours: String(clock.hours) }), tone: clock.tone };
    case 'answered-late':
      return { text: m.data_requests_answered_late(), tone: clock.tone };
    case 'answered-in-time':
      return { text: m.data_requests_answered_on_time(), tone: clock.tone };
  }
}

/** A file size as people read it: "12,3 kB" (id), "12.3 kB" (en). */
export function fileSize(bytes: number, format: (value: number) => string): string {
  return bytes < 1_000_000 ? `${format(bytes / 1000)} kB` : `${format(bytes / 1_000_000)} MB`;
}
