import type * as z from 'zod';
import { addDays, OPEN_STATUSES, weekStart } from '../../domain';
import { access } from '../access';
import type { GuardResult } from '../guard';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { summarySchema } from '../schemas/summary';
import { officeToday } from '../office-context';

type InOffice = Extract<GuardResult, { kind: 'office' }>;

/** Office-wide numbers: for the office's staff, the jaksa and the Kanwil; not for site supervisors. */
const SUMMARY_READERS = ['admin', 'officer', 'prosecutor', 'regional'] as const;
/** "Due soon" on the dashboard: deadline within this many days from today (overdue included). */
const DUE_WITHIN_DAYS = 30;
/** Weeks in the hours-per-week chart, this one included. */
const CHART_WEEKS = 8;

export const getOfficeSummary = defineRoute<z.infer<typeof officeParams>, unknown, unknown, InOffice>({
  operationId: 'getOfficeSummary',
  method: 'GET',
  path: '/v1/offices/{officeId}/summary',
  summary:
    'Dashboard counts: cases by status, hours this month and per week, sessions this week, due soon, off track, open warnings',
  tags: ['summary'],
  access: access.office(SUMMARY_READERS),
  params: officeParams,
  responses: { 200: { description: 'The office summary', schema: summarySchema } },
  async handle({ access: grant, deps }) {
    const officeId = grant.office.id;
    // "This month" and "today" are the office's, not UTC's: 07:30 WITA on the 1st is already the new month.
    const today = officeToday(grant.office, deps.now());
    const thisWeek = weekStart(today);
    const mondays = Array.from({ length: CHART_WEEKS }, (_, i) =>
      addDays(thisWeek, -7 * (CHART_WEEKS - 1 - i)),
    );
    const [counters, dueSoon, offTrack] = await Promise.all([
      deps.summary.counters(officeId, today.slice(0, 7), mondays),
      deps.summary.countDueBy(officeId, addDays(today, DUE_WITHIN_DAYS)),
      deps.summary.countOffTrack(officeId, today),
    ]);
    return {
      status: 200,
      body: {
        asOf: today,
        casesByStatus: counters.casesByStatus,
        openCases: OPEN_STATUSES.reduce((sum, s) => sum + counters.casesByStatus[s], 0),
        hoursCreditedThisMonth: Math.round((counters.creditedMinutesThisMonth / 60) * 100) / 100,
        casesDueIn30Days: dueSoon,
        casesOffTrack: offTrack,
        openWarnings: counters.openWarnings,
        sessionsThisWeek: counters.weeks.at(-1)?.sessions ?? 0,
        weeks: counters.weeks.map((w) => ({
          weekStart: w.monday,
          hoursCredited: Math.round((w.creditedMinutes / 60) * 100) / 100,
          sessions: w.sessions,
        })),
      },
    };
  },
});
