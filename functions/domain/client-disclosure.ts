/**
 * How much of a client's identity a reader sees (rule CL-NIK-MASK).
 *
 * A NIK is not a secret number but a readable record: province, regency and district codes, then the
 * birth date as DDMMYY with 40 added to the day for a woman, then a serial (see nik.ts). So hiding some
 * digits protects nothing when the birth date and sex are shown beside them. The rule therefore covers
 * everything that encodes the NIK's middle digits:
 *
 * - outside an audited reveal the NIK shows only its serial, the last 4 digits; the province and
 *   regency digits are hidden too, because with the birth date and sex they leave only the district
 *   (two digits, and named in the address) to guess: a reveal without its audit entry;
 * - a reader who may reveal (admins and PKs) also sees the birth date: they check it against the KTP
 *   and the law counts ages from it;
 * - a reader who may not reveal sees the birth year only. Not the age nor whether the client is a
 *   child today: both change on the birthday, so reading them day after day gives the date away.
 */
import { isChild } from './client';
import type { LocalDate } from './calendar';

/** What the reader may see: the NIK revealed (and audited), or masked for someone who may or may not reveal it. */
export type NikDisclosure = 'revealed' | 'may-reveal' | 'may-not-reveal';

/** A client's identity as one reader sees it. */
export interface DisclosedIdentity {
  /** In full only when revealed; otherwise `••••••••••••0003`. */
  readonly nik: string;
  readonly nikMasked: boolean;
  readonly birthYear: number;
  /** Only for readers who may reveal the NIK. */
  readonly birthDate?: LocalDate;
  /** Only for readers who may reveal the NIK (it flips on the 18th birthday). */
  readonly isChild?: boolean;
}

const MASK = '•';
const SERIAL_DIGITS = 4;

/**
 * A NIK with everything but its serial (the last 4 digits) hidden. Anything that is not 16 characters
 * long is masked entirely, so a malformed value never leaks.
 * @example maskNikToSerial('7371014501050003') === '••••••••••••0003'
 */
export const maskNikToSerial = (nik: string): string =>
  nik.length === 16
    ? `${MASK.repeat(16 - SERIAL_DIGITS)}${nik.slice(-SERIAL_DIGITS)}`
    : MASK.repeat(nik.length);

/**
 * The part of a client's identity a reader sees (CL-NIK-MASK), as of the office's local date `today`.
 * @example discloseIdentity({ nik, birthDate: '2005-01-05' }, '2026-03-10', 'may-not-reveal')
 *   // { nik: '••••••••••••0003', nikMasked: true, birthYear: 2005 }
 */
export const discloseIdentity = (
  client: { readonly nik: string; readonly birthDate: LocalDate },
  today: LocalDate,
  disclosure: NikDisclosure,
): DisclosedIdentity => {
  const birthYear = Number(client.birthDate.slice(0, 4));
  if (disclosure === 'may-not-reveal') {
    return { nik: maskNikToSerial(client.nik), nikMasked: true, birthYear };
  }
  const revealed = disclosure === 'revealed';
  return {
    nik: revealed ? client.nik : maskNikToSerial(client.nik),
    nikMasked: !revealed,
    birthYear,
    birthDate: client.birthDate,
    isChild: isChild(client.birthDate, today),
  };
};
