import {
  holidayCalendarOf,
  isAfterPublishedYear,
  NO_OFFICE_HOLIDAYS,
  officeHolidays,
  type Office,
  type OfficeHolidays,
} from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

/** The office's non-working days of one year as the planner counts them, and what they come from. */
export function officeHolidaysOfYear(office: Office, year: number) {
  const calendar = holidayCalendarOf(office);
  const stored = office.holidays ?? NO_OFFICE_HOLIDAYS;
  return {
    year,
    days: calendar.days.filter((day) => day.date.startsWith(`${year}-`)),
    lastPublishedYear: calendar.lastPublishedYear,
    // A year with no SKB list yet: plans into it are provisional until the list is entered.
    provisional: isAfterPublishedYear(`${year}-01-01`, calendar.lastPublishedYear),
    lists: stored.lists.map(({ year: listYear, source, days }) => ({ year: listYear, source, days })),
    edits: stored.edits,
    ignoredEdits: calendar.ignoredEdits,
  };
}

/**
 * An office admin replaces the office's holiday calendar: the SKB lists it entered (next year's once
 * published) and its edits (a local holiday, an isbat move, a cuti bersama it does not keep). Plans
 * made from now on count them; the change is audited. Refuses: invalid (HOLIDAY-EDITS), not-found.
 */
export async function setOfficeHolidays(
  ports: Pick<Ports, 'officePolicies' | 'now'>,
  grant: OfficeGrant,
  input: OfficeHolidays,
): Promise<Office> {
  const checked = officeHolidays(input);
  if (!checked.ok) throw refuse.invalid(checked.violations);
  const office = grant.office;
  const actor = actorOf(grant, ports.now());
  const edits = checked.value.edits.map((edit) => ({
    ...edit,
    by: edit.by ?? actor.actor,
    at: edit.at ?? actor.at.toISOString(),
  }));
  const after: OfficeHolidays = { lists: checked.value.lists, edits };
  const stored = await ports.officePolicies.replaceHolidays(
    office.id,
    office.holidays ?? NO_OFFICE_HOLIDAYS,
    after,
    actor,
  );
  if (!stored) throw refuse.notFound('No such office.');
  return { ...office, holidays: after };
}
