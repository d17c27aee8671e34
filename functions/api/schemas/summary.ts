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
