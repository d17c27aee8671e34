import { addDays, officeToday, OPEN_STATUSES, weekStart, type CaseStatus } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { Ports } from '../ports';

/** "Due soon" on the dashboard: deadline within this many days from today (overdue included). */
export const DUE_WITHIN_DAYS = 30;
/** Weeks in the hours-per-week chart, this one included. */
export const CHART_WEEKS = 8;

export interface OfficeSummary {
  /** Today in the office's time zone. */
  readonly asOf: string;
  readonly casesByStatus: Readonly<Record<CaseStatus, number>>;
  readonly openCases: number;
  readonly creditedMinutesThisMonth: number;
  readonly casesDueSoon: number;
  readonly casesOffTrack: number;
  readonly openWarnings: number;
  /** The chart's weeks, oldest first; the last one is this week. */
  readonly weeks: readonly { monday: string; creditedMinutes: number; sessions: number }[];
}

/**
 * The office dashboard's numbers, with a fixed number of reads whatever the office's size. "Today",
 * "this month" and "this week" are the office's, not UTC's: 07:30 WITA on the 1st is already the new month.
 */
export async function officeSummary(
  ports: Pick<Ports, 'summary' | 'now'>,
  grant: OfficeGrant,
): Promise<OfficeSummary> {
  const officeId = grant.office.id;
  const today = officeToday(grant.office, ports.now());
  const thisWeek = weekStart(today);
  const mondays = Array.from({ length: CHART_WEEKS }, (_, i) =>
    addDays(thisWeek, -7 * (CHART_WEEKS - 1 - i)),
  );
  const [counters, workList] = await Promise.all([
    ports.summary.counters(officeId, today.slice(0, 7), mondays),
    workListCounts(ports, officeId, today),
  ]);
  return {
    asOf: today,
    casesByStatus: counters.casesByStatus,
    openCases: openCasesIn(counters.casesByStatus),
    creditedMinutesThisMonth: counters.creditedMinutesInMonth,
    ...workList,
    openWarnings: counters.openWarnings,
    weeks: counters.weeks,
  };
}

/** Cases whose sentence still runs, from the counts by status. */
export const openCasesIn = (byStatus: Readonly<Record<CaseStatus, number>>): number =>
  OPEN_STATUSES.reduce((sum, s) => sum + byStatus[s], 0);

/**
 * An office's work-list counts as of its `today` (two count-only Queries, side by side): open cases
 * due within DUE_WITHIN_DAYS, overdue included, and open cases off track.
 */
export async function workListCounts(
  ports: Pick<Ports, 'summary'>,
  officeId: string,
  today: string,
): Promise<{ casesDueSoon: number; casesOffTrack: number }> {
  const [casesDueSoon, casesOffTrack] = await Promise.all([
    ports.summary.countDueBy(officeId, addDays(today, DUE_WITHIN_DAYS)),
    ports.summary.countOffTrack(officeId, today),
  ]);
  return { casesDueSoon, casesOffTrack };
}
