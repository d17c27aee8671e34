import * as z from 'zod';
import { CASE_STATUSES } from '../../domain';

export const summarySchema = z
  .object({
    asOf: z.string().describe('Today in the office’s time zone'),
    casesByStatus: z.record(z.enum(CASE_STATUSES), z.number().int()),
    openCases: z.number().int(),
    hoursCreditedThisMonth: z.number(),
    casesDueIn30Days: z
      .number()
      .int()
      .describe('Open cases with a deadline on or before today + 30, overdue included'),
    casesOffTrack: z.number().int(),
    openWarnings: z.number().int(),
    sessionsThisWeek: z
      .number()
      .int()
      .describe('Sessions recorded for work in this ISO week (Monday to Sunday)'),
    weeks: z
      .array(z.object({ weekStart: z.string(), hoursCredited: z.number(), sessions: z.number().int() }))
      .describe('The last 8 ISO weeks, oldest first, by the date the work was done'),
  })
  .meta({ id: 'OfficeDashboardSummary' });

/** A region id, as in `/v1/regions/{regionId}` (a short slug, like an office id). */
export const regionParams = z.object({
  regionId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'A region id is lower-case letters, digits and dashes.'),
});

/**
 * Offices on a page of the regional summary at most: the use case's REGION_PAGE_MAX (three counter
 * keys an office, one BatchGet of 100 keys a page), restated so the dashboard's types need no use case.
 */
const REGION_PAGE_MAX = 33;

export const regionalSummaryQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a YYYY-MM month.')
    .optional()
    .describe(
      "The month of the hours and sessions (`YYYY-MM`, by each office's clock); by default the current one. A later month answers 400. A cursor carries the month of its first page: leave `month` out when following it.",
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(REGION_PAGE_MAX)
    .default(REGION_PAGE_MAX)
    .describe(
      `Offices on a page, at most ${REGION_PAGE_MAX} (their counters are one read); a page costs 3 + 2 × its offices DynamoDB reads`,
    ),
  cursor: z.string().max(4096).optional().describe('`nextCursor` of the previous page'),
});

/** The figures an office row and the region's totals share. */
const regionalFigures = {
  casesByStatus: z.record(z.enum(CASE_STATUSES), z.number().int()),
  openCases: z.number().int(),
  hoursCreditedInMonth: z.number().describe('Hours credited by the sessions recorded in the month'),
  sessionsInMonth: z
    .number()
    .int()
    .describe('Sessions recorded in the month; a session counts once, however often it is edited'),
  openWarnings: z.number().int(),
  casesDueIn30Days: z
    .number()
    .int()
    .describe("Open cases with a deadline on or before the office's today + 30, overdue included"),
  casesOffTrack: z.number().int(),
};

export const regionalSummarySchema = z
  .object({
    regionId: z.string(),
    month: z.string().describe('The month of the hours and sessions (`YYYY-MM`)'),
    offices: z
      .array(
        z
          .object({
            officeId: z.string(),
            name: z.string(),
            asOf: z
              .string()
              .describe("Today in the office's time zone: the day of every figure but the month's"),
            ...regionalFigures,
          })
          .meta({ id: 'RegionalOfficeFigures' }),
      )
      .describe("The page's offices, in the order of their ids"),
    totals: z
      .object(regionalFigures)
      .describe(
        "The offices' figures summed: only when this page is the whole region (no cursor asked, none given). Otherwise add up the pages' offices.",
      )
      .meta({ id: 'RegionalTotals' })
      .optional(),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next page of offices (of the same month); null on the last page'),
  })
  .meta({ id: 'RegionalSummary' });
