import type { OfficeDocumentSettings } from './documents/document-settings';
import type { OfficeHolidays } from './office-holidays';
import { isOfficeTimeZone, toLocalDateTime, type LocalDate } from './calendar';
import { DEFAULT_OFFICE_POLICY, type OfficePolicy } from './office-policy';

/** A Bapas office: the tenant every record belongs to, and the clock its days are counted by. */
export interface Office {
  readonly id: string;
  readonly name: string;
  /** Bapas class, `I` or `II`. */
  readonly class: 'I' | 'II';
  /** IANA zone used for every "day" of this office: Asia/Jakarta, Asia/Makassar or Asia/Jayapura. */
  readonly timeZone: string;
  readonly regionId: string;
  readonly address: string;
  /** The office's settings for what the law leaves open; absent on an office that never set them. */
  readonly policy?: OfficePolicy;
  /** The SKB lists it entered and its own edits (office-holidays.ts); absent until it sets any. */
  readonly holidays?: OfficeHolidays;
  /** The letterhead, head and register documents are issued with; absent until an admin sets them. */
  readonly documentSettings?: OfficeDocumentSettings;
}

/** The office's policy, or the defaults (ADR 0007) where it set none. */
export const policyOf = (office: Pick<Office, 'policy'>): OfficePolicy =>
  office.policy ?? DEFAULT_OFFICE_POLICY;

/** The office's local date and time at an instant: the day and hour the law and the office count by. */
export function officeLocalNow(office: Pick<Office, 'id' | 'timeZone'>, now: Date) {
  if (!isOfficeTimeZone(office.timeZone)) {
    throw new Error(`office ${office.id} has an unsupported time zone`);
  }
  const local = toLocalDateTime(now, office.timeZone);
  return { today: local.date, nowTime: local.time, month: local.date.slice(0, 7) };
}

/** Today in the office's own time zone. */
export const officeToday = (office: Pick<Office, 'id' | 'timeZone'>, now: Date): LocalDate =>
  officeLocalNow(office, now).today;
