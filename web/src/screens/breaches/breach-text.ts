/**
 * The breach register's words and times: the 3×24-hour clock as a sentence, labels of the API's
 * vocabulary, and the office's local time as the API's instants. Kept apart from the components so the
 * home page's banner pulls in only `clockText`.
 */
import { m } from '../../paraglide/messages.js';
import type { BreachAudience, BreachClock, BreachNoticeChannel, BreachRecordType } from './breach-types';

/** Who is still to be told, as the clock's sentence names them. */
function who(pending: readonly BreachAudience[]): string {
  if (pending.length !== 1) return m.breach_who_both();
  return pending[0] === 'subjects' ? m.breach_who_subjects() : m.breach_who_authority();
}

/**
 * "Sisa 41 jam untuk memberi tahu subjek data dan lembaga", or how far past the deadline (whole hours,
 * rounded up: ten minutes late reads as 1), or stopped.
 */
export function clockText(clock: BreachClock): string {
  if (!clock.running) return m.breach_clock_stopped();
  if (clock.overdue)
    return m.breach_clock_overdue({ hours: String(-clock.hoursLeft), who: who(clock.pending) });
  return m.breach_clock_left({ hours: String(clock.hoursLeft), who: who(clock.pending) });
}

export const CHANNELS: readonly BreachNoticeChannel[] = [
  'letter',
  'email',
  'sms',
  'portal',
  'website',
  'other',
];
export const RECORD_TYPES: readonly BreachRecordType[] = [
  'case',
  'client',
  'guardian',
  'evidence',
  'thumbnails',
  'audit',
  'accessLogs',
  'exports',
];

const CHANNEL_LABELS: Record<BreachNoticeChannel, () => string> = {
  letter: m.breach_channel_letter,
  email: m.breach_channel_email,
  sms: m.breach_channel_sms,
  portal: m.breach_channel_portal,
  website: m.breach_channel_website,
  other: m.breach_channel_other,
};
export const channelLabel = (channel: BreachNoticeChannel) => CHANNEL_LABELS[channel]();

const TYPE_LABELS: Record<BreachRecordType, () => string> = {
  case: m.breach_type_case,
  client: m.breach_type_client,
  guardian: m.breach_type_guardian,
  evidence: m.breach_type_evidence,
  thumbnails: m.breach_type_thumbnails,
  audit: m.breach_type_audit,
  accessLogs: m.breach_type_accessLogs,
  exports: m.breach_type_exports,
};
export const recordTypeLabel = (type: BreachRecordType) => TYPE_LABELS[type]();

export const audienceLabel = (audience: BreachAudience) =>
  audience === 'subjects' ? m.breach_audience_subjects() : m.breach_audience_authority();

export const statusLabel = (status: 'open' | 'notified' | 'closed') =>
  status === 'open'
    ? m.breach_status_open()
    : status === 'notified'
      ? m.breach_status_notified()
      : m.breach_status_closed();

/** Indonesia keeps no daylight saving: each zone is one fixed offset. */
const OFFSETS: Record<string, string> = {
  'Asia/Jakarta': '+07:00',
  'Asia/Pontianak': '+07:00',
  'Asia/Makassar': '+08:00',
  'Asia/Jayapura': '+09:00',
};

/** A `datetime-local` value (`2026-07-06T09:00`) in the office's zone, as an instant the API takes. */
export const zonedInstant = (local: string, timeZone: string) =>
  `${local}:00${OFFSETS[timeZone] ?? '+08:00'}`;

/** Now in the office's zone as a `datetime-local` value, to prefill a form. */
export function localNow(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}
