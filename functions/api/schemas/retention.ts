import * as z from 'zod';
import { RETENTION_RECORD_TYPES, RETENTION_STEPS } from '../../domain';
import { localDate } from './common';
import { pageQuery } from './paging';

/** `?through=` (default today plus the notice days) and the page. */
export const retentionQuery = pageQuery.extend({
  through: localDate
    .optional()
    .describe('List what is due by this office-local date (default: today + notice days)'),
});

const stepSchema = z
  .object({
    id: z.enum(RETENTION_STEPS).describe('The step, in the order the job takes them'),
    type: z.enum(RETENTION_RECORD_TYPES).describe('The record type whose period applies'),
    scope: z
      .enum(['case', 'client'])
      .describe("Whose clock: this case's closure, or the client's last closure"),
    action: z.enum(['delete', 'anonymise']),
    days: z.number().int().describe('The period in force, in days after that closure'),
    dueOn: z.iso.date().optional().describe('Absent while an open case of the client holds the step'),
    due: z.boolean().describe('Due on or before the through-date'),
    doneAt: z.string().optional().describe('When the job did it (ISO-8601 UTC instant)'),
  })
  .meta({ id: 'RetentionStep' });

export const retentionCaseSchema = z
  .object({
    caseId: z.string(),
    decisionNumber: z.string().optional().describe('While the case still has it'),
    closedOn: z.iso.date(),
    steps: z.array(stepSchema),
  })
  .meta({ id: 'RetentionCase' });

export const retentionLogSchema = z
  .object({
    id: z.string(),
    at: z.string().describe('ISO-8601 UTC instant the step was done'),
    caseId: z.string(),
    step: z.enum(RETENTION_STEPS),
    recordType: z.enum(RETENTION_RECORD_TYPES),
    action: z.enum(['delete', 'anonymise']),
    items: z.number().int().describe('Table items deleted or rewritten'),
    objects: z.number().int().describe('Bucket object versions deleted'),
    dueOn: z.iso.date(),
    periodDays: z.number().int().describe('The period in force'),
  })
  .meta({ id: 'RetentionLogEntry' });
