/**
 * The planner's screens' arithmetic (issue 15, ADR 0014): which part of a proposal one acceptance covers,
 * the one-day PUTs that edit or remove a slot, how a PUT's answer updates the list on screen, the site
 * load's weeks and levels, and the office's holiday edits. Pure, unit-tested in
 * test/unit/web/schedule.test.ts.
 */
import { addDays, diffDays, weekStart } from '../../../functions/domain/calendar';
import { numericDate } from '../../../functions/domain/indonesian-format';
import { parseDate } from './date-entry';
import type {
  HolidayDay,
  HolidayEdit,
  HolidayList,
  OfficeHolidays,
  OfficeHolidaysBody,
  PlannedSlot,
  ScheduleBody,
  ScheduledSlot,
} from './api-types';

/** One acceptance covers at most 42 days (ADR 0014: the transaction stays under DynamoDB's 100 items). */
export const ACCEPT_DAYS = 42;

const asSlot = ({ date, siteId, startTime, endTime }: Pick<PlannedSlot, ScheduleKeys>) => ({
  date,
  siteId,
  startTime,
  endTime,
});
type ScheduleKeys = 'date' | 'siteId' | 'startTime' | 'endTime';

/** The PUT that accepts the proposal's next six weeks: `from` .. `from + 41`, with the slots inside. */
export function acceptBody(plan: { from: string; slots: readonly PlannedSlot[] }): ScheduleBody {
  const until = addDays(plan.from, ACCEPT_DAYS - 1);
  return {
    from: plan.from,
    until,
    slots: plan.slots.filter((s) => s.date >= plan.from && s.date <= until).map(asSlot),
  };
}

/** Removing one day's slot: a PUT of that day's range with no slot. */
export const removeBody = (date: string): ScheduleBody => ({ from: date, until: date, slots: [] });

/**
 * Moving a slot to another date or time. The PUT replaces every scheduled slot of its range, so the
 * range runs from the earlier to the later of the two dates and carries the other scheduled slots in it
 * unchanged. Null when the two dates are too far apart for one PUT.
 */
export function editBody(
  schedule: readonly ScheduledSlot[],
  old: ScheduledSlot,
  edited: Pick<ScheduledSlot, ScheduleKeys>,
): ScheduleBody | null {
  const from = old.date <= edited.date ? old.date : edited.date;
  const until = old.date <= edited.date ? edited.date : old.date;
  if (diffDays(until, from) >= ACCEPT_DAYS) return null;
  const others = schedule.filter(
    (s) => s.status === 'scheduled' && s.date !== old.date && s.date >= from && s.date <= until,
  );
  return {
    from,
    until,
    slots: [...others.filter((s) => s.date !== edited.date).map(asSlot), asSlot(edited)].sort((a, b) =>
      a.date.localeCompare(b.date),
    ),
  };
}

/**
 * The schedule after a PUT: its range's scheduled slots are gone and the answer's slots are in (whether
 * the answer lists the range or the whole schedule), one per date, by date. No second read.
 */
export function mergeSchedule(
  current: readonly ScheduledSlot[],
  put: Pick<ScheduleBody, 'from' | 'until'>,
  answer: readonly ScheduledSlot[],
): ScheduledSlot[] {
  const byDate = new Map<string, ScheduledSlot>();
  for (const s of current) {
    if (!(s.status === 'scheduled' && s.date >= put.from && s.date <= put.until)) byDate.set(s.date, s);
  }
  for (const s of answer) byDate.set(s.date, s);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The schedule item an error path such as `slots.3.date` is about, for saying which day failed. */
export function slotOfPath(path: string, body: ScheduleBody): ScheduleBody['slots'][number] | undefined {
  const match = /^(?:body\.)?slots\.(\d+)(?:\.|$)/.exec(path);
  return match ? body.slots[Number(match[1])] : undefined;
}

/** The Monday of the week `date` falls in. */
export const mondayOf = (date: string): string => weekStart(date);

/** How full a site is in a week: `high` from 90 % of its capacity on (the view highlights it). */
export function loadLevel(scheduled: number, capacity: number): 'low' | 'high' | 'over' {
  if (capacity <= 0) return scheduled > 0 ? 'over' : 'low';
  if (scheduled > capacity) return 'over';
  return scheduled >= capacity * 0.9 ? 'high' : 'low';
}

/** Whole percent of capacity taken (0 when there is no capacity). */
export const loadPercent = (scheduled: number, capacity: number): number =>
  capacity > 0 ? Math.round((scheduled / capacity) * 100) : 0;

/** The body that keeps the office's calendar as it is: what the GET returned, sent back. */
export const holidaysBody = (calendar: Pick<OfficeHolidays, 'lists' | 'edits'>): OfficeHolidaysBody => ({
  lists: calendar.lists.map((l) => ({ ...l, days: [...l.days] })),
  edits: [...calendar.edits],
});

/** Dates the office added itself (its `add` edits), so the editor can offer to take them back. */
export const officeAddedDates = (edits: readonly HolidayEdit[]): Set<string> =>
  new Set(edits.flatMap((e) => (e.op === 'add' ? [e.day.date] : [])));

/** The calendar with an office day added (a local holiday). */
export const withOfficeDay = (
  calendar: Pick<OfficeHolidays, 'lists' | 'edits'>,
  day: HolidayDay,
  reason?: string,
): OfficeHolidaysBody => {
  const body = holidaysBody(calendar);
  return { ...body, edits: [...body.edits, { op: 'add', day, ...(reason ? { reason } : {}) }] };
};

/** The calendar without an office day: its `add` edits are dropped, so nothing else changes. */
export const withoutOfficeDay = (
  calendar: Pick<OfficeHolidays, 'lists' | 'edits'>,
  date: string,
): OfficeHolidaysBody => {
  const body = holidaysBody(calendar);
  return { ...body, edits: body.edits.filter((e) => !(e.op === 'add' && e.day.date === date)) };
};

/** The calendar with a year's SKB list entered (replacing the office's earlier list for that year). */
export const withYearList = (
  calendar: Pick<OfficeHolidays, 'lists' | 'edits'>,
  list: HolidayList,
): OfficeHolidaysBody => {
  const body = holidaysBody(calendar);
  return {
    ...body,
    lists: [...body.lists.filter((l) => l.year !== list.year), list].sort((a, b) => a.year - b.year),
  };
};

/**
 * The days typed into the SKB form, one per line: `01/01/2027 Tahun Baru 2027 Masehi`, the date day
 * first as the other date inputs take it (lib/date-entry.ts), or as the decree writes it (`1 Januari
 * 2027 Tahun Baru…`), or ISO (`2027-01-01 …`, pasted from a file). Lines that do not start with a date
 * that exists are returned as `bad` (1-based line numbers), so the form can name them.
 */
export function parseDayLines(text: string, kind: HolidayDay['kind']): { days: HolidayDay[]; bad: number[] } {
  const days: HolidayDay[] = [];
  const bad: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const match =
      /^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})\s+(.+?)\s*$/.exec(
        line,
      );
    const entry = match ? parseDate(match[1]!) : null;
    if (match && entry && 'value' in entry) days.push({ date: entry.value, kind, name: match[2]! });
    else bad.push(i + 1);
  });
  return { days, bad };
}

/** A list's days of one kind back as the form's lines, dates day first. */
export const dayLines = (days: readonly HolidayDay[], kind: HolidayDay['kind']): string =>
  days
    .filter((d) => d.kind === kind)
    .map((d) => `${numericDate(d.date)} ${d.name}`)
    .join('\n');
