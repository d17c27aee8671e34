/**
 * The site supervisor's day: which clients are expected at their sites today, from the cases placed
 * there and those cases' placements (a placement expects the client on its weekdays between `from`
 * and `until`), and whether today's attendance is already recorded. Pure, unit-tested in
 * test/unit/web/supervisor-day.test.ts.
 */
import {
  isoWeekday,
  parseTime,
  toLocalDateTime,
  type OfficeTimeZone,
} from '../../../functions/domain/calendar';
import type { Case, Placement, WorkSession } from './api-types';

export interface CaseAtSite {
  readonly case: Case;
  readonly placements: readonly Placement[];
  /** The case's latest sessions (the API lists newest first); today's, if any, are among them. */
  readonly sessions: readonly WorkSession[];
}

export interface ExpectedClient {
  readonly case: Case;
  readonly placement: Placement;
  /** Attendance already recorded today at this placement's site, newest first. */
  readonly recorded: readonly WorkSession[];
}

/** Whether a placement expects its client on `date` (office-local `YYYY-MM-DD`). */
export function expectsOn(placement: Placement, date: string): boolean {
  return (
    placement.status === 'active' &&
    placement.from <= date &&
    date <= placement.until &&
    placement.weekdays.includes(isoWeekday(date))
  );
}

/** Clients expected today at any of `siteIds`, by start time, then by name. One entry per placement. */
export function expectedClients(
  cases: readonly CaseAtSite[],
  siteIds: readonly string[],
  today: string,
): ExpectedClient[] {
  const expected: ExpectedClient[] = [];
  for (const entry of cases) {
    for (const placement of entry.placements) {
      if (!siteIds.includes(placement.siteId) || !expectsOn(placement, today)) continue;
      const recorded = entry.sessions.filter((s) => s.date === today && s.siteId === placement.siteId);
      expected.push({ case: entry.case, placement, recorded });
    }
  }
  return expected.sort(
    (a, b) =>
      a.placement.startTime.localeCompare(b.placement.startTime) ||
      a.case.client.fullName.localeCompare(b.case.client.fullName),
  );
}

/**
 * The times an attendance form starts with: the placement's own hours. A session may not end in the
 * future (CR-NOT-FUTURE), so the form says when the scheduled end has not passed yet.
 */
export function attendanceDefaults(
  placement: Pick<Placement, 'startTime' | 'endTime'>,
  nowTime: string,
): { startTime: string; endTime: string; endsLater: boolean } {
  const end = parseTime(placement.endTime) ?? 0;
  const now = parseTime(nowTime) ?? 0;
  return { startTime: placement.startTime, endTime: placement.endTime, endsLater: end > now };
}

/** The current time `HH:mm` in an office's zone (the domain's own clock arithmetic). */
export const timeIn = (timeZone: string, now: Date): string =>
  toLocalDateTime(now, timeZone as OfficeTimeZone).time;

/** Today's date `YYYY-MM-DD` in an office's zone. */
export const dateIn = (timeZone: string, now: Date): string =>
  toLocalDateTime(now, timeZone as OfficeTimeZone).date;
