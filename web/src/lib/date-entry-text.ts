/**
 * The words of the date, time and month inputs (DateEntry.svelte): what each kind looks like, and why
 * an entry was not taken. Apart from date-entry.ts, which stays pure and free of messages.
 */
import { m } from '../paraglide/messages.js';
import { entryText, type EntryKind, type EntryProblem } from './date-entry';
import { formatMonth, type AppLocale } from './format';

/** The shape to type, in the input's placeholder: `hh/bb/tttt` (Indonesian) or `dd/mm/yyyy`. */
export const entryPlaceholder = (kind: EntryKind): string =>
  kind === 'date'
    ? m.entry_date_placeholder()
    : kind === 'time'
      ? m.entry_time_placeholder()
      : m.entry_month_placeholder();

/** The shape with an example, read out as the input's description. */
export const entryHelp = (kind: EntryKind): string =>
  kind === 'date' ? m.entry_date_help() : kind === 'time' ? m.entry_time_help() : m.entry_month_help();

/** Why the entry was not taken, in a sentence that says what to type instead. */
export function entryProblemText(problem: EntryProblem, kind: EntryKind, locale: AppLocale): string {
  switch (problem.kind) {
    case 'format':
      return kind === 'date'
        ? m.entry_date_bad()
        : kind === 'time'
          ? m.entry_time_bad()
          : m.entry_month_bad();
    case 'year':
      return m.entry_year();
    case 'month':
      return kind === 'month' ? m.entry_month_bad() : m.entry_no_month({ month: String(problem.month) });
    case 'day':
      return m.entry_no_day({ month: formatMonth(problem.month, locale), days: String(problem.days) });
    case 'minutes':
      return m.entry_minutes();
    case 'clock':
      return m.entry_clock();
    case 'ampm':
      return problem.suggestion
        ? m.entry_ampm({ time: entryText('time', problem.suggestion, locale) })
        : m.entry_ampm_plain();
    case 'min':
      return m.entry_min({ value: entryText(kind, problem.min, locale) });
    case 'max':
      return m.entry_max({ value: entryText(kind, problem.max, locale) });
  }
}
