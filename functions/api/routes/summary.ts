import type * as z from 'zod';
import { officeSummary } from '../../actions/summary/office-summary';
import { minutesToHours } from '../../domain';
import type { InOffice } from '../../identity/grant';
import { access } from '../access';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { summarySchema } from '../schemas/summary';

/** Office-wide numbers: for the office's staff, the jaksa and the Kanwil; not for site supervisors. */
const SUMMARY_READERS = ['admin', 'officer', 'prosecutor', 'regional'] as const;

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
    const summary = await officeSummary(deps, grant);
    return {
      status: 200,
      body: {
        asOf: summary.asOf,
        casesByStatus: summary.casesByStatus,
        openCases: summary.openCases,
        hoursCreditedThisMonth: minutesToHours(summary.creditedMinutesThisMonth),
        casesDueIn30Days: summary.casesDueSoon,
        casesOffTrack: summary.casesOffTrack,
        openWarnings: summary.openWarnings,
        sessionsThisWeek: summary.weeks.at(-1)?.sessions ?? 0,
        weeks: summary.weeks.map((w) => ({
          weekStart: w.monday,
          hoursCredited: minutesToHours(w.creditedMinutes),
          sessions: w.sessions,
        })),
      },
    };
  },
});
