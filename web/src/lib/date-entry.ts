/**
 * Dates, times and months as people type them into the dashboard's text inputs (DateEntry.svelte),
 * read into the ISO values the screens and the API use (`YYYY-MM-DD`, `HH:mm`, `YYYY-MM`), and the
 * other way round. Pure, no DOM; unit-tested in test/unit/web/date-entry.test.ts.
 *
 * Day first, always, in both languages: Indonesian forms write 05/12/2026, and reading 05/12/2026 as
 * 12 May because a browser is set to English is the very mistake these inputs exist to prevent. A
 * date that cannot be read day-first is refused with the reason, never guessed or moved to another day.
 */
import { monthByName, readDateText } from '../../../functions/domain/date-text';
import { clockTime, numericDate } from '../../../functions/domain/indonesian-format';
import type { AppLocale } from './format';

export type EntryKind = 'date' | 'time' | 'month';

/** Why a typed entry was not taken; the input words it (DateEntry.svelte, `entryProblemText`). */
export type EntryProblem =
  /** Not a shape this kind reads. */
  | { readonly kind: 'format' }
  /** A year of one to three digits: 26 could be 1926 or 2026 (a birth date), so it is never guessed. */
  | { readonly kind: 'year' }
  /** Month 13 or more: most likely month-first (12/25/2026), so the input says dates are day-first. */
  | { readonly kind: 'month'; readonly month: number }
  /** A day its month does not have: 31/02/2026. `month` is `YYYY-MM`, `days` how many it has. */
  | { readonly kind: 'day'; readonly day: number; readonly month: string; readonly days: number }
  /** One-digit minutes, `9.5`: 09.05, 09.50 or half past nine? Asked, not guessed. */
  | { readonly kind: 'minutes' }
  /** An hour past 23 or minutes past 59. */
  | { readonly kind: 'clock' }
  /** AM/PM: the 24-hour time it most likely meant, as a suggestion (`14:30`), when it can tell. */
  | { readonly kind: 'ampm'; readonly suggestion: string | null }
  /** Before the earliest (or after the latest) value the field takes, as an ISO value. */
  | { readonly kind: 'min'; readonly min: string }
  | { readonly kind: 'max'; readonly max: string };

/** What was read: the ISO value (`''` for an empty entry), or why nothing was. */
export type Entry = { readonly value: string } | { readonly problem: EntryProblem };

const problem = (p: EntryProblem): Entry => ({ problem: p });

/**
 * A typed date, day first: `5/12/2026`, `05-12-2026`, `05.12.2026`, `05 12 2026`, `05122026` (a phone's
 * number pad has no slash), `5 Desember 2026` or `5 Dec 2026`; or year first as ISO writes it
 * (`2026-12-05`, pasted from a file). Never month first. The domain's parser reads it (date-text.ts,
 * shared with the spreadsheet import); a form never gets its file-only `ambiguous`.
 */
export function parseDate(text: string): Entry {
  const read = readDateText(text, 'typed');
  if (!('problem' in read)) return read;
  return problem(read.problem.kind === 'ambiguous' ? { kind: 'format' } : read.problem);
}

/**
 * A typed 24-hour time: `14.30` (as Indonesians write it), `14:30`, `1430` or `930` (a number pad), or a
 * whole hour (`9`, `14`). One-digit minutes (`9.5`) are refused rather than read as 09.05 or 09.50, and
 * AM/PM is refused with the 24-hour time it meant: the office reads and writes only the 24-hour clock.
 */
export function parseTime(text: string): Entry {
  const t = text.trim().toLowerCase();
  if (t === '') return { value: '' };
  const ampm = /^(\d{1,2})(?:[.:,](\d{2}))?\s*([ap])\.?\s*m\.?$/.exec(t);
  if (ampm) {
    const hour = Number(ampm[1]);
    const minute = ampm[2] ?? '00';
    const valid = hour >= 1 && hour <= 12 && Number(minute) <= 59;
    const h24 = (hour % 12) + (ampm[3] === 'p' ? 12 : 0);
    return problem({
      kind: 'ampm',
      suggestion: valid ? `${String(h24).padStart(2, '0')}:${minute}` : null,
    });
  }
  const match = /^(\d{1,2})(?:[.:,](\d{1,2}))?$/.exec(t) ?? /^(\d{1,2})(\d{2})$/.exec(t);
  if (!match) return problem({ kind: 'format' });
  const minutes = match[2] ?? '00';
  if (minutes.length !== 2) return problem({ kind: 'minutes' });
  const hour = Number(match[1]);
  if (hour > 23 || Number(minutes) > 59) return problem({ kind: 'clock' });
  return { value: `${String(hour).padStart(2, '0')}:${minutes}` };
}

/** A typed month: `05/2026`, `5-2026`, `05.2026`, `052026`, `Mei 2026`, or ISO's `2026-05`. */
export function parseMonth(text: string): Entry {
  const t = text.trim();
  if (t === '') return { value: '' };
  const iso = /^(\d{4})[-/.](\d{1,2})$/.exec(t);
  const dayFirst = /^(\d{1,2})\s*[-/.\s]\s*(\d+)$/.exec(t) ?? /^(\d{2})(\d{4})$/.exec(t);
  const named = /^([A-Za-z]+\.?)[\s.-]+(\d+)$/.exec(t);
  const [month, year] = iso
    ? [Number(iso[2]), iso[1]!]
    : dayFirst
      ? [Number(dayFirst[1]), dayFirst[2]!]
      : named && monthByName(named[1]!)
        ? [monthByName(named[1]!)!, named[2]!]
        : [null, null];
  if (month === null || year === null) return problem({ kind: 'format' });
  if (year.length !== 4) return problem({ kind: 'year' });
  if (month < 1 || month > 12) return problem({ kind: 'month', month });
  return { value: `${year}-${String(month).padStart(2, '0')}` };
}

export const parseEntry = (kind: EntryKind, text: string): Entry =>
  kind === 'date' ? parseDate(text) : kind === 'time' ? parseTime(text) : parseMonth(text);

/**
 * The field's `min`/`max` (ISO values of the same kind, so they compare as strings), checked against a
 * value that was read; null when it is within them or either is not given.
 */
export function outOfRange(value: string, min?: string | null, max?: string | null): EntryProblem | null {
  if (value === '') return null;
  if (min && value < min) return { kind: 'min', min };
  if (max && value > max) return { kind: 'max', max };
  return null;
}

const ISO = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}$/,
  month: /^\d{4}-\d{2}$/,
} as const;

/**
 * An ISO value as the input shows it: `05/12/2026`, `05/2026`, and `14.30` in Indonesian or `14:30` in
 * English. A value that is not of its kind is shown as it is, so nothing is hidden from the user.
 */
export function entryText(kind: EntryKind, value: string | null | undefined, locale: AppLocale): string {
  const v = value ?? '';
  if (!ISO[kind].test(v)) return v;
  if (kind === 'date') return numericDate(v);
  if (kind === 'month') return `${v.slice(5, 7)}/${v.slice(0, 4)}`;
  return locale === 'id' ? clockTime(v) : v;
}

/** A `datetime-local` value (`2026-12-05T14:30`) in its date and time parts (`''` for a missing one). */
export function splitDateTime(value: string | null | undefined): { date: string; time: string } {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value ?? '');
  return match ? { date: match[1]!, time: match[2]! } : { date: '', time: '' };
}

/** The parts joined as a `datetime-local` value, or `''` unless both are there. */
export const joinDateTime = (date: string, time: string): string => (date && time ? `${date}T${time}` : '');
