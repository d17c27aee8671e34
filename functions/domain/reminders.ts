/**
 * Reminders (issue 15, ADR 0014): who gets which message, how a phone number becomes one an SMS can go
 * to, how a contact is kept in the reminder log, and the client's SMS. The staff emails are in
 * reminder-messages.ts. Pure: the use cases in actions/reminders/ read, claim and send.
 *
 * An SMS is read by whoever holds the phone, so it says as little as it can: the client's first name,
 * the site, the day and the hours (REMINDER-SMS-NO-PII). It is composed from `ClientSmsFacts`, a type
 * with room for nothing else, never from a case or a client record.
 */
import { isoWeekday, type LocalDate } from './calendar';
import { clockTime, longDate, WEEKDAY_NAMES } from './indonesian-format';

/** What a reminder is about; part of its log key, so never renamed. */
export const REMINDER_KINDS = ['day-before', 'end-of-day', 'at-risk', 'impossible', 'weekly-digest'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Who a reminder goes to: the client, the site supervisor, the case's PK, or an office admin. */
export const REMINDER_RECIPIENTS = ['client', 'supervisor', 'officer', 'admin'] as const;
export type ReminderRecipient = (typeof REMINDER_RECIPIENTS)[number];

export type ReminderChannel = 'sms' | 'email';

/** `2026-12-07` → `Senin, 7 Desember 2026`: the day a reminder is about, with its weekday. */
export const dayDate = (date: LocalDate): string =>
  `${WEEKDAY_NAMES[isoWeekday(date) - 1]}, ${longDate(date)}`;

/** `08:00`, `12:00` → `08.00-12.00` (an ASCII hyphen: an en dash would push an SMS out of GSM-7). */
export const timeRange = (startTime: string, endTime: string): string =>
  `${clockTime(startTime)}-${clockTime(endTime)}`;

/**
 * REMINDER-SMS-MOBILE: a number an SMS can reach, in E.164 (`+62…`), or undefined. Spaces, dashes, dots
 * and brackets are ignored; `0812…`, `62812…` and `+62812…` are the same number. Only Indonesian mobile
 * numbers qualify: after the country code an 8, then 8 to 11 more digits (`08xx` numbers are 10 to 13
 * digits long). A landline (`0471 …`, area codes never start with 8), a number abroad, or anything
 * with letters is not a mobile number, and the client's SMS is logged as not sent, never guessed at.
 */
export function mobileE164(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const compact = phone.trim().replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  const national = compact.startsWith('+62')
    ? compact.slice(3)
    : compact.startsWith('62')
      ? compact.slice(2)
      : compact.startsWith('0')
        ? compact.slice(1)
        : undefined;
  if (national === undefined || !/^8\d{8,11}$/.test(national)) return undefined;
  return `+62${national}`;
}

/**
 * How the reminder log keeps a contact: enough to tell which number or address it went to, too little
 * to use it. `+6281234567890` → `+62812****890`; `budi.santoso@palopo.go.id` → `b***@palopo.go.id`.
 */
export function maskContact(contact: string): string {
  const at = contact.lastIndexOf('@');
  if (at > 0) return `${contact.slice(0, 1)}***${contact.slice(at)}`;
  if (contact.length <= 9) return '****';
  return `${contact.slice(0, 6)}****${contact.slice(-3)}`;
}

/**
 * The name an SMS greets the client by: the first word of their name, or its initials when that word
 * is a title or a single letter ("M. Yusuf" → "M.Y."), letters only and at most 20 of them.
 */
export function smsGreetingName(fullName: string): string {
  const words = fullName
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}'-]/gu, ''))
    .filter((w) => w.length > 0);
  const first = words[0];
  if (!first) return 'Bapak/Ibu';
  if (first.length > 1 && !TITLES.has(first.toLowerCase())) return first.slice(0, 20);
  return words
    .slice(0, 3)
    .map((w) => `${w[0]!.toUpperCase()}.`)
    .join('');
}

/** Words a name may start with that would say nothing as a greeting. */
const TITLES = new Set(['h', 'hj', 'dr', 'ir', 'drs', 'st', 'moh', 'muh', 'mhd']);

/**
 * REMINDER-SMS-NO-PII: everything a client's SMS may say. No NIK, no offence, no decision or case
 * number has a field here, so none can reach the text; `composeClientSms` also drops any run of five
 * or more digits from the site and office names, in case one was typed there.
 */
export interface ClientSmsFacts {
  readonly greetingName: string;
  /**
   * Set when the SMS goes to a child's guardian (wali): the child's first name, so the guardian knows
   * whose schedule it is. SPPA 73(8) keeps the child's work to the hours agreed with the family.
   */
  readonly childName?: string;
  readonly siteName: string;
  readonly officeName: string;
  readonly date: LocalDate;
  readonly startTime: string;
  readonly endTime: string;
}

/** A free-text name as an SMS may carry it: no long digit runs, one line, at most `max` characters. */
const smsSafe = (text: string, max: number): string =>
  text
    .replace(/\d{5,}/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);

/**
 * The day-before SMS to the client, in Bahasa Indonesia:
 * "Yth. Andi, pengingat dari Bapas Palopo: jadwal kegiatan Anda besok Senin, 7 Desember 2026 pukul
 * 08.00-12.00 di Masjid Balandai. Mohon hadir tepat waktu."
 * "Kegiatan", not "kerja sosial": whoever else reads the phone learns nothing of a sentence.
 */
export function composeClientSms(facts: ClientSmsFacts): string {
  const from = `Yth. ${smsSafe(facts.greetingName, 20)}, pengingat dari ${smsSafe(facts.officeName, 40)}: `;
  const when = `besok ${dayDate(facts.date)} pukul ${timeRange(facts.startTime, facts.endTime)} di ${smsSafe(facts.siteName, 60)}.`;
  // To a guardian: whose schedule it is, and that the child is to be accompanied; still one SMS part.
  return facts.childName
    ? `${from}ananda ${smsSafe(facts.childName, 20)} dijadwalkan ${when} Mohon didampingi.`
    : `${from}jadwal kegiatan Anda ${when} Mohon hadir tepat waktu.`;
}
