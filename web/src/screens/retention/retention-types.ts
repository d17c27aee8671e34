/** The retention dry run and log as the API gives them: type-only imports of the server's schemas. */
import type * as z from 'zod';
import type { retentionCaseSchema, retentionLogSchema } from '../../../../functions/api/schemas/retention';

export type RetentionCase = z.output<typeof retentionCaseSchema>;
export type RetentionStep = RetentionCase['steps'][number];
export type RetentionStepId = RetentionStep['id'];
export type RetentionAction = RetentionStep['action'];
export type RetentionLogEntry = z.output<typeof retentionLogSchema>;
