/**
 * Dates written as text, read day first: the one pure parser for a typed date, whether a person types it
 * into a form or an office's spreadsheet holds it (issue 22's import). Pure, no DOM, no I/O.
 *
 * Day first, always, in Bahasa Indonesia and in English: Indonesian forms write 05/12/2026, and reading it
 * as 12 May is the mistake this exists to prevent. Month 13 or more says the writer was month-first
 * (12/25/2026), and the answer says dates are day-first; a two-digit year (03/04/26) could be 1926 or 2026
 * and is never guessed. Nothing is moved to another day: 31/02/2026 is refused with how many days February
 * has.
 *
 * Two modes, because a file is read without the person who wrote it:
 * - `typed` (a form): also `05 12 2026`, `05122026` (a phone's number pad has no slash) and year first
 *   with any separator (`2026/12/05`), as web/src/lib/date-entry.ts reads them; the person sees the
 *   result under the field at once.
 * - `file` (an import): year first only as ISO 8601 writes it (`2026-12-05`). `2026/03/04` is left to
 *   `ambiguous` (Japanese and Chinese files write it year-month-day, a few others year-day-month), and so
 *   are bare digits (`05122026` is 5 December or, month first, 12 May).
 */
import { daysInMonth, formatYmd, type LocalDate } from './calendar';
import { MONTHS } from './indonesian-format';

/** Why a text is not read as a date. */
export type DateTextProblem =
  /** Not a shape a date is written in. */
  | { readonly kind: 'format' }
  /** A year of one to three digits: 26 could be 1926 or 2026, so it is never guessed. */
  | { readonly kind: 'year' }
  /** Month 13 or more: most likely month first (12/25/2026); dates are day-first. */
  | { readonly kind: 'month'; readonly month: number }
  /** A day its month does not have: 31/02/2026. `month` is `YYYY-MM`, `days` how many it has. */
  | { readonly kind: 'day'; readonly day: number; readonly month: string; readonly days: number }
  /** A shape that reads two ways in a file (`2026/03/04`, `04032026`): refused, not guessed. */
  | { readonly kind: 'ambiguous' };

/** The date read (`YYYY-MM-DD`), or why none was. An empty text reads as `''`. */
export type DateText = { readonly value: LocalDate } | { readonly problem: DateTextProblem };

export type DateTextMode = 'typed' | 'file';

/** English month names, for a date pasted from an English document ("5 December 2026"). */
const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;
const MONTHS_ID = MONTHS.map((name) => name.toLowerCase());

/**
 * A month named in either language, whole or cut to at least three letters (`Des`, `Agu`, `Sept`,
 * `Okt.`): 1–12, or null. No two months share their first three letters in either language, so a prefix
 * names one month.
 */
export function monthByName(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const index = MONTHS_ID.findIndex((name, i) => name.startsWith(w) || MONTHS_EN[i]!.startsWith(w));
  return index < 0 ? null : index + 1;
}

const problem = (p: DateTextProblem): DateText => ({ problem: p });

/** Day, month and year as read, checked: the month first (it explains a month-first entry), then the day. */
function checkedDate(day: number, month: number, year: string): DateText {
  if (year.length !== 4) return problem({ kind: 'year' });
  if (month < 1 || month > 12) return problem({ kind: 'month', month });
  const y = Number(year);
  const days = daysInMonth(y, month);
  if (day < 1 || day > days) {
    return problem({ kind: 'day', day, month: `${year}-${String(month).padStart(2, '0')}`, days });
  }
  return { value: formatYmd(y, month, day) };
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const YEAR_FIRST = /^(\d{4})[-/.\s](\d{1,2})[-/.\s](\d{1,2})$/;
const DAY_FIRST_TYPED = /^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d+)$/;
/** In a file the separators are `/`, `-` or `.`, the same one twice: `5/12-2026` is not a date. */
const DAY_FIRST_FILE = /^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d+)$/;
const COMPACT = /^(\d{2})(\d{2})(\d{4})$/;
const NAMED = /^(\d{1,2})[\s.-]+([A-Za-z]+\.?)[\s.-]+(\d+)$/;

/**
 * Reads a date written day first: `5/12/2026`, `05-12-2026`, `05.12.2026`, `5 Desember 2026`,
 * `5 Des 2026`, `5 Dec 2026`, or year first as ISO writes it (`2026-12-05`). Never month first.
 * @example readDateText('12 Januari 2026') // { value: '2026-01-12' }
 * @example readDateText('12/25/2026') // { problem: { kind: 'month', month: 25 } }
 */
export function readDateText(text: string, mode: DateTextMode = 'typed'): DateText {
  const t = text.trim();
  if (t === '') return { value: '' };
  const file = mode === 'file';
  let match = (file ? ISO : YEAR_FIRST).exec(t);
  if (match) return checkedDate(Number(match[3]), Number(match[2]), match[1]!);
  if (file && YEAR_FIRST.test(t)) return problem({ kind: 'ambiguous' });
  if (file) {
    match = DAY_FIRST_FILE.exec(t);
    if (match) return checkedDate(Number(match[1]), Number(match[3]), match[4]!);
  } else {
    match = DAY_FIRST_TYPED.exec(t);
    if (match) return checkedDate(Number(match[1]), Number(match[2]), match[3]!);
  }
  match = COMPACT.exec(t);
  if (match) {
    return file ? problem({ kind: 'ambiguous' }) : checkedDate(Number(match[1]), Number(match[2]), match[3]!);
  }
  match = NAMED.exec(t);
  const named = match ? monthByName(match[2]!) : null;
  if (match && named) return checkedDate(Number(match[1]), named, match[3]!);
  return problem({ kind: 'format' });
}

/**
 * The day and month of a day-first date in figures (`dd/mm/yyyy` and its `-` `.` forms), as written,
 * before any check; null for any other shape. A column's evidence of month-first writing comes from here:
 * a second number over 12 beside a first of 12 or less (`12/25/2026`).
 */
export function dayMonthFigures(text: string): { readonly first: number; readonly second: number } | null {
  const match = DAY_FIRST_FILE.exec(text.trim());
  return match ? { first: Number(match[1]), second: Number(match[3]) } : null;
}
