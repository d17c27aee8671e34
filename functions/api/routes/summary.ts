import type * as z from 'zod';
import { officeSummary } from '../../actions/summary/office-summary';
import { regionalSummary, type RegionalTotals } from '../../actions/summary/regional-summary';
import { minutesToHours } from '../../domain';
import type { InOffice, InRegion } from '../../identity/grant';
import { access } from '../access';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { regionalSummaryQuery, regionalSummarySchema, regionParams, summarySchema } from '../schemas/summary';

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

export const getRegionalSummary = defineRoute<
  z.infer<typeof regionParams>,
  z.infer<typeof regionalSummaryQuery>,
  unknown,
  InRegion
>({
  operationId: 'getRegionalSummary',
  method: 'GET',
  path: '/v1/regions/{regionId}/summary',
  summary:
    "The Kanwil's comparison: a page of the region's offices (and the totals of a one-page region), for a month",
  description:
    "One row per office of the region, in the order of their ids: cases by status, open cases, open warnings, due within 30 days and off track as of the office's today; hours credited and sessions recorded in the month. Paged (`limit`, `cursor`): a page costs a fixed number of reads whatever the region's size. `totals` adds the rows up when the first page is the whole region; a larger region's totals are the sum of its pages.",
  tags: ['summary'],
  access: access.region,
  params: regionParams,
  query: regionalSummaryQuery,
  responses: { 200: { description: "A page of the region's summary", schema: regionalSummarySchema } },
  async handle({ access: grant, query, deps }) {
    // The cursor is bound to the region (no office id looks like `R#…`) and to this list.
    const scope = { officeId: `R#${grant.regionId}`, list: 'regional-summary' };
    const startKey = await deps.cursors.decode(scope, query.cursor);
    const summary = await regionalSummary(deps, grant, {
      month: query.month,
      page: { limit: query.limit, ...(startKey ? { startKey } : {}) },
    });
    return {
      status: 200,
      body: {
        regionId: summary.regionId,
        month: summary.month,
        offices: summary.offices.map(({ officeId, name, asOf, ...figures }) => ({
          officeId,
          name,
          asOf,
          ...presentFigures(figures),
        })),
        ...(summary.totals ? { totals: presentFigures(summary.totals) } : {}),
        nextCursor: await deps.cursors.encode(scope, summary.lastKey),
      },
    };
  },
});

/** An office's or the region's figures as the API names them: hours, not minutes. */
function presentFigures(figures: RegionalTotals) {
  return {
    casesByStatus: figures.casesByStatus,
    openCases: figures.openCases,
    hoursCreditedInMonth: minutesToHours(figures.creditedMinutesInMonth),
    sessionsInMonth: figures.sessionsInMonth,
    openWarnings: figures.openWarnings,
    casesDueIn30Days: figures.casesDueSoon,
    casesOffTrack: figures.casesOffTrack,
  };
}
