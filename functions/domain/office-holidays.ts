/**
 * An office's own holiday calendar (issue 15): the national SKB lists it has entered (a year's list once
 * it is published, e.g. 2027's) and its edits (a local holiday, a day the isbat moved, a cuti bersama the
 * region does not keep). Kept on the office, so every use case of the office has it with no extra read.
 */
import { isLocalDate } from './calendar';
import {
  buildHolidayCalendar,
  HOLIDAY_KINDS,
  type HolidayCalendar,
  type HolidayEdit,
  type HolidayList,
} from './holiday-calendar';
import type { Office } from './office';
import { fail, ok, Rule, violation, type Result, type RuleViolation } from './rules';

export interface OfficeHolidays {
  readonly lists: readonly HolidayList[];
  readonly edits: readonly HolidayEdit[];
}

export const NO_OFFICE_HOLIDAYS: OfficeHolidays = { lists: [], edits: [] };

/** Most edits and entered years an office keeps: a few dozen a year is what a Bapas needs. */
const MAX_EDITS = 300;
const MAX_LISTS = 10;

/** The office's calendar: the SKB seed, the lists it entered, then its edits in order. */
export const holidayCalendarOf = (office: Pick<Office, 'holidays'>): HolidayCalendar =>
  buildHolidayCalendar(office.holidays ?? NO_OFFICE_HOLIDAYS);

/**
 * HOLIDAY-EDITS: what an office may enter. Every date is a real date; a list's days lie in its year and
 * cite their source (the SKB's number); an added day has a name and a kind; a move goes to another date;
 * bounded in number. Edits that match no holiday are not refused: the calendar reports them as ignored.
 */
export function officeHolidays(input: OfficeHolidays): Result<OfficeHolidays> {
  const violations: RuleViolation[] = [];
  const bad = (path: string, message: string) =>
    violations.push(violation(Rule.HOLIDAY_EDITS, path, message));
  if (input.lists.length > MAX_LISTS) bad('lists', `At most ${MAX_LISTS} years.`);
  if (input.edits.length > MAX_EDITS) bad('edits', `At most ${MAX_EDITS} edits.`);
  const years = new Set<number>();
  input.lists.forEach((list, i) => {
    if (years.has(list.year)) bad(`lists.${i}.year`, 'One list per year.');
    years.add(list.year);
    if (!list.source.trim()) bad(`lists.${i}.source`, 'Name the SKB the list comes from.');
    list.days.forEach((day, j) => {
      if (!isLocalDate(day.date) || !day.date.startsWith(`${list.year}-`)) {
        bad(`lists.${i}.days.${j}.date`, `A date in ${list.year}.`);
      }
      if (day.kind === 'local') bad(`lists.${i}.days.${j}.kind`, 'A national list has no local days.');
    });
  });
  input.edits.forEach((edit, i) => {
    if (edit.op === 'add') {
      if (!isLocalDate(edit.day.date)) bad(`edits.${i}.day.date`, 'Not a date.');
      if (!edit.day.name.trim()) bad(`edits.${i}.day.name`, 'Name the day.');
      if (!(HOLIDAY_KINDS as readonly string[]).includes(edit.day.kind))
        bad(`edits.${i}.day.kind`, 'Unknown kind.');
      return;
    }
    if (!isLocalDate(edit.date)) bad(`edits.${i}.date`, 'Not a date.');
    if (edit.op === 'move' && (!isLocalDate(edit.to) || edit.to === edit.date)) {
      bad(`edits.${i}.to`, 'Move it to another date.');
    }
  });
  return violations.length > 0 ? fail(violations) : ok(input);
}
